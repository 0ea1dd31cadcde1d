import { describe, expect, it } from '@jest/globals';
import { ProfileInputSchema, ProfileSchema } from '@ai-chef/contracts';
import type { ProfileInput } from '@ai-chef/contracts';
import { getCatalog } from './catalog.js';
import { normalizeProfile } from './profile-normalizer.js';

function normalize(input: ProfileInput) {
  return normalizeProfile(ProfileInputSchema.parse(input), getCatalog());
}

function profileOf(input: ProfileInput) {
  const result = normalize(input);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.profile;
}

describe('normalizeProfile', () => {
  it('fills defaults and returns a valid stored profile', () => {
    const profile = profileOf({});
    expect(profile).toEqual({
      target: 'general',
      allergies: [],
      healthConditions: [],
      cookingLevel: 'beginner',
      budget: 30000,
      servings: 2,
      fridgeIngredients: [],
      dislikes: [],
      pantry: 'basic',
      language: 'ko',
    });
    expect(ProfileSchema.safeParse(profile).success).toBe(true);
  });

  it('maps allergen keys and their Korean or English names to the key, de-duplicated in order', () => {
    const profile = profileOf({
      allergies: ['난류', 'egg', '계란', '우유', 'Peanuts', '새우', ' 밀 ', 'pine_nut', '잣'],
    });
    expect(profile.allergies).toEqual(['egg', 'milk', 'peanut', 'shrimp', 'wheat', 'pine_nut']);
  });

  it('maps other foods to catalog ingredient ids (kiwi excludes kiwi)', () => {
    const profile = profileOf({ allergies: ['키위', 'kiwi', '아보카도', 'shrimp'] });
    expect(profile.allergies).toEqual(['kiwi', 'avocado', 'shrimp']);
  });

  it('rejects an unknown allergy with suggestions from the allergens and the catalog', () => {
    const result = normalize({ allergies: ['땅꽁', '스마트폰'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unknown_allergen');
    expect(result.error.message).toContain('땅꽁');
    expect(result.error.details).toHaveLength(2);
    const [peanut, phone] = result.error.details;
    expect(peanut).toMatchObject({ field: 'allergies', input: '땅꽁' });
    expect(peanut?.suggestions[0]).toBe('peanut');
    expect(peanut?.suggestions).toContain('땅콩');
    expect(phone).toEqual({ field: 'allergies', input: '스마트폰', suggestions: [] });
  });

  it('suggests English names for English input', () => {
    const result = normalize({ allergies: ['shrimps and stuff'] });
    expect(result.ok).toBe(false);
    const typo = normalize({ allergies: ['peanutt'] });
    if (typo.ok) throw new Error('expected an error');
    expect(typo.error.details[0]?.suggestions[0]).toBe('peanut');
    expect(typo.error.details[0]?.suggestions).toContain('Peanut');
  });

  it('maps fridge items to ingredient ids and rejects unknown ones with suggestions', () => {
    const profile = profileOf({
      target: 'fridge',
      fridgeIngredients: ['계란', '달걀', '대파', '다진 마늘', 'Onion', '두부'],
    });
    expect(profile.fridgeIngredients).toEqual(['egg', 'green_onion', 'garlic', 'onion', 'tofu']);

    const result = normalize({ fridgeIngredients: ['양파', '앙파', '브로컬리'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unknown_ingredient');
    expect(result.error.details.map((d) => d.input)).toEqual(['앙파', '브로컬리']);
    expect(result.error.details[0]?.field).toBe('fridgeIngredients');
    expect(result.error.details[0]?.suggestions[0]).toBe('양파');
    expect(result.error.details[1]?.suggestions[0]).toBe('브로콜리');
  });

  it('reports unknown allergies before unknown fridge items', () => {
    const result = normalize({ allergies: ['뭐든지'], fridgeIngredients: ['스마트폰'] });
    expect(result.ok ? undefined : result.error.code).toBe('unknown_allergen');
  });

  it('stores dislikes as catalog ingredients or whole shelves, and refuses other words with suggestions', () => {
    const profile = profileOf({ dislikes: ['오이', ' cucumber ', '고수', '해산물', 'seafood'] });
    expect(profile.dislikes).toEqual(['cucumber', 'cilantro', 'category:seafood']);
    const refused = normalize({ dislikes: ['매운 음식', '오이ㅣ'] });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('unknown_ingredient');
      expect(refused.error.details.map((detail) => detail.input)).toEqual(['매운 음식', '오이ㅣ']);
      expect(refused.error.details[1]?.suggestions).toContain('오이');
    }
  });

  it('keeps the basic pantry or the person’s own list of catalog ingredients', () => {
    expect(profileOf({}).pantry).toBe('basic');
    expect(profileOf({ pantry: ['간장', 'soy sauce', '참기름'] }).pantry).toEqual(['soy_sauce', 'sesame_oil']);
    expect(profileOf({ pantry: [] }).pantry).toEqual([]);
    const refused = normalize({ pantry: ['마법가루'] });
    expect(refused.ok ? undefined : refused.error.code).toBe('unknown_ingredient');
  });

  it('names the health conditions the rules act on in English', () => {
    const profile = profileOf({ healthConditions: ['제2형 당뇨', 'Diabetes', 'high-blood-pressure', '통풍', '임신성 당뇨'] });
    expect(profile.healthConditions).toEqual(['diabetes', 'hypertension', '통풍', 'pregnancy']);
  });

  it('passes the other fields through', () => {
    const profile = profileOf({
      target: 'baby_food',
      babyAgeMonths: 8,
      cookingLevel: '중급',
      budget: 15000,
      servings: 1,
      language: 'en',
    });
    expect(profile).toMatchObject({
      target: 'baby_food',
      babyAgeMonths: 8,
      cookingLevel: 'intermediate',
      budget: 15000,
      servings: 1,
      language: 'en',
    });
    expect(ProfileSchema.safeParse(profile).success).toBe(true);
  });
});

import { profileWithDefaults } from '@ai-chef/contracts';
import { describe, expect, it } from '@jest/globals';
import type { Profile, RecipeDraft } from '@ai-chef/contracts';
import { resolveDraft } from './recipe-resolver.js';

const profile: Profile = profileWithDefaults();

const draft: RecipeDraft = {
  recipeName: '두부조림',
  description: '간장에 조린 두부',
  cookingTime: 25,
  difficulty: 'easy',
  servings: 2,
  ingredients: [
    { name: '두부', amount: '1', unit: '모' },
    { name: '대파', amount: '1/2', unit: '대' },
    { name: '간장', amount: '2', unit: '큰술' },
    { name: '다진 마늘', amount: '1', unit: '작은술' },
    { name: '식용유', amount: '1', unit: '큰술' },
  ],
  instructions: ['두부를 부칩니다.', '양념장을 붓고 조립니다.'],
  targetNotes: '',
};

describe('resolveDraft', () => {
  it('resolves every line to the catalog, weighs it and checks the rules', () => {
    const { recipe, nutrition, problems } = resolveDraft(draft, profile);
    expect(problems).toEqual([]);
    expect(recipe.ingredients.map((line) => [line.ingredientId, line.grams])).toEqual([
      ['tofu', 300],
      ['green_onion', 35],
      ['soy_sauce', 36],
      ['garlic', 3.3],
      ['vegetable_oil', 13.8],
    ]);
    expect(recipe.language).toBe('ko');
    expect(nutrition.perServing.protein).toBeGreaterThan(10);
    expect(nutrition.checks.map((check) => check.rule)).toEqual([
      'general.calories',
      'cooking_level.time',
      'cooking_level.difficulty',
    ]);
  });

  it('turns an unknown ingredient into a problem with suggestions, not a crash', () => {
    const withUnknown = {
      ...draft,
      ingredients: [
        ...draft.ingredients,
        { name: '드래곤 비늘', amount: '1', unit: '개' },
        { name: '두뷰', amount: '1', unit: '모' },
      ],
    };
    const { recipe, problems } = resolveDraft(withUnknown, profile);
    expect(recipe.ingredients).toHaveLength(draft.ingredients.length);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('드래곤 비늘');
    expect(problems[1]).toContain('두부');
  });

  it('turns an amount or unit it cannot weigh into a problem', () => {
    const odd = {
      ...draft,
      ingredients: [
        ...draft.ingredients,
        { name: '감자', amount: '2', unit: 'bushel' },
        { name: '양파', amount: 'lots', unit: '개' },
      ],
    };
    const { recipe, problems } = resolveDraft(odd, { ...profile, language: 'en' });
    expect(recipe.ingredients).toHaveLength(draft.ingredients.length);
    expect(problems).toEqual([
      expect.stringContaining('Cannot weigh "2 bushel" of 감자'),
      expect.stringContaining('Cannot weigh "lots 개" of 양파'),
    ]);
  });

  it('reports the reasons of broken rules as problems', () => {
    const allergic = { ...profile, allergies: ['soybean'], cookingLevel: 'beginner' as const };
    const slow = { ...draft, cookingTime: 45 };
    const { nutrition, problems } = resolveDraft(slow, allergic);
    expect(nutrition.checks.filter((check) => !check.ok).map((check) => check.rule)).toEqual([
      'allergy.soybean',
      'cooking_level.time',
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('두부');
    expect(problems[1]).toContain('45');
  });
});

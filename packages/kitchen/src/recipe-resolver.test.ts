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
    { name: '간장', amount: '1', unit: '큰술' },
    { name: '다진 마늘', amount: '1', unit: '작은술' },
    { name: '식용유', amount: '1', unit: '큰술' },
    { name: '밥', amount: '2', unit: '공기' },
  ],
  instructions: [
    '두부는 도톰하게 썰고 대파는 송송 썹니다.',
    '팬에 식용유를 두르고 두부를 노릇하게 부칩니다.',
    '간장, 다진 마늘, 물 4큰술을 섞어 붓고 대파를 올려 조립니다.',
    '밥과 함께 냅니다.',
  ],
  targetNotes: '',
};

describe('resolveDraft', () => {
  it('resolves every line to the catalog, weighs it and checks the rules', () => {
    const { recipe, nutrition, problems } = resolveDraft(draft, profile);
    expect(problems).toEqual([]);
    expect(recipe.ingredients.map((line) => [line.ingredientId, line.grams])).toEqual([
      ['tofu', 300],
      ['green_onion', 35],
      ['soy_sauce', 18],
      ['garlic', 3.3],
      ['vegetable_oil', 13.8],
      ['cooked_rice', 420],
    ]);
    expect(recipe.language).toBe('ko');
    expect(nutrition.perServing.protein).toBeGreaterThan(10);
    expect(nutrition.checks.map((check) => check.rule)).toEqual([
      'general.calories',
      'cooking_level.time',
      'cooking_level.difficulty',
      'meal.calories',
      'meal.rice',
      'sodium',
      'recipe.unlisted_ingredient',
      'recipe.unused_ingredient',
      'recipe.counts',
    ]);
    // The list shows the catalog's names, not the model's words.
    expect(recipe.ingredients.map((line) => line.name)).toEqual(['두부', '대파', '간장', '마늘', '식용유', '밥']);
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

describe('resolveDraft reads every word the model wrote', () => {
  const allergic = { ...profile, allergies: ['peanut'] };

  it('sends back a line that hides another food in a bracket, and the allergy finds it once listed', () => {
    const hidden = {
      ...draft,
      ingredients: [{ name: '두부(땅콩버터 2큰술 포함)', amount: '1', unit: '모' }, ...draft.ingredients.slice(1)],
    };
    const { recipe, problems } = resolveDraft(hidden, allergic);
    expect(recipe.ingredients[0]?.name).toBe('두부');
    expect(problems.some((problem) => problem.includes('땅콩버터') && problem.includes('한 줄씩'))).toBe(true);
  });

  it('finds an allergen named only in a step or the description', () => {
    const inStep = { ...draft, instructions: [...draft.instructions, '땅콩버터를 넣고 고루 섞습니다.'] };
    expect(resolveDraft(inStep, allergic).nutrition.checks.find((check) => check.rule === 'allergy.peanut')?.ok).toBe(false);
    const inDescription = { ...draft, description: '땅콩 소스를 곁들인 두부조림' };
    expect(resolveDraft(inDescription, allergic).problems.some((problem) => problem.includes('땅콩'))).toBe(true);
  });
});

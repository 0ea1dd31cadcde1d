import { describe, expect, it } from '@jest/globals';
import { broken, checksFor, find } from '../rules.test-kit.js';

describe('allergies are checked in every word served', () => {
  it('finds a hidden source in the lines (간장 → soybean, wheat)', () => {
    expect(find(checksFor(['tofu', 'soy_sauce'], { allergies: ['wheat'] }), 'allergy.wheat')).toMatchObject({
      kind: 'none',
      limit: 0,
      value: 1,
      ok: false,
    });
  });

  it('finds the allergen in a step, the description, the name and the notes', () => {
    const peanut = { allergies: ['peanut'] };
    expect(broken(checksFor(['tofu'], peanut, {}, { instructions: ['두부에 땅콩버터를 넣고 섞습니다.'] }))).toContain('allergy.peanut');
    expect(broken(checksFor(['tofu'], peanut, {}, { description: 'Tofu with peanut sauce' }))).toContain('allergy.peanut');
    expect(broken(checksFor(['tofu'], peanut, {}, { recipeName: '땅콩 두부조림' }))).toContain('allergy.peanut');
    expect(broken(checksFor(['tofu'], peanut, {}, { targetNotes: '땅콩을 뿌려도 좋습니다' }))).toContain('allergy.peanut');
    expect(broken(checksFor(['tofu'], peanut))).not.toContain('allergy.peanut');
  });

  it('takes an ingredient as an allergy (kiwi excludes kiwi)', () => {
    expect(broken(checksFor(['kiwi'], { allergies: ['kiwi'] }))).toContain('allergy.kiwi');
  });
});

describe('dislikes are ingredients or whole shelves', () => {
  it('finds a disliked ingredient and a disliked shelf', () => {
    expect(broken(checksFor(['tofu', 'onion'], { dislikes: ['onion'] }))).toContain('dislike.onion');
    expect(broken(checksFor(['tofu', 'shrimp'], { dislikes: ['category:seafood'] }))).toContain('dislike.category:seafood');
    expect(broken(checksFor(['tofu'], { dislikes: ['category:seafood'] }, {}, { instructions: ['두부와 오징어를 볶습니다.'] }))).toContain(
      'dislike.category:seafood',
    );
  });
});

describe('cooking level', () => {
  it('a beginner gets 30 minutes and easy dishes; an advanced cook no limit', () => {
    const beginner = checksFor(['tofu'], { cookingLevel: 'beginner' }, {}, { cookingTime: 40, difficulty: 'medium' });
    expect(find(beginner, 'cooking_level.time')).toMatchObject({ kind: 'max', limit: 30, value: 40, ok: false });
    expect(find(beginner, 'cooking_level.difficulty')).toMatchObject({ kind: 'max', limit: '쉬움', value: '보통', ok: false });
    expect(checksFor(['tofu'], {}).some((check) => check.rule.startsWith('cooking_level'))).toBe(false);
  });
});

describe('a whole meal', () => {
  it('gives at least 350 kcal (250 for diet)', () => {
    expect(find(checksFor(['tofu'], {}, { calories: 57 }), 'meal.calories')).toMatchObject({ kind: 'min', limit: 350, ok: false });
    expect(find(checksFor(['tofu'], { target: 'diet' }, { calories: 260, protein: 25 }), 'meal.calories').ok).toBe(true);
  });

  it('counts the rice it lists, at most 140 g for diabetes and diet, 210 g otherwise', () => {
    const rice = (grams: number) => ({
      ingredients: [
        { name: '두부', amount: '200', unit: 'g', ingredientId: 'tofu', grams: 200 },
        { name: '밥', amount: String(grams), unit: 'g', ingredientId: 'cooked_rice', grams },
      ],
      instructions: ['두부를 부쳐 밥과 냅니다.'],
    });
    expect(find(checksFor([], {}, {}, rice(400)), 'meal.rice')).toMatchObject({ limit: 210, value: 200, ok: true });
    expect(find(checksFor([], { target: 'diabetes' }, {}, rice(400)), 'meal.rice')).toMatchObject({ limit: 140, ok: false });
  });
});

describe('the text matches the list', () => {
  it('finds a step naming an unlisted ingredient, and a listed one no step uses', () => {
    const unlisted = checksFor(['tofu'], {}, {}, { instructions: ['두부에 달걀을 입혀 부칩니다.'] });
    expect(find(unlisted, 'recipe.unlisted_ingredient')).toMatchObject({ value: 1, ok: false });
    const unused = checksFor(['tofu', 'carrot'], {}, {}, { instructions: ['두부를 부칩니다.'] });
    expect(find(unused, 'recipe.unused_ingredient')).toMatchObject({ value: 1, ok: false });
  });

  it('reads a shorter name as the listed one (마늘 for 다진 마늘) but not a part for the whole (노른자 for 달걀)', () => {
    expect(broken(checksFor(['egg'], {}, {}, { instructions: ['노른자만 얹습니다.'] }))).toContain('recipe.unlisted_ingredient');
    expect(broken(checksFor(['cheongyang_pepper'], {}, {}, { instructions: ['고추를 썹니다.'] }))).not.toContain(
      'recipe.unlisted_ingredient',
    );
  });

  it('finds a count in a step that differs from the list', () => {
    const one = {
      ingredients: [{ name: '달걀', amount: '1', unit: '개', ingredientId: 'egg', grams: 50 }],
      instructions: ['달걀 2개를 부칩니다.'],
    };
    expect(find(checksFor([], {}, {}, one), 'recipe.counts')).toMatchObject({ value: 1, ok: false });
    const english = {
      language: 'en' as const,
      ingredients: [{ name: 'Egg', amount: '1', unit: '', ingredientId: 'egg', grams: 50 }],
      instructions: ['Fry two eggs.'],
    };
    expect(broken(checksFor([], { language: 'en' }, {}, english))).toContain('recipe.counts');
    expect(broken(checksFor([], {}, {}, { ...one, instructions: ['달걀 1개를 부칩니다.'] }))).not.toContain('recipe.counts');
  });
});

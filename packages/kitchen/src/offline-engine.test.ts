import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ALLERGEN_KEYS,
  COOKING_LEVELS,
  LANGUAGES,
  NutritionSchema,
  RecipeSchema,
  TARGETS,
  allergenKeyFor,
  profileWithDefaults,
} from '@ai-chef/contracts';
import type { Profile, Recipe } from '@ai-chef/contracts';
import { getCatalog } from './catalog.js';
import { computeNutrition } from './nutrition.js';
import {
  NoRecipePossibleError,
  adaptBaseRecipe,
  formatAmount,
  generateOfflineRecipe,
  offlineCandidates,
} from './offline-engine.js';
import type { OfflineRecipe } from './offline-engine.js';
import { babyStageFor, brokenRules, checkRecipe, dislikeMatches, notesNameStage } from './rules.js';

const catalog = getCatalog();
const ids = catalog.all().map((ingredient) => ingredient.id);

function profileOf(overrides: Partial<Profile> = {}): Profile {
  return profileWithDefaults({ ...overrides });
}

const profileArbitrary = (withExclusions: boolean) =>
  fc
    .record({
      target: fc.constantFrom(...TARGETS),
      allergies: withExclusions
        ? fc.uniqueArray(fc.constantFrom<string>(...ALLERGEN_KEYS), { maxLength: 3 })
        : fc.constant<string[]>([]),
      dislikes: withExclusions
        ? fc.uniqueArray(
            fc.oneof(
              fc.constantFrom(...ids),
              fc.constantFrom('오이', '파', '고수', '양파', 'cilantro', '버섯'),
            ),
            { maxLength: 3 },
          )
        : fc.constant<string[]>([]),
      healthConditions: fc.subarray(['diabetes', '고혈압', 'asthma']),
      servings: fc.integer({ min: 1, max: 12 }),
      cookingLevel: fc.constantFrom(...COOKING_LEVELS),
      babyAgeMonths: fc.integer({ min: 4, max: 36 }),
      fridgeIngredients: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 10 }),
      language: fc.constantFrom(...LANGUAGES),
      budget: fc.integer({ min: 1000, max: 100000 }),
    })
    .map((fields): Profile => ({ ...fields }));

/** Checks a result independently of the engine: nutrition, rules, allergens and dislikes. */
function expectSound(result: OfflineRecipe, profile: Profile): void {
  const { recipe, nutrition } = result;
  expect(RecipeSchema.strict().parse(recipe)).toEqual(recipe);
  expect(NutritionSchema.parse(nutrition)).toEqual(nutrition);
  expect(recipe.servings).toBe(profile.servings);
  expect(recipe.language).toBe(profile.language);
  const { checks, ...computed } = nutrition;
  expect(computeNutrition(recipe.ingredients, recipe.servings, catalog)).toEqual(computed);
  expect(checkRecipe(recipe, computed, profile, catalog)).toEqual(checks);
  expect(brokenRules(checks)).toEqual([]);
  const allergenKeys = profile.allergies.map((entry) => allergenKeyFor(entry));
  for (const line of recipe.ingredients) {
    const ingredient = catalog.get(line.ingredientId);
    expect(ingredient).toBeDefined();
    if (ingredient === undefined) continue;
    expect(line.grams).toBeGreaterThan(0);
    expect(ingredient.allergens.filter((key) => allergenKeys.includes(key))).toEqual([]);
    expect(profile.allergies).not.toContain(ingredient.id);
    expect(
      profile.dislikes.filter((entry) => dislikeMatches(entry, ingredient, ingredient.id, catalog)),
    ).toEqual([]);
  }
  if (profile.target === 'baby_food' && profile.babyAgeMonths !== undefined) {
    expect(notesNameStage(recipe.targetNotes, babyStageFor(profile.babyAgeMonths))).toBe(true);
  }
}

describe('generateOfflineRecipe (properties)', () => {
  it('returns a recipe that breaks no rule and holds no allergen or dislike, or throws NoRecipePossibleError', () => {
    fc.assert(
      fc.property(profileArbitrary(true), (profile) => {
        let result: OfflineRecipe;
        try {
          result = generateOfflineRecipe(profile, catalog);
        } catch (error) {
          expect(error).toBeInstanceOf(NoRecipePossibleError);
          expect((error as NoRecipePossibleError).reasons.length).toBeGreaterThan(0);
          return;
        }
        expectSound(result, profile);
      }),
      { numRuns: 400 },
    );
  });

  it('always finds a recipe when the profile has no allergies or dislikes', () => {
    fc.assert(
      fc.property(profileArbitrary(false), (profile) => {
        expectSound(generateOfflineRecipe(profile, catalog), profile);
      }),
      { numRuns: 400 },
    );
  });

  it('finds a recipe for every target, every baby age, every cooking level and both languages', () => {
    for (const target of TARGETS) {
      for (const cookingLevel of COOKING_LEVELS) {
        for (const language of LANGUAGES) {
          const ages =
            target === 'baby_food' ? Array.from({ length: 33 }, (_, index) => index + 4) : [undefined];
          for (const babyAgeMonths of ages) {
            const profile = profileOf({
              target,
              cookingLevel,
              language,
              ...(babyAgeMonths === undefined ? {} : { babyAgeMonths }),
            });
            expectSound(generateOfflineRecipe(profile, catalog), profile);
          }
        }
      }
    }
  });
});

describe('generateOfflineRecipe (behaviour)', () => {
  it('is deterministic for a profile, and different profiles may get different dishes', () => {
    const profile = profileOf({ target: 'general', servings: 3 });
    expect(generateOfflineRecipe(profile, catalog)).toEqual(generateOfflineRecipe({ ...profile }, catalog));
    const names = new Set(
      Array.from(
        { length: 12 },
        (_, servings) =>
          generateOfflineRecipe(profileOf({ servings: servings + 1 }), catalog).recipe.recipeName,
      ),
    );
    expect(names.size).toBeGreaterThan(1);
  });

  it('is fast once the base is parsed', () => {
    generateOfflineRecipe(profileOf(), catalog);
    const profiles = TARGETS.map((target) =>
      profileOf({ target, babyAgeMonths: 9, fridgeIngredients: ['egg', 'cabbage', 'tofu'] }),
    );
    const started = performance.now();
    for (let round = 0; round < 40; round++)
      for (const profile of profiles) generateOfflineRecipe(profile, catalog);
    expect((performance.now() - started) / (40 * profiles.length)).toBeLessThan(5);
  });

  it('names the baby stage in the notes, in the profile language', () => {
    const puree = generateOfflineRecipe(profileOf({ target: 'baby_food', babyAgeMonths: 5 }), catalog).recipe;
    expect(puree.targetNotes.startsWith('4–6개월 (퓨레)')).toBe(true);
    const mashed = generateOfflineRecipe(
      profileOf({ target: 'baby_food', babyAgeMonths: 7, language: 'en' }),
      catalog,
    ).recipe;
    expect(mashed.targetNotes.startsWith('7–8 months (mashed)')).toBe(true);
    const family = generateOfflineRecipe(
      profileOf({ target: 'baby_food', babyAgeMonths: 24 }),
      catalog,
    ).recipe;
    expect(family.targetNotes).toContain('12–36개월');
  });

  it('scales to the servings', () => {
    const one = adaptBaseRecipe('kimchi-jjigae', profileOf({ servings: 1 }), catalog);
    const six = adaptBaseRecipe('kimchi-jjigae', profileOf({ servings: 6 }), catalog);
    const grams = (recipe: Recipe | undefined, id: string) =>
      recipe?.ingredients.find((line) => line.ingredientId === id)?.grams;
    expect(grams(one?.recipe, 'kimchi')).toBe(125);
    expect(grams(six?.recipe, 'kimchi')).toBe(750);
    expect(six?.recipe.ingredients.find((line) => line.ingredientId === 'tofu')?.amount).toBe('1 1/2');
  });

  it('prefers a recipe whose reference cost fits the budget', () => {
    for (const target of ['general', 'diet', 'keto', 'diabetes'] as const) {
      const profile = profileOf({ target, budget: 6000, cookingLevel: 'advanced', servings: 4 });
      const candidates = offlineCandidates(profile, catalog);
      const chosen = generateOfflineRecipe(profile, catalog);
      const chosenCost = candidates.find(
        (candidate) => candidate.recipe.recipeName === chosen.recipe.recipeName,
      )?.cost;
      if (candidates.some((candidate) => candidate.cost <= profile.budget))
        expect(chosenCost).toBeLessThanOrEqual(profile.budget);
    }
  });
});

describe('adapting a recipe to the profile', () => {
  it('swaps butter for an oil with a milk allergy, in the list, the steps and the notes', () => {
    const adapted = adaptBaseRecipe(
      'cheese-egg-roll-keto',
      profileOf({ target: 'keto', allergies: ['milk'] }),
      catalog,
    );
    expect(adapted).toBeUndefined(); // the cheese is the dish
    const grilled = adaptBaseRecipe(
      'chicken-thigh-butter-grill',
      profileOf({ target: 'keto', allergies: ['milk'] }),
      catalog,
    );
    const ids = grilled?.recipe.ingredients.map((line) => line.ingredientId);
    expect(ids).not.toContain('butter');
    // Olive oil is in the dish already, so the next oil on the list stands in for the butter.
    expect(ids).toEqual(expect.arrayContaining(['olive_oil', 'vegetable_oil']));
    expect(grilled?.recipe.instructions.join(' ')).not.toContain('버터');
    expect(grilled?.recipe.instructions.join(' ')).toContain('식용유와 다진 마늘');
    expect(grilled?.recipe.targetNotes).toContain('버터 대신 식용유를 씁니다 (우유 알레르기)');
    const steak = adaptBaseRecipe(
      'salmon-avocado-salad',
      profileOf({ target: 'keto', allergies: ['milk'], language: 'en' }),
      catalog,
    );
    expect(steak?.recipe.targetNotes).not.toContain('replaces');
  });

  it('fixes the particle after a swapped name (새우젓과 → 소금과)', () => {
    const adapted = adaptBaseRecipe('gyeran-jjim', profileOf({ allergies: ['shrimp'] }), catalog);
    expect(adapted?.recipe.instructions[0]).toBe('달걀을 곱게 풀어 물과 소금을 섞습니다.');
  });

  it('replaces added sugar for diabetes and drops an optional disliked item', () => {
    const sweet = adaptBaseRecipe(
      'dakbokkeumtang',
      profileOf({ healthConditions: ['당뇨'], cookingLevel: 'advanced' }),
      catalog,
    );
    expect(sweet?.recipe.ingredients.map((line) => line.ingredientId)).toContain('allulose');
    expect(brokenRules(sweet?.nutrition.checks ?? []).map((check) => check.rule)).not.toContain(
      'diabetes.added_sugar',
    );
    const mild = adaptBaseRecipe(
      'doenjang-jjigae',
      profileOf({ dislikes: ['cheongyang_pepper', '감자'] }),
      catalog,
    );
    const lines = mild?.recipe.ingredients.map((line) => line.ingredientId);
    expect(lines).not.toContain('cheongyang_pepper');
    expect(lines).toContain('green_chili');
    expect(lines).not.toContain('potato');
    expect(mild?.recipe.targetNotes).toContain('청양고추 대신 풋고추를 씁니다 (싫어하는 재료).');
    expect(mild?.recipe.targetNotes).toContain('감자는 넣지 않습니다 (싫어하는 재료).');
    expect(mild?.recipe.instructions[1]).toBe('감자(생략), 애호박, 양파는 한입 크기로, 두부는 깍둑 썹니다.');
  });

  it('rules out a dish whose main ingredient is an allergen', () => {
    expect(adaptBaseRecipe('tofu-jorim', profileOf({ allergies: ['soybean'] }), catalog)).toBeUndefined();
    expect(adaptBaseRecipe('no-such-recipe', profileOf(), catalog)).toBeUndefined();
  });

  it('halves salty seasonings for hypertension', () => {
    const plain = adaptBaseRecipe('kongnamul-guk', profileOf(), catalog);
    const reduced = adaptBaseRecipe(
      'kongnamul-guk',
      profileOf({ healthConditions: ['hypertension'] }),
      catalog,
    );
    expect(reduced?.nutrition.perServing.sodium).toBeLessThan(
      (plain?.nutrition.perServing.sodium ?? 0) * 0.75,
    );
    expect(reduced?.recipe.targetNotes).toContain('짠 양념을 절반으로');
  });

  it('works fridge items into a dish and says so', () => {
    const profile = profileOf({ target: 'fridge', fridgeIngredients: ['tofu', 'aehobak', 'enoki', 'onion'] });
    const adapted = adaptBaseRecipe('doenjang-jjigae', profile, catalog);
    expect(adapted?.recipe.ingredients.map((line) => line.ingredientId)).toContain('enoki');
    expect(adapted?.recipe.instructions.join(' ')).toContain('냉장고의 팽이버섯을');
    expect(brokenRules(adapted?.nutrition.checks ?? [])).toEqual([]);
  });

  it('takes a substitute from the fridge when it can, and builds a fridge dish around it', () => {
    const profile = profileOf({
      target: 'fridge',
      fridgeIngredients: ['potato_starch'],
      allergies: ['wheat'],
    });
    const { recipe, nutrition } = generateOfflineRecipe(profile, catalog);
    expect(recipe.ingredients.map((line) => line.ingredientId)).toContain('potato_starch');
    expect(recipe.instructions.join(' ')).not.toContain('{extra}');
    expect(recipe.targetNotes).toContain('밀가루 대신 감자전분을 씁니다 (밀 알레르기)');
    expect(brokenRules(nutrition.checks)).toEqual([]);
  });

  it('prefers a dish the fridge items suit (a salad for fruit and yoghurt, not a stir-fry)', () => {
    const { recipe } = generateOfflineRecipe(
      profileOf({ target: 'fridge', fridgeIngredients: ['apple', 'greek_yogurt', 'walnut'] }),
      catalog,
    );
    expect(recipe.recipeName).toBe('냉장고 샐러드 볼');
  });

  it('writes English names and units for an English profile', () => {
    const adapted = adaptBaseRecipe('doenjang-jjigae', profileOf({ language: 'en' }), catalog);
    const paste = adapted?.recipe.ingredients.find((line) => line.ingredientId === 'doenjang');
    expect(paste).toMatchObject({
      name: catalog.get('doenjang')?.nameEn,
      amount: '1 1/2',
      unit: 'tbsp',
      grams: 27,
    });
    expect(adapted?.recipe.recipeName).toBe('Soybean paste stew');
  });
});

describe('NoRecipePossibleError', () => {
  it('explains why no recipe can pass', () => {
    const profile = profileOf({
      target: 'keto',
      allergies: ['pork', 'beef', 'chicken', 'egg', 'milk', 'mackerel'],
      dislikes: ['salmon'],
    });
    let caught: unknown;
    try {
      generateOfflineRecipe(profile, catalog);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NoRecipePossibleError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as NoRecipePossibleError;
    expect(error.name).toBe('NoRecipePossibleError');
    expect(error.reasons[0]).toBe(
      '알레르기와 싫어하는 재료 때문에 키토 레시피 11가지를 모두 쓸 수 없습니다.',
    );
    expect(error.message).toContain(error.reasons[0]);
  });

  it('names the rules that broke when exclusions are not the cause', () => {
    const profile = profileOf({
      target: 'keto',
      cookingLevel: 'beginner',
      healthConditions: ['hypertension'],
      servings: 2,
      language: 'en',
      allergies: ['pork', 'beef', 'chicken', 'mackerel'],
    });
    try {
      const result = generateOfflineRecipe(profile, catalog);
      expectSound(result, profile);
    } catch (error) {
      expect(error).toBeInstanceOf(NoRecipePossibleError);
      expect((error as NoRecipePossibleError).reasons.join(' ')).toMatch(/recipes/);
    }
  });
});

describe('formatAmount', () => {
  it('writes amounts as a cook would', () => {
    expect(formatAmount(0.5, '개')).toEqual({ amount: '1/2', unit: '개' });
    expect(formatAmount(1.5, '큰술')).toEqual({ amount: '1 1/2', unit: '큰술' });
    expect(formatAmount(0.1, '작은술')).toEqual({ amount: '1/8', unit: '작은술' });
    expect(formatAmount(0.2, '작은술')).toEqual({ amount: '1/4', unit: '작은술' });
    expect(formatAmount(4.3, '개')).toEqual({ amount: '4 1/2', unit: '개' });
    expect(formatAmount(12.4, '장')).toEqual({ amount: '12', unit: '장' });
    expect(formatAmount(187.5, 'g')).toEqual({ amount: '188', unit: 'g' });
    expect(formatAmount(0.6, 'kg')).toEqual({ amount: '600', unit: 'g' });
    expect(formatAmount(1.8, 'L')).toEqual({ amount: '1.8', unit: 'L' });
  });
});

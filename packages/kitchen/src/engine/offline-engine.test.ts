import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ALLERGEN_KEYS,
  COOKING_LEVELS,
  LANGUAGES,
  NutritionSchema,
  RecipeSchema,
  TARGETS,
  profileWithDefaults,
} from '@ai-chef/contracts';
import type { Profile, Target } from '@ai-chef/contracts';
import { getCatalog } from '../catalog.js';
import { estimateBasket } from '../costing/estimate.js';
import { INGREDIENT_CATEGORIES } from '../ingredient-schema.js';
import { computeNutrition } from '../nutrition.js';
import { brokenRules, checkRecipeRules, excludedFor } from '../rules/index.js';
import { seededRandom } from '../seeded-random.js';
import { mentionScanner } from '../text/mentions.js';
import { NoRecipePossibleError, cookLibraryDish, generateOfflineRecipe, offlineCandidates } from './offline-engine.js';
import type { OfflineRecipe } from './offline-engine.js';

const catalog = getCatalog();
const ids = catalog.all().map((ingredient) => ingredient.id);
const scanner = mentionScanner(catalog);

const profileArbitrary = fc
  .record({
    target: fc.constantFrom(...TARGETS),
    allergies: fc.uniqueArray(fc.constantFrom<string>(...ALLERGEN_KEYS), { maxLength: 3 }),
    dislikes: fc.uniqueArray(
      fc.oneof(fc.constantFrom(...ids), fc.constantFrom(...INGREDIENT_CATEGORIES.map((category) => `category:${category}`))),
      { maxLength: 3 },
    ),
    healthConditions: fc.subarray(['diabetes', 'hypertension', 'kidney_disease', 'pregnancy', 'asthma']),
    servings: fc.integer({ min: 1, max: 12 }),
    cookingLevel: fc.constantFrom(...COOKING_LEVELS),
    babyAgeMonths: fc.integer({ min: 4, max: 36 }),
    fridgeIngredients: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 10 }),
    language: fc.constantFrom(...LANGUAGES),
    budget: fc.integer({ min: 1000, max: 100000 }),
    seed: fc.integer(),
  })
  .map(({ seed, ...fields }) => ({ profile: profileWithDefaults(fields), seed }));

/** Checks a served recipe without trusting the engine: its nutrition, every rule, and every word. */
function expectSound(served: OfflineRecipe, profile: Profile): void {
  RecipeSchema.parse(served.recipe);
  NutritionSchema.parse(served.nutrition);
  const computed = computeNutrition(served.recipe.ingredients, served.recipe.servings, catalog);
  expect(served.nutrition.perServing).toEqual(computed.perServing);
  expect(brokenRules(checkRecipeRules(served.recipe, computed, profile, catalog))).toEqual([]);
  const excluded = excludedFor(profile, catalog);
  const { recipe } = served;
  const texts = [recipe.recipeName, recipe.description, recipe.targetNotes, ...recipe.instructions];
  for (const line of recipe.ingredients) expect(excluded(catalog.get(line.ingredientId)!)).toBe(false);
  for (const text of texts) {
    for (const mention of scanner.scan(text)) {
      for (const id of mention.ingredientIds) expect({ text, id, excluded: excluded(catalog.get(id)!) }).toMatchObject({ excluded: false });
      for (const key of mention.allergens) expect({ text, allergen: key, allergic: profile.allergies.includes(key) }).toMatchObject({ allergic: false });
    }
  }
}

function serve(profile: Profile, seed: number | string): OfflineRecipe | undefined {
  try {
    return generateOfflineRecipe(profile, catalog, { random: seededRandom(seed) });
  } catch (error) {
    if (error instanceof NoRecipePossibleError) return undefined;
    throw error;
  }
}

describe('the built-in engine serves only what passes', () => {
  it('serves a recipe that passes every rule and names nothing the profile rules out, or says why not', () => {
    fc.assert(
      fc.property(profileArbitrary, ({ profile, seed }) => {
        const served = serve(profile, seed);
        if (served === undefined) {
          expect(() => generateOfflineRecipe(profile, catalog)).toThrow(NoRecipePossibleError);
          return;
        }
        expectSound(served, profile);
        expect(served.alternatives.length).toBeLessThanOrEqual(3);
        expect(served.alternatives.map((alternative) => alternative.recipeName)).not.toContain(served.recipe.recipeName);
      }),
      { numRuns: 300 },
    );
  });
});

/** The plainest profile of each target (the baby 9 months old; the fridge holding everyday food). */
const PLAIN: Readonly<Record<Target, Partial<Profile>>> = {
  keto: { target: 'keto' },
  baby_food: { target: 'baby_food', babyAgeMonths: 9 },
  diabetes: { target: 'diabetes' },
  diet: { target: 'diet' },
  fridge: { target: 'fridge', fridgeIngredients: ['onion', 'egg', 'tofu', 'kimchi', 'zucchini', 'potato', 'green_onion'] },
  general: { target: 'general' },
};

describe('choice that varies', () => {
  it.each(TARGETS.map((target) => [target]))(
    '%s: ten new sessions of one profile meet at least three dishes wherever five pass',
    (target) => {
      const profile = profileWithDefaults({ ...PLAIN[target], cookingLevel: 'advanced', budget: 1_000_000 });
      const passing = offlineCandidates(profile, catalog).length;
      const dishes = new Set(Array.from({ length: 10 }, (_, session) => serve(profile, `session-${session}`)?.recipe.recipeName));
      // With five or more in the draw's pool, the rank weights (5,4,3,2,1 at the least) leave at most a 0.91 %
      // chance of fewer than three dishes in ten draws; the seeds here are fixed, so the test is repeatable.
      if (passing >= 5) expect(dishes.size).toBeGreaterThanOrEqual(3);
    },
  );

  it('three runs of one session give three dishes (earlier dishes are avoided)', () => {
    const profile = profileWithDefaults({ cookingLevel: 'advanced' });
    const eaten: string[] = [];
    for (let run = 0; run < 3; run++) {
      const served = generateOfflineRecipe(profile, catalog, { random: seededRandom(`run-${run}`), avoid: eaten });
      eaten.push(served.recipe.recipeName);
    }
    expect(new Set(eaten).size).toBe(3);
  });

  it('the same seed and profile give the same dish in Korean and English', () => {
    for (const target of TARGETS) {
      const profile = profileWithDefaults({ ...PLAIN[target], cookingLevel: 'advanced' });
      const ko = serve(profile, 'same');
      const en = serve({ ...profile, language: 'en' }, 'same');
      expect(en?.recipeId).toBe(ko?.recipeId);
    }
  });

  it('serves a chosen dish, and its alternatives pass too', () => {
    const profile = profileWithDefaults({ cookingLevel: 'advanced' });
    const candidates = offlineCandidates(profile, catalog);
    const wanted = candidates[candidates.length - 1];
    if (wanted === undefined) return;
    const served = generateOfflineRecipe(profile, catalog, { dish: wanted.recipe.recipeName, random: seededRandom(1) });
    expect(served.recipeId).toBe(wanted.recipeId);
    for (const alternative of served.alternatives) {
      const named = candidates.find((candidate) => candidate.recipe.recipeName === alternative.recipeName);
      expect(named).toBeDefined();
      const cooked = cookLibraryDish(named!.recipeId, profile, catalog);
      if (cooked === undefined || 'kind' in cooked) throw new Error('alternative does not cook');
      expect(brokenRules(cooked.nutrition.checks)).toEqual([]);
    }
  });
});

describe('the budget', () => {
  it('whenever a passing dish fits the budget, the served dish fits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TARGETS.filter((target) => target !== 'baby_food')),
        fc.integer({ min: 8000, max: 50000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        (target, budget, servings, seed) => {
          const profile = profileWithDefaults({ ...PLAIN[target], budget, servings, cookingLevel: 'advanced' });
          const fits = offlineCandidates(profile, catalog).some((candidate) => candidate.estimate.outOfPocket <= budget);
          const served = serve(profile, seed);
          if (!fits || served === undefined) return;
          expect(estimateBasket(served.recipe.ingredients, profile, catalog).outOfPocket).toBeLessThanOrEqual(budget);
        },
      ),
      { numRuns: 150 },
    );
  });
});

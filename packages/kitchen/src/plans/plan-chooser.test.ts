import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TARGETS, profileWithDefaults } from '@ai-chef/contracts';
import type { Profile } from '@ai-chef/contracts';
import { getCatalog } from '../catalog.js';
import { estimateBasket } from '../costing/estimate.js';
import { brokenRules } from '../rules/index.js';
import { seededRandom } from '../seeded-random.js';
import { NoPlanPossibleError, choosePlan } from './plan-chooser.js';

const catalog = getCatalog();

describe('choosePlan', () => {
  it('a 3 × 2 keto plan: six different dishes, every meal and every day within the rules', () => {
    const profile = profileWithDefaults({ target: 'keto', cookingLevel: 'advanced', budget: 200_000 });
    const plan = choosePlan(profile, 3, 2, catalog, { random: seededRandom('plan') });
    const meals = plan.days.flatMap((day) => day.meals);
    expect(meals).toHaveLength(6);
    expect(new Set(meals.map((meal) => meal.recipeId)).size).toBe(6);
    for (const meal of meals) expect(brokenRules(meal.nutrition.checks)).toEqual([]);
    for (const day of plan.days) {
      expect(day.nutrition.checks.map((check) => check.rule).sort()).toEqual(['day.keto.net_carbs', 'day.sodium']);
      expect(brokenRules(day.nutrition.checks)).toEqual([]);
      expect(day.nutrition.total.netCarbs).toBeLessThanOrEqual(20);
    }
  });

  it("a baby's week of three meals a day: a dish comes back only on another day, never within a day or on the next", () => {
    fc.assert(
      fc.property(fc.constantFrom(9, 12, 18, 30), fc.integer(), (babyAgeMonths, seed) => {
        const profile = profileWithDefaults({ target: 'baby_food', babyAgeMonths });
        const plan = choosePlan(profile, 7, 3, catalog, { random: seededRandom(seed) });
        const daysIds = plan.days.map((day) => day.meals.map((meal) => meal.recipeId));
        expect(daysIds.flat()).toHaveLength(21);
        // Fewer dishes pass than the plan has meals, so some come back.
        expect(new Set(daysIds.flat()).size).toBeLessThan(21);
        for (const [d, ids] of daysIds.entries()) {
          expect(new Set(ids).size).toBe(ids.length);
          if (d > 0) expect(ids.filter((id) => daysIds[d - 1]!.includes(id))).toEqual([]);
        }
        for (const day of plan.days) {
          expect(brokenRules(day.nutrition.checks)).toEqual([]);
          for (const meal of day.meals) expect(brokenRules(meal.nutrition.checks)).toEqual([]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('serves every dish once while the library has enough, whatever the draw', () => {
    fc.assert(
      fc.property(fc.constantFrom('keto', 'diabetes', 'diet', 'general'), fc.integer(), (target, seed) => {
        const plan = choosePlan(profileWithDefaults({ target, cookingLevel: 'advanced' }), 7, 3, catalog, { random: seededRandom(seed) });
        const ids = plan.days.flatMap((day) => day.meals.map((meal) => meal.recipeId));
        expect(new Set(ids).size).toBe(21);
      }),
      { numRuns: 20 },
    );
  });

  it('says which rule stands in the way when too few dishes pass', () => {
    const profile = profileWithDefaults({
      target: 'keto',
      allergies: ['pork', 'beef', 'chicken', 'egg', 'milk', 'mackerel'],
      cookingLevel: 'beginner',
    });
    expect(() => choosePlan(profile, 7, 3, catalog)).toThrow(NoPlanPossibleError);
  });

  it('its basket never costs more than each meal bought on its own, and buys nothing owned', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TARGETS.filter((target) => target !== 'fridge')),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.subarray(['onion', 'egg', 'garlic', 'green_onion', 'tofu']),
        fc.integer(),
        (target, days, meals, fridge, seed) => {
          const profile: Profile = profileWithDefaults({ target, babyAgeMonths: 9, cookingLevel: 'advanced', fridgeIngredients: fridge });
          let plan;
          try {
            plan = choosePlan(profile, days, meals, catalog, { random: seededRandom(seed) });
          } catch (error) {
            if (error instanceof NoPlanPossibleError) return;
            throw error;
          }
          const separately = plan.days
            .flatMap((day) => day.meals)
            .reduce((sum, meal) => sum + estimateBasket(meal.recipe.ingredients, profile, catalog).outOfPocket, 0);
          expect(plan.estimate.outOfPocket).toBeLessThanOrEqual(separately);
          for (const item of plan.estimate.items) if (fridge.includes(item.ingredientId)) expect(item.cost).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});

// The plan's one basket through the real pricing: never dearer than buying each meal on its own, and
// nothing the person owns is bought. Shown for the built-in reference prices (no Naver keys: what
// `npm start` prices with) and for a shop with one pack size per ingredient.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TARGETS, profileWithDefaults, type Profile } from '@ai-chef/contracts';
import { NoPlanPossibleError, choosePlan, getCatalog, ownedBy, planBasketLines, seededRandom } from '@ai-chef/kitchen';
import { catalogReferencePrices } from './pricing/catalog-references.js';
import type { NaverClient } from './pricing/naver-client.js';
import { priceBasket } from './pricing/price-basket.js';
import { createMemoryPriceCache } from './pricing/price-cache.js';
import type { PricingDeps } from './pricing/price-types.js';

const catalog = getCatalog();

/** One shop selling every ingredient in one pack: its reference pack, at its reference price. */
const oneShop: NaverClient = {
  search(query) {
    const reference = catalog.resolve(query)?.referencePrice;
    if (reference === undefined) return Promise.resolve({ ok: false, reason: 'no_offers', message: 'none' });
    return Promise.resolve({
      ok: true,
      listings: [
        {
          title: `${query} ${reference.grams}g`,
          price: reference.price,
          vendor: '한끼마트',
          link: `https://shop.test/${encodeURIComponent(query)}`,
          productId: query,
          category1: '식품',
          category2: '',
          category3: '',
          category4: '',
        },
      ],
    });
  },
};

function deps(shop: boolean): PricingDeps {
  return {
    cache: createMemoryPriceCache(),
    references: catalogReferencePrices(catalog),
    shipping: { fee: 3000, freeThreshold: 30_000 },
    ...(shop ? { naver: oneShop } : {}),
  };
}

describe('the plan basket (planBasketLines → priceBasket)', () => {
  it('over the budget, names swaps only: no other dish, and never a swap for what a meal is', async () => {
    let swaps = 0;
    for (const target of TARGETS.filter((t) => t !== 'fridge')) {
      for (const seed of ['a', 'b', 'c']) {
        const profile = profileWithDefaults({ target, babyAgeMonths: 14, cookingLevel: 'advanced', budget: 1000, pantry: [] });
        const plan = choosePlan(profile, 2, target === 'baby_food' ? 2 : 3, catalog, { random: seededRandom(seed) });
        const meals = plan.days.flatMap((day) => day.meals);
        const main = [...new Set(meals.flatMap((meal) => meal.mainIngredientIds))];
        const items = planBasketLines(meals.map((meal) => meal.recipe));
        const pricing = await priceBasket({ items, profile, mainIngredientIds: main }, deps(false));
        expect(pricing.withinBudget).toBe(false);
        const suggestions = pricing.overBudget?.suggestions ?? [];
        expect(suggestions.filter((text) => text.startsWith('더 저렴한 요리'))).toEqual([]);
        for (const id of main) expect(suggestions.filter((text) => text.startsWith(`${catalog.get(id)?.nameKo ?? id} 대신`))).toEqual([]);
        swaps += suggestions.filter((text) => text.includes(' 대신 ')).length;
      }
    }
    // Not vacuous: some plans have a side ingredient with a cheaper swap.
    expect(swaps).toBeGreaterThan(0);
  });

  it('never costs more than the same dishes bought meal by meal, lists each ingredient once, and buys nothing owned', async () => {
    const checked = { plans: 0, fromTheShop: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TARGETS),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.subarray(['onion', 'egg', 'garlic', 'green_onion', 'tofu', 'kimchi', 'pork_belly']),
        fc.constantFrom<Profile['pantry']>('basic', [], ['salt', 'sesame_oil']),
        fc.boolean(),
        fc.integer(),
        async (target, days, meals, fridge, pantry, shop, seed) => {
          const profile = profileWithDefaults({
            target,
            babyAgeMonths: 14,
            cookingLevel: 'advanced',
            fridgeIngredients: target === 'fridge' && fridge.length === 0 ? ['egg'] : fridge,
            pantry,
          });
          let plan;
          try {
            plan = choosePlan(profile, days, meals, catalog, { random: seededRandom(seed) });
          } catch (error) {
            if (error instanceof NoPlanPossibleError) return;
            throw error;
          }
          const recipes = plan.days.flatMap((day) => day.meals.map((meal) => meal.recipe));
          const using = deps(shop);
          const items = planBasketLines(recipes);
          const together = await priceBasket({ items, profile }, using);
          let separately = 0;
          for (const recipe of recipes) separately += (await priceBasket({ items: recipe.ingredients, profile }, using)).totalEstimatedCost;
          expect(together.totalEstimatedCost).toBeLessThanOrEqual(separately);
          checked.plans += 1;
          if (shop && together.source !== 'estimate') checked.fromTheShop += 1;

          const ids = together.items.map((item) => item.ingredientId);
          expect(new Set(ids).size).toBe(ids.length);
          expect(new Set(ids)).toEqual(new Set(recipes.flatMap((recipe) => recipe.ingredients.map((line) => line.ingredientId))));
          const owned = ownedBy(profile);
          for (const item of together.items) {
            if (owned(item.ingredientId) === null) continue;
            expect(item).toMatchObject({ chosen: null, offers: [], estimated: false });
          }
          const bought = Object.values(together.vendorBreakdown).flatMap((entry) => entry.items.map((line) => line.name));
          for (const item of together.items) if (item.owned !== null) expect(bought).not.toContain(item.ingredient);
        },
      ),
      { numRuns: 80 },
    );
    // Not vacuous: most draws make a plan, and the shop's offers are what many of them buy.
    expect(checked.plans).toBeGreaterThan(40);
    expect(checked.fromTheShop).toBeGreaterThan(10);
  });
});

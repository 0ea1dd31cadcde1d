// A plan's result from its days and basket: a dish that comes back is said once, in the person's language.
import { describe, expect, it } from '@jest/globals';
import { profileWithDefaults, type PlanDayDraft, type Profile } from '@ai-chef/contracts';
import { choosePlan, getCatalog, planBasketLines, seededRandom } from '@ai-chef/kitchen';
import { catalogReferencePrices } from './pricing/catalog-references.js';
import { priceBasket } from './pricing/price-basket.js';
import { createMemoryPriceCache } from './pricing/price-cache.js';
import { buildPlanResult } from './plan-result-builder.js';

const catalog = getCatalog();

async function planResult(profile: Profile, days: number, mealsPerDay: number) {
  const plan = choosePlan(profile, days, mealsPerDay, catalog, { random: seededRandom('result') });
  const drafts: PlanDayDraft[] = plan.days.map((day) => ({
    day: day.day,
    nutrition: day.nutrition,
    meals: day.meals.map((meal) => ({ ...meal, source: 'offline' as const })),
  }));
  const pricing = await priceBasket(
    { items: planBasketLines(plan.days.flatMap((day) => day.meals.map((meal) => meal.recipe))), profile },
    { cache: createMemoryPriceCache(), references: catalogReferencePrices(catalog), shipping: { fee: 3000, freeThreshold: 30_000 } },
  );
  return buildPlanResult({ sessionId: 's', runId: 'r', profile, days: drafts, pricing, generatedAt: new Date(0) });
}

describe('buildPlanResult', () => {
  it("says once that dishes come back when a baby's week has fewer dishes than meals", async () => {
    for (const language of ['ko', 'en'] as const) {
      const result = await planResult(profileWithDefaults({ target: 'baby_food', babyAgeMonths: 12, language }), 7, 3);
      const repeats = result.notices.filter((notice) => notice.code === 'dishes_repeat');
      expect(repeats).toHaveLength(1);
      const distinct = new Set(result.days.flatMap((day) => day.meals.map((meal) => meal.recipe.recipeName))).size;
      expect(repeats[0]!.message).toContain(String(distinct));
      expect(repeats[0]!.message).toMatch(language === 'en' ? /come back/ : /한 번 더/);
    }
  });

  it('says nothing of repeats when every meal is its own dish', async () => {
    const result = await planResult(profileWithDefaults({ target: 'general', cookingLevel: 'advanced' }), 3, 3);
    expect(result.notices.map((notice) => notice.code)).not.toContain('dishes_repeat');
    expect(result.summary.costPerMeal).toBe(Math.round(result.pricing.totalEstimatedCost / 9));
  });
});

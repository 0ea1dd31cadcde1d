import { RESULT_VERSION, type Notice, type PlanDayDraft, type PlanResult, type Pricing, type Profile } from '@ai-chef/contracts';

/** Who wrote the plan's meals, as one source: the model (all), the engine (none asked of the model), or a mix. */
function sourcesOf(meals: readonly PlanDayDraft['meals'][number][]): Omit<PlanResult['sources'], 'prices'> {
  const fallback = meals.find((meal) => meal.source === 'offline_fallback');
  if (fallback !== undefined) {
    return {
      recipe: 'offline_fallback',
      ...(fallback.fallbackReason !== undefined ? { recipeFallbackReason: fallback.fallbackReason } : {}),
    };
  }
  return { recipe: meals.length > 0 && meals.every((meal) => meal.source === 'claude') ? 'claude' : 'offline' };
}

/** Each notice once, in the order the meals gave them. */
function distinctNotices(meals: readonly PlanDayDraft['meals'][number][]): Notice[] {
  const seen = new Set<string>();
  const notices: Notice[] = [];
  for (const notice of meals.flatMap((meal) => meal.notices)) {
    const key = `${notice.code}\u0000${notice.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    notices.push(notice);
  }
  return notices;
}

/** Said when a dish comes back in the plan (the library had too few for one each; never within a day). */
function repeatNotice(days: readonly PlanDayDraft[], profile: Profile): Notice | undefined {
  const names = days.flatMap((day) => day.meals.map((meal) => meal.recipe.recipeName));
  const distinct = new Set(names).size;
  if (distinct === names.length) return undefined;
  return {
    code: 'dishes_repeat',
    message:
      profile.language === 'en'
        ? `Only ${distinct} dishes keep every rule for this profile, so some come back on another day (never on the next).`
        : `이 조건을 모두 지키는 요리가 ${distinct}가지라 몇 가지는 다른 날 한 번 더 나옵니다(바로 다음 날은 아님).`,
  };
}

/**
 * A meal plan's result (docs/contract.md, Meal plans) from its saved days and its one basket. Pure: same input, same
 * document. Costs per meal are out of pocket for all servings: what the basket costs over the plan's meals.
 */
export function buildPlanResult(input: {
  sessionId: string;
  runId: string;
  profile: Profile;
  days: readonly PlanDayDraft[];
  pricing: Pricing;
  generatedAt: Date;
}): PlanResult {
  const { profile, pricing } = input;
  const days = [...input.days].sort((a, b) => a.day - b.day);
  const meals = days.flatMap((day) => day.meals);
  const count = Math.max(1, meals.length);
  const { source: priceSource, ...pricingFields } = pricing;
  return {
    sessionId: input.sessionId,
    runId: input.runId,
    kind: 'plan',
    profile,
    days: days.map((day) => ({
      day: day.day,
      meals: day.meals.map((meal) => ({ recipe: meal.recipe, nutrition: meal.nutrition })),
      nutrition: day.nutrition,
    })),
    pricing: pricingFields,
    summary: {
      totalCost: pricing.totalEstimatedCost,
      costPerMeal: Math.round(pricing.totalEstimatedCost / count),
      usedCostPerMeal: Math.round(pricing.usedCost / count),
      withinBudget: pricing.withinBudget,
      budget: profile.budget,
    },
    notices: [...distinctNotices(meals), ...[repeatNotice(days, profile)].filter((notice) => notice !== undefined)],
    sources: { ...sourcesOf(meals), prices: priceSource },
    generatedAt: input.generatedAt.toISOString(),
    version: RESULT_VERSION,
  };
}

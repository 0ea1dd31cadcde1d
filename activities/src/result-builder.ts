import { RESULT_VERSION, type Pricing, type Profile, type RecipeOutcome, type ResultDocument } from '@ai-chef/contracts';

/**
 * Assembles the result document (docs/contract.md, What a result holds) from the recipe and the basket.
 * Pure: same input, same document.
 */
export function buildResult(input: {
  sessionId: string;
  runId: string;
  profile: Profile;
  recipe: RecipeOutcome;
  pricing: Pricing;
  generatedAt: Date;
}): ResultDocument {
  const { recipe, pricing, profile } = input;
  const { source: priceSource, ...pricingFields } = pricing;
  const servings = recipe.recipe.servings;
  const totalCost = pricing.totalEstimatedCost;
  return {
    sessionId: input.sessionId,
    runId: input.runId,
    profile,
    kind: 'recipe',
    recipe: recipe.recipe,
    nutrition: recipe.nutrition,
    pricing: pricingFields,
    summary: {
      totalCost,
      // What the person pays per serving (0 when everything is at home) and what a serving uses.
      costPerServing: Math.round(totalCost / servings),
      usedCostPerServing: Math.round(pricing.usedCost / servings),
      estimatedCookingTime: recipe.recipe.cookingTime,
      difficultyLevel: recipe.recipe.difficulty,
      withinBudget: pricing.withinBudget,
      budget: profile.budget,
    },
    alternatives: recipe.alternatives ?? [],
    notices: recipe.notices ?? [],
    sources: {
      recipe: recipe.source,
      prices: priceSource,
      ...(recipe.fallbackReason !== undefined ? { recipeFallbackReason: recipe.fallbackReason } : {}),
    },
    generatedAt: input.generatedAt.toISOString(),
    version: RESULT_VERSION,
  };
}

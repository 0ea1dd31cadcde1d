import { RESULT_VERSION, type Pricing, type Profile, type RecipeOutcome, type ResultDocument } from '@ai-chef/contracts';

/** Assembles seed 001's Combine output from the recipe and the basket. Pure: same input, same document. */
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
  const totalCost = pricing.totalEstimatedCost;
  return {
    sessionId: input.sessionId,
    runId: input.runId,
    profile,
    recipe: recipe.recipe,
    nutrition: recipe.nutrition,
    pricing: pricingFields,
    summary: {
      totalCost,
      costPerServing: Math.round(totalCost / recipe.recipe.servings),
      estimatedCookingTime: recipe.recipe.cookingTime,
      difficultyLevel: recipe.recipe.difficulty,
      withinBudget: pricing.withinBudget,
      budget: profile.budget,
    },
    sources: { recipe: recipe.source, prices: priceSource },
    generatedAt: input.generatedAt.toISOString(),
    version: RESULT_VERSION,
  };
}

import { z } from 'zod';
import { ProfileSchema } from './profile.js';
import { NutritionSchema, RECIPE_SOURCES, RecipeSchema } from './recipe.js';
import { PricingSchema } from './pricing.js';

export const RESULT_VERSION = '1';

export const ResultDocumentSchema = z.object({
  sessionId: z.string(),
  runId: z.string(),
  profile: ProfileSchema,
  recipe: RecipeSchema,
  nutrition: NutritionSchema,
  pricing: PricingSchema.omit({ source: true }),
  summary: z.object({
    totalCost: z.number().int(),
    costPerServing: z.number().int(),
    estimatedCookingTime: z.number().int(),
    difficultyLevel: z.string(),
    withinBudget: z.boolean(),
    budget: z.number().int(),
  }),
  sources: z.object({
    recipe: z.enum(RECIPE_SOURCES),
    prices: z.enum(['naver', 'estimate', 'mixed']),
  }),
  generatedAt: z.string(),
  version: z.string(),
});
export type ResultDocument = z.infer<typeof ResultDocumentSchema>;

export const ResultPendingSchema = z.object({
  status: z.string(),
  phase: z.string().nullable(),
  progress: z.number(),
});

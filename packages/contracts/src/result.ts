import { z } from 'zod';
import { ProfileSchema } from './profile.js';
import {
  AlternativeSchema,
  NoticeSchema,
  NutritionSchema,
  RECIPE_FALLBACK_REASONS,
  RECIPE_SOURCES,
  RecipeSchema,
} from './recipe.js';
import { PricingSchema } from './pricing.js';

/** 2: kind, owned items and used cost, alternatives, notices. */
export const RESULT_VERSION = '2';

/**
 * Where a result's parts came from. recipe: claude (the model), offline (the built-in engine, none asked
 * of the model) or offline_fallback (the engine in the model's place, with recipeFallbackReason).
 */
export const ResultSourcesSchema = z.object({
  recipe: z.enum(RECIPE_SOURCES),
  prices: z.enum(['naver', 'estimate', 'mixed']),
  recipeFallbackReason: z.enum(RECIPE_FALLBACK_REASONS).optional(),
});

export const ResultDocumentSchema = z.object({
  sessionId: z.string(),
  runId: z.string(),
  profile: ProfileSchema,
  kind: z.literal('recipe'),
  recipe: RecipeSchema,
  nutrition: NutritionSchema,
  pricing: PricingSchema.omit({ source: true }),
  summary: z.object({
    totalCost: z.number().int(),
    costPerServing: z.number().int(),
    usedCostPerServing: z.number().int(),
    estimatedCookingTime: z.number().int(),
    difficultyLevel: z.string(),
    withinBudget: z.boolean(),
    budget: z.number().int(),
  }),
  alternatives: z.array(AlternativeSchema),
  notices: z.array(NoticeSchema),
  sources: ResultSourcesSchema,
  generatedAt: z.string(),
  version: z.string(),
});
export type ResultDocument = z.infer<typeof ResultDocumentSchema>;

export const ResultPendingSchema = z.object({
  status: z.string(),
  phase: z.string().nullable(),
  progress: z.number(),
});

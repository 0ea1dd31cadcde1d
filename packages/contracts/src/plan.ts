import { z } from 'zod';
import { ProfileInputSchema, ProfileSchema } from './profile.js';
import {
  NoticeSchema,
  NutrientsSchema,
  NutritionSchema,
  RECIPE_FALLBACK_REASONS,
  RECIPE_SOURCES,
  RecipeSchema,
  RuleCheckSchema,
} from './recipe.js';
import { PricingSchema } from './pricing.js';
import { ResultDocumentSchema, ResultSourcesSchema } from './result.js';
import { PLAN_LIMITS } from './workflow-api.js';

/** `POST /session/:id/plan` (docs/contract.md, Meal plans): the profile, and how many days of how many meals. */
export const PlanBodySchema = z
  .object({
    profile: ProfileInputSchema,
    days: z.number().int().min(PLAN_LIMITS.days.min).max(PLAN_LIMITS.days.max).default(PLAN_LIMITS.days.default),
    mealsPerDay: z
      .number()
      .int()
      .min(PLAN_LIMITS.mealsPerDay.min)
      .max(PLAN_LIMITS.mealsPerDay.max)
      .default(PLAN_LIMITS.mealsPerDay.default),
  })
  .strict();
export type PlanBody = z.input<typeof PlanBodySchema>;

/** The same request between the gateway and the session service: the profile already normalised. */
export const PlanRequestSchema = z
  .object({
    profile: ProfileSchema,
    days: z.number().int().min(PLAN_LIMITS.days.min).max(PLAN_LIMITS.days.max),
    mealsPerDay: z.number().int().min(PLAN_LIMITS.mealsPerDay.min).max(PLAN_LIMITS.mealsPerDay.max),
  })
  .strict();
export type PlanRequest = z.infer<typeof PlanRequestSchema>;

export const PlanMealSchema = z.object({ recipe: RecipeSchema, nutrition: NutritionSchema });
export type PlanMeal = z.infer<typeof PlanMealSchema>;

/** A day's total per serving and its checks against the day's limits (keto net carbs, sodium, ...). */
export const DayNutritionSchema = z.object({ total: NutrientsSchema, checks: z.array(RuleCheckSchema) });
export type DayNutrition = z.infer<typeof DayNutritionSchema>;

export const PlanDaySchema = z.object({
  day: z.number().int().min(1),
  meals: z.array(PlanMealSchema),
  nutrition: DayNutritionSchema,
});
export type PlanDay = z.infer<typeof PlanDaySchema>;

/**
 * A day as its child workflow saves it through the session service: each meal with what the plan's
 * pricing and result need besides (who wrote it, its notices, what the dish is for budget advice).
 */
export const PlanDayDraftSchema = PlanDaySchema.extend({
  meals: z
    .array(
      PlanMealSchema.extend({
        source: z.enum(RECIPE_SOURCES),
        fallbackReason: z.enum(RECIPE_FALLBACK_REASONS).optional(),
        notices: z.array(NoticeSchema),
        mainIngredientIds: z.array(z.string()),
      }),
    )
    .min(1)
    .max(PLAN_LIMITS.mealsPerDay.max),
});
export type PlanDayDraft = z.infer<typeof PlanDayDraftSchema>;

/** Internal: a day written (PUT /internal/sessions/:id/run/plan/days/:day). */
export const PlanDaySaveSchema = z
  .object({
    runId: z.string().min(1),
    days: z.number().int().min(PLAN_LIMITS.days.min).max(PLAN_LIMITS.days.max),
    draft: PlanDayDraftSchema,
  })
  .strict();
export type PlanDaySave = z.infer<typeof PlanDaySaveSchema>;

/** Internal: the plan's one basket (PUT /internal/sessions/:id/run/plan/pricing). */
export const PlanPricingSaveSchema = z.object({ runId: z.string().min(1), pricing: PricingSchema }).strict();
export type PlanPricingSave = z.infer<typeof PlanPricingSaveSchema>;

/** Internal: what a plan's run has saved so far (GET /internal/sessions/:id/run/plan). */
export const PlanPartsSchema = z.object({ days: z.array(PlanDayDraftSchema), pricing: PricingSchema.nullable() });
export type PlanParts = z.infer<typeof PlanPartsSchema>;

/** A meal plan's result document (docs/contract.md, Meal plans). */
export const PlanResultSchema = z.object({
  sessionId: z.string(),
  runId: z.string(),
  kind: z.literal('plan'),
  profile: ProfileSchema,
  days: z.array(PlanDaySchema),
  /** One basket over every meal: an ingredient several meals use is bought once, its amounts summed. */
  pricing: PricingSchema.omit({ source: true }),
  summary: z.object({
    totalCost: z.number().int(),
    /** Out of pocket per meal, all servings: totalCost / (days × mealsPerDay). */
    costPerMeal: z.number().int(),
    usedCostPerMeal: z.number().int(),
    withinBudget: z.boolean(),
    budget: z.number().int(),
  }),
  notices: z.array(NoticeSchema),
  /** recipe: claude when the model wrote every meal, offline_fallback when the engine wrote some in its place. */
  sources: ResultSourcesSchema,
  generatedAt: z.string(),
  version: z.string(),
});
export type PlanResult = z.infer<typeof PlanResultSchema>;

/** What a run saves and `/result` serves: a recipe's result or a plan's. */
export const RunResultSchema = z.discriminatedUnion('kind', [ResultDocumentSchema, PlanResultSchema]);
export type RunResult = z.infer<typeof RunResultSchema>;

import { z } from 'zod';
import { LANGUAGES } from './profile.js';

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** A recipe as written by a cook or a model, before nutrition is computed. */
export const RecipeDraftSchema = z
  .object({
    recipeName: z.string().min(1).max(120),
    description: z.string().max(1000),
    cookingTime: z.number().int().min(1).max(600).describe('minutes'),
    difficulty: z.enum(DIFFICULTIES),
    servings: z.number().int().min(1).max(12),
    ingredients: z
      .array(
        z
          .object({
            name: z.string().min(1).max(60).describe('ingredient name, Korean preferred'),
            amount: z.string().min(1).max(20).describe('as written, e.g. "1/2", "200", "약간"'),
            unit: z.string().max(10).describe('g, kg, ml, L, 개, 큰술, 작은술, 컵, 모, 대, 줌, 쪽, 장 ...'),
          })
          .strict(),
      )
      .min(1)
      .max(30),
    instructions: z.array(z.string().min(1).max(500)).min(1).max(30),
    targetNotes: z.string().max(1000),
  })
  .strict();
export type RecipeDraft = z.infer<typeof RecipeDraftSchema>;

export const RecipeIngredientSchema = z.object({
  name: z.string(),
  amount: z.string(),
  unit: z.string(),
  ingredientId: z.string(),
  grams: z.number(),
});
export type RecipeIngredient = z.infer<typeof RecipeIngredientSchema>;

/** A recipe whose every ingredient is resolved to the catalog with its weight in grams. */
export const RecipeSchema = RecipeDraftSchema.omit({ ingredients: true }).extend({
  ingredients: z.array(RecipeIngredientSchema),
  language: z.enum(LANGUAGES),
});
export type Recipe = z.infer<typeof RecipeSchema>;

export const NutrientsSchema = z.object({
  calories: z.number(),
  carbohydrate: z.number(),
  fiber: z.number(),
  netCarbs: z.number(),
  sugars: z.number(),
  protein: z.number(),
  fat: z.number(),
  sodium: z.number(),
  /** mg, like sodium; iron to one decimal. */
  potassium: z.number(),
  phosphorus: z.number(),
  iron: z.number(),
});
export type Nutrients = z.infer<typeof NutrientsSchema>;

/**
 * How a check reads: max (value ≤ limit), min (value ≥ limit), range (limit is [low, high]), none (a
 * forbidden thing: limit 0, value the count found).
 */
export const RULE_KINDS = ['max', 'min', 'range', 'none'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RuleCheckSchema = z.object({
  rule: z.string(),
  kind: z.enum(RULE_KINDS),
  limit: z.union([z.number(), z.tuple([z.number(), z.number()]), z.string()]),
  value: z.union([z.number(), z.string()]),
  unit: z.string(),
  ok: z.boolean(),
  reason: z.string().optional(),
});
export type RuleCheck = z.infer<typeof RuleCheckSchema>;

export const NutritionSchema = z.object({
  perServing: NutrientsSchema,
  total: NutrientsSchema,
  energySplit: z.object({ carbohydrate: z.number(), protein: z.number(), fat: z.number() }),
  checks: z.array(RuleCheckSchema),
});
export type Nutrition = z.infer<typeof NutritionSchema>;

export const RECIPE_SOURCES = ['claude', 'offline', 'offline_fallback'] as const;
export type RecipeSource = (typeof RECIPE_SOURCES)[number];

/**
 * What the person should know beside the recipe, in the profile's language (docs/contract.md, What a result holds).
 * over_budget and estimated_prices come from pricing; the rest from the recipe step.
 */
export const NOTICE_CODES = [
  'medical_disclaimer',
  'unrecognised_health_condition',
  'condition_not_applied',
  'solids_before_6_months',
  'low_carb_with_diabetes',
  'substitution',
  'left_out',
  'salt_reduced',
  /** A meal plan serves a dish more than once: too few dishes keep the profile's rules for one each. */
  'dishes_repeat',
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];
export const NoticeSchema = z.object({ code: z.enum(NOTICE_CODES), message: z.string() });
export type Notice = z.infer<typeof NoticeSchema>;

/** Why the built-in recipe replaced the model's (sources.recipeFallbackReason). */
export const RECIPE_FALLBACK_REASONS = [
  'model_broke_rules',
  'model_rejected_request',
  'model_unavailable',
  'model_answer_unusable',
] as const;
export type RecipeFallbackReason = (typeof RECIPE_FALLBACK_REASONS)[number];

/** Another dish that passes every rule of the profile (the result's alternatives). */
export const AlternativeSchema = z.object({
  recipeName: z.string(),
  description: z.string(),
  /** Out of pocket for the profile's servings, whole KRW (owned items not bought, estimated prices). */
  estimatedCost: z.number().int(),
});
export type Alternative = z.infer<typeof AlternativeSchema>;

/** What generateRecipe returns to the workflow. */
export const RecipeOutcomeSchema = z.object({
  recipe: RecipeSchema,
  nutrition: NutritionSchema,
  source: z.enum(RECIPE_SOURCES),
  notices: z.array(NoticeSchema).optional(),
  alternatives: z.array(AlternativeSchema).optional(),
  fallbackReason: z.enum(RECIPE_FALLBACK_REASONS).optional(),
  /** What the dish is: the lines pricing advice never suggests swapping. */
  mainIngredientIds: z.array(z.string()).optional(),
});
export type RecipeOutcome = z.infer<typeof RecipeOutcomeSchema>;

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

export const RuleCheckSchema = z.object({
  rule: z.string(),
  limit: z.union([z.number(), z.string()]),
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

/** What generateRecipe returns to the workflow. */
export const RecipeOutcomeSchema = z.object({
  recipe: RecipeSchema,
  nutrition: NutritionSchema,
  source: z.enum(RECIPE_SOURCES),
});
export type RecipeOutcome = z.infer<typeof RecipeOutcomeSchema>;

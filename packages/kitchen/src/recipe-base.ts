import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DIFFICULTIES, TARGETS } from '@ai-chef/contracts';
import { INGREDIENT_CATEGORIES } from './ingredient-schema.js';

export const BABY_STAGE_KEYS = ['puree', 'mashed', 'soft_pieces', 'family_food'] as const;

const text = z.string().trim().min(1);

export const BaseIngredientSchema = z
  .object({
    /** Korean, as a Korean cook writes it; must resolve in the catalog. */
    name: text.max(60),
    amount: text.max(20),
    unit: z.string().max(10),
    optional: z.literal(true).optional(),
    /** main: the dish is this ingredient, never dropped; seasoning: may be dropped or swapped. */
    role: z.enum(['main', 'seasoning']).optional(),
  })
  .strict();
export type BaseIngredient = z.infer<typeof BaseIngredientSchema>;

export const BaseRecipeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    nameKo: text.max(120),
    nameEn: text.max(120),
    descriptionKo: text.max(1000),
    descriptionEn: text.max(1000),
    targets: z.array(z.enum(TARGETS)).min(1),
    /** The baby-food stages the texture suits; required when targets has baby_food. */
    babyStages: z.array(z.enum(BABY_STAGE_KEYS)).min(1).optional(),
    baseServings: z.number().int().min(1).max(12),
    cookingTime: z.number().int().min(1).max(600),
    difficulty: z.enum(DIFFICULTIES),
    /** A side dish (반찬): offered as the recipe only when no main dish suits the profile as well. */
    side: z.literal(true).optional(),
    ingredients: z.array(BaseIngredientSchema).min(1).max(30),
    /**
     * Fridge items the dish can take in, by catalog category (`fallback`: only when nothing better is
     * at hand), less the named ingredients that do not
     * fit (raw flour in a salad). `required`: the dish is built from the fridge (its own lines are
     * pantry staples) and its steps name the extras as {extra}.
     */
    addIns: z
      .object({
        categories: z.array(z.enum(INGREDIENT_CATEGORIES)).min(1),
        /** Taken only when nothing better is at hand; such a dish ranks lower. */
        fallback: z.array(z.enum(INGREDIENT_CATEGORIES)).optional(),
        exclude: z.array(text.max(60)).optional(),
        required: z.literal(true).optional(),
      })
      .strict()
      .optional(),
    instructionsKo: z.array(text.max(500)).min(1).max(30),
    instructionsEn: z.array(text.max(500)).min(1).max(30),
    targetNotesKo: z.string().max(1000),
    targetNotesEn: z.string().max(1000),
  })
  .strict()
  .superRefine((recipe, ctx) => {
    if (recipe.instructionsKo.length !== recipe.instructionsEn.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['instructionsEn'],
        message: 'Korean and English instructions differ in length',
      });
    }
    const usesExtra = [...recipe.instructionsKo, ...recipe.instructionsEn].some((step) =>
      step.includes('{extra}'),
    );
    if (usesExtra !== (recipe.addIns?.required === true)) {
      ctx.addIssue({
        code: 'custom',
        path: ['addIns'],
        message: 'steps name {extra} exactly when addIns are required',
      });
    }
    if (recipe.targets.includes('baby_food') !== (recipe.babyStages !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['babyStages'],
        message: 'babyStages go with the baby_food target, and only with it',
      });
    }
  });
export type BaseRecipe = z.infer<typeof BaseRecipeSchema>;

export const RecipeBaseSchema = z.array(BaseRecipeSchema).superRefine((recipes, ctx) => {
  const seen = new Set<string>();
  recipes.forEach((recipe, index) => {
    if (seen.has(recipe.id))
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id ${recipe.id}` });
    seen.add(recipe.id);
  });
});

const RECIPES_URL = new URL('../data/recipes.json', import.meta.url);

let cached: readonly BaseRecipe[] | undefined;

/** The bundled recipe base, parsed and validated once (src/ and dist/ both sit one level below data/). */
export function getRecipeBase(): readonly BaseRecipe[] {
  cached ??= Object.freeze(RecipeBaseSchema.parse(JSON.parse(readFileSync(RECIPES_URL, 'utf8'))));
  return cached;
}

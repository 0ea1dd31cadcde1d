import { z } from 'zod';
import { DIFFICULTIES, TARGETS } from '@ai-chef/contracts';
import { INGREDIENT_CATEGORIES } from '../ingredient-schema.js';
import { templateProblems } from '../text/step-template.js';

export const BABY_STAGE_KEYS = ['puree', 'mashed', 'soft_pieces', 'family_food'] as const;

/** What kind of dish it is, for browsing and for variety across a meal plan. */
export const DISH_TAGS = [
  'rice_bowl',
  'fried_rice',
  'porridge',
  'noodle',
  'soup',
  'stew',
  'stir_fry',
  'braise',
  'grill',
  'steamed',
  'pancake',
  'salad',
  'side_with_rice',
  'wrap',
  'egg',
  'tofu',
  'seafood',
  'meat',
  'poultry',
  'vegetable',
  'spicy',
  'quick',
  'one_pan',
  'western',
  'baby',
] as const;

const text = z.string().trim().min(1);

/** A text in both languages; steps, names, descriptions and notes may hold placeholders (text/step-template.ts). */
export const BilingualSchema = z
  .object({ ko: text.max(1000), en: text.max(1000) })
  .strict()
  .superRefine((value, ctx) => {
    for (const language of ['ko', 'en'] as const) {
      for (const problem of templateProblems(value[language], language))
        ctx.addIssue({ code: 'custom', path: [language], message: problem });
    }
  });
export type Bilingual = z.infer<typeof BilingualSchema>;

/** A dish's name: plain words, the same whatever the adaptation (a name that names an allergen rules the dish out). */
export const DishNameSchema = z
  .object({ ko: text.max(120), en: text.max(120) })
  .strict()
  .refine((name) => !/[{}[\]]/.test(name.ko + name.en), { message: 'a dish name holds no placeholders' });

export const LibraryIngredientSchema = z
  .object({
    /** Korean, as a Korean cook writes it; must resolve in the catalog. Steps name it by the catalog id. */
    name: text.max(60),
    amount: text.max(20),
    unit: z.string().max(10),
    optional: z.literal(true).optional(),
    /**
     * main: the dish is this ingredient, never dropped or swapped; seasoning: may be dropped or swapped;
     * rice: the rice the dish is eaten with, sized to the profile and left out where the target eats none.
     */
    role: z.enum(['main', 'seasoning', 'rice']).optional(),
  })
  .strict();
export type LibraryIngredient = z.infer<typeof LibraryIngredientSchema>;

export const LibraryRecipeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    name: DishNameSchema,
    description: BilingualSchema,
    targets: z.array(z.enum(TARGETS)).min(1),
    /** The baby-food stages the texture suits; required when targets has baby_food. */
    babyStages: z.array(z.enum(BABY_STAGE_KEYS)).min(1).optional(),
    tags: z.array(z.enum(DISH_TAGS)).min(1),
    baseServings: z.number().int().min(1).max(12),
    cookingTime: z.number().int().min(1).max(600),
    difficulty: z.enum(DIFFICULTIES),
    ingredients: z.array(LibraryIngredientSchema).min(1).max(30),
    /**
     * Fridge items the dish can take in, by catalog category (`fallback`: only when nothing better is at
     * hand), less the named ingredients that do not fit (raw flour in a salad). `required`: the dish is
     * built from the fridge (its own lines are pantry staples) and its steps name the extras as {extra}.
     * A dish that only may take extras in names them inside `[ ]`, so the part is left out when none join.
     */
    addIns: z
      .object({
        categories: z.array(z.enum(INGREDIENT_CATEGORIES)).min(1),
        fallback: z.array(z.enum(INGREDIENT_CATEGORIES)).optional(),
        exclude: z.array(text.max(60)).optional(),
        required: z.literal(true).optional(),
      })
      .strict()
      .optional(),
    steps: z.array(BilingualSchema).min(1).max(30),
    /** What the target asks of the cook ("밥 없이 드세요"); may be empty. */
    notes: z.object({ ko: z.string().max(1000), en: z.string().max(1000) }).strict(),
  })
  .strict()
  .superRefine((recipe, ctx) => {
    // Extras joined to a dish are listed, so a step must cook them: a dish built from the fridge names them
    // anywhere; one that may take some names them only in [ ] (its steps read whole without any).
    const texts = recipe.steps.flatMap((step) => [step.ko, step.en]);
    const usesExtra = texts.some((step) => step.includes('{extra'));
    const needsExtra = texts.some((step) => step.replace(/\[[^\]]*\]/g, '').includes('{extra'));
    if (recipe.addIns?.required === true ? !usesExtra : needsExtra || (usesExtra && recipe.addIns === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['addIns'],
        message: 'steps name {extra} when addIns are required, else only inside [ ] of a dish with addIns',
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
export type LibraryRecipe = z.infer<typeof LibraryRecipeSchema>;

export const LibrarySchema = z.array(LibraryRecipeSchema).superRefine((recipes, ctx) => {
  const seen = new Map<string, string>();
  recipes.forEach((recipe, index) => {
    for (const key of [recipe.id, recipe.name.ko, recipe.name.en.toLowerCase()]) {
      const owner = seen.get(key);
      if (owner !== undefined && owner !== recipe.id)
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `"${key}" of ${recipe.id} is also ${owner}'s` });
      seen.set(key, recipe.id);
    }
  });
});

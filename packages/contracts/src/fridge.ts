import { z } from 'zod';
import { ALLERGEN_KEYS } from './allergens.js';

/** Catalog ids are stable lower-case slugs. */
export const INGREDIENT_ID_PATTERN = /^[a-z0-9_]{1,50}$/;
export const IngredientIdSchema = z
  .string()
  .regex(INGREDIENT_ID_PATTERN, 'an ingredient id (a lower-case slug)');

/** How many different ingredients one session's fridge holds; with 50 profile names a merged list stays within 100. */
export const FRIDGE_MAX_ITEMS = 50;

/** An ingredient as the public API shows it (docs/contract.md, Fridge and events). */
export const IngredientViewSchema = z.object({
  id: z.string(),
  nameKo: z.string(),
  nameEn: z.string(),
  category: z.string(),
  aliases: z.array(z.string()),
  allergens: z.array(z.enum(ALLERGEN_KEYS)),
});
export type IngredientView = z.infer<typeof IngredientViewSchema>;

/** Query strings are text: `limit` must be written as a whole number, and only q and limit are known. */
export const IngredientSearchQuerySchema = z
  .object({
    q: z.string().max(50).default(''),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'a whole number from 1 to 50')
      .transform(Number)
      .pipe(z.number().int().min(1).max(50))
      .default(20),
  })
  .strict();
export type IngredientSearchQuery = z.output<typeof IngredientSearchQuerySchema>;

export const IngredientSearchResultSchema = z.object({
  items: z.array(IngredientViewSchema),
  total: z.number().int().min(0),
});
export type IngredientSearchResult = z.infer<typeof IngredientSearchResultSchema>;

/** `{"ingredients": [id or name, ...]}` for adding to or removing from a fridge. */
export const FridgeIngredientsBodySchema = z
  .object({ ingredients: z.array(z.string().trim().min(1).max(50)).min(1).max(FRIDGE_MAX_ITEMS) })
  .strict();
export type FridgeIngredientsBody = z.infer<typeof FridgeIngredientsBodySchema>;

export const FridgeItemViewSchema = z.object({
  ingredientId: z.string(),
  nameKo: z.string(),
  nameEn: z.string(),
  category: z.string(),
  addedAt: z.string(),
});
export type FridgeItemView = z.infer<typeof FridgeItemViewSchema>;

export const FridgeViewSchema = z.object({ items: z.array(FridgeItemViewSchema) });
export type FridgeView = z.infer<typeof FridgeViewSchema>;

/** `added` lists the catalog ids the request named (resolved, without repeats), whether or not they were there already. */
export const FridgeAddedSchema = z.object({
  added: z.array(z.string()),
  items: z.array(FridgeItemViewSchema),
});
export type FridgeAdded = z.infer<typeof FridgeAddedSchema>;

export const FridgeRemovedSchema = z.object({ removed: z.number().int().min(0) });
export type FridgeRemoved = z.infer<typeof FridgeRemovedSchema>;

// The session service's internal fridge API: catalog ids only; the gateway resolves names and adds details.

export const FridgeIdsBodySchema = z
  .object({ ingredientIds: z.array(IngredientIdSchema).min(1).max(FRIDGE_MAX_ITEMS) })
  .strict();
export type FridgeIdsBody = z.infer<typeof FridgeIdsBodySchema>;

export const StoredFridgeItemSchema = z.object({ ingredientId: z.string(), addedAt: z.string() });
export type StoredFridgeItem = z.infer<typeof StoredFridgeItemSchema>;

export const StoredFridgeSchema = z.object({ items: z.array(StoredFridgeItemSchema) });
export type StoredFridge = z.infer<typeof StoredFridgeSchema>;

export const StoredFridgeAddedSchema = z.object({
  added: z.array(z.string()),
  items: z.array(StoredFridgeItemSchema),
});
export type StoredFridgeAdded = z.infer<typeof StoredFridgeAddedSchema>;

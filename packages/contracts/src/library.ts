import { z } from 'zod';
import { TARGETS } from './profile.js';
import { DIFFICULTIES } from './recipe.js';
import { wholeNumberParam } from './session.js';

/** `GET /recipes?target=&q=&limit=&offset=`: the built-in library, by target and name. */
export const RecipeSearchQuerySchema = z
  .object({
    target: z.enum(TARGETS).optional(),
    q: z.string().max(50).default(''),
    limit: wholeNumberParam(1, 50, 20),
    offset: wholeNumberParam(0, 100_000, 0),
  })
  .strict();
export type RecipeSearchQuery = z.output<typeof RecipeSearchQuerySchema>;

export const DishSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  targets: z.array(z.enum(TARGETS)),
  cookingTime: z.number().int(),
  difficulty: z.enum(DIFFICULTIES),
});
export type DishSummary = z.infer<typeof DishSummarySchema>;

export const RecipeSearchResultSchema = z.object({ items: z.array(DishSummarySchema), total: z.number().int() });
export type RecipeSearchResult = z.infer<typeof RecipeSearchResultSchema>;

/** A dish a person asks for by name (`process` with `dish`): a library name or one of the session's results. */
export const DishNameSchema = z.string().trim().min(1).max(120);

import { AppError } from '@ai-chef/platform';
import type { IngredientView } from '@ai-chef/contracts';
import type { getCatalog } from '@ai-chef/kitchen';

/** The lookups of the bundled catalog the gateway uses (names → ids, search, suggestions). */
export type IngredientCatalog = Pick<ReturnType<typeof getCatalog>, 'get' | 'resolve' | 'suggest' | 'search'>;
export type CatalogIngredient = NonNullable<ReturnType<IngredientCatalog['get']>>;

const SUGGESTIONS = 5;

export function ingredientView(ingredient: CatalogIngredient): IngredientView {
  return {
    id: ingredient.id,
    nameKo: ingredient.nameKo,
    nameEn: ingredient.nameEn,
    category: ingredient.category,
    aliases: ingredient.aliases,
    allergens: ingredient.allergens,
  };
}

/**
 * Catalog ids for ids or names, each once, in input order. Any input the catalog does not know
 * makes the whole request a 400 `unknown_ingredient` with suggestions for each such input.
 */
export function resolveIngredients(catalog: IngredientCatalog, inputs: readonly string[]): string[] {
  const ids: string[] = [];
  const unknown: { input: string; suggestions: ReturnType<IngredientCatalog['suggest']> }[] = [];
  for (const input of inputs) {
    const found = catalog.resolve(input);
    if (found) ids.push(found.id);
    else unknown.push({ input, suggestions: catalog.suggest(input, SUGGESTIONS) });
  }
  if (unknown.length > 0) {
    const names = unknown.map((entry) => `"${entry.input}"`).join(', ');
    throw new AppError(
      400,
      'unknown_ingredient',
      `Unknown ingredient: ${names}. Nothing was changed.`,
      unknown,
    );
  }
  return [...new Set(ids)];
}

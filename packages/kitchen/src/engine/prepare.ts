import { gramsFor, parseAmount } from '../amount.js';
import type { Catalog } from '../catalog.js';
import type { Ingredient } from '../ingredient-schema.js';
import { getLibrary } from '../library/library.js';
import type { LibraryIngredient, LibraryRecipe } from '../library/library-schema.js';
import { templateIds } from '../text/step-template.js';

/** A library line resolved against the catalog, its amount per serving. */
export interface PreparedLine {
  line: LibraryIngredient;
  ingredient: Ingredient;
  /** Amount per serving in `unit`; undefined for vague amounts (약간), which do not scale. */
  perServing: number | undefined;
  unit: string;
}

export interface PreparedRecipe {
  recipe: LibraryRecipe;
  lines: PreparedLine[];
  /** Ids of the fridge items the dish never takes in. */
  excluded: ReadonlySet<string>;
}

export interface PreparedLibrary {
  recipes: PreparedRecipe[];
  /** What the catalog cannot resolve or weigh, and templates that name no line: empty when the data agree. */
  problems: string[];
}

const preparedByCatalog = new WeakMap<Catalog, PreparedLibrary>();

function templatesOf(recipe: LibraryRecipe): string[] {
  return [
    ...recipe.steps.flatMap((step) => [step.ko, step.en]),
    recipe.description.ko,
    recipe.description.en,
    recipe.notes.ko,
    recipe.notes.en,
  ];
}

function prepareRecipe(recipe: LibraryRecipe, catalog: Catalog, problems: string[]): PreparedRecipe | undefined {
  const lines: PreparedLine[] = [];
  for (const line of recipe.ingredients) {
    const ingredient = catalog.resolve(line.name);
    if (ingredient === undefined) {
      problems.push(`${recipe.id}: unknown ingredient "${line.name}"`);
      continue;
    }
    const parsed = parseAmount(line.amount);
    const grams = parsed === undefined ? undefined : gramsFor(ingredient, parsed, line.unit);
    if (parsed === undefined || grams === undefined) {
      problems.push(`${recipe.id}: cannot weigh "${line.amount} ${line.unit}" of ${line.name}`);
      continue;
    }
    if (lines.some((known) => known.ingredient.id === ingredient.id))
      problems.push(`${recipe.id}: ${ingredient.id} is listed twice`);
    lines.push({
      line,
      ingredient,
      perServing: parsed.vague ? undefined : parsed.value / recipe.baseServings,
      unit: line.unit !== '' ? line.unit : (parsed.unit ?? ''),
    });
  }
  const ids = new Set(lines.map((line) => line.ingredient.id));
  for (const template of templatesOf(recipe)) {
    for (const id of templateIds(template)) {
      if (!ids.has(id)) problems.push(`${recipe.id}: "${template}" names {${id}}, which is not one of its lines`);
    }
  }
  const excluded = new Set<string>();
  for (const name of recipe.addIns?.exclude ?? []) {
    const ingredient = catalog.resolve(name);
    if (ingredient === undefined) problems.push(`${recipe.id}: unknown add-in exclusion "${name}"`);
    else excluded.add(ingredient.id);
  }
  return lines.length === recipe.ingredients.length ? { recipe, lines, excluded } : undefined;
}

/** The library resolved once per catalog. */
export function prepareLibrary(catalog: Catalog): PreparedLibrary {
  const cached = preparedByCatalog.get(catalog);
  if (cached !== undefined) return cached;
  const problems: string[] = [];
  const recipes = getLibrary()
    .map((recipe) => prepareRecipe(recipe, catalog, problems))
    .filter((recipe): recipe is PreparedRecipe => recipe !== undefined);
  const prepared = { recipes, problems };
  preparedByCatalog.set(catalog, prepared);
  return prepared;
}

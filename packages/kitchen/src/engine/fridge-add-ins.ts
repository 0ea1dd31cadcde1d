import type { Catalog } from '../catalog.js';
import type { Ingredient, IngredientCategory } from '../ingredient-schema.js';
import { gramsPerServing } from './amounts.js';
import type { WorkLine } from './amounts.js';
import type { PreparedRecipe } from './prepare.js';

/** Grams per serving of a fridge item added to a dish, by shelf. */
const ADD_IN_GRAMS: Readonly<Record<IngredientCategory, number>> = {
  vegetable: 70,
  mushroom: 50,
  seaweed: 5,
  fruit: 80,
  meat: 80,
  poultry: 80,
  processed_meat: 40,
  fish: 80,
  seafood: 60,
  egg: 50,
  tofu_soy: 80,
  legume: 30,
  grain: 40,
  rice_cake: 60,
  noodle: 50,
  flour_bread: 30,
  dairy: 40,
  nut_seed: 10,
  sauce_paste: 10,
  seasoning: 2,
  oil_fat: 5,
  sweetener: 5,
  kimchi_pickle: 50,
  water_broth: 100,
};
/** Per serving: no extra brings more energy than this. */
const ADD_IN_MAX_KCAL = 200;
/** Sodium all extras together may add per serving: a share of what the dish's sodium limit leaves. */
const ADD_IN_SODIUM_SHARE = 0.7;
/** The share of the carbohydrate left under a carbohydrate limit that extras may take (the rest is margin). */
const CARBOHYDRATE_ROOM_SHARE = 0.8;
const STARCHY: readonly IngredientCategory[] = ['grain', 'noodle', 'rice_cake', 'flour_bread'];
/** At most this many fridge items join one dish; a dish built from the fridge takes one more. */
const MAX_ADD_INS = 3;
const MAX_TEMPLATE_ADD_INS = 4;

export interface AddInLimits {
  sodiumMg: number;
  /** Carbohydrate per serving the profile allows (diabetes), or Infinity. */
  carbohydrateG: number;
}

export interface AddIns {
  items: Ingredient[];
  /** Extras taken from a dish's fallback categories (yoghurt in a stir-fry): they count against it. */
  poorFits: number;
  lines: WorkLine[];
}

function perServing(lines: readonly WorkLine[], nutrient: 'sodium' | 'carbohydrate'): number {
  return lines.reduce((sum, line) => sum + (gramsPerServing(line) * line.ingredient.per100g[nutrient]) / 100, 0);
}

function addInLine(ingredient: Ingredient, share: number, caps: AddInLimits): WorkLine {
  // A portion by shelf, smaller for dense, salty or sweet things (황태채, 스팸, 건포도): at most
  // ADD_IN_MAX_KCAL, and within this extra's part of the sodium and carbohydrate caps.
  const { calories, sodium, carbohydrate } = ingredient.per100g;
  let grams = ADD_IN_GRAMS[ingredient.category] * share;
  if (calories > 0) grams = Math.min(grams, (ADD_IN_MAX_KCAL / calories) * 100);
  if (sodium > 0) grams = Math.min(grams, (caps.sodiumMg / sodium) * 100);
  if (carbohydrate > 0) grams = Math.min(grams, (caps.carbohydrateG / carbohydrate) * 100);
  const piece = ingredient.units['개'];
  // Counted when a piece is about a portion (an egg, a pepper); weighed otherwise (a cabbage).
  const counted = piece !== undefined && piece <= grams * 2 && piece >= grams / 4;
  return {
    ingredient,
    key: ingredient.id,
    perServing: counted ? grams / piece : grams,
    vagueAmount: '',
    unit: counted ? '개' : 'g',
    fromFridge: true,
    role: 'extra',
  };
}

/**
 * The fridge items a dish takes in: those of its categories first, its fallback categories only to fill
 * the places left; each a portion that keeps the dish within its sodium and carbohydrate limits.
 */
export function fridgeAddIns(
  prepared: PreparedRecipe,
  lines: readonly WorkLine[],
  fridge: readonly string[],
  acceptable: (ingredient: Ingredient) => boolean,
  limits: AddInLimits,
  catalog: Catalog,
): AddIns {
  const spec = prepared.recipe.addIns;
  const result: AddIns = { items: [], poorFits: 0, lines: [] };
  if (spec === undefined) return result;
  const present = new Set(lines.map((line) => line.ingredient.id));
  const limit = spec.required === true ? MAX_TEMPLATE_ADD_INS : MAX_ADD_INS;
  const core: readonly string[] = spec.categories;
  const fallback: readonly string[] = spec.fallback ?? [];
  for (const categories of [core, fallback]) {
    for (const id of fridge) {
      if (result.items.length >= limit) break;
      const ingredient = catalog.get(id);
      if (ingredient === undefined || ingredient.staple || present.has(id) || prepared.excluded.has(id)) continue;
      if (!categories.includes(ingredient.category) || !acceptable(ingredient)) continue;
      if (categories === fallback) result.poorFits += 1;
      present.add(id);
      result.items.push(ingredient);
    }
  }
  // Many extras share the plate: each takes a smaller portion. Starchy extras share one starch portion;
  // the extras share what sodium and carbohydrate the dish leaves under the profile's limits.
  const count = Math.max(1, result.items.length);
  const share = result.items.length > 3 ? 3 / result.items.length : 1;
  const starches = result.items.filter((ingredient) => STARCHY.includes(ingredient.category)).length;
  const starchShare = 1 / Math.max(1, starches);
  const caps: AddInLimits = {
    sodiumMg: (Math.max(0, limits.sodiumMg - perServing(lines, 'sodium')) * ADD_IN_SODIUM_SHARE) / count,
    carbohydrateG: Number.isFinite(limits.carbohydrateG)
      ? (Math.max(0, limits.carbohydrateG - perServing(lines, 'carbohydrate')) * CARBOHYDRATE_ROOM_SHARE) / count
      : Number.POSITIVE_INFINITY,
  };
  result.lines = result.items.map((ingredient) =>
    addInLine(ingredient, STARCHY.includes(ingredient.category) ? share * starchShare : share, caps),
  );
  return result;
}

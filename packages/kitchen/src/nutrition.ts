import type { Nutrition, Nutrients } from '@ai-chef/contracts';
import { getCatalog } from './catalog.js';
import type { Catalog } from './catalog.js';

export interface NutritionItem {
  ingredientId: string;
  grams: number;
}

/** Nutrition as the result document reports it, before the rules add their checks. */
export type ComputedNutrition = Omit<Nutrition, 'checks'>;

const NUTRIENTS = [
  'calories',
  'carbohydrate',
  'fiber',
  'sugars',
  'protein',
  'fat',
  'sodium',
  'potassium',
  'phosphorus',
  'iron',
] as const;
type Totals = Record<(typeof NUTRIENTS)[number], number>;

function emptyTotals(): Totals {
  return Object.fromEntries(NUTRIENTS.map((nutrient) => [nutrient, 0])) as Totals;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Calories and milligrams to whole numbers, grams and iron (mg) to one decimal; net carbs never below zero. */
function present(raw: Totals): Nutrients {
  return {
    calories: round(raw.calories, 0),
    carbohydrate: round(raw.carbohydrate, 1),
    fiber: round(raw.fiber, 1),
    netCarbs: round(Math.max(0, raw.carbohydrate - raw.fiber), 1),
    sugars: round(raw.sugars, 1),
    protein: round(raw.protein, 1),
    fat: round(raw.fat, 1),
    sodium: round(raw.sodium, 0),
    potassium: round(raw.potassium, 0),
    phosphorus: round(raw.phosphorus, 0),
    iron: round(raw.iron, 1),
  };
}

/**
 * Sums the per-100 g values of the catalog over the recipe's weights. Per serving is the total divided by
 * `servings`; energySplit gives the shares (3 decimals) of 4·netCarbs, 4·protein and 9·fat.
 * Throws on an ingredient id the catalog does not know or a weight that is not a finite, non-negative number.
 */
export function computeNutrition(
  items: readonly NutritionItem[],
  servings: number,
  catalog: Catalog = getCatalog(),
): ComputedNutrition {
  if (!Number.isFinite(servings) || servings <= 0)
    throw new RangeError(`servings must be positive, got ${servings}`);
  const total = emptyTotals();
  for (const item of items) {
    const ingredient = catalog.get(item.ingredientId);
    if (!ingredient) throw new Error(`unknown ingredient id "${item.ingredientId}"`);
    if (!Number.isFinite(item.grams) || item.grams < 0) {
      throw new RangeError(`weight of ${item.ingredientId} must be a non-negative number, got ${item.grams}`);
    }
    const factor = item.grams / 100;
    for (const nutrient of NUTRIENTS) total[nutrient] += ingredient.per100g[nutrient] * factor;
  }
  const perServing = emptyTotals();
  for (const nutrient of NUTRIENTS) perServing[nutrient] = total[nutrient] / servings;

  const carbEnergy = 4 * Math.max(0, perServing.carbohydrate - perServing.fiber);
  const proteinEnergy = 4 * perServing.protein;
  const fatEnergy = 9 * perServing.fat;
  const energy = carbEnergy + proteinEnergy + fatEnergy;
  const share = (part: number) => (energy > 0 ? round(part / energy, 3) : 0);

  return {
    perServing: present(perServing),
    total: present(total),
    energySplit: { carbohydrate: share(carbEnergy), protein: share(proteinEnergy), fat: share(fatEnergy) },
  };
}

import type { RecipeIngredient } from '@ai-chef/contracts';
import { parseAmount } from '../amount.js';
import { formatAmount } from '../engine/amounts.js';

/**
 * A meal plan's shopping lines: every meal's lines of one ingredient made one, the grams summed before any
 * pack is counted, so the egg pack bought for Monday serves Thursday too. The amount reads as the meals
 * wrote it when they agree on a unit ("3 개" from "2 개" and "1 개"), in grams when they do not; amounts
 * given only as "약간" stay so. First seen, first listed.
 */
export function planBasketLines(meals: readonly { ingredients: readonly RecipeIngredient[] }[]): RecipeIngredient[] {
  const byId = new Map<string, RecipeIngredient[]>();
  for (const meal of meals) {
    for (const line of meal.ingredients) {
      const lines = byId.get(line.ingredientId);
      if (lines) lines.push(line);
      else byId.set(line.ingredientId, [line]);
    }
  }
  return [...byId.values()].map(mergeLines);
}

function mergeLines(lines: readonly RecipeIngredient[]): RecipeIngredient {
  const first = lines[0]!;
  const grams = lines.reduce((sum, line) => sum + line.grams, 0);
  if (lines.length === 1) return { ...first };
  const parsed = lines.map((line) => parseAmount(line.amount));
  const sameUnit = lines.every((line) => line.unit === first.unit);
  if (sameUnit && parsed.every((amount) => amount?.vague === true)) return { ...first, grams };
  if (sameUnit && parsed.every((amount) => amount !== undefined && amount.vague !== true && amount.unit === undefined)) {
    const total = parsed.reduce((sum, amount) => sum + amount!.value, 0);
    return { ...first, ...formatAmount(total, first.unit), grams };
  }
  return { ...first, ...formatAmount(grams, 'g'), grams };
}

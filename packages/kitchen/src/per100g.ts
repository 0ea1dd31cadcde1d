import { z } from 'zod';

const amount = (max: number) => z.number().min(0).max(max);

/**
 * Per 100 g: calories in kcal; carbohydrate (fibre included), fiber, sugars, protein, fat and alcohol in g;
 * sodium, potassium, phosphorus and iron in mg. Mineral bounds are the highest a food reaches (dried kelp about
 * 6,000 mg potassium, dried herbs about 120 mg iron), with room.
 */
export const Per100gSchema = z
  .object({
    calories: amount(950),
    carbohydrate: amount(100),
    fiber: amount(100),
    sugars: amount(100),
    protein: amount(100),
    fat: amount(100),
    /** Only in records tagged `alcohol`; 7 kcal/g. */
    alcohol: amount(100).optional(),
    sodium: amount(40_000),
    potassium: amount(12_000),
    phosphorus: amount(10_000),
    iron: amount(150),
  })
  .strict()
  .superRefine((n, ctx) => {
    if (n.fiber > n.carbohydrate) ctx.addIssue({ code: 'custom', message: 'fiber exceeds carbohydrate' });
    if (n.sugars > n.carbohydrate) ctx.addIssue({ code: 'custom', message: 'sugars exceed carbohydrate' });
    const grams = solidGrams(n);
    if (grams > 100.5)
      ctx.addIssue({ code: 'custom', message: `contents add up to ${grams.toFixed(1)} g per 100 g` });
  });

/**
 * What 100 g holds by mass: macros, alcohol and minerals (mg to g). Sodium counts as the salt that carries it
 * (1 g sodium is about 2.5 g salt).
 */
export function solidGrams(n: {
  carbohydrate: number;
  protein: number;
  fat: number;
  alcohol?: number | undefined;
  sodium: number;
  potassium: number;
  phosphorus: number;
  iron: number;
}): number {
  const mineralMg = n.sodium * 2.5 + n.potassium + n.phosphorus + n.iron;
  return n.carbohydrate + n.protein + n.fat + (n.alcohol ?? 0) + mineralMg / 1000;
}

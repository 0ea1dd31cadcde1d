import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { NutritionSchema } from '@ai-chef/contracts';
import { Catalog, getCatalog } from './catalog.js';
import { computeNutrition } from './nutrition.js';

const catalog = getCatalog();

/** A two-record catalog whose numbers the hand calculations below use. */
const handCatalog = new Catalog([
  {
    id: 'rice_cooked',
    nameKo: '밥',
    nameEn: 'Cooked rice',
    aliases: [],
    category: 'grain',
    per100g: {
      calories: 130,
      carbohydrate: 28.6,
      fiber: 0.3,
      sugars: 0.1,
      protein: 2.4,
      fat: 0.2,
      sodium: 1,
      potassium: 29,
      phosphorus: 37,
      iron: 1.5,
    },
    units: { g: 1 },
    allergens: [],
    staple: true,
    tags: [],
    referencePrice: { price: 1000, grams: 210, pack: '210g' },
    sourceRef: {
      db: 'usda_sr_legacy',
      id: '20051',
      food: 'Rice, white, medium-grain, enriched, cooked',
      note: 'rounded for the hand calculations',
    },
  },
  {
    id: 'chicken_breast',
    nameKo: '닭가슴살',
    nameEn: 'Chicken breast',
    aliases: [],
    category: 'poultry',
    per100g: {
      calories: 120,
      carbohydrate: 0,
      fiber: 0,
      sugars: 0,
      protein: 22.5,
      fat: 2.6,
      sodium: 45,
      potassium: 334,
      phosphorus: 213,
      iron: 0.37,
    },
    units: { g: 1 },
    allergens: ['chicken'],
    staple: false,
    tags: [],
    referencePrice: { price: 9900, grams: 1000, pack: '1kg' },
    sourceRef: {
      db: 'usda_sr_legacy',
      id: '05062',
      food: 'Chicken, broiler or fryers, breast, skinless, boneless, meat only, raw',
      note: 'rounded for the hand calculations',
    },
  },
]);

describe('computeNutrition', () => {
  it('adds up 2 eggs and 15 g butter for one serving (bundled table)', () => {
    // Egg per 100 g: 143 kcal, carb 0.72, fibre 0, sugars 0.37, protein 12.56, fat 9.51, sodium 142,
    // potassium 138, phosphorus 198, iron 1.75.
    // Butter per 100 g: 717 kcal, carb 0.06, sugars 0.06, protein 0.85, fat 81.11, sodium 643, potassium 24,
    // phosphorus 24, iron 0.02; 15 g is 0.15 of that.
    // kcal 143 + 107.55 = 250.55 → 251; carb 0.72 + 0.009 = 0.729 → 0.7; sugars 0.37 + 0.009 → 0.4;
    // protein 12.56 + 0.1275 = 12.6875 → 12.7; fat 9.51 + 12.1665 = 21.6765 → 21.7; sodium 142 + 96.45 = 238.45 → 238;
    // potassium 138 + 3.6 = 141.6 → 142; phosphorus 198 + 3.6 = 201.6 → 202; iron 1.75 + 0.003 = 1.753 → 1.8.
    // Energy: 4·0.729 = 2.916, 4·12.6875 = 50.75, 9·21.6765 = 195.0885; sum 248.7545
    // → shares 0.0117 → 0.012, 0.2040 → 0.204, 0.7843 → 0.784.
    const result = computeNutrition(
      [
        { ingredientId: 'egg', grams: 100 },
        { ingredientId: 'butter', grams: 15 },
      ],
      1,
      catalog,
    );
    const expected = {
      calories: 251,
      carbohydrate: 0.7,
      fiber: 0,
      netCarbs: 0.7,
      sugars: 0.4,
      protein: 12.7,
      fat: 21.7,
      sodium: 238,
      potassium: 142,
      phosphorus: 202,
      iron: 1.8,
    };
    expect(result.perServing).toEqual(expected);
    expect(result.total).toEqual(expected);
    expect(result.energySplit).toEqual({ carbohydrate: 0.012, protein: 0.204, fat: 0.784 });
  });

  it('divides by servings: 210 g rice and 100 g chicken breast for two', () => {
    // Total: kcal 273 + 120 = 393; carb 60.06; fibre 0.63; sugars 0.21; protein 5.04 + 22.5 = 27.54;
    // fat 0.42 + 2.6 = 3.02; sodium 2.1 + 45 = 47.1; potassium 60.9 + 334 = 394.9; phosphorus 77.7 + 213 = 290.7;
    // iron 3.15 + 0.37 = 3.52.
    // Per serving: kcal 196.5 → 197 (rounds half up); carb 30.03 → 30.0; fibre 0.315 → 0.3; net 29.715 → 29.7;
    // sugars 0.105 → 0.1; protein 13.77 → 13.8; fat 1.51 → 1.5; sodium 23.55 → 24; potassium 197.45 → 197;
    // phosphorus 145.35 → 145; iron 1.76 → 1.8.
    // Energy: 4·29.715 = 118.86, 4·13.77 = 55.08, 9·1.51 = 13.59; sum 187.53 → 0.634, 0.294, 0.072.
    const result = computeNutrition(
      [
        { ingredientId: 'rice_cooked', grams: 210 },
        { ingredientId: 'chicken_breast', grams: 100 },
      ],
      2,
      handCatalog,
    );
    expect(result.total).toEqual({
      calories: 393,
      carbohydrate: 60.1,
      fiber: 0.6,
      netCarbs: 59.4,
      sugars: 0.2,
      protein: 27.5,
      fat: 3,
      sodium: 47,
      potassium: 395,
      phosphorus: 291,
      iron: 3.5,
    });
    expect(result.perServing).toEqual({
      calories: 197,
      carbohydrate: 30,
      fiber: 0.3,
      netCarbs: 29.7,
      sugars: 0.1,
      protein: 13.8,
      fat: 1.5,
      sodium: 24,
      potassium: 197,
      phosphorus: 145,
      iron: 1.8,
    });
    expect(result.energySplit).toEqual({ carbohydrate: 0.634, protein: 0.294, fat: 0.072 });
  });

  it('gives zeros, not NaN, for nothing at all', () => {
    const result = computeNutrition([], 2, handCatalog);
    expect(result.perServing.calories).toBe(0);
    expect(result.energySplit).toEqual({ carbohydrate: 0, protein: 0, fat: 0 });
  });

  it('keeps net carbs at zero or more, minerals in whole mg (iron to 0.1) and the energy shares summing to one', () => {
    const ids = catalog.all().map((i) => i.id);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ ingredientId: fc.constantFrom(...ids), grams: fc.integer({ min: 1, max: 500 }) }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.integer({ min: 1, max: 12 }),
        (items, servings) => {
          const result = computeNutrition(items, servings, catalog);
          expect(NutritionSchema.omit({ checks: true }).safeParse(result).success).toBe(true);
          expect(result.perServing.netCarbs).toBeGreaterThanOrEqual(0);
          for (const per of [result.perServing, result.total]) {
            expect(Number.isInteger(per.potassium) && Number.isInteger(per.phosphorus)).toBe(true);
            expect(Math.abs(per.iron * 10 - Math.round(per.iron * 10))).toBeLessThan(1e-9);
          }
          const { carbohydrate, protein, fat } = result.energySplit;
          const sum = carbohydrate + protein + fat;
          if (sum > 0) expect(Math.abs(sum - 1)).toBeLessThanOrEqual(0.002);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses unknown ids, negative weights and non-positive servings', () => {
    expect(() => computeNutrition([{ ingredientId: 'unicorn', grams: 10 }], 1, catalog)).toThrow(/unicorn/);
    expect(() => computeNutrition([{ ingredientId: 'egg', grams: -5 }], 1, catalog)).toThrow(RangeError);
    expect(() => computeNutrition([{ ingredientId: 'egg', grams: 50 }], 0, catalog)).toThrow(RangeError);
  });

  it('uses the shared catalog by default', () => {
    expect(computeNutrition([{ ingredientId: 'sugar', grams: 12 }], 1).perServing.sugars).toBe(12);
  });
});

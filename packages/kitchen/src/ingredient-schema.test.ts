import fs from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  INGREDIENT_CATEGORIES,
  IngredientFileSchema,
  IngredientSchema,
  nameKey,
} from './ingredient-schema.js';
import type { Ingredient, IngredientCategory } from './ingredient-schema.js';

const raw = JSON.parse(
  fs.readFileSync(new URL('../data/ingredients.json', import.meta.url), 'utf8'),
) as unknown;
const records: Ingredient[] = IngredientFileSchema.parse(raw);
const byId = new Map(records.map((r) => [r.id, r]));

function record(id: string): Ingredient {
  const found = byId.get(id);
  if (!found) throw new Error(`no record ${id}`);
  return found;
}

const egg: Ingredient = {
  id: 'egg',
  nameKo: '달걀',
  nameEn: 'Egg',
  aliases: ['계란'],
  category: 'egg',
  per100g: { calories: 143, carbohydrate: 0.7, fiber: 0, sugars: 0.4, protein: 12.6, fat: 9.5, sodium: 142 },
  units: { 개: 50, g: 1 },
  allergens: ['egg'],
  staple: false,
  tags: [],
  referencePrice: { price: 7990, grams: 1500 },
  source: 'USDA FDC SR Legacy: Egg, whole, raw, fresh',
};

describe('IngredientSchema', () => {
  it('accepts a well-formed record', () => {
    expect(IngredientSchema.safeParse(egg).success).toBe(true);
  });

  it.each([
    ['an upper-case id', { ...egg, id: 'Egg' }],
    ['an unknown allergen key', { ...egg, allergens: ['kiwi'] }],
    ['a missing "g" unit', { ...egg, units: { 개: 50 } }],
    ['an unknown unit', { ...egg, units: { g: 1, bucket: 5000 } }],
    ['an unknown category', { ...egg, category: 'snack' }],
    ['an unknown tag', { ...egg, tags: ['tasty'] }],
    ['fibre above carbohydrate', { ...egg, per100g: { ...egg.per100g, fiber: 2 } }],
    ['sugars above carbohydrate', { ...egg, per100g: { ...egg.per100g, sugars: 1 } }],
    ['macros above 100 g', { ...egg, per100g: { ...egg.per100g, carbohydrate: 60, protein: 30, fat: 20 } }],
    ['negative calories', { ...egg, per100g: { ...egg.per100g, calories: -1 } }],
    ['an unknown field', { ...egg, colour: 'white' }],
  ])('rejects %s', (_label, candidate) => {
    expect(IngredientSchema.safeParse(candidate).success).toBe(false);
  });

  it('rejects a file with a duplicate id or a name that points at two records', () => {
    expect(IngredientFileSchema.safeParse([egg, egg]).success).toBe(false);
    const quail = { ...egg, id: 'quail_egg', nameKo: '메추리알', nameEn: 'Quail egg', aliases: ['계 란'] };
    expect(IngredientFileSchema.safeParse([egg, quail]).success).toBe(false);
    expect(IngredientFileSchema.safeParse([egg, { ...quail, aliases: [] }]).success).toBe(true);
  });

  it('compares names without case, spaces or underscores', () => {
    expect(nameKey(' Green_Onion ')).toBe(nameKey('green onion'));
    expect(nameKey('돼지고기 앞다리살')).toBe('돼지고기앞다리살');
  });
});

describe('data/ingredients.json', () => {
  it('holds at least 260 records, with items in every category', () => {
    const counts = Object.fromEntries(INGREDIENT_CATEGORIES.map((c) => [c, 0])) as Record<
      IngredientCategory,
      number
    >;
    for (const r of records) counts[r.category] += 1;
    expect(records.length).toBeGreaterThanOrEqual(260);
    expect(INGREDIENT_CATEGORIES.filter((c) => counts[c] === 0)).toEqual([]);
    // The big shelves of a Korean kitchen are well stocked.
    expect(counts.vegetable).toBeGreaterThanOrEqual(40);
    expect(counts.meat + counts.poultry).toBeGreaterThanOrEqual(20);
    expect(counts.fish + counts.seafood).toBeGreaterThanOrEqual(20);
    expect(counts.sauce_paste + counts.seasoning).toBeGreaterThanOrEqual(25);
    expect(counts.fruit).toBeGreaterThanOrEqual(20);
  });

  it('reports calories consistent with its macros (Atwater 4/4/9, fibre counted at 0 to 4 kcal/g)', () => {
    const off = records
      .filter((r) => !r.tags.includes('alcohol'))
      .filter((r) => {
        const { calories, carbohydrate, fiber, protein, fat } = r.per100g;
        const low = 4 * protein + 9 * fat + 4 * (carbohydrate - fiber);
        const high = low + 4 * fiber;
        const tolerance = Math.max(25, 0.15 * calories);
        return calories < low - tolerance || calories > high + tolerance;
      })
      .map((r) => `${r.id}: ${r.per100g.calories} kcal`);
    expect(off).toEqual([]);
  });

  it('names the source of every record', () => {
    const unsourced = records.filter(
      (r) =>
        !/^(USDA FDC SR Legacy: |Korean Food Composition Table|Korean product labels|Japanese Standard Tables)/.test(
          r.source,
        ),
    );
    expect(unsourced.map((r) => r.id)).toEqual([]);
  });

  it('prices every record plausibly (10 to 20,000 KRW per 100 g)', () => {
    const odd = records.filter((r) => {
      const per100g = (r.referencePrice.price / r.referencePrice.grams) * 100;
      return per100g < 10 || per100g > 20_000;
    });
    expect(odd.map((r) => r.id)).toEqual([]);
  });

  it('uses realistic Korean unit weights', () => {
    expect(record('soy_sauce').units['큰술']).toBeCloseTo(18, 0);
    expect(record('vegetable_oil').units['큰술']).toBeGreaterThanOrEqual(13);
    expect(record('vegetable_oil').units['큰술']).toBeLessThanOrEqual(14);
    expect(record('onion').units['개']).toBe(200);
    expect(record('tofu').units['모']).toBe(300);
    expect(record('garlic').units['쪽']).toBe(5);
    expect(record('rice').units['컵']).toBe(160);
    expect(record('egg').units['개']).toBe(50);
    expect(record('milk').units['컵']).toBeCloseTo(206, 0);
    expect(record('water').units['컵']).toBe(200);
  });

  it('lists hidden allergen sources', () => {
    const expected: [string, string[]][] = [
      ['butter', ['milk']],
      ['mayonnaise', ['egg']],
      ['soy_sauce', ['soybean', 'wheat']],
      ['jin_ganjang', ['soybean', 'wheat']],
      ['guk_ganjang', ['soybean', 'wheat']],
      ['doenjang', ['soybean']],
      ['gochujang', ['wheat', 'soybean']],
      ['salted_shrimp', ['shrimp']],
      ['pancake_mix', ['wheat']],
      ['oyster_sauce', ['shellfish', 'wheat', 'soybean']],
      ['fish_cake', ['wheat']],
      ['kimchi', ['shrimp']],
      ['ramyeon', ['wheat']],
      ['buckwheat_noodles', ['buckwheat']],
      ['bread_crumbs', ['wheat']],
      ['peanut_butter', ['peanut']],
      ['imitation_crab', ['crab']],
      ['chicken_stock', ['chicken']],
      ['cherry_tomato', ['tomato']],
      ['ketchup', ['tomato']],
    ];
    for (const [id, allergens] of expected) {
      expect({ id, allergens: record(id).allergens }).toEqual({
        id,
        allergens: expect.arrayContaining(allergens),
      });
    }
  });

  it('tags what the diet rules look for', () => {
    for (const id of [
      'sugar',
      'brown_sugar',
      'honey',
      'corn_syrup',
      'oligosaccharide',
      'maple_syrup',
      'jam',
    ]) {
      expect(record(id).tags).toContain('added_sugar');
    }
    expect(record('honey').tags).toContain('honey');
    expect(record('salt').tags).toContain('salt');
    for (const id of ['soy_sauce', 'guk_ganjang', 'doenjang', 'gochujang', 'fish_sauce', 'salted_shrimp']) {
      expect(record(id).tags).toContain('salty_sauce');
    }
    for (const id of ['walnut', 'peanut', 'pine_nut', 'almond'])
      expect(record(id).tags).toContain('whole_nut');
    for (const id of ['allulose', 'erythritol']) {
      expect(record(id).tags).toContain('keto_sweetener');
      expect(record(id).tags).not.toContain('added_sugar');
    }
    expect(record('beef_yukhoe').tags).toContain('raw_only');
    expect(record('flatfish_sashimi').tags).toContain('raw_only');
  });

  it('marks pantry staples', () => {
    const staples = records.filter((r) => r.staple).map((r) => r.id);
    expect(staples).toEqual(
      expect.arrayContaining([
        'salt',
        'black_pepper',
        'vegetable_oil',
        'water',
        'soy_sauce',
        'sugar',
        'sesame_oil',
      ]),
    );
    expect(staples).not.toContain('pork_belly');
    expect(staples).not.toContain('egg');
  });
});

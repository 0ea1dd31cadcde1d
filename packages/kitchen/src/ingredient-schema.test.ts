import fs from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  INGREDIENT_CATEGORIES,
  IngredientFileSchema,
  IngredientSchema,
  nameKey,
  solidGrams,
} from './ingredient-schema.js';
import type { Ingredient, IngredientCategory } from './ingredient-schema.js';
import { SOURCE_DBS } from './source-ref.js';
import { getCatalog } from './catalog.js';

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
  per100g: {
    calories: 143,
    carbohydrate: 0.7,
    fiber: 0,
    sugars: 0.4,
    protein: 12.6,
    fat: 9.5,
    sodium: 142,
    potassium: 138,
    phosphorus: 198,
    iron: 1.75,
  },
  units: { 개: 50, g: 1 },
  allergens: ['egg'],
  staple: false,
  tags: [],
  referencePrice: { price: 7990, grams: 1500, pack: '1.5kg' },
  sourceRef: { db: 'usda_sr_legacy', id: '01123', food: 'Egg, whole, raw, fresh' },
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
    ['a missing mineral', { ...egg, per100g: { ...egg.per100g, iron: undefined } }],
    ['negative potassium', { ...egg, per100g: { ...egg.per100g, potassium: -1 } }],
    ['iron beyond any food', { ...egg, per100g: { ...egg.per100g, iron: 151 } }],
    [
      'minerals that outweigh the food',
      { ...egg, per100g: { ...egg.per100g, protein: 90, phosphorus: 9_000 } },
    ],
    ['alcohol in a record not tagged alcohol', { ...egg, per100g: { ...egg.per100g, alcohol: 5 } }],
    ['the tag alcohol without grams of it', { ...egg, tags: ['alcohol'] }],
    ['the old source string', { ...egg, source: 'USDA FDC SR Legacy: Egg, whole, raw, fresh' }],
    ['no source reference', { ...egg, sourceRef: undefined }],
    ['an unknown database', { ...egg, sourceRef: { ...egg.sourceRef, db: 'wikipedia' } }],
    ['an SR reference without its NDB number', { ...egg, sourceRef: { db: 'usda_sr_legacy', food: 'Egg' } }],
    ['an SR reference with an FDC-style id', { ...egg, sourceRef: { ...egg.sourceRef, id: '171287' } }],
    [
      'a Korean table code nobody checked',
      { ...egg, sourceRef: { db: 'kr_food_composition', id: 'D101', food: '달걀' } },
    ],
    ['an estimate of an unknown field', { ...egg, sourceRef: { ...egg.sourceRef, estimated: ['zinc'] } }],
    [
      'an SR record borrowing minerals',
      {
        ...egg,
        mineralsRef: { db: 'usda_sr_legacy', id: '01124', food: 'Egg, white, raw, fresh', note: 'x' },
      },
    ],
    ['an unknown field', { ...egg, colour: 'white' }],
  ])('rejects %s', (_label, candidate) => {
    expect(IngredientSchema.safeParse(candidate).success).toBe(false);
  });

  it('accepts a label record whose minerals copy an SR food', () => {
    const label = {
      ...egg,
      sourceRef: { db: 'product_label', food: '구운란', estimated: [] },
      mineralsRef: {
        db: 'usda_sr_legacy',
        id: '01123',
        food: 'Egg, whole, raw, fresh',
        note: 'the same egg',
      },
    };
    expect(IngredientSchema.safeParse(label).success).toBe(true);
    const both = { ...label, sourceRef: { ...label.sourceRef, estimated: ['iron'] } };
    expect(IngredientSchema.safeParse(both).success).toBe(false);
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

  // Energy from the macros: 4 kcal/g protein and digestible carbohydrate, 9 kcal/g fat, 7 kcal/g alcohol, fibre
  // at 0 to 4 kcal/g (SR counts some of it). Tolerance max(20 kcal, 12 %): SR's own energy uses food-specific
  // factors (8.37–8.84 kcal/g for the fat of nuts, butter and oils), MCT oil is 8.3 kcal/g, vinegar's energy is
  // acetic acid, and allulose carries 0.2–0.4 kcal/g without counting as carbohydrate (SOURCES.md).
  it('reports calories consistent with its macros (Atwater 4/4/9/7, fibre at 0 to 4 kcal/g)', () => {
    const off = records
      .filter((r) => {
        const { calories, carbohydrate, fiber, protein, fat, alcohol = 0 } = r.per100g;
        const low = 4 * protein + 9 * fat + 4 * (carbohydrate - fiber) + 7 * alcohol;
        const high = low + 4 * fiber;
        const tolerance = Math.max(20, 0.12 * calories);
        return calories < low - tolerance || calories > high + tolerance;
      })
      .map((r) => `${r.id}: ${r.per100g.calories} kcal`);
    expect(off).toEqual([]);
  });

  it('holds no more than 100 g of macros, alcohol and minerals in 100 g', () => {
    const over = records.filter((r) => solidGrams(r.per100g) > 100.5).map((r) => r.id);
    expect(over).toEqual([]);
  });

  it('keeps minerals within what foods of each kind hold', () => {
    const outside = (
      ids: (r: Ingredient) => boolean,
      limits: { potassium: [number, number]; phosphorus: [number, number]; iron: [number, number] },
    ) =>
      records
        .filter(ids)
        .flatMap((r) =>
          (['potassium', 'phosphorus', 'iron'] as const)
            .filter((m) => r.per100g[m] < limits[m][0] || r.per100g[m] > limits[m][1])
            .map((m) => `${r.id}.${m} = ${r.per100g[m]}`),
        );
    // The richest foods of the table: dried kelp (6,100 mg potassium), pumpkin seeds (1,233 mg phosphorus),
    // dried bay leaf (43 mg iron).
    expect(outside(() => true, { potassium: [0, 7_000], phosphorus: [0, 1_500], iron: [0, 50] })).toEqual([]);
    // Pure fats and refined sugars carry next to no minerals.
    expect(
      outside((r) => r.category === 'oil_fat', { potassium: [0, 50], phosphorus: [0, 50], iron: [0, 1] }),
    ).toEqual([]);
    expect(
      outside((r) => ['sugar', 'allulose', 'erythritol', 'corn_syrup'].includes(r.id), {
        potassium: [0, 10],
        phosphorus: [0, 10],
        iron: [0, 0.5],
      }),
    ).toEqual([]);
    // Fresh meat, poultry and fish are muscle: 150–450 mg potassium, 100–350 mg phosphorus, up to 5 mg iron.
    expect(
      outside((r) => r.tags.includes('iron_source') && ['meat', 'poultry', 'fish'].includes(r.category), {
        potassium: [150, 450],
        phosphorus: [100, 350],
        iron: [0.1, 5],
      }),
    ).toEqual([]);
    // Dry legumes are mineral-rich seeds.
    expect(
      outside((r) => r.category === 'legume' && r.id !== 'green_peas', {
        potassium: [600, 2_000],
        phosphorus: [250, 800],
        iron: [3, 16],
      }),
    ).toEqual([]);
  });

  it('names a source record of a known database for every record', () => {
    const counts = Object.fromEntries(SOURCE_DBS.map((db) => [db, 0])) as Record<
      (typeof SOURCE_DBS)[number],
      number
    >;
    for (const r of records) counts[r.sourceRef.db] += 1;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(records.length);
    // Most of the table is SR Legacy, which scripts/audit_nutrition.py checks value by value.
    expect(counts.usda_sr_legacy).toBeGreaterThanOrEqual(230);
  });

  it('gives one food to one source id, with the same numbers wherever it is cited', () => {
    // Records may share a source food (대파 and 쪽파, 광어 and 광어회); the fields they take from it must agree.
    const cited = new Map<string, { id: string; food: string; values: Map<string, number> }>();
    const conflicts: string[] = [];
    const cite = (r: Ingredient, db: string, id: string, food: string, fields: readonly string[]) => {
      const key = `${db}:${id}`;
      const ours = new Map(fields.map((f) => [f, (r.per100g as Record<string, number | undefined>)[f] ?? 0]));
      const first = cited.get(key);
      if (!first) {
        cited.set(key, { id: r.id, food, values: ours });
        return;
      }
      const differ = [...ours].filter(([f, v]) => first.values.has(f) && first.values.get(f) !== v);
      if (first.food !== food || differ.length > 0) conflicts.push(`${r.id} and ${first.id} cite ${key}`);
      for (const [f, v] of ours) if (!first.values.has(f)) first.values.set(f, v);
    };
    const fields = ['calories', 'carbohydrate', 'fiber', 'sugars', 'protein', 'fat', 'alcohol', 'sodium'];
    const minerals = ['potassium', 'phosphorus', 'iron'];
    for (const r of records) {
      const { db, id, food, estimated = [] } = r.sourceRef;
      if (id !== undefined) {
        const taken = [...fields, ...minerals].filter((f) => !(estimated as string[]).includes(f));
        cite(r, db, id, food, r.mineralsRef ? taken.filter((f) => !minerals.includes(f)) : taken);
      }
      if (r.mineralsRef) cite(r, r.mineralsRef.db, r.mineralsRef.id, r.mineralsRef.food, minerals);
    }
    expect(conflicts).toEqual([]);
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

  it('tags the iron sources a baby from 6 months can be given', () => {
    const iron = records.filter((r) => r.tags.includes('iron_source'));
    for (const id of [
      'beef',
      'ground_beef',
      'beef_round',
      'chicken_breast',
      'cod',
      'salmon',
      'egg_yolk',
      'tofu',
      'lentil',
    ])
      expect(record(id).tags).toContain('iron_source');
    const groups = ['meat', 'poultry', 'fish', 'tofu_soy', 'legume'];
    const odd = iron
      .filter((r) => !(groups.includes(r.category) || r.id === 'egg_yolk'))
      .concat(iron.filter((r) => r.tags.includes('raw_only') || r.tags.includes('processed')))
      .concat(iron.filter((r) => r.tags.includes('salty_sauce') || r.per100g.sodium > 400))
      .map((r) => r.id);
    expect(odd).toEqual([]);
    // Soy milk is a drink, not tofu; whole eggs and raw or processed foods are not on the list.
    for (const id of ['soy_milk', 'egg', 'beef_yukhoe', 'salmon_sashimi', 'fish_cake', 'tuna_canned', 'ham'])
      expect(record(id).tags).not.toContain('iron_source');
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

describe('reference packs as shops sell them', () => {
  it('weigh what their label says, by the record’s own units (a 160 ml bottle of sesame oil, 10 eggs)', () => {
    const wrong: string[] = [];
    for (const record of getCatalog().all()) {
      const { grams, pack } = record.referencePrice;
      const [, amountText, unit] = /^(\d+(?:\.\d+)?)(g|kg|ml|L|구)$/.exec(pack) ?? [];
      const amount = Number(amountText);
      const perUnit = { g: 1, kg: 1000, ml: record.units.ml, L: (record.units.ml ?? 0) * 1000, 구: record.units['개'] }[unit as 'g'];
      if (perUnit === undefined || Math.abs(amount * perUnit - grams) > grams * 0.03) wrong.push(`${record.id}: ${pack} is not ${grams} g`);
    }
    expect(wrong).toEqual([]);
  });
});

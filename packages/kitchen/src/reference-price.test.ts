import { describe, expect, it } from '@jest/globals';
import { getCatalog } from './catalog.js';
import type { Ingredient, IngredientCategory } from './ingredient-schema.js';

/**
 * The bundled reference prices are the smallest common retail pack of each item (data/SOURCES.md).
 * Without live prices the basket buys whole packs of them, so these tests check both the packs and
 * what a recipe of the base costs when bought that way.
 */

/**
 * KRW per 100 g a smallest retail pack may cost, by shelf group. Each range holds the cheap end of the
 * group with room to spare and its dearest ordinary member:
 * - vegetable: 무 and 배추 about 200, fresh herbs (바질, 고수) in 30–50 g packs up to about 10,000;
 * - mushroom, seaweed: fresh mushrooms 600+, dried 표고, 목이, 미역, 김 up to about 12,000;
 * - meat: pork cuts about 1,200, 안심 and 등심 about 6,000;
 * - fish, seafood: 홍합 in the shell about 500, sashimi, 장어 and dried fish or shrimp up to about 10,000;
 * - dairy: milk about 300, grated parmesan about 6,500;
 * - nut_seed: nut milks about 350, 잣 about 10,000;
 * - seasoning: coarse salt about 250, 월계수잎 about 15,000 (a 20 g pack);
 * - water_broth: bottled water about 45, ready-made broths about 500.
 */
const PER_100G_BOUNDS: Readonly<Record<IngredientCategory, readonly [min: number, max: number]>> = {
  vegetable: [100, 12_000],
  mushroom: [400, 15_000],
  seaweed: [500, 15_000],
  fruit: [200, 4_000],
  meat: [800, 8_000],
  poultry: [500, 3_000],
  processed_meat: [1_000, 4_000],
  fish: [600, 10_000],
  seafood: [300, 12_000],
  egg: [500, 3_000],
  tofu_soy: [200, 3_000],
  legume: [500, 3_000],
  grain: [300, 3_500],
  rice_cake: [300, 1_500],
  noodle: [250, 2_000],
  flour_bread: [150, 2_000],
  dairy: [200, 8_000],
  nut_seed: [250, 12_000],
  sauce_paste: [300, 6_000],
  seasoning: [150, 20_000],
  oil_fat: [500, 6_000],
  sweetener: [150, 6_000],
  kimchi_pickle: [400, 2_500],
  water_broth: [20, 1_000],
};

/** Groups eaten a spoonful at a time: their smallest pack is small and cheap. */
const CONDIMENTS: ReadonlySet<IngredientCategory> = new Set([
  'sauce_paste',
  'seasoning',
  'oil_fat',
  'sweetener',
]);
const CONDIMENT_MAX_GRAMS = 1_000;
const CONDIMENT_MAX_PRICE = 13_000;
/** No smallest pack of anything in the table costs more than this (안심 300 g is about 18,000). */
const PACK_MAX_PRICE = 20_000;
/** Nor weighs more (water comes in 2 L bottles; 무 and half a 배추 are the heaviest produce). */
const PACK_MAX_GRAMS = 2_000;

/**
 * Records sold only as part of another product: priced as that product's smallest pack, for the share
 * of it they make up (10 eggs hold about 170 g of yolk and 330 g of white).
 */
const DERIVED_FROM: Readonly<Record<string, string>> = {
  egg_yolk: 'egg',
  egg_white: 'egg',
  kimchi_brine: 'kimchi',
};

const catalog = getCatalog();
const records = catalog.all();

function per100g(record: Ingredient): number {
  return (record.referencePrice.price / record.referencePrice.grams) * 100;
}


describe('reference prices: smallest retail packs', () => {
  it('prices every record within the per-100 g bounds of its group (derived records aside)', () => {
    const outside = records
      .filter((r) => !Object.hasOwn(DERIVED_FROM, r.id))
      .filter((r) => {
        const [min, max] = PER_100G_BOUNDS[r.category];
        const value = per100g(r);
        return value < min || value > max;
      })
      .map((r) => `${r.id} (${r.category}): ${per100g(r).toFixed(0)} KRW/100 g`);
    expect(outside).toEqual([]);
  });

  it('sells every record in a pack of at most 20,000 KRW and 2 kg', () => {
    const big = records
      .filter((r) => r.referencePrice.price > PACK_MAX_PRICE || r.referencePrice.grams > PACK_MAX_GRAMS)
      .map((r) => `${r.id}: ${r.referencePrice.price} KRW / ${r.referencePrice.grams} g`);
    expect(big).toEqual([]);
  });

  it('sells sauces, seasonings, oils and sweeteners in small packs', () => {
    const condiments = records.filter((r) => CONDIMENTS.has(r.category));
    expect(condiments.length).toBeGreaterThan(40);
    const bulky = condiments
      .filter(
        (r) => r.referencePrice.grams > CONDIMENT_MAX_GRAMS || r.referencePrice.price > CONDIMENT_MAX_PRICE,
      )
      .map((r) => `${r.id}: ${r.referencePrice.price} KRW / ${r.referencePrice.grams} g`);
    expect(bulky).toEqual([]);
  });

  it('keeps the anchor prices of everyday items', () => {
    const pack = (id: string) => catalog.get(id)?.referencePrice;
    expect(pack('onion')).toEqual({ price: 3500, grams: 1000, pack: '1kg' });
    expect(pack('garlic')).toEqual({ price: 3500, grams: 200, pack: '200g' });
    expect(pack('chili_powder')).toEqual({ price: 4500, grams: 100, pack: '100g' });
    expect(pack('kimchi')).toEqual({ price: 5500, grams: 500, pack: '500g' });
    expect(pack('tofu')).toEqual({ price: 1800, grams: 300, pack: '300g' });
    expect(pack('egg')).toEqual({ price: 3800, grams: 500, pack: '10구' });
    expect(pack('pork_belly')).toEqual({ price: 11_900, grams: 500, pack: '500g' });
    // Liquids: millilitres × the record's own density, so "500 ml" in a recipe is one bottle.
    expect(pack('soy_sauce')).toEqual({ price: 3500, grams: 600, pack: '500ml' });
    expect(pack('sesame_oil')?.grams).toBeCloseTo(160 * 0.92, 5);
    expect(pack('milk')?.grams).toBeCloseTo(900 * 1.03, 5);
    expect(pack('water')).toEqual({ price: 900, grams: 2000, pack: '2L' });
  });

  it('prices a smaller pack dearer per gram than a larger pack of the same kind', () => {
    const ratio = (small: string, large: string) => {
      const s = catalog.get(small);
      const l = catalog.get(large);
      return s && l ? per100g(s) / per100g(l) : Number.NaN;
    };
    // Same food, different packaging: a single ready-cooked bowl costs more per gram than raw rice,
    // a 160 ml bottle of sesame oil more than a 500 ml bottle of cooking oil.
    expect(ratio('cooked_rice', 'rice')).toBeGreaterThan(1);
    expect(ratio('sesame_oil', 'vegetable_oil')).toBeGreaterThan(1);
    expect(ratio('salt', 'coarse_salt')).toBeGreaterThan(1);
    expect(ratio('garlic', 'onion')).toBeGreaterThan(1);
  });

  it('prices a derived record as its source product in its smallest pack', () => {
    for (const [id, sourceId] of Object.entries(DERIVED_FROM)) {
      const derived = catalog.get(id)?.referencePrice;
      const source = catalog.get(sourceId)?.referencePrice;
      expect(derived?.price).toBe(source?.price);
      expect(derived?.grams).toBeLessThan(source?.grams ?? 0);
    }
    const yolk = catalog.get('egg_yolk')?.referencePrice.grams ?? 0;
    const white = catalog.get('egg_white')?.referencePrice.grams ?? 0;
    expect(yolk + white).toBe(catalog.get('egg')?.referencePrice.grams);
  });
});

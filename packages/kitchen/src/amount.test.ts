import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { VAGUE_AMOUNT_GRAMS, gramsFor, normalizeUnit, parseAmount, unitWeight } from './amount.js';
import { getCatalog } from './catalog.js';
import type { Ingredient } from './ingredient-schema.js';

const catalog = getCatalog();
function ingredient(id: string): Ingredient {
  const found = catalog.get(id);
  if (!found) throw new Error(`no ingredient ${id}`);
  return found;
}

describe('parseAmount', () => {
  it.each([
    ['1', 1, false],
    ['200', 200, false],
    ['1.5', 1.5, false],
    ['.5', 0.5, false],
    ['1/2', 0.5, false],
    ['1 / 4', 0.25, false],
    ['1 1/2', 1.5, false],
    ['1과 1/2', 1.5, false],
    ['2와 1/3', 2 + 1 / 3, false],
    ['½', 0.5, false],
    ['1½', 1.5, false],
    ['1~2', 1.5, true],
    ['1-2', 1.5, true],
    ['1 ~ 3', 2, true],
    ['1/2~1', 0.75, true],
    ['약 200', 200, true],
    ['200 정도', 200, true],
    ['1,000', 1000, false],
    ['한', 1, false],
    ['하나', 1, false],
    ['두', 2, false],
    ['세', 3, false],
    ['네', 4, false],
    ['반', 0.5, false],
    ['한두', 1.5, true],
    ['서너', 3.5, true],
  ])('%p → %p (approximate: %p)', (text, value, approximate) => {
    const parsed = parseAmount(text);
    expect(parsed?.value).toBeCloseTo(value, 6);
    expect(parsed?.approximate).toBe(approximate);
    expect(parsed?.vague).toBeUndefined();
  });

  it.each([
    ['한 줌', 1, '줌'],
    ['한줌', 1, '줌'],
    ['반 개', 0.5, '개'],
    ['두 큰술', 2, '큰술'],
    ['세 쪽', 3, '쪽'],
    ['200g', 200, 'g'],
    ['1.5 kg', 1.5, 'kg'],
    ['2T', 2, '큰술'],
    ['1t', 1, '작은술'],
    ['1 Tbsp', 1, '큰술'],
    ['2 tsp.', 2, '작은술'],
    ['1/2 cup', 0.5, '컵'],
    ['한 컵 반', 1.5, '컵'],
    ['1개 반', 1.5, '개'],
    ['1~2개', 1.5, '개'],
    ['1개(200g)', 1, '개'],
    ['2 cloves', 2, '쪽'],
    ['a pinch', 1, '꼬집'],
  ])('%p carries its unit: %p %p', (text, value, unit) => {
    expect(parseAmount(text)).toMatchObject({ value, unit });
  });

  it.each(['약간', '조금', '적당량', '적당히', '소량', '취향껏', '기호에 따라', 'to taste', '약간의 꼬집'])(
    '%p is a vague amount',
    (text) => {
      expect(parseAmount(text)).toEqual({ value: 0, approximate: true, vague: true });
    },
  );

  it.each(['', '   ', '많이많이', 'abc', '1/0', '2 buckets', '1 2 3'])('%p is not an amount', (text) => {
    expect(parseAmount(text)).toBeUndefined();
  });

  it('reads any plain decimal it is given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const text = `${whole}.${String(cents).padStart(2, '0')}`;
        expect(parseAmount(text)?.value).toBeCloseTo(Number(text), 9);
      }),
    );
  });
});

describe('normalizeUnit', () => {
  it.each([
    ['T', '큰술'],
    ['Tbsp', '큰술'],
    ['tbsp', '큰술'],
    ['큰술', '큰술'],
    ['스푼', '큰술'],
    ['밥숟가락', '큰술'],
    ['t', '작은술'],
    ['tsp', '작은술'],
    ['작은술', '작은술'],
    ['티스푼', '작은술'],
    ['cup', '컵'],
    ['컵', '컵'],
    ['개', '개'],
    ['ea', '개'],
    ['pc', '개'],
    ['ml', 'ml'],
    ['mL', 'ml'],
    ['cc', 'ml'],
    ['l', 'L'],
    ['L', 'L'],
    ['kg', 'kg'],
    ['g', 'g'],
    ['봉', '봉지'],
    ['', ''],
  ])('%p → %p', (unit, canonical) => {
    expect(normalizeUnit(unit)).toBe(canonical);
  });

  it('does not know made-up units', () => {
    expect(normalizeUnit('bucket')).toBeUndefined();
  });
});

describe('gramsFor', () => {
  it.each([
    ['egg', '2', '개', 100],
    ['egg', 2, '개', 100],
    ['egg', '2', '', 100],
    ['egg', '3', '알', 150],
    ['onion', '1/2', '개', 100],
    ['onion', '반 개', '', 100],
    ['tofu', '1', '모', 300],
    ['tofu', '1/2', '개', 150],
    ['garlic', '3', '쪽', 15],
    ['garlic', '1', '큰술', 10],
    ['garlic', '1', '작은술', 3.3],
    ['green_onion', '1', '대', 70],
    ['soy_sauce', '2', '큰술', 36],
    ['soy_sauce', '두 큰술', '', 36],
    ['soy_sauce', '1', 'T', 18],
    ['soy_sauce', '1', 't', 6],
    ['soy_sauce', '100', 'ml', 120],
    ['vegetable_oil', '1', '큰술', 13.8],
    ['rice', '1', '컵', 160],
    ['rice', '1', 'cup', 160],
    ['milk', '1', '컵', 206],
    ['milk', '1', 'L', 1030],
    ['water', '500', 'ml', 500],
    ['water', '1.5', 'L', 1500],
    ['pork_belly', '600', 'g', 600],
    ['pork_belly', '1', '근', 600],
    ['pork_belly', '0.5', 'kg', 500],
    ['pork_belly', '300', '', 300],
    ['spinach', '한 줌', '', 50],
    ['salt', '1', '꼬집', 0.3],
    ['cooked_rice', '1', '공기', 210],
    ['laver', '2', '장', 5],
    ['tuna_canned', '1', '캔', 100],
    ['sugar', '1 1/2', '큰술', 18],
    ['anchovy_stock', '2', '컵', 400],
  ])('%s: %p %p → %p g', (id, amount, unit, grams) => {
    expect(gramsFor(ingredient(id), amount, unit)).toBeCloseTo(grams, 1);
  });

  it('falls back from a missing volume unit through the density of a listed one', () => {
    // Sesame oil lists 큰술 13.8 (0.92 g/ml), so 1 컵 is 200 ml × 0.92.
    expect(gramsFor(ingredient('sesame_oil'), '1', '컵')).toBeCloseTo(184, 1);
    // Garlic lists 큰술 10 g, so 30 ml weighs 20 g.
    expect(gramsFor(ingredient('garlic'), '30', 'ml')).toBeCloseTo(20, 1);
  });

  it('weighs vague amounts by category (a pinch of seasoning, a few leaves of a vegetable)', () => {
    expect(gramsFor(ingredient('black_pepper'), '약간', '')).toBe(VAGUE_AMOUNT_GRAMS.seasoning);
    expect(gramsFor(ingredient('salt'), '적당량', '')).toBe(1);
    expect(gramsFor(ingredient('sesame_oil'), '약간', '')).toBe(3);
    expect(gramsFor(ingredient('green_onion'), '조금', '')).toBe(10);
    expect(gramsFor(ingredient('sesame_seeds'), '1', '약간')).toBe(2);
  });

  it('cannot weigh a unit the ingredient lacks and has no fallback for', () => {
    expect(gramsFor(ingredient('pork_belly'), '2', '큰술')).toBeUndefined();
    expect(gramsFor(ingredient('egg'), '1', '컵')).toBeUndefined();
    expect(gramsFor(ingredient('egg'), '1', 'bucket')).toBeUndefined();
    expect(gramsFor(ingredient('egg'), 'lots', '개')).toBeUndefined();
    expect(gramsFor(ingredient('egg'), -1, '개')).toBeUndefined();
  });

  it('gives every catalog ingredient a weight in grams and kilograms', () => {
    for (const item of catalog.all()) {
      expect(unitWeight(item, 'g')).toBe(1);
      expect(gramsFor(item, '1', 'kg')).toBe(1000);
    }
  });

  it('scales linearly with the amount', () => {
    const soy = ingredient('soy_sauce');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (n) => {
        expect(gramsFor(soy, String(n), '큰술')).toBeCloseTo(18 * n, 1);
      }),
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { packCost, packsNeeded } from './pack-cost.js';

describe('packsNeeded', () => {
  it.each([
    [200, { packGrams: 3000, packCount: 1 }, 1],
    [600, { packGrams: 300, packCount: 2 }, 1],
    [601, { packGrams: 300, packCount: 2 }, 2],
    [1500, { packGrams: 500, packCount: 1 }, 3],
    [0, { packGrams: 500, packCount: 1 }, 1],
    [0.5, { packGrams: 1000, packCount: 1 }, 1],
    [5000, { packCount: 1 }, 1],
    [5000, { packCount: 3 }, 1],
    [Number.NaN, { packGrams: 100, packCount: 1 }, 1],
    [0.3 * 3, { packGrams: 0.1 * 9, packCount: 1 }, 1],
  ])('%p g from %p → %p', (grams, pack, expected) => {
    expect(packsNeeded(grams, pack)).toBe(expected);
  });

  it('always buys enough, and never a whole purchase too many', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 30 }),
        (grams, packGrams, packCount) => {
          const packs = packsNeeded(grams, { packGrams, packCount });
          const perPurchase = packGrams * packCount;
          expect(packs).toBeGreaterThanOrEqual(1);
          expect(packs * perPurchase).toBeGreaterThanOrEqual(grams);
          expect((packs - 1) * perPurchase).toBeLessThan(grams);
        },
      ),
    );
  });
});

describe('packCost', () => {
  it('costs whole purchases at the listing price', () => {
    expect(packCost(4900, 700, { packGrams: 300, packCount: 1 })).toEqual({ packs: 3, cost: 14_700 });
    expect(packCost(12_900, 100, { packGrams: 60, packCount: 30 })).toEqual({ packs: 1, cost: 12_900 });
    expect(packCost(3500, 2000, { packCount: 1 })).toEqual({ packs: 1, cost: 3500 });
  });
});

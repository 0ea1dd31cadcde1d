import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { seededRandom, vendorShipping } from '@ai-chef/kitchen';
import { basketCost, solveBasket } from './basket-solver.js';
import type { BasketOffer, ShippingPolicy } from './basket-types.js';

const SHIPPING: ShippingPolicy = { fee: 3000, freeThreshold: 30_000 };

function bruteForce(items: readonly (readonly BasketOffer[])[], shipping: ShippingPolicy): number {
  let best = Infinity;
  const choice = items.map(() => 0);
  const walk = (i: number): void => {
    if (i === items.length) {
      best = Math.min(best, basketCost(items, choice, shipping).total);
      return;
    }
    (items[i] ?? []).forEach((_, j) => {
      choice[i] = j;
      walk(i + 1);
    });
  };
  walk(0);
  return best;
}

const vendorNames = ['쿠팡', '이마트몰', '농협몰', '마켓컬리'];

/** Small baskets whose costs often land exactly on, or just around, the free-shipping threshold. */
const smallCase = fc.record({
  shipping: fc.oneof(
    fc.constant(SHIPPING),
    fc.record({ fee: fc.integer({ min: 0, max: 5 }), freeThreshold: fc.integer({ min: 0, max: 20 }) }),
  ),
  items: fc.array(
    fc.array(
      fc.record({
        vendor: fc.constantFrom(...vendorNames),
        units: fc.integer({ min: 1, max: 10 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    { minLength: 1, maxLength: 6 },
  ),
});

interface SmallCase {
  shipping: ShippingPolicy;
  items: { vendor: string; units: number }[][];
}

function scaled(c: SmallCase): BasketOffer[][] {
  // With the real policy, costs move in 1,000원 steps so that subtotals hit 30,000 exactly.
  const step = c.shipping === SHIPPING ? 1000 : 1;
  return c.items.map((offers) =>
    offers.map((o) => ({ vendor: o.vendor, cost: o.units * step * (step === 1 ? 1 : 3) })),
  );
}

describe('vendorShipping', () => {
  it('charges the fee below the threshold and nothing from it', () => {
    expect(vendorShipping(29_999, SHIPPING)).toBe(3000);
    expect(vendorShipping(30_000, SHIPPING)).toBe(0);
    expect(vendorShipping(45_000, SHIPPING)).toBe(0);
  });
});

describe('basketCost', () => {
  it('adds each vendor’s shipping once', () => {
    const items = [
      [{ vendor: 'a', cost: 10_000 }],
      [{ vendor: 'a', cost: 5_000 }],
      [{ vendor: 'b', cost: 30_000 }],
    ];
    expect(basketCost(items, [0, 0, 0], SHIPPING)).toEqual({
      itemsCost: 45_000,
      shippingCost: 3000,
      total: 48_000,
    });
  });
});

describe('solveBasket', () => {
  it('finds the cheapest basket, as brute force does', () => {
    fc.assert(
      fc.property(smallCase, (c) => {
        const items = scaled(c);
        // Correctness only: a loaded machine must not turn a slow proof into a failure (the cap has its own test).
        const solution = solveBasket({ items, shipping: c.shipping, timeLimitMs: 60_000 });
        expect(solution.exact).toBe(true);
        expect(solution.total).toBe(bruteForce(items, c.shipping));
        expect(basketCost(items, solution.choice, c.shipping)).toEqual({
          itemsCost: solution.itemsCost,
          shippingCost: solution.shippingCost,
          total: solution.total,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('pays a little more for an item to reach free shipping', () => {
    // 쿠팡: 20,000 + 9,000 = 29,000 → shipping 3,000; the 10,000 onion from 쿠팡 makes 30,000 → free.
    const items = [
      [{ vendor: '쿠팡', cost: 20_000 }],
      [
        { vendor: '쿠팡', cost: 9_000 },
        { vendor: '쿠팡', cost: 10_000 },
      ],
    ];
    const solution = solveBasket({ items, shipping: SHIPPING, timeLimitMs: 60_000 });
    expect(solution.choice).toEqual([0, 1]);
    expect(solution.total).toBe(30_000);
  });

  it('prefers one vendor when a second shipping fee outweighs a cheaper item', () => {
    const items = [
      [{ vendor: '쿠팡', cost: 5000 }],
      [
        { vendor: '이마트몰', cost: 4000 },
        { vendor: '쿠팡', cost: 5500 },
      ],
    ];
    const solution = solveBasket({ items, shipping: SHIPPING, timeLimitMs: 60_000 });
    expect(solution.choice).toEqual([0, 1]);
    expect(solution).toMatchObject({ itemsCost: 10_500, shippingCost: 3000, total: 13_500, exact: true });
  });

  it('proves realistic baskets of 30 ingredients × 10 offers optimal when given the time', () => {
    for (const seed of [1, 2, 3]) {
      const items = realisticBasket(seed);
      const proven = solveBasket({ items, shipping: SHIPPING, timeLimitMs: 60_000 });
      expect(proven.exact).toBe(true);
      expect(basketCost(items, proven.choice, SHIPPING).total).toBe(proven.total);
      // Under the default cap the answer is a valid basket, never cheaper than the proven optimum.
      const capped = solveBasket({ items, shipping: SHIPPING });
      expect(capped.total).toBeGreaterThanOrEqual(proven.total);
      expect(basketCost(items, capped.choice, SHIPPING).total).toBe(capped.total);
    }
  });

  it('under the default cap, beats or matches the cheapest-offer and one-vendor-first baskets', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const items = realisticBasket(seed);
        const solution = solveBasket({ items, shipping: SHIPPING });
        const vendors = new Set(items.flatMap((offers) => offers.map((o) => o.vendor)));
        const cheapestOf = (offers: BasketOffer[], keep: (o: BasketOffer) => boolean): number => {
          let best = -1;
          offers.forEach((o, j) => {
            if (keep(o) && (best < 0 || o.cost < (offers[best]?.cost ?? Infinity))) best = j;
          });
          return best;
        };
        const cheapest = items.map((offers) => cheapestOf(offers, () => true));
        expect(solution.total).toBeLessThanOrEqual(basketCost(items, cheapest, SHIPPING).total);
        for (const vendor of vendors) {
          const first = items.map((offers, i) => {
            const own = cheapestOf(offers, (o) => o.vendor === vendor);
            return own >= 0 ? own : (cheapest[i] ?? 0);
          });
          expect(solution.total).toBeLessThanOrEqual(basketCost(items, first, SHIPPING).total);
        }
      }),
      { numRuns: 10 },
    );
  });

  it('returns its best basket, marked not exact, when the time cap is hit', () => {
    let t = 0;
    const rng = seededRandom(7);
    const items = Array.from({ length: 30 }, () =>
      Array.from({ length: 10 }, () => ({
        vendor: `v${Math.floor(rng() * 10)}`,
        cost: 500 + Math.floor(rng() * 40) * 100,
      })),
    );
    // Every clock reading moves time on by 1 ms: the time cap passes during the search.
    const solution = solveBasket({ items, shipping: SHIPPING, now: () => t++ });
    expect(solution.exact).toBe(false);
    expect(solution.choice).toHaveLength(30);
    expect(basketCost(items, solution.choice, SHIPPING).total).toBe(solution.total);
    const cheapestEach = basketCost(
      items,
      items.map((offers) => offers.indexOf(offers.reduce((a, b) => (b.cost < a.cost ? b : a)))),
      SHIPPING,
    );
    expect(solution.total).toBeLessThanOrEqual(cheapestEach.total);
  });

  it('handles an empty basket and refuses an ingredient without offers', () => {
    expect(solveBasket({ items: [], shipping: SHIPPING })).toEqual({
      choice: [],
      itemsCost: 0,
      shippingCost: 0,
      total: 0,
      exact: true,
    });
    expect(() => solveBasket({ items: [[]], shipping: SHIPPING })).toThrow(RangeError);
  });
});

/**
 * A basket shaped like Naver results: about half the offers from a few big malls that sell many
 * ingredients, the rest from small shops selling one; prices spread around each ingredient's
 * typical price, some needing two packs.
 */
function realisticBasket(seed: number): BasketOffer[][] {
  const rng = seededRandom(seed);
  const malls = ['쿠팡', '이마트몰', 'SSG닷컴', '홈플러스', '롯데ON', '마켓컬리', '오아시스', '농협몰'];
  let shops = 0;
  return Array.from({ length: 30 }, () => {
    const typical = 1500 + Math.floor(rng() * 12) * 700;
    return Array.from({ length: 10 }, () => {
      const vendor = rng() < 0.45 ? (malls[Math.floor(rng() * malls.length)] ?? '쿠팡') : `shop-${shops++}`;
      const packs = rng() < 0.2 ? 2 : 1;
      return { vendor, cost: Math.round((typical * (0.6 + rng() * 1.2)) / 10) * 10 * packs };
    });
  });
}

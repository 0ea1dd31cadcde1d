import { searchGoodBasket } from './basket-local-search.js';
import { buildBasketModel } from './basket-model.js';
import { searchVendorModes } from './basket-vendor-search.js';
import { vendorShipping } from '@ai-chef/kitchen';
import type { BasketCost, BasketOffer, BasketProblem, BasketSolution, ShippingPolicy } from './basket-types.js';

/** 40 ms keeps a call's p99 under 50 ms with the model build, the final costing and GC around it (B7). */
export const DEFAULT_BASKET_TIME_LIMIT_MS = 40;
const HEURISTIC_SHARE = 1 / 3;

/** Item cost, shipping and total of one basket. */
export function basketCost(
  items: readonly (readonly BasketOffer[])[],
  choice: readonly number[],
  shipping: ShippingPolicy,
): BasketCost {
  const subtotals = new Map<string, number>();
  let itemsCost = 0;
  items.forEach((offers, i) => {
    const offer = offers[choice[i] ?? -1];
    if (offer === undefined) throw new RangeError(`ingredient ${i} has no offer ${choice[i]}`);
    itemsCost += offer.cost;
    subtotals.set(offer.vendor, (subtotals.get(offer.vendor) ?? 0) + offer.cost);
  });
  let shippingCost = 0;
  for (const subtotal of subtotals.values()) shippingCost += vendorShipping(subtotal, shipping);
  return { itemsCost, shippingCost, total: itemsCost + shippingCost };
}

/**
 * The cheapest basket: one offer per ingredient so that item costs plus each vendor's shipping
 * (a fee, waived once that vendor's subtotal reaches the threshold) are least in total.
 *
 * First a good basket from local search (basket-local-search.ts); then basket-model.ts drops offers
 * no optimal basket uses and folds vendors that sell a single ingredient into their offers' prices,
 * and basket-vendor-search.ts branches and bounds over the remaining shared vendors' modes, which
 * proves that basket optimal or finds a cheaper one. With whole-won costs a bound within one won of
 * the best basket also prunes. A time cap (default 40 ms) returns the best basket found and says
 * whether it is proven optimal. Pure: no I/O; the clock is injectable.
 */
export function solveBasket(problem: BasketProblem): BasketSolution {
  const { items, shipping } = problem;
  const timeLimitMs = problem.timeLimitMs ?? DEFAULT_BASKET_TIME_LIMIT_MS;
  const now = problem.now ?? (() => performance.now());
  const started = now();
  items.forEach((offers, i) => {
    if (offers.length === 0) throw new RangeError(`ingredient ${i} has no offers`);
  });
  const n = items.length;
  if (n === 0) return { choice: [], itemsCost: 0, shippingCost: 0, total: 0, exact: true };

  // Part of the time finds a good basket; the rest proves it optimal or finds a cheaper one.
  const good = searchGoodBasket(items, shipping, { now, deadline: started + timeLimitMs * HEURISTIC_SHARE });
  const goodTotal = basketCost(items, good, shipping).total;

  const model = buildBasketModel(items, shipping);
  const depthOf = new Int32Array(n);
  model.order.forEach((i, k) => {
    depthOf[i] = k;
  });
  // The good basket's offers in the model (an offer the model dropped cannot be optimal; it is skipped).
  const goodOffers: number[] = [];
  good.forEach((j, i) => {
    const k = depthOf[i] ?? 0;
    for (let o = model.offerStart[k] ?? 0; o < (model.offerStart[k + 1] ?? 0); o++)
      if (model.offerIndex[o] === j) goodOffers.push(o);
  });
  const wholeWon =
    Number.isInteger(model.fee) && items.every((offers) => offers.every((o) => Number.isInteger(o.cost)));
  const found = searchVendorModes(
    model,
    { total: goodTotal, offers: Int32Array.from(goodOffers) },
    { now, deadline: started + timeLimitMs, wholeWon },
  );

  let choice = good;
  if (found.offers !== undefined) {
    const offers = found.offers;
    choice = items.map((_, i) => model.offerIndex[offers[depthOf[i] ?? 0] ?? 0] ?? 0);
    if (basketCost(items, choice, shipping).total > goodTotal) choice = good;
  }
  return { choice, ...basketCost(items, choice, shipping), exact: !found.timedOut };
}

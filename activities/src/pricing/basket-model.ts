import type { BasketOffer, ShippingPolicy } from './basket-types.js';

/**
 * The basket problem in flat arrays for the search.
 *
 * - Offers costing more than 2 × fee above their ingredient's cheapest offer are dropped: moving that
 *   ingredient to its cheapest offer saves more than it can add (at most one fee where it lands, one
 *   where it left), so no optimal basket uses them.
 * - A vendor that sells only one of the ingredients is "private": its shipping depends on that one
 *   offer alone, so it is folded into the offer's price and the vendor leaves the search. Only
 *   "shared" vendors (0 .. sharedVendors - 1) couple ingredients through shipping.
 * - Ingredients are searched most expensive first: they decide which vendors can ship free.
 */
export interface BasketModel {
  n: number;
  sharedVendors: number;
  fee: number;
  threshold: number;
  /** Search depth → index of the ingredient in the problem. */
  order: Int32Array;
  /** Offers of the ingredient at depth k: offerStart[k] .. offerStart[k + 1] - 1. */
  offerStart: Int32Array;
  /** Shared vendor of an offer, or -1 for a private one. */
  offerVendor: Int32Array;
  /** What the offer adds to its vendor's subtotal. */
  offerCost: Float64Array;
  /** What the offer adds to the total: its cost, plus its own shipping when private. */
  offerPrice: Float64Array;
  /** Index of the offer in its ingredient's list. */
  offerIndex: Int32Array;
  /** Cheapest private price of the ingredient at depth k (Infinity when none). */
  privateMin: Float64Array;
  /** Cheapest price of any offer of the ingredient at depth k. */
  leastPrice: Float64Array;
  /**
   * One entry per (shared vendor, ingredient), by vendor then depth, with the vendor's cheapest and
   * dearest offer for it; entryFrom[v * (n + 1) + d] is v's first entry at depth ≥ d.
   */
  entryDepth: Int32Array;
  entryMin: Float64Array;
  entryMax: Float64Array;
  entryFrom: Int32Array;
}

export function vendorEntriesEnd(model: BasketModel, v: number): number {
  return model.entryFrom[(v + 1) * (model.n + 1)] ?? model.entryDepth.length;
}

export function buildBasketModel(
  items: readonly (readonly BasketOffer[])[],
  shipping: ShippingPolicy,
): BasketModel {
  const n = items.length;
  const fee = Math.max(0, shipping.fee);
  const threshold = shipping.freeThreshold;
  const kept = items.map((offers) => {
    const least = Math.min(...offers.map((o) => o.cost));
    return offers.flatMap((o, j) => (o.cost - least <= 2 * fee ? [j] : []));
  });
  const order = Int32Array.from(
    items
      .map((offers, i) => ({ i, least: Math.min(...offers.map((o) => o.cost)) }))
      .sort((a, b) => b.least - a.least || a.i - b.i)
      .map((x) => x.i),
  );

  // Which ingredients each vendor sells (among kept offers).
  const sellsTo = new Map<string, Set<number>>();
  kept.forEach((js, i) => {
    for (const j of js) {
      const vendor = items[i]?.[j]?.vendor ?? '';
      const set = sellsTo.get(vendor) ?? new Set<number>();
      set.add(i);
      sellsTo.set(vendor, set);
    }
  });
  const sharedIds = new Map<string, number>();
  for (const [vendor, set] of sellsTo) if (set.size > 1) sharedIds.set(vendor, sharedIds.size);
  const V = sharedIds.size;

  const offerStart = new Int32Array(n + 1);
  const vendorOf: number[] = [];
  const costOf: number[] = [];
  const priceOf: number[] = [];
  const indexOf: number[] = [];
  const privateMin = new Float64Array(n).fill(Infinity);
  const leastPrice = new Float64Array(n).fill(Infinity);
  order.forEach((i, k) => {
    offerStart[k] = vendorOf.length;
    for (const j of kept[i] ?? []) {
      const o = items[i]?.[j] as BasketOffer;
      const v = sharedIds.get(o.vendor) ?? -1;
      const price = v >= 0 ? o.cost : o.cost + (o.cost >= threshold ? 0 : fee);
      vendorOf.push(v);
      costOf.push(o.cost);
      priceOf.push(price);
      indexOf.push(j);
      if (v < 0) privateMin[k] = Math.min(privateMin[k] ?? Infinity, price);
      leastPrice[k] = Math.min(leastPrice[k] ?? Infinity, price);
    }
  });
  offerStart[n] = vendorOf.length;

  const entries: { v: number; k: number; min: number; max: number }[] = [];
  for (let k = 0; k < n; k++) {
    const byVendor = new Map<number, { min: number; max: number }>();
    for (let o = offerStart[k] ?? 0; o < (offerStart[k + 1] ?? 0); o++) {
      const v = vendorOf[o] ?? -1;
      if (v < 0) continue;
      const c = costOf[o] ?? 0;
      const seen = byVendor.get(v);
      byVendor.set(v, { min: Math.min(seen?.min ?? c, c), max: Math.max(seen?.max ?? c, c) });
    }
    for (const [v, { min, max }] of byVendor) entries.push({ v, k, min, max });
  }
  entries.sort((a, b) => a.v - b.v || a.k - b.k);
  const entryDepth = Int32Array.from(entries, (e) => e.k);
  const entryFrom = new Int32Array(V * (n + 1) + 1);
  let e = 0;
  for (let v = 0; v < V; v++) {
    for (let d = 0; d <= n; d++) {
      while (e < entries.length && entries[e]?.v === v && (entryDepth[e] ?? 0) < d) e++;
      entryFrom[v * (n + 1) + d] = e;
    }
    while (e < entries.length && entries[e]?.v === v) e++;
  }
  entryFrom[V * (n + 1)] = entries.length;

  return {
    n,
    sharedVendors: V,
    fee,
    threshold,
    order,
    offerStart,
    offerVendor: Int32Array.from(vendorOf),
    offerCost: Float64Array.from(costOf),
    offerPrice: Float64Array.from(priceOf),
    offerIndex: Int32Array.from(indexOf),
    privateMin,
    leastPrice,
    entryDepth,
    entryMin: Float64Array.from(entries, (x) => x.min),
    entryMax: Float64Array.from(entries, (x) => x.max),
    entryFrom,
  };
}

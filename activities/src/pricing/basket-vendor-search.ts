import type { BasketModel } from './basket-model.js';
import { vendorEntriesEnd } from './basket-model.js';

/**
 * Branch and bound over the shared vendors' modes. Every basket puts each shared vendor in one mode:
 * CLOSED (nothing bought there), PAID (used, below the threshold: one fee) or FREE (subtotal at or
 * above the threshold). So the cheapest basket is the cheapest over mode assignments of:
 * ingredients at their cheapest open offer, plus one fee per PAID vendor, subject to every FREE
 * vendor reaching the threshold.
 *
 * Bound of a partial assignment (undecided vendors open, without fee or constraint): each
 * ingredient's cheapest open offer + fees of PAID vendors + for each FREE vendor the least extra
 * (over those cheapest offers) that lifts it to the threshold, from a fractional knapsack cover.
 * FREE vendors sell to different ingredients, so their extras add up. When all modes are set, the
 * cheapest offers are checked against the FREE vendors' thresholds; only when one falls short does a
 * small search over the ingredients those vendors sell settle the assignment.
 */
export interface VendorSearchResult {
  /** Best total found below the incumbent, with its offer per depth; undefined when none was cheaper. */
  total?: number;
  offers?: Int32Array;
  timedOut: boolean;
}

const UNDECIDED = -1;
const CLOSED = 0;
const PAID = 1;
const FREE = 2;

export function searchVendorModes(
  model: BasketModel,
  incumbent: { total: number; offers: Int32Array },
  limits: { now: () => number; deadline: number; wholeWon: boolean },
): VendorSearchResult {
  const {
    n,
    sharedVendors: V,
    fee,
    threshold,
    offerStart,
    offerVendor,
    offerCost,
    offerPrice,
    entryDepth,
    entryMin,
    entryMax,
    entryFrom,
  } = model;
  let bestTotal = incumbent.total;
  let bestOffers: Int32Array | undefined;
  const cutoff = (): number => (limits.wholeWon ? bestTotal - 1 + 1e-6 : bestTotal - 1e-9);
  let timedOut = false;
  let work = 0;
  const outOfTime = (): boolean => {
    if (!timedOut && ++work % 32 === 0 && limits.now() > limits.deadline) timedOut = true;
    return timedOut;
  };

  const mode = new Int8Array(V).fill(UNDECIDED);
  const least = new Float64Array(n);
  const leastOffer = new Int32Array(n);
  const cover: number[] = [];

  // Vendors that can never reach the threshold are only ever CLOSED or PAID.
  const potential = new Float64Array(V);
  for (let v = 0; v < V; v++)
    for (let e = entryFrom[v * (n + 1)] ?? 0; e < vendorEntriesEnd(model, v); e++)
      potential[v] = (potential[v] ?? 0) + (entryMax[e] ?? 0);
  // Decide the vendors with the most at stake first.
  const vendorOrder = Array.from({ length: V }, (_, v) => v).sort(
    (a, b) => (potential[b] ?? 0) - (potential[a] ?? 0) || a - b,
  );
  // The incumbent's modes are tried first at each vendor.
  const incumbentMode = new Int8Array(V).fill(CLOSED);
  {
    const subtotal = new Float64Array(V);
    incumbent.offers.forEach((o) => {
      const v = offerVendor[o] ?? -1;
      if (v >= 0) {
        subtotal[v] = (subtotal[v] ?? 0) + (offerCost[o] ?? 0);
        incumbentMode[v] = PAID;
      }
    });
    for (let v = 0; v < V; v++)
      if (incumbentMode[v] === PAID && (subtotal[v] ?? 0) >= threshold) incumbentMode[v] = FREE;
  }

  const isOpen = (o: number): boolean => {
    const v = offerVendor[o] ?? -1;
    return v < 0 || mode[v] !== CLOSED;
  };

  /** Cheapest open offer per depth (preferring a FREE vendor's on ties); false when an ingredient has none. */
  function cheapestOpen(): boolean {
    for (let k = 0; k < n; k++) {
      let price = Infinity;
      let pick = -1;
      for (let o = offerStart[k] ?? 0; o < (offerStart[k + 1] ?? 0); o++) {
        if (!isOpen(o)) continue;
        const p = offerPrice[o] ?? 0;
        const prefer = p === price && mode[offerVendor[o] ?? 0] === FREE && (offerVendor[o] ?? -1) >= 0;
        if (p < price || prefer) {
          price = p;
          pick = o;
        }
      }
      if (pick < 0) return false;
      least[k] = price;
      leastOffer[k] = pick;
    }
    return true;
  }

  /** Least extra over `least` that lifts vendor v by `need` from ingredients at depth ≥ d (Infinity if it cannot). */
  function liftCost(v: number, need: number, d: number): number {
    if (need <= 0) return 0;
    cover.length = 0;
    let zeroCover = 0;
    let available = 0;
    for (let e = entryFrom[v * (n + 1) + d] ?? 0; e < vendorEntriesEnd(model, v); e++) {
      const extra = (entryMin[e] ?? 0) - (least[entryDepth[e] ?? 0] ?? 0);
      available += entryMax[e] ?? 0;
      if (extra <= 0) zeroCover += entryMax[e] ?? 0;
      else cover.push(e);
    }
    if (available < need) return Infinity;
    if (zeroCover >= need) return 0;
    const extraOf = (e: number): number => (entryMin[e] ?? 0) - (least[entryDepth[e] ?? 0] ?? 0);
    cover.sort((a, b) => extraOf(a) * (entryMax[b] ?? 0) - extraOf(b) * (entryMax[a] ?? 0));
    let missing = need - zeroCover;
    let extra = 0;
    for (const e of cover) {
      const amount = entryMax[e] ?? 0;
      if (amount >= missing) return extra + (extraOf(e) * missing) / amount;
      extra += extraOf(e);
      missing -= amount;
    }
    return Infinity;
  }

  function bound(): number {
    if (!cheapestOpen()) return Infinity;
    let total = 0;
    for (let k = 0; k < n; k++) total += least[k] ?? 0;
    for (let v = 0; v < V; v++) {
      if (mode[v] === PAID) total += fee;
      else if (mode[v] === FREE) total += liftCost(v, threshold, 0);
    }
    return total;
  }

  function record(total: number, offers: Int32Array): void {
    if (total < bestTotal - 1e-9) {
      bestTotal = total;
      bestOffers = offers.slice();
    }
  }

  /**
   * All modes set and some FREE vendor short of the threshold. Only ingredients a FREE vendor sells
   * are in question: each takes its cheapest offer elsewhere or one of the FREE vendors' offers.
   * Searched dearest first, bounded by their cheapest prices plus each FREE vendor's lift cost.
   */
  function settle(paidFees: number): void {
    const freeVendors = Array.from({ length: V }, (_, v) => v).filter((v) => mode[v] === FREE);
    const chosen = leastOffer.slice();
    let fixed = paidFees;
    const contested: { k: number; options: number[]; dearest: number }[] = [];
    for (let k = 0; k < n; k++) {
      let outside = -1;
      const inside: number[] = [];
      for (let o = offerStart[k] ?? 0; o < (offerStart[k + 1] ?? 0); o++) {
        if (!isOpen(o)) continue;
        const v = offerVendor[o] ?? -1;
        if (v >= 0 && mode[v] === FREE) inside.push(o);
        else if (outside < 0 || (offerPrice[o] ?? 0) < (offerPrice[outside] ?? 0)) outside = o;
      }
      if (inside.length === 0) {
        fixed += offerPrice[outside] ?? 0;
        chosen[k] = outside;
        continue;
      }
      const options = (outside >= 0 ? [outside, ...inside] : inside).sort(
        (a, b) => (offerPrice[a] ?? 0) - (offerPrice[b] ?? 0),
      );
      contested.push({ k, options, dearest: Math.max(...inside.map((o) => offerCost[o] ?? 0)) });
    }
    contested.sort((a, b) => b.dearest - a.dearest || a.k - b.k);
    const m = contested.length;
    // Per FREE vendor, per contested position t: the least extra and the most it can add from position t on.
    const extraAt = freeVendors.map(() => new Float64Array(m));
    const amountAt = freeVendors.map(() => new Float64Array(m));
    contested.forEach(({ k, options }, t) => {
      freeVendors.forEach((v, f) => {
        let lowest = Infinity;
        let most = 0;
        for (const o of options) {
          if (offerVendor[o] !== v) continue;
          lowest = Math.min(lowest, offerPrice[o] ?? 0);
          most = Math.max(most, offerCost[o] ?? 0);
        }
        (extraAt[f] as Float64Array)[t] = lowest - (least[k] ?? 0);
        (amountAt[f] as Float64Array)[t] = most;
      });
    });
    const leastFrom = new Float64Array(m + 1);
    for (let t = m - 1; t >= 0; t--)
      leastFrom[t] = (leastFrom[t + 1] ?? 0) + (least[contested[t]?.k ?? 0] ?? 0);
    const subtotal = new Float64Array(V);
    for (let k = 0; k < n; k++) {
      const o = chosen[k] ?? 0;
      const v = offerVendor[o] ?? -1;
      if (v >= 0 && mode[v] === FREE && !contested.some((c) => c.k === k))
        subtotal[v] = (subtotal[v] ?? 0) + (offerCost[o] ?? 0);
    }
    const picks: { extra: number; amount: number }[] = [];
    const lift = (f: number, need: number, t: number): number => {
      if (need <= 0) return 0;
      picks.length = 0;
      let available = 0;
      let zero = 0;
      const extras = extraAt[f] as Float64Array;
      const amounts = amountAt[f] as Float64Array;
      for (let u = t; u < m; u++) {
        const amount = amounts[u] ?? 0;
        if (amount <= 0) continue;
        available += amount;
        const extra = extras[u] ?? 0;
        if (extra <= 0) zero += amount;
        else picks.push({ extra, amount });
      }
      if (available < need) return Infinity;
      if (zero >= need) return 0;
      picks.sort((a, b) => a.extra * b.amount - b.extra * a.amount);
      let missing = need - zero;
      let extra = 0;
      for (const p of picks) {
        if (p.amount >= missing) return extra + (p.extra * missing) / p.amount;
        extra += p.extra;
        missing -= p.amount;
      }
      return Infinity;
    };

    const walk = (t: number): void => {
      if (outOfTime()) return;
      if (t === m) {
        if (freeVendors.every((v) => (subtotal[v] ?? 0) >= threshold)) record(fixed, chosen);
        return;
      }
      const { k, options } = contested[t] as (typeof contested)[number];
      for (const o of options) {
        const v = offerVendor[o] ?? -1;
        const free = v >= 0 && mode[v] === FREE;
        fixed += offerPrice[o] ?? 0;
        if (free) subtotal[v] = (subtotal[v] ?? 0) + (offerCost[o] ?? 0);
        chosen[k] = o;
        let lower = fixed + (leastFrom[t + 1] ?? 0);
        for (let f = 0; f < freeVendors.length && lower < cutoff(); f++) {
          lower += lift(f, threshold - (subtotal[freeVendors[f] ?? 0] ?? 0), t + 1);
        }
        if (lower < cutoff()) walk(t + 1);
        fixed -= offerPrice[o] ?? 0;
        if (free) subtotal[v] = (subtotal[v] ?? 0) - (offerCost[o] ?? 0);
        if (timedOut) return;
      }
    };
    walk(0);
  }

  function leaf(): void {
    let paidFees = 0;
    for (let v = 0; v < V; v++) if (mode[v] === PAID) paidFees += fee;
    const subtotal = new Float64Array(V);
    let total = paidFees;
    for (let k = 0; k < n; k++) {
      total += least[k] ?? 0;
      const v = offerVendor[leastOffer[k] ?? 0] ?? -1;
      if (v >= 0) subtotal[v] = (subtotal[v] ?? 0) + (offerCost[leastOffer[k] ?? 0] ?? 0);
    }
    let short = false;
    for (let v = 0; v < V; v++) if (mode[v] === FREE && (subtotal[v] ?? 0) < threshold) short = true;
    if (!short) record(total, leastOffer);
    else settle(paidFees);
  }

  function branch(index: number): void {
    if (outOfTime()) return;
    const lower = bound();
    if (!(lower < cutoff())) return;
    if (index === V) {
      leaf();
      return;
    }
    const v = vendorOrder[index] ?? 0;
    const modes = (potential[v] ?? 0) >= threshold ? [FREE, PAID, CLOSED] : [PAID, CLOSED];
    const first = incumbentMode[v] ?? CLOSED;
    modes.sort((a, b) => (a === first ? -1 : b === first ? 1 : 0));
    for (const m of modes) {
      mode[v] = m;
      branch(index + 1);
      if (timedOut) break;
    }
    mode[v] = UNDECIDED;
  }

  branch(0);
  return bestOffers !== undefined ? { total: bestTotal, offers: bestOffers, timedOut } : { timedOut };
}

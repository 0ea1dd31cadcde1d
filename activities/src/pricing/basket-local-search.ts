import { seededRandom } from '@ai-chef/kitchen';
import type { BasketOffer, ShippingPolicy } from './basket-types.js';

/**
 * A good basket fast, to start the exact search from: several greedy starts, each improved by
 * moves until none helps — move one ingredient to another offer; empty a vendor (its ingredients to
 * their best offer elsewhere); fill a vendor up to free shipping (the ingredients it sells, cheapest
 * per won of lift first) — then perturbed and improved again while time allows. Moves are priced
 * incrementally (a move changes two vendors' shipping at most). Deterministic: a fixed-seed generator.
 */
export interface LocalSearchOptions {
  /** Stop perturbing at this clock reading. */
  deadline: number;
  now: () => number;
  /** Perturbation rounds at most. */
  rounds?: number;
}

interface Basket {
  choice: number[];
  subtotal: Float64Array;
  count: Int32Array;
  total: number;
}

export function searchGoodBasket(
  items: readonly (readonly BasketOffer[])[],
  shipping: ShippingPolicy,
  options: LocalSearchOptions,
): number[] {
  const n = items.length;
  const fee = Math.max(0, shipping.fee);
  const threshold = shipping.freeThreshold;
  const ids = new Map<string, number>();
  for (const offers of items) for (const o of offers) if (!ids.has(o.vendor)) ids.set(o.vendor, ids.size);
  const vendor = items.map((offers) => offers.map((o) => ids.get(o.vendor) ?? 0));
  const cost = items.map((offers) => offers.map((o) => o.cost));
  const V = ids.size;
  // Vendors selling two or more of the ingredients: the only ones worth starting from or filling.
  const sells = new Int32Array(V);
  for (const row of vendor) for (const v of new Set(row)) sells[v] = (sells[v] ?? 0) + 1;
  const shipOf = (subtotal: number, count: number): number =>
    count === 0 || subtotal >= threshold ? 0 : fee;

  function build(choice: number[]): Basket {
    const basket: Basket = {
      choice: choice.slice(),
      subtotal: new Float64Array(V),
      count: new Int32Array(V),
      total: 0,
    };
    choice.forEach((j, i) => {
      const v = vendor[i]?.[j] ?? 0;
      const c = cost[i]?.[j] ?? 0;
      basket.subtotal[v] = (basket.subtotal[v] ?? 0) + c;
      basket.count[v] = (basket.count[v] ?? 0) + 1;
      basket.total += c;
    });
    for (let v = 0; v < V; v++) basket.total += shipOf(basket.subtotal[v] ?? 0, basket.count[v] ?? 0);
    return basket;
  }

  /** Change in total when ingredient i moves to offer b. */
  function delta(basket: Basket, i: number, b: number): number {
    const a = basket.choice[i] ?? 0;
    const va = vendor[i]?.[a] ?? 0;
    const vb = vendor[i]?.[b] ?? 0;
    const ca = cost[i]?.[a] ?? 0;
    const cb = cost[i]?.[b] ?? 0;
    const sa = basket.subtotal[va] ?? 0;
    const na = basket.count[va] ?? 0;
    if (va === vb) return cb - ca + shipOf(sa - ca + cb, na) - shipOf(sa, na);
    const sb = basket.subtotal[vb] ?? 0;
    const nb = basket.count[vb] ?? 0;
    return cb - ca + shipOf(sa - ca, na - 1) - shipOf(sa, na) + shipOf(sb + cb, nb + 1) - shipOf(sb, nb);
  }

  function move(basket: Basket, i: number, b: number): void {
    const change = delta(basket, i, b);
    const a = basket.choice[i] ?? 0;
    const va = vendor[i]?.[a] ?? 0;
    const vb = vendor[i]?.[b] ?? 0;
    basket.subtotal[va] = (basket.subtotal[va] ?? 0) - (cost[i]?.[a] ?? 0);
    basket.count[va] = (basket.count[va] ?? 0) - 1;
    basket.subtotal[vb] = (basket.subtotal[vb] ?? 0) + (cost[i]?.[b] ?? 0);
    basket.count[vb] = (basket.count[vb] ?? 0) + 1;
    basket.choice[i] = b;
    basket.total += change;
  }

  /** Applies `moves` in order; keeps them only when the total drops. */
  function tryMoves(basket: Basket, plan: (apply: (i: number, b: number) => void) => void): boolean {
    const before = basket.total;
    const undo: [number, number][] = [];
    plan((i, b) => {
      undo.push([i, basket.choice[i] ?? 0]);
      move(basket, i, b);
    });
    if (basket.total < before - 1e-9) return true;
    for (let u = undo.length - 1; u >= 0; u--) {
      const [i, b] = undo[u] as [number, number];
      move(basket, i, b);
    }
    return false;
  }

  function singleMoves(basket: Basket): boolean {
    let any = false;
    for (let improved = true; improved;) {
      improved = false;
      for (let i = 0; i < n; i++) {
        const offers = cost[i] ?? [];
        let bestMove = -1;
        let bestDelta = -1e-9;
        for (let b = 0; b < offers.length; b++) {
          if (b === basket.choice[i]) continue;
          const change = delta(basket, i, b);
          if (change < bestDelta) {
            bestDelta = change;
            bestMove = b;
          }
        }
        if (bestMove >= 0) {
          move(basket, i, bestMove);
          improved = any = true;
        }
      }
    }
    return any;
  }

  function emptyVendor(basket: Basket, v: number): boolean {
    return tryMoves(basket, (apply) => {
      for (let i = 0; i < n; i++) {
        if (vendor[i]?.[basket.choice[i] ?? 0] !== v) continue;
        let target = -1;
        let targetDelta = Infinity;
        (cost[i] ?? []).forEach((_, b) => {
          if (vendor[i]?.[b] === v) return;
          const change = delta(basket, i, b);
          if (change < targetDelta) {
            targetDelta = change;
            target = b;
          }
        });
        if (target >= 0) apply(i, target);
      }
    });
  }

  function fillVendor(basket: Basket, v: number): boolean {
    if ((basket.subtotal[v] ?? 0) >= threshold) return false;
    const candidates: { i: number; b: number; perWon: number }[] = [];
    for (let i = 0; i < n; i++) {
      if (vendor[i]?.[basket.choice[i] ?? 0] === v) continue;
      let pick = -1;
      (cost[i] ?? []).forEach((c, b) => {
        if (vendor[i]?.[b] === v && (pick < 0 || c > (cost[i]?.[pick] ?? 0))) pick = b;
      });
      if (pick < 0) continue;
      const extra = (cost[i]?.[pick] ?? 0) - (cost[i]?.[basket.choice[i] ?? 0] ?? 0);
      candidates.push({ i, b: pick, perWon: extra / Math.max(1, cost[i]?.[pick] ?? 1) });
    }
    candidates.sort((x, y) => x.perWon - y.perWon);
    return tryMoves(basket, (apply) => {
      for (const { i, b } of candidates) {
        if ((basket.subtotal[v] ?? 0) >= threshold) break;
        apply(i, b);
      }
    });
  }

  function polish(basket: Basket): void {
    for (let improved = true, rounds = 0; improved && rounds < 100; rounds++) {
      improved = singleMoves(basket);
      for (let v = 0; v < V; v++) {
        if ((basket.count[v] ?? 0) > 0 && emptyVendor(basket, v)) improved = true;
        if ((sells[v] ?? 0) > 1 && fillVendor(basket, v)) improved = true;
      }
    }
  }

  const cheapest = items.map((offers) =>
    offers.reduce((best, o, j) => (o.cost < (offers[best]?.cost ?? Infinity) ? j : best), 0),
  );
  const starts = [cheapest];
  for (let v = 0; v < V; v++) {
    if ((sells[v] ?? 0) < 2) continue;
    starts.push(
      items.map((offers, i) => {
        let own = -1;
        offers.forEach((o, j) => {
          if (vendor[i]?.[j] === v && (own < 0 || o.cost < (offers[own]?.cost ?? Infinity))) own = j;
        });
        return own >= 0 ? own : (cheapest[i] ?? 0);
      }),
    );
  }
  let best = build(cheapest);
  polish(best);
  for (const start of starts.slice(1)) {
    if (options.now() > options.deadline) break;
    const basket = build(start);
    polish(basket);
    if (basket.total < best.total - 1e-9) best = basket;
  }

  // Perturb the best basket and improve it again, keeping what is better.
  const random = seededRandom(0x5eed);
  // Small baskets need few rounds; large ones stop at the deadline first.
  const rounds = options.rounds ?? Math.min(200, 5 * n);
  for (let round = 0; round < rounds && options.now() <= options.deadline; round++) {
    const basket = build(best.choice);
    const changes = 2 + Math.floor(random() * 3);
    for (let c = 0; c < changes; c++) {
      const i = Math.floor(random() * n);
      const offers = cost[i] ?? [];
      move(basket, i, Math.floor(random() * offers.length));
    }
    polish(basket);
    if (basket.total < best.total - 1e-9) best = basket;
  }
  return best.choice;
}

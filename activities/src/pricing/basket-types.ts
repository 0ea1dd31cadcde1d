import type { ShippingPolicy } from '@ai-chef/kitchen';

export type { ShippingPolicy };

/**
 * The basket problem the solver works on (basket-solver.ts): one offer per ingredient so that item costs
 * plus each vendor's shipping are least in total. The model, the local search and the vendor search read
 * these types; none of them imports another's.
 */
export interface BasketOffer {
  vendor: string;
  /** What this offer costs for the amount needed (whole packs × price). */
  cost: number;
}

export interface BasketProblem {
  /** For each ingredient, its offers (at least one). */
  items: readonly (readonly BasketOffer[])[];
  shipping: ShippingPolicy;
  /** Default DEFAULT_BASKET_TIME_LIMIT_MS. */
  timeLimitMs?: number;
  now?: () => number;
}

export interface BasketCost {
  itemsCost: number;
  shippingCost: number;
  total: number;
}

export interface BasketSolution extends BasketCost {
  /** For each ingredient, the index of the chosen offer in its list. */
  choice: number[];
  /** True when the search finished: no basket costs less. */
  exact: boolean;
}

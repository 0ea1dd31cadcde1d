import type { Alternative, Profile } from '@ai-chef/contracts';
import type { ShippingPolicy } from '@ai-chef/kitchen';
import type { LookupsInFlight } from './lookups-in-flight.js';
import type { NaverClient, NaverFailureReason } from './naver-client.js';
import type { PriceCache } from './price-cache.js';
import type { ReferencePriceSource } from './reference-price.js';

/** One recipe ingredient to price. */
export interface BasketItem {
  ingredientId: string;
  name: string;
  amount: string;
  unit: string;
  grams: number;
}

export type LookupSource = 'cache' | 'naver' | 'estimate';

/** How one ingredient was priced, for logs and metrics. */
export interface LookupEvent {
  ingredientId: string;
  query: string;
  source: LookupSource;
  /** Why an estimate was used. */
  reason?: NaverFailureReason | 'no_client' | 'no_plausible_offer';
  /** A cache read or write failed; the lookup went on without it. */
  cacheError?: string;
}

/** What pricing is built with once per worker: the shop, the cache, the reference prices, the shipping rule. */
export interface PricingDeps {
  /** Absent without Naver keys: every ingredient is estimated. */
  naver?: NaverClient | undefined;
  cache: PriceCache;
  references: ReferencePriceSource;
  shipping: ShippingPolicy;
  /** The worker's lookups under way from prefetches, which a basket joins. */
  inFlight?: LookupsInFlight;
  /** Cap on the basket search, default DEFAULT_BASKET_TIME_LIMIT_MS. */
  solverTimeLimitMs?: number;
  onLookup?: (event: LookupEvent) => void;
  /** Whether the basket was proven the cheapest (false when the search hit its time cap). */
  onBasketSolved?: (info: { exact: boolean; ingredients: number }) => void;
}

/** One basket to price: the recipe's lines for one person. */
export interface BasketRequest {
  items: readonly BasketItem[];
  /** Whose basket: the budget, the language of the advice, what they own and may eat. */
  profile: Profile;
  /** Other dishes that pass the profile's rules, for advice over the budget. */
  alternatives?: readonly Alternative[];
  /** What the dish is: advice never suggests swapping these. */
  mainIngredientIds?: readonly string[];
  signal?: AbortSignal | undefined;
  /** Called once per ingredient priced (the activity heartbeats here). */
  onProgress?: () => void;
}

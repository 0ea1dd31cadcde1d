export { createNaverClient } from './naver-client.js';
export type {
  NaverClient,
  NaverClientOptions,
  NaverFailureReason,
  NaverSearchResult,
} from './naver-client.js';
export { createMemoryQuotaCounter, kstDay, NAVER_DAILY_QUOTA } from './quota-counter.js';
export type { MemoryQuotaCounterOptions, QuotaCounter } from './quota-counter.js';
export { abortableSleep, createRateLimiter } from './rate-limiter.js';
export { createSharedNaverLimits, ensureSharedNaverLimitIndexes, NAVER_LIMITS_COLLECTION } from './shared-limits.js';
export type { RateLimiter, RateLimiterOptions } from './rate-limiter.js';
export {
  cleanTitle,
  FOOD_CATEGORY,
  isPlausiblePrice,
  NAVER_VENDOR,
  parseNaverItem,
  parseNaverResponse,
  parsePrice,
  PLAUSIBLE_PRICE_RATIO,
  selectOffers,
  titleMatches,
} from './offer-parser.js';
export type { OfferCriteria, ShopListing } from './offer-parser.js';
export { parsePackSize } from './pack-size.js';
export type { PackSize, PackSizeOptions } from './pack-size.js';
export { createMemoryPriceCache, createMongoPriceCache, priceCacheKey } from './price-cache.js';
export type { PriceCache, PriceCacheDocument } from './price-cache.js';
export { basketCost, DEFAULT_BASKET_TIME_LIMIT_MS, solveBasket } from './basket-solver.js';
export type { BasketCost, BasketOffer, BasketProblem, BasketSolution, ShippingPolicy } from './basket-types.js';
export { referencePricesFrom } from './reference-price.js';
export type { ReferencePrice, ReferencePriceSource } from './reference-price.js';
export { MAX_SOLVER_OFFERS } from './basket-lines.js';
export { priceBasket } from './price-basket.js';
export { LookupsInFlight } from './lookups-in-flight.js';
export { startPricePrefetch } from './prefetch.js';
export type { PricePrefetch } from './prefetch.js';
export type { BasketItem, BasketRequest, LookupEvent, LookupSource, PricingDeps } from './price-types.js';
export { catalogReferencePrices } from './catalog-references.js';

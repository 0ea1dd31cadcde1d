import type { Offer } from '@ai-chef/contracts';
import type { NaverClient, NaverFailureReason, NaverSearchResult } from './naver-client.js';
import { selectOffers } from './offer-parser.js';
import { priceCacheKey } from './price-cache.js';
import type { PriceCache } from './price-cache.js';
import type { BasketItem, LookupEvent, PricingDeps } from './price-types.js';
import type { ReferencePrice } from './reference-price.js';

/** What the shop is asked for an ingredient: its catalog name when it has one, else the recipe's. */
export function searchQuery(name: string, reference: ReferencePrice | undefined): string {
  return (reference?.nameKo ?? name).trim();
}

/** One Naver search per query within a basket, shared by ingredients that search the same name. */
export type SearchOnce = (query: string) => Promise<NaverSearchResult>;

/** Searches the shop once per query: ingredients that search the same name share the answer. */
export function searchOnce(naver: NaverClient | undefined, signal: AbortSignal | undefined): SearchOnce | undefined {
  if (naver === undefined) return undefined;
  const searches = new Map<string, Promise<NaverSearchResult>>();
  return (query) => {
    const key = priceCacheKey(query);
    const pending = searches.get(key) ?? naver.search(query, signal !== undefined ? { signal } : {});
    searches.set(key, pending);
    return pending;
  };
}

/** What a basket's one cache read found: offers by key, or why there are none. */
export type CacheRead = { hits: Map<string, Offer[]> } | { error: string };

export async function readCache(cache: PriceCache, queries: readonly string[]): Promise<CacheRead> {
  try {
    return { hits: await cache.getMany(queries) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** One shop search for a query, the plausible offers kept in the cache (an empty list too). */
export async function searchAndCache(
  name: string,
  query: string,
  reference: ReferencePrice | undefined,
  cache: PriceCache,
  search: SearchOnce,
): Promise<{ offers?: Offer[]; reason?: NaverFailureReason; cacheError?: string }> {
  const result = await search(query);
  if (!result.ok && result.reason !== 'no_offers') return { reason: result.reason };
  const offers = result.ok
    ? selectOffers(result.listings, {
        names: [name, ...(reference !== undefined ? [reference.nameKo, ...(reference.aliases ?? [])] : [])],
        reference,
        pieceGrams: reference?.pieceGrams,
      })
    : [];
  // An answer with nothing plausible is cached too: asking again within the TTL would not change it.
  try {
    await cache.set(query, offers);
  } catch (error) {
    return { offers, cacheError: error instanceof Error ? error.message : String(error) };
  }
  return { offers };
}

export interface Lookup {
  offers: Offer[] | undefined;
  event: LookupEvent;
}

/** An ingredient's offers: from the basket's cache read, a prefetch under way, or a new search. */
export async function lookUp(
  item: BasketItem,
  query: string,
  reference: ReferencePrice | undefined,
  cache: CacheRead,
  deps: PricingDeps,
  search: SearchOnce | undefined,
): Promise<Lookup> {
  const event: LookupEvent = { ingredientId: item.ingredientId, query, source: 'estimate' };
  if ('error' in cache) event.cacheError = cache.error;
  else {
    const cached = cache.hits.get(priceCacheKey(query));
    if (cached !== undefined) return { offers: cached, event: { ...event, source: 'cache' } };
  }
  if (search === undefined) return { offers: undefined, event: { ...event, reason: 'no_client' } };
  // A prefetch of this worker may be looking it up right now: its answer is as fresh as a new one.
  const joined = await deps.inFlight?.get(query);
  if (joined !== undefined) return { offers: joined, event: { ...event, source: 'naver' } };
  const found = await searchAndCache(item.name, query, reference, deps.cache, search);
  if (found.cacheError !== undefined) event.cacheError = found.cacheError;
  if (found.offers === undefined)
    return { offers: undefined, event: { ...event, ...(found.reason ? { reason: found.reason } : {}) } };
  return { offers: found.offers, event: { ...event, source: 'naver' } };
}

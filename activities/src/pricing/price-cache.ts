import { z } from 'zod';
import type { Collection } from 'mongodb';
import { OfferSchema } from '@ai-chef/contracts';
import type { Offer } from '@ai-chef/contracts';

/** Offers found for a search query, kept for PRICE_CACHE_TTL_SECONDS. */
export interface PriceCache {
  get(key: string): Promise<Offer[] | undefined>;
  set(key: string, offers: Offer[]): Promise<void>;
}

/** The cache key of a query: trimmed, lower-cased, runs of whitespace as one space. */
export function priceCacheKey(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** One cached lookup in the worker's private `price_cache` collection. */
export interface PriceCacheDocument {
  _id: string;
  offers: Offer[];
  createdAt: Date;
  expiresAt: Date;
}

const StoredOffersSchema = z.array(OfferSchema);

/**
 * A MongoDB cache. Reads filter on `expiresAt` themselves, so an expired entry never serves even on a
 * server without TTL indexes (FerretDB 1.x) or before the TTL monitor has run; the TTL index and the
 * sweep that delete expired documents are set up by the collection's owner.
 */
export function createMongoPriceCache(
  collection: Collection<PriceCacheDocument>,
  ttlSeconds: number,
  now: () => Date = () => new Date(),
): PriceCache {
  if (!(ttlSeconds > 0)) throw new RangeError(`price cache TTL must be > 0 s, got ${ttlSeconds}`);
  return {
    async get(key) {
      const document = await collection.findOne(
        { _id: priceCacheKey(key), expiresAt: { $gt: now() } },
        { projection: { offers: 1 } },
      );
      if (document === null) return undefined;
      // A document written by an older shape is a miss, not a crash.
      const offers = StoredOffersSchema.safeParse(document.offers);
      return offers.success ? offers.data : undefined;
    },
    async set(key, offers) {
      const createdAt = now();
      const expiresAt = new Date(createdAt.getTime() + ttlSeconds * 1000);
      await collection.updateOne(
        { _id: priceCacheKey(key) },
        { $set: { offers, createdAt, expiresAt } },
        { upsert: true },
      );
    },
  };
}

/** A process-local cache with the same expiry rule, for tests and runs without a database. */
export function createMemoryPriceCache(
  options: { ttlSeconds?: number; now?: () => number } = {},
): PriceCache & {
  size(): number;
} {
  const ttlMs = (options.ttlSeconds ?? 86_400) * 1000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { offers: Offer[]; expiresAt: number }>();
  return {
    get(key) {
      const entry = entries.get(priceCacheKey(key));
      if (entry === undefined || entry.expiresAt <= now()) return Promise.resolve(undefined);
      return Promise.resolve(structuredClone(entry.offers));
    },
    set(key, offers) {
      entries.set(priceCacheKey(key), { offers: structuredClone(offers), expiresAt: now() + ttlMs });
      return Promise.resolve();
    },
    size() {
      return entries.size;
    },
  };
}

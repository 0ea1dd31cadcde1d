import { z } from 'zod';
import type { Collection } from 'mongodb';
import { OfferSchema } from '@ai-chef/contracts';
import type { Offer } from '@ai-chef/contracts';

/** Offers found for a search query, kept for PRICE_CACHE_TTL_SECONDS. */
export interface PriceCache {
  /** The unexpired offers of each query that has them, by priceCacheKey: one read for a whole basket. */
  getMany(queries: readonly string[]): Promise<Map<string, Offer[]>>;
  set(query: string, offers: Offer[]): Promise<void>;
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
    async getMany(queries) {
      const keys = [...new Set(queries.map(priceCacheKey))];
      const found = new Map<string, Offer[]>();
      if (keys.length === 0) return found;
      // One point read per key, all at once: MongoDB and FerretDB both answer `{_id}` from an index,
      // while FerretDB 1.x would answer an `$in` by reading the whole cache.
      const at = now();
      const documents = await Promise.all(
        keys.map((key) =>
          collection.findOne({ _id: key, expiresAt: { $gt: at } }, { projection: { offers: 1 } }),
        ),
      );
      for (const document of documents) {
        if (document === null) continue;
        // A document written by an older shape is a miss, not a crash.
        const offers = StoredOffersSchema.safeParse(document.offers);
        if (offers.success) found.set(document._id, offers.data);
      }
      return found;
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
    getMany(queries) {
      const found = new Map<string, Offer[]>();
      for (const key of queries.map(priceCacheKey)) {
        const entry = entries.get(key);
        if (entry !== undefined && entry.expiresAt > now()) found.set(key, structuredClone(entry.offers));
      }
      return Promise.resolve(found);
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

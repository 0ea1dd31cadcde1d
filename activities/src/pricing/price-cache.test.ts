import { describe, expect, it } from '@jest/globals';
import type { Collection } from 'mongodb';
import type { Offer } from '@ai-chef/contracts';
import { createMemoryPriceCache, createMongoPriceCache, priceCacheKey } from './price-cache.js';
import type { PriceCacheDocument } from './price-cache.js';

const offers: Offer[] = [
  {
    title: '국산 양파 1kg',
    price: 3000,
    vendor: '쿠팡',
    link: 'https://example.test/1',
    productId: '1',
    packGrams: 1000,
    packCount: 1,
  },
];

/**
 * The two collection calls the cache makes, answered like MongoDB would for these filter shapes
 * (`_id` equality, `expiresAt: {$gt}`, `$set` with upsert), and recorded so the queries can be checked.
 */
function fakeCollection(): {
  collection: Collection<PriceCacheDocument>;
  docs: Map<string, PriceCacheDocument>;
  filters: unknown[];
} {
  const docs = new Map<string, PriceCacheDocument>();
  const filters: unknown[] = [];
  const fake = {
    findOne(filter: { _id: string; expiresAt: { $gt: Date } }) {
      filters.push(filter);
      const doc = docs.get(filter._id);
      return Promise.resolve(doc !== undefined && doc.expiresAt > filter.expiresAt.$gt ? doc : null);
    },
    updateOne(
      filter: { _id: string },
      update: { $set: Omit<PriceCacheDocument, '_id'> },
      options: { upsert: boolean },
    ) {
      expect(options.upsert).toBe(true);
      docs.set(filter._id, { _id: filter._id, ...update.$set });
      return Promise.resolve({ acknowledged: true });
    },
  };
  return { collection: fake as unknown as Collection<PriceCacheDocument>, docs, filters };
}

describe('priceCacheKey', () => {
  it('trims, lower-cases and collapses whitespace', () => {
    expect(priceCacheKey('  Olive   Oil\t엑스트라 ')).toBe('olive oil 엑스트라');
    expect(priceCacheKey('양파')).toBe('양파');
  });
});

describe('createMongoPriceCache', () => {
  it('stores offers with their expiry under the normalised key', async () => {
    const { collection, docs } = fakeCollection();
    const now = new Date('2025-03-01T00:00:00Z');
    const cache = createMongoPriceCache(collection, 86_400, () => now);
    await cache.set(' 양파 ', offers);
    expect(docs.get('양파')).toEqual({
      _id: '양파',
      offers,
      createdAt: now,
      expiresAt: new Date('2025-03-02T00:00:00Z'),
    });
    expect(await cache.get('양파')).toEqual(offers);
  });

  it('filters on expiresAt itself, so an expired entry never serves', async () => {
    const { collection, filters } = fakeCollection();
    let now = new Date('2025-03-01T00:00:00Z');
    const cache = createMongoPriceCache(collection, 60, () => now);
    await cache.set('양파', offers);
    now = new Date('2025-03-01T00:01:00Z');
    expect(await cache.get('양파')).toBeUndefined();
    expect(filters.at(-1)).toEqual({ _id: '양파', expiresAt: { $gt: now } });
  });

  it('treats a stored document of another shape as a miss', async () => {
    const { collection, docs } = fakeCollection();
    const cache = createMongoPriceCache(collection, 60);
    docs.set('양파', {
      _id: '양파',
      offers: [{ title: 1 }] as unknown as Offer[],
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(await cache.get('양파')).toBeUndefined();
  });

  it('refuses a TTL that is not positive', () => {
    expect(() => createMongoPriceCache(fakeCollection().collection, 0)).toThrow(RangeError);
  });
});

describe('createMemoryPriceCache', () => {
  it('serves until the TTL passes, under the normalised key', async () => {
    let now = 0;
    const cache = createMemoryPriceCache({ ttlSeconds: 10, now: () => now });
    await cache.set('Olive  Oil', offers);
    expect(await cache.get('olive oil')).toEqual(offers);
    now = 9_999;
    expect(await cache.get('olive oil')).toEqual(offers);
    now = 10_000;
    expect(await cache.get('olive oil')).toBeUndefined();
  });

  it('returns copies, so a caller cannot change what is cached', async () => {
    const cache = createMemoryPriceCache();
    await cache.set('양파', offers);
    const first = await cache.get('양파');
    first?.push({ ...offers[0], productId: 'x' } as Offer);
    expect(await cache.get('양파')).toHaveLength(1);
  });
});

// The MongoDB price cache against the test MongoDB-wire server (FerretDB or mongod): expired
// entries never serve, whether or not the server has TTL indexes.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MongoClient } from 'mongodb';
import type { Collection } from 'mongodb';
import type { Offer } from '@ai-chef/contracts';
import { createMongoPriceCache } from '../../activities/src/pricing/index.js';
import type { PriceCacheDocument } from '../../activities/src/pricing/index.js';
import { requiredEnv } from '../support/stack.js';

const offers: Offer[] = [
  {
    title: '[국내산] 양파 3kg 특품',
    price: 6900,
    vendor: '쿠팡',
    link: 'https://shop.test/1',
    productId: '1',
    packGrams: 3000,
    packCount: 1,
  },
  {
    title: '풀무원 두부 300g x 2팩',
    price: 3980,
    vendor: '네이버',
    link: 'https://shop.test/2',
    productId: '2',
    packGrams: 300,
    packCount: 2,
  },
];

let mongo: MongoClient;
let collection: Collection<PriceCacheDocument>;

beforeAll(async () => {
  mongo = await MongoClient.connect(requiredEnv('TEST_MONGO_URL'));
  collection = mongo
    .db(`test_pricing_${randomBytes(4).toString('hex')}`)
    .collection<PriceCacheDocument>('price_cache');
});
afterAll(async () => {
  await collection?.drop().catch(() => undefined);
  await mongo?.close();
});

describe('createMongoPriceCache', () => {
  it('stores offers under the normalised query with their expiry, and reads them back', async () => {
    const now = new Date('2025-03-01T00:00:00Z');
    const cache = createMongoPriceCache(collection, 86_400, () => now);
    await cache.set('  Olive   Oil ', offers);
    expect(await cache.get('olive oil')).toEqual(offers);
    expect(await collection.findOne({ _id: 'olive oil' })).toEqual({
      _id: 'olive oil',
      offers,
      createdAt: now,
      expiresAt: new Date('2025-03-02T00:00:00Z'),
    });
  });

  it('overwrites an entry and keeps one document per query', async () => {
    const cache = createMongoPriceCache(collection, 60);
    await cache.set('대파', offers);
    await cache.set('대파', []);
    expect(await cache.get('대파')).toEqual([]);
    expect(await collection.countDocuments({ _id: '대파' })).toBe(1);
  });

  it('never serves an expired entry, even before any sweep removes it', async () => {
    let now = new Date('2025-03-01T00:00:00Z');
    const cache = createMongoPriceCache(collection, 60, () => now);
    await cache.set('양파', offers);
    now = new Date('2025-03-01T00:00:59.999Z');
    expect(await cache.get('양파')).toEqual(offers);
    now = new Date('2025-03-01T00:01:00Z');
    expect(await cache.get('양파')).toBeUndefined();
    expect(await collection.countDocuments({ _id: '양파' })).toBe(1);
  });

  it('misses on a query never stored', async () => {
    expect(await createMongoPriceCache(collection, 60).get('없는 재료')).toBeUndefined();
  });
});

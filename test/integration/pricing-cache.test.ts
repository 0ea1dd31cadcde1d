// The MongoDB price cache against the test MongoDB-wire server (FerretDB or mongod): expired
// entries never serve, whether or not the server has TTL indexes.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MongoClient } from 'mongodb';
import type { Collection } from 'mongodb';
import type { Offer } from '@ai-chef/contracts';
import { createMongoPriceCache, priceCacheKey } from '../../activities/src/pricing/index.js';
import type { PriceCache, PriceCacheDocument } from '../../activities/src/pricing/index.js';
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
/** One query's cached offers, read the way a basket reads them. */
async function read(cache: PriceCache, query: string): Promise<Offer[] | undefined> {
  return (await cache.getMany([query])).get(priceCacheKey(query));
}

afterAll(async () => {
  await collection?.drop().catch(() => undefined);
  await mongo?.close();
});

describe('createMongoPriceCache', () => {
  it('stores offers under the normalised query with their expiry, and reads them back', async () => {
    const now = new Date('2025-03-01T00:00:00Z');
    const cache = createMongoPriceCache(collection, 86_400, () => now);
    await cache.set('  Olive   Oil ', offers);
    expect(await read(cache, 'olive oil')).toEqual(offers);
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
    expect(await read(cache, '대파')).toEqual([]);
    expect(await collection.countDocuments({ _id: '대파' })).toBe(1);
  });

  it('never serves an expired entry, even before any sweep removes it', async () => {
    let now = new Date('2025-03-01T00:00:00Z');
    const cache = createMongoPriceCache(collection, 60, () => now);
    await cache.set('양파', offers);
    now = new Date('2025-03-01T00:00:59.999Z');
    expect(await read(cache, '양파')).toEqual(offers);
    now = new Date('2025-03-01T00:01:00Z');
    expect(await read(cache, '양파')).toBeUndefined();
    expect(await collection.countDocuments({ _id: '양파' })).toBe(1);
  });

  it('misses on a query never stored', async () => {
    expect(await read(createMongoPriceCache(collection, 60), '없는 재료')).toBeUndefined();
  });

  it('reads a whole basket at once: live entries by key; expired, unknown and repeated queries left out', async () => {
    let now = new Date('2025-04-01T00:00:00Z');
    const cache = createMongoPriceCache(collection, 60, () => now);
    await cache.set('basket expired', offers);
    now = new Date('2025-04-01T00:00:30Z');
    await cache.set('Basket Onion', offers);
    await cache.set('basket salt', []);
    now = new Date('2025-04-01T00:01:10Z');
    const found = await cache.getMany(['basket onion', ' BASKET  ONION', 'basket salt', 'basket expired', 'basket never']);
    expect([...found.keys()].sort()).toEqual(['basket onion', 'basket salt']);
    expect(found.get('basket onion')).toEqual(offers);
    expect(found.get('basket salt')).toEqual([]);
    expect(await cache.getMany([])).toEqual(new Map());
  });
});

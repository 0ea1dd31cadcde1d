import { describe, expect, it } from '@jest/globals';
import type { Offer } from '@ai-chef/contracts';
import { createMemoryPriceCache, priceCacheKey } from './price-cache.js';
import type { PriceCache } from './price-cache.js';

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

/** The MongoDB cache is tested against a real server: test/integration/pricing-cache.test.ts. */
const read = async (cache: PriceCache, query: string): Promise<Offer[] | undefined> =>
  (await cache.getMany([query])).get(priceCacheKey(query));

describe('priceCacheKey', () => {
  it('trims, lower-cases and collapses whitespace', () => {
    expect(priceCacheKey('  Olive   Oil\t엑스트라 ')).toBe('olive oil 엑스트라');
    expect(priceCacheKey('양파')).toBe('양파');
  });
});

describe('createMemoryPriceCache', () => {
  it('serves until the TTL passes, under the normalised key', async () => {
    let now = 0;
    const cache = createMemoryPriceCache({ ttlSeconds: 10, now: () => now });
    await cache.set('Olive  Oil', offers);
    expect(await read(cache, 'olive oil')).toEqual(offers);
    now = 9_999;
    expect(await read(cache, 'olive oil')).toEqual(offers);
    now = 10_000;
    expect(await read(cache, 'olive oil')).toBeUndefined();
  });

  it('returns copies, so a caller cannot change what is cached', async () => {
    const cache = createMemoryPriceCache();
    await cache.set('양파', offers);
    const first = await read(cache, '양파');
    first?.push({ ...offers[0], productId: 'x' } as Offer);
    expect(await read(cache, '양파')).toHaveLength(1);
  });
});

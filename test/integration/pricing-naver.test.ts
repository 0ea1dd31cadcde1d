// fetchPrices' pricing through the real got client against a local Naver Shopping fake.
// No database: the price cache here is the in-memory one. Assertions count calls, never wall time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  PricingSchema,
  profileWithDefaults,
  type Offer,
  type Pricing,
  type Profile,
} from '@ai-chef/contracts';
import {
  createMemoryPriceCache,
  createMemoryQuotaCounter,
  createNaverClient,
  priceBasket,
  referencePricesFrom,
  LookupsInFlight,
  startPricePrefetch,
} from '../../activities/src/pricing/index.js';
import type {
  BasketItem,
  LookupEvent,
  NaverClientOptions,
  PricingDeps,
} from '../../activities/src/pricing/index.js';
import { startNaverFake } from '../fakes/naver-fake.js';
import type { NaverFake } from '../fakes/naver-fake.js';

const NAMES = [
  '양파',
  '대파',
  '감자',
  '당근',
  '두부',
  '애호박',
  '버섯',
  '시금치',
  '마늘',
  '고추',
  '배추',
  '무',
  '콩나물',
  '양배추',
  '브로콜리',
  '오이',
  '토마토',
  '사과',
  '고구마',
  '부추',
];
// 10 won per gram: the fake's listings (3–29 won per gram) are all plausible against it.
const references = referencePricesFrom(
  Object.fromEntries(NAMES.map((name, i) => [`ing-${i}`, { nameKo: name, price: 10_000, grams: 1000 }])),
);
const basket = (count: number): BasketItem[] =>
  NAMES.slice(0, count).map((name, i) => ({
    ingredientId: `ing-${i}`,
    name,
    amount: '200',
    unit: 'g',
    grams: 200,
  }));
const idOf = (name: string): string => `ing-${NAMES.indexOf(name)}`;

let fake: NaverFake;

beforeAll(async () => {
  fake = await startNaverFake();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.setBehaviour({});
  fake.stats.reset();
});

function client(overrides: Partial<NaverClientOptions> = {}) {
  return createNaverClient({
    baseUrl: fake.url,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    quota: createMemoryQuotaCounter(),
    callsPerSecond: 1000,
    retryBaseDelayMs: 20,
    ...overrides,
  });
}

function deps(overrides: Partial<PricingDeps> = {}): PricingDeps {
  return {
    cache: createMemoryPriceCache(),
    references,
    shipping: { fee: 3000, freeThreshold: 30_000 },
    ...overrides,
  };
}

/** One basket for a person with a 100,000원 budget who has nothing at home but what `profile` says. */
function price(
  items: BasketItem[],
  using: PricingDeps,
  profile: Partial<Profile> = {},
  signal?: AbortSignal,
): Promise<Pricing> {
  return priceBasket(
    {
      items,
      profile: profileWithDefaults({ budget: 100_000, pantry: [], ...profile }),
      ...(signal ? { signal } : {}),
    },
    using,
  );
}

/**
 * Arrivals at the fake carry the client's scheduling delay between a call's grant and its bytes on
 * the wire: on two loaded cores a whole batch has arrived 200 ms late while the next came on time
 * (7 in one rolling second, grants 1,050 ms apart). The client cannot promise more than its grants,
 * so a batch is told apart from the next by a window of 1,000 − ARRIVAL_JITTER_MS, and the calls must
 * spread over as many seconds as the limit demands.
 */
const ARRIVAL_JITTER_MS = 300;

function expectRateKept(arrivals: readonly number[], limit: number): void {
  expect(mostInWindow(arrivals, 1000 - ARRIVAL_JITTER_MS)).toBeLessThanOrEqual(limit);
  const seconds = Math.ceil(arrivals.length / limit) - 1;
  expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(
    seconds * 1000 - ARRIVAL_JITTER_MS,
  );
}

/** The most requests that arrived within any window of `windowMs`. */
function mostInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('Naver pricing through got', () => {
  it('asks as the Naver API expects and prices every ingredient from the answers', async () => {
    const pricing = await price(basket(3), deps({ naver: client() }));
    expect(PricingSchema.parse(pricing)).toEqual(pricing);
    expect(pricing.source).toBe('naver');
    expect(pricing.items.every((item) => !item.estimated && item.offers.length > 0)).toBe(true);
    for (const item of pricing.items) {
      for (const offer of item.offers) {
        expect(offer.title).not.toMatch(/<\/?b>|&amp;/);
        expect(offer.title).toContain(item.ingredient);
        expect(offer.title).not.toContain('보관 용기');
        expect(offer.title).not.toContain('체험 샘플');
      }
    }
    expect(fake.stats.log.map((r) => [r.sort, r.exclude, r.display])).toEqual(
      Array.from({ length: 3 }, () => ['sim', 'used:rental:cbshop', 20]),
    );
  });

  it('runs lookups in parallel up to the concurrency limit and never beyond', async () => {
    fake.setBehaviour({ latencyMs: 150 });
    const pricing = await price(basket(20), deps({ naver: client({ concurrency: 6 }) }));
    expect(fake.stats.calls).toBe(20);
    expect(fake.stats.maxInFlight).toBe(6);
    expect(pricing.items.filter((item) => item.estimated)).toHaveLength(0);
  });

  it('keeps to the calls-per-second limit in every rolling second', async () => {
    const pricing = await price(basket(16), deps({ naver: client({ callsPerSecond: 5 }) }));
    expect(fake.stats.calls).toBe(16);
    const arrivals = fake.stats.log.map((r) => r.at);
    expectRateKept(arrivals, 5);
    expect(mostInWindow(arrivals, 1000)).toBeGreaterThanOrEqual(5); // and no slower than the limit
    expect(pricing.items.filter((item) => item.estimated)).toHaveLength(0);
  });

  it('counts retries against the calls-per-second limit too', async () => {
    fake.setBehaviour({
      rateLimitFirst: Object.fromEntries(NAMES.slice(0, 8).map((n) => [n, 1])),
      retryAfterSeconds: 0,
    });
    await price(basket(8), deps({ naver: client({ callsPerSecond: 4 }) }));
    expect(fake.stats.calls).toBe(16);
    expectRateKept(
      fake.stats.log.map((r) => r.at),
      4,
    );
  });

  it('retries a 429 after its Retry-After and prices the ingredient', async () => {
    fake.setBehaviour({ rateLimitFirst: { 양파: 1 }, retryAfterSeconds: 1 });
    const pricing = await price(basket(2), deps({ naver: client() }));
    expect(fake.stats.callsFor('양파')).toBe(2);
    expect(fake.stats.log.filter((r) => r.query === '양파').map((r) => r.status)).toEqual([429, 200]);
    expect(pricing.items.map((item) => item.estimated)).toEqual([false, false]);
  });

  it('does not wait for a Retry-After beyond its cap: it estimates instead', async () => {
    fake.setBehaviour({ rateLimitFirst: { 양파: 5 }, retryAfterSeconds: 120 });
    const events: LookupEvent[] = [];
    const pricing = await price(
      basket(1),
      deps({ naver: client({ maxRetryAfterMs: 2000 }), onLookup: (e: LookupEvent) => events.push(e) }),
    );
    expect(fake.stats.callsFor('양파')).toBe(1);
    expect(pricing.items[0]?.estimated).toBe(true);
    expect(events[0]).toMatchObject({ source: 'estimate', reason: 'http_error' });
  });

  it('gives an estimate for the one ingredient that keeps failing with 500, after the retries', async () => {
    fake.setBehaviour({ failQueries: { 두부: 500 } });
    const events: LookupEvent[] = [];
    const pricing = await price(
      basket(6),
      deps({ naver: client({ retries: 2 }), onLookup: (e: LookupEvent) => events.push(e) }),
    );
    expect(fake.stats.callsFor('두부')).toBe(3);
    const tofu = pricing.items.find((item) => item.ingredientId === idOf('두부'));
    expect(tofu?.estimated).toBe(true);
    expect(tofu?.chosen?.vendor).toBe('estimate');
    expect(pricing.items.filter((item) => item.estimated)).toHaveLength(1);
    expect(pricing.source).toBe('mixed');
    expect(events.find((e: LookupEvent) => e.query === '두부')).toMatchObject({ reason: 'http_error' });
  });

  it('times out a slow answer, retries it, then estimates', async () => {
    fake.setBehaviour({ latencyMs: 500 });
    const events: LookupEvent[] = [];
    const pricing = await price(
      basket(1),
      deps({ naver: client({ timeoutMs: 100, retries: 1 }), onLookup: (e: LookupEvent) => events.push(e) }),
    );
    expect(fake.stats.callsFor('양파')).toBe(2);
    expect(pricing.items[0]?.estimated).toBe(true);
    expect(events[0]).toMatchObject({ reason: 'timeout' });
  });

  it('makes no HTTP call for what the cache holds', async () => {
    const cache = createMemoryPriceCache();
    const naver = client();
    const first = await price(basket(5), deps({ naver, cache }));
    expect(fake.stats.calls).toBe(5);
    fake.stats.reset();
    const events: LookupEvent[] = [];
    const second = await price(
      basket(5),
      deps({ naver, cache, onLookup: (e: LookupEvent) => events.push(e) }),
    );
    expect(fake.stats.calls).toBe(0);
    expect(events.every((e: LookupEvent) => e.source === 'cache')).toBe(true);
    expect(second.items.map((i) => i.chosen)).toEqual(first.items.map((i) => i.chosen));
    expect(second.totalEstimatedCost).toBe(first.totalEstimatedCost);
  });

  it('prices ahead: what a prefetch looked up (once per query) the basket reads from the cache, with no second call', async () => {
    const cache = createMemoryPriceCache();
    let reads = 0;
    const counted = {
      ...cache,
      getMany: (queries: readonly string[]) => ((reads += 1), cache.getMany(queries)),
    };
    const naver = client();
    const prefetch = startPricePrefetch(
      deps({ naver, cache: counted }),
      (name) => (NAMES.includes(name) ? idOf(name) : undefined),
      () => false,
    );
    for (const name of ['양파', '대파', '양파', '감자', '모르는 재료', '당근', '두부']) prefetch.add(name);
    await prefetch.settle(10_000);
    expect(prefetch.started).toBe(5);
    expect(fake.stats.calls).toBe(5);
    // Names that come together share one cache read.
    expect(reads).toBe(1);

    fake.stats.reset();
    const events: LookupEvent[] = [];
    const pricing = await price(
      basket(6),
      deps({ naver, cache, onLookup: (e: LookupEvent) => events.push(e) }),
    );
    expect(fake.stats.calls).toBe(1);
    expect(fake.stats.callsFor('애호박')).toBe(1);
    expect(events.map((e: LookupEvent) => e.source)).toEqual([
      'cache',
      'cache',
      'cache',
      'cache',
      'cache',
      'naver',
    ]);
    expect(pricing.items.every((item) => !item.estimated)).toBe(true);
  });

  it('when the basket starts while the prefetch is still searching, then it joins those lookups: one call and one cache write per query in all', async () => {
    fake.setBehaviour({ latencyMs: 300 });
    const memory = createMemoryPriceCache();
    let writes = 0;
    const cache = {
      ...memory,
      set: (query: string, offers: Offer[]) => ((writes += 1), memory.set(query, offers)),
    };
    const naver = client();
    const inFlight = new LookupsInFlight();
    const prefetch = startPricePrefetch(deps({ naver, cache, inFlight }), idOf, () => false, 0);
    for (const name of NAMES.slice(0, 4)) prefetch.add(name);
    // Registered as soon as the names arrive, before any cache read or search has begun.
    expect(inFlight.size).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(inFlight.size).toBe(4);

    const pricing = await price(basket(6), deps({ naver, cache, inFlight }));
    expect(fake.stats.calls).toBe(6);
    expect(writes).toBe(6);
    expect(NAMES.slice(0, 6).map((name) => fake.stats.callsFor(name))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(pricing.items.every((item) => !item.estimated)).toBe(true);
    await prefetch.settle(10_000);
    expect(inFlight.size).toBe(0);
  });

  it('prices ahead only what the cache lacks, and leaves a failed lookup for the basket to make again', async () => {
    const cache = createMemoryPriceCache();
    const naver = client({ retries: 0 });
    await price(basket(1), deps({ naver, cache }));
    fake.setBehaviour({ failQueries: { 대파: 500 } });
    fake.stats.reset();
    const prefetch = startPricePrefetch(deps({ naver, cache }), idOf, () => false);
    prefetch.add('양파');
    prefetch.add('대파');
    await prefetch.settle(10_000);
    expect(fake.stats.callsFor('양파')).toBe(0);
    expect(fake.stats.callsFor('대파')).toBe(1);
    expect((await cache.getMany(['대파'])).has('대파')).toBe(false);
  });

  it('makes no HTTP call once the daily quota is spent, and estimates instead', async () => {
    const events: LookupEvent[] = [];
    const pricing = await price(
      basket(5),
      deps({
        naver: client({ quota: createMemoryQuotaCounter({ dailyLimit: 2 }) }),
        onLookup: (e: LookupEvent) => events.push(e),
      }),
    );
    expect(fake.stats.calls).toBe(2);
    expect(pricing.items.filter((item) => item.estimated)).toHaveLength(3);
    expect(events.filter((e: LookupEvent) => e.reason === 'quota_exhausted')).toHaveLength(3);
    expect(pricing.source).toBe('mixed');

    fake.stats.reset();
    const spent = client({ quota: createMemoryQuotaCounter({ dailyLimit: 0 }) });
    expect(await spent.search('양파')).toMatchObject({ ok: false, reason: 'quota_exhausted' });
    expect(fake.stats.log).toHaveLength(0);
  });

  it('answers wrong keys with 401, which is not retried', async () => {
    const events: LookupEvent[] = [];
    const pricing = await price(
      basket(1),
      deps({ naver: client({ clientSecret: 'wrong' }), onLookup: (e: LookupEvent) => events.push(e) }),
    );
    expect(fake.stats.log.map((r) => r.status)).toEqual([401]);
    expect(pricing.items[0]?.estimated).toBe(true);
    expect(events[0]).toMatchObject({ reason: 'http_error' });
    expect(await client({ clientId: 'nobody' }).search('양파')).toMatchObject({
      ok: false,
      reason: 'http_error',
      status: 401,
    });
  });

  it('never searches what the person has: fridge and pantry items, nor a prefetch of them', async () => {
    const naver = client();
    const owned = new Set([idOf('양파'), idOf('대파')]);
    const prefetch = startPricePrefetch(deps({ naver }), idOf, (id) => owned.has(id));
    for (const name of ['양파', '대파', '감자']) prefetch.add(name);
    await prefetch.settle(10_000);
    expect(fake.stats.callsFor('양파') + fake.stats.callsFor('대파')).toBe(0);
    expect(fake.stats.callsFor('감자')).toBe(1);

    fake.stats.reset();
    const pricing = await price(basket(4), deps({ naver }), {
      fridgeIngredients: [idOf('양파')],
      pantry: [idOf('대파')],
    });
    expect(fake.stats.callsFor('양파')).toBe(0);
    expect(fake.stats.callsFor('대파')).toBe(0);
    expect(pricing.items.map((item) => item.owned)).toEqual(['fridge', 'pantry', null, null]);
    expect(fake.stats.calls).toBe(2);
  });

  it('reports a query with no listings as no_offers', async () => {
    fake.setBehaviour({ emptyQueries: ['용과'] });
    expect(await client().search('용과')).toMatchObject({ ok: false, reason: 'no_offers' });
  });

  it('stops when the activity is cancelled', async () => {
    fake.setBehaviour({ latencyMs: 2000 });
    const controller = new AbortController();
    const priced = price(basket(4), deps({ naver: client() }), {}, controller.signal);
    const rejection = expect(priced).rejects.toThrow('cancelled by test');
    setTimeout(() => controller.abort(new Error('cancelled by test')), 100);
    await rejection;
  });
});

import { describe, expect, it } from '@jest/globals';
import { PricingSchema } from '@ai-chef/contracts';
import type { Offer } from '@ai-chef/contracts';
import type { NaverClient, NaverSearchResult } from './naver-client.js';
import type { ShopListing } from './offer-parser.js';
import { ESTIMATE_VENDOR, priceBasket } from './price-basket.js';
import type { BasketItem, LookupEvent, PriceBasketDeps } from './price-basket.js';
import { createMemoryPriceCache } from './price-cache.js';
import type { PriceCache } from './price-cache.js';
import { referencePricesFrom } from './reference-price.js';

const references = referencePricesFrom({
  onion: { nameKo: '양파', price: 3000, grams: 1000, pieceGrams: 200 },
  tofu: { nameKo: '두부', aliases: ['연두부'], price: 2000, grams: 300 },
  egg: { nameKo: '달걀', aliases: ['계란'], price: 8000, grams: 1800, pieceGrams: 60 },
  salt: { nameKo: '소금', price: 2500, grams: 500 },
  beef: { nameKo: '소고기', aliases: ['한우'], price: 15_000, grams: 300 },
});

const item = (
  ingredientId: string,
  name: string,
  grams: number,
  amount = String(grams),
  unit = 'g',
): BasketItem => ({
  ingredientId,
  name,
  amount,
  unit,
  grams,
});

function listing(
  title: string,
  price: number,
  vendor: string,
  productId: string,
  category1 = '식품',
): ShopListing {
  return {
    title,
    price,
    vendor,
    link: `https://shop.test/${productId}`,
    productId,
    category1,
    category2: '',
    category3: '',
    category4: '',
  };
}

/** A client answering from a table, recording every query. */
function fakeNaver(answers: Record<string, NaverSearchResult>): NaverClient & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    search(query, { signal } = {}) {
      signal?.throwIfAborted();
      queries.push(query);
      return Promise.resolve(answers[query] ?? { ok: false, reason: 'no_offers', message: 'none' });
    },
  };
}

const SHIPPING = { fee: 3000, freeThreshold: 30_000 };

function deps(overrides: Partial<PriceBasketDeps> = {}): PriceBasketDeps {
  return { cache: createMemoryPriceCache(), references, shipping: SHIPPING, budget: 30_000, ...overrides };
}

describe('priceBasket without Naver keys', () => {
  it('estimates every ingredient from its reference price in whole packs', async () => {
    const pricing = await priceBasket(
      [item('onion', '양파', 1500), item('tofu', '두부', 300), item('salt', '소금', 2, '약간', '')],
      deps(),
    );
    expect(PricingSchema.parse(pricing)).toEqual(pricing);
    expect(pricing.items.map((i) => [i.ingredient, i.chosen.packs, i.chosen.cost, i.estimated])).toEqual([
      ['양파', 2, 6000, true],
      ['두부', 1, 2000, true],
      ['소금', 1, 2500, true],
    ]);
    expect(pricing.items[0]?.chosen).toMatchObject({ vendor: ESTIMATE_VENDOR, price: 3000, link: '' });
    expect(pricing).toMatchObject({
      totalEstimatedCost: 10_500,
      shippingCost: 0,
      optimalVendor: ESTIMATE_VENDOR,
      withinBudget: true,
      source: 'estimate',
      recommendations: { sameVendorSavings: 0 },
    });
    expect(pricing.overBudget).toBeUndefined();
    expect(pricing.vendorBreakdown[ESTIMATE_VENDOR]).toEqual({
      items: [
        { name: '양파', price: 3000, quantity: 2 },
        { name: '두부', price: 2000, quantity: 1 },
        { name: '소금', price: 2500, quantity: 1 },
      ],
      subtotal: 10_500,
      shipping: 0,
    });
  });

  it('estimates an ingredient the catalog cannot price at the generic reference', async () => {
    const pricing = await priceBasket([item('dragonfruit', '용과', 400)], deps());
    expect(pricing.items[0]?.chosen).toMatchObject({ price: 3000, packs: 2, cost: 6000 });
    expect(pricing.items[0]?.estimated).toBe(true);
  });
});

describe('priceBasket with Naver', () => {
  const answers: Record<string, NaverSearchResult> = {
    양파: {
      ok: true,
      listings: [
        listing('[국내산] 양파 3kg 특품', 6900, '쿠팡', 'o1'),
        listing('햇양파 1kg', 2500, '농협몰', 'o2'),
        listing('양파망 보관 주머니', 500, '쿠팡', 'o3', '생활/건강'),
      ],
    },
    두부: {
      ok: true,
      listings: [
        listing('풀무원 국산콩 두부 300g x 2팩', 3980, '쿠팡', 't1'),
        listing('두부 300g', 1500, '농협몰', 't2'),
      ],
    },
    달걀: { ok: true, listings: [listing('무항생제 계란 특란 30구', 9900, '쿠팡', 'e1')] },
  };

  it('chooses offers for the cheapest basket including shipping, and reports every field', async () => {
    const naver = fakeNaver(answers);
    const pricing = await priceBasket(
      [item('onion', '양파', 1500), item('tofu', '두부', 600), item('egg', '달걀', 120, '2', '개')],
      deps({ naver }),
    );
    expect(PricingSchema.parse(pricing)).toEqual(pricing);
    // 농협몰 alone: 2 × 2500 + 2 × 1500 = 8000 + 3000 shipping; 쿠팡 for the eggs adds 9900 + 3000.
    // Best: everything at 쿠팡 = 6900 + 3980 + 9900 = 20,780 + 3000 = 23,780.
    expect(pricing.items.map((i) => [i.chosen.vendor, i.chosen.packs, i.chosen.cost])).toEqual([
      ['쿠팡', 1, 6900],
      ['쿠팡', 1, 3980],
      ['쿠팡', 1, 9900],
    ]);
    expect(pricing).toMatchObject({
      totalEstimatedCost: 23_780,
      shippingCost: 3000,
      optimalVendor: '쿠팡',
      source: 'naver',
      withinBudget: true,
    });
    expect(pricing.vendorBreakdown).toEqual({
      쿠팡: {
        items: [
          { name: '양파', price: 6900, quantity: 1 },
          { name: '두부', price: 3980, quantity: 1 },
          { name: '달걀', price: 9900, quantity: 1 },
        ],
        subtotal: 20_780,
        shipping: 3000,
      },
    });
    // Offers: plausible food listings naming the ingredient, with pack sizes; the lowest cost for the need.
    const onion = pricing.items[0];
    expect(onion?.offers.map((o: Offer) => o.productId).sort()).toEqual(['o1', 'o2']);
    expect(onion?.lowestPrice).toBe(5000);
    expect(onion?.offers.find((o) => o.productId === 'o1')).toMatchObject({ packGrams: 3000, packCount: 1 });
    expect(pricing.recommendations.alternativeOptions.some((s) => s.includes('최저가'))).toBe(true);
    expect(naver.queries.sort()).toEqual(['달걀', '두부', '양파']);
  });

  it('estimates only the ingredient Naver failed on', async () => {
    const naver = fakeNaver({
      ...answers,
      두부: { ok: false, reason: 'http_error', status: 500, message: 'boom' },
    });
    const events: LookupEvent[] = [];
    const pricing = await priceBasket(
      [item('onion', '양파', 1000), item('tofu', '두부', 300)],
      deps({ naver, onLookup: (e) => events.push(e) }),
    );
    expect(pricing.items.map((i) => i.estimated)).toEqual([false, true]);
    expect(pricing.items[1]?.chosen.vendor).toBe(ESTIMATE_VENDOR);
    expect(pricing.source).toBe('mixed');
    expect(events.find((e) => e.ingredientId === 'tofu')).toMatchObject({
      source: 'estimate',
      reason: 'http_error',
    });
  });

  it('estimates an ingredient with no plausible offer', async () => {
    const naver = fakeNaver({
      소고기: { ok: true, listings: [listing('한우 선물세트 1+ 등급 300g', 990_000, '백화점', 'b1')] },
    });
    const events: LookupEvent[] = [];
    const pricing = await priceBasket(
      [item('beef', '소고기', 200)],
      deps({ naver, onLookup: (e) => events.push(e) }),
    );
    expect(pricing.items[0]?.estimated).toBe(true);
    expect(events[0]).toMatchObject({ source: 'estimate', reason: 'no_plausible_offer' });
  });

  it('reads the cache first and stores what it looked up, failures excepted', async () => {
    const cache = createMemoryPriceCache();
    const cachedOnion: Offer[] = [
      {
        title: '양파 2kg',
        price: 4000,
        vendor: '이마트몰',
        link: 'l',
        productId: 'c1',
        packGrams: 2000,
        packCount: 1,
      },
    ];
    await cache.set('양파', cachedOnion);
    const naver = fakeNaver({ ...answers, 두부: { ok: false, reason: 'timeout', message: 'slow' } });
    const pricing = await priceBasket(
      [item('onion', '양파', 500), item('egg', '달걀', 60), item('tofu', '두부', 300)],
      deps({ naver, cache }),
    );
    expect(naver.queries.sort()).toEqual(['달걀', '두부']);
    expect(pricing.items[0]?.chosen).toMatchObject({ vendor: '이마트몰', cost: 4000 });
    expect((await cache.getMany(['달걀'])).get('달걀')).toHaveLength(1);
    expect((await cache.getMany(['두부'])).get('두부')).toBeUndefined();
  });

  it('caches an answer with no offers, so the next run asks no more', async () => {
    const cache = createMemoryPriceCache();
    const naver = fakeNaver({});
    await priceBasket([item('salt', '소금', 5)], deps({ naver, cache }));
    await priceBasket([item('salt', '소금', 5)], deps({ naver, cache }));
    expect(naver.queries).toEqual(['소금']);
    expect((await cache.getMany(['소금'])).get('소금')).toEqual([]);
  });

  it('keeps pricing when the cache fails', async () => {
    const broken: PriceCache = {
      getMany: () => Promise.reject(new Error('database down')),
      set: () => Promise.reject(new Error('database down')),
    };
    const events: LookupEvent[] = [];
    const pricing = await priceBasket(
      [item('onion', '양파', 1000)],
      deps({ naver: fakeNaver(answers), cache: broken, onLookup: (e) => events.push(e) }),
    );
    expect(pricing.items[0]?.estimated).toBe(false);
    expect(events[0]?.cacheError).toBe('database down');
  });

  it('prices a staple needed in a tiny amount as one whole pack', async () => {
    const naver = fakeNaver({
      소금: { ok: true, listings: [listing('CJ 백설 꽃소금 500g', 1980, '쿠팡', 's1')] },
    });
    const pricing = await priceBasket([item('salt', '소금', 1, '약간', '')], deps({ naver }));
    expect(pricing.items[0]?.chosen).toMatchObject({ packs: 1, cost: 1980 });
    expect(pricing.items[0]?.estimated).toBe(false);
  });

  it('reports what buying everything from one vendor would cost more', async () => {
    const naver = fakeNaver({
      양파: {
        ok: true,
        listings: [listing('양파 1kg', 2000, '농협몰', 'a'), listing('양파 1kg', 9000, '쿠팡', 'b')],
      },
      두부: {
        ok: true,
        listings: [listing('두부 300g', 1500, '농협몰', 'c'), listing('두부 300g', 1400, '쿠팡', 'd')],
      },
    });
    const pricing = await priceBasket(
      [item('onion', '양파', 1000), item('tofu', '두부', 300)],
      deps({ naver }),
    );
    // Best: both at 농협몰 = 3500 + 3000. Only other one-vendor basket: 쿠팡 = 10,400 + 3000.
    expect(pricing.totalEstimatedCost).toBe(6500);
    expect(pricing.recommendations.sameVendorSavings).toBe(0);
    expect(pricing.recommendations.alternativeOptions[0]).toContain('농협몰');
    expect(pricing.recommendations.alternativeOptions[1]).toContain('쿠팡');
    expect(pricing.recommendations.alternativeOptions[1]).toContain('6,900원 더');
  });

  it('counts a positive same-vendor saving when splitting vendors is cheaper', async () => {
    const naver = fakeNaver({
      양파: {
        ok: true,
        listings: [listing('양파 1kg', 2000, '농협몰', 'a'), listing('양파 3kg', 31_000, '쿠팡', 'b')],
      },
      소고기: {
        ok: true,
        listings: [
          listing('한우 국거리 300g', 31_000, '쿠팡', 'c'),
          listing('한우 국거리 300g', 45_000, '농협몰', 'd'),
        ],
      },
    });
    const pricing = await priceBasket(
      [item('onion', '양파', 1000), item('beef', '소고기', 300)],
      deps({ naver, budget: 100_000 }),
    );
    // Split: 2000 + 3000 shipping at 농협몰, 31,000 free at 쿠팡 = 36,000.
    // One vendor: 쿠팡 62,000 (free) or 농협몰 47,000 (free) → 47,000: 11,000 more.
    expect(pricing.totalEstimatedCost).toBe(36_000);
    expect(pricing.recommendations.sameVendorSavings).toBe(11_000);
    expect(pricing.optimalVendor).toBe('쿠팡');
  });

  it('says by how much a basket is over budget and what to drop or swap', async () => {
    const naver = fakeNaver(answers);
    const pricing = await priceBasket(
      [item('onion', '양파', 1500), item('tofu', '두부', 600), item('egg', '달걀', 120)],
      deps({ naver, budget: 15_000 }),
    );
    expect(pricing.withinBudget).toBe(false);
    expect(pricing.overBudget?.by).toBe(pricing.totalEstimatedCost - 15_000);
    expect(pricing.overBudget?.suggestions[0]).toContain('달걀');
    expect(pricing.overBudget?.suggestions.length).toBeGreaterThanOrEqual(2);
  });

  it('searches once for ingredients sharing a search name, and says whether the basket is proven cheapest', async () => {
    const naver = fakeNaver(answers);
    let solved: { exact: boolean; ingredients: number } | undefined;
    const pricing = await priceBasket(
      [item('onion', '양파', 500), item('onion', '다진 양파', 100), item('tofu', '두부', 300)],
      deps({
        naver,
        solverTimeLimitMs: 60_000,
        onBasketSolved: (info) => {
          solved = info;
        },
      }),
    );
    expect(naver.queries.sort()).toEqual(['두부', '양파']);
    expect(pricing.items.map((i) => i.estimated)).toEqual([false, false, false]);
    expect(solved).toEqual({ exact: true, ingredients: 3 });
  });

  it('reports progress once per ingredient', async () => {
    let progress = 0;
    await priceBasket(
      [item('onion', '양파', 1), item('tofu', '두부', 1), item('egg', '달걀', 1)],
      deps({ naver: fakeNaver(answers), onProgress: () => progress++ }),
    );
    expect(progress).toBe(3);
  });

  it('stops with the signal’s reason when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('activity cancelled'));
    await expect(
      priceBasket([item('onion', '양파', 1)], deps({ naver: fakeNaver(answers), signal: controller.signal })),
    ).rejects.toThrow('activity cancelled');
  });
});

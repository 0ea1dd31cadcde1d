import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ESTIMATE_VENDOR, PricingSchema, profileWithDefaults } from '@ai-chef/contracts';
import type { Alternative, Offer, Pricing, Profile } from '@ai-chef/contracts';
import type { NaverClient, NaverSearchResult } from './naver-client.js';
import type { ShopListing } from './offer-parser.js';
import { priceBasket } from './price-basket.js';
import type { BasketItem, LookupEvent, PricingDeps } from './price-types.js';
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

function deps(overrides: Partial<PricingDeps> = {}): PricingDeps {
  return { cache: createMemoryPriceCache(), references, shipping: SHIPPING, ...overrides };
}

interface Call {
  profile?: Partial<Profile>;
  alternatives?: Alternative[];
  mainIngredientIds?: string[];
  signal?: AbortSignal;
  onProgress?: () => void;
}

/** A basket for a person who owns nothing but water unless the call says so. */
function price(items: BasketItem[], using: PricingDeps, call: Call = {}): Promise<Pricing> {
  return priceBasket(
    {
      items,
      profile: profileWithDefaults({ pantry: [], ...call.profile }),
      ...(call.alternatives ? { alternatives: call.alternatives } : {}),
      ...(call.mainIngredientIds ? { mainIngredientIds: call.mainIngredientIds } : {}),
      ...(call.signal ? { signal: call.signal } : {}),
      ...(call.onProgress ? { onProgress: call.onProgress } : {}),
    },
    using,
  );
}

describe('priceBasket without Naver keys', () => {
  it('estimates every ingredient from its reference price in whole packs', async () => {
    const pricing = await price(
      [item('onion', '양파', 1500), item('tofu', '두부', 300), item('salt', '소금', 2, '약간', '')],
      deps(),
    );
    expect(PricingSchema.parse(pricing)).toEqual(pricing);
    expect(pricing.items.map((i) => [i.ingredient, i.chosen?.packs, i.chosen?.cost, i.estimated])).toEqual([
      ['양파', 2, 6000, true],
      ['두부', 1, 2000, true],
      ['소금', 1, 2500, true],
    ]);
    expect(pricing.items[0]?.chosen).toMatchObject({ vendor: ESTIMATE_VENDOR, price: 3000, link: '' });
    // The estimated shop ships as any shop does: 3,000 under 30,000. It is no shop to name as the best.
    expect(pricing).toMatchObject({
      totalEstimatedCost: 13_500,
      shippingCost: 3000,
      optimalVendor: null,
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
      shipping: 3000,
      label: '예상 가격 (온라인 가격 없음)',
    });
    // What the recipe uses: 1.5 of 1 kg onion at 3,000, all of the tofu pack, 2 g of 500 g salt.
    expect(pricing.items.map((i) => i.usedCost)).toEqual([4500, 2000, 10]);
    expect(pricing.usedCost).toBe(6510);
  });

  it('estimates an ingredient the catalog cannot price at the generic reference', async () => {
    const pricing = await price([item('dragonfruit', '용과', 400)], deps());
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
    const pricing = await price(
      [item('onion', '양파', 1500), item('tofu', '두부', 600), item('egg', '달걀', 120, '2', '개')],
      deps({ naver }),
    );
    expect(PricingSchema.parse(pricing)).toEqual(pricing);
    // 농협몰 alone: 2 × 2500 + 2 × 1500 = 8000 + 3000 shipping; 쿠팡 for the eggs adds 9900 + 3000.
    // Best: everything at 쿠팡 = 6900 + 3980 + 9900 = 20,780 + 3000 = 23,780.
    expect(pricing.items.map((i) => [i.chosen?.vendor, i.chosen?.packs, i.chosen?.cost])).toEqual([
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
    const pricing = await price(
      [item('onion', '양파', 1000), item('tofu', '두부', 300)],
      deps({ naver, onLookup: (e) => events.push(e) }),
    );
    expect(pricing.items.map((i) => i.estimated)).toEqual([false, true]);
    expect(pricing.items[1]?.chosen?.vendor).toBe(ESTIMATE_VENDOR);
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
    const pricing = await price(
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
    const pricing = await price(
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
    await price([item('salt', '소금', 5)], deps({ naver, cache }));
    await price([item('salt', '소금', 5)], deps({ naver, cache }));
    expect(naver.queries).toEqual(['소금']);
    expect((await cache.getMany(['소금'])).get('소금')).toEqual([]);
  });

  it('keeps pricing when the cache fails', async () => {
    const broken: PriceCache = {
      getMany: () => Promise.reject(new Error('database down')),
      set: () => Promise.reject(new Error('database down')),
    };
    const events: LookupEvent[] = [];
    const pricing = await price(
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
    const pricing = await price([item('salt', '소금', 1, '약간', '')], deps({ naver }));
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
    const pricing = await price(
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
    const pricing = await price(
      [item('onion', '양파', 1000), item('beef', '소고기', 300)],
      deps({ naver }),
      { profile: { budget: 100_000 } },
    );
    // Split: 2000 + 3000 shipping at 농협몰, 31,000 free at 쿠팡 = 36,000.
    // One vendor: 쿠팡 62,000 (free) or 농협몰 47,000 (free) → 47,000: 11,000 more.
    expect(pricing.totalEstimatedCost).toBe(36_000);
    expect(pricing.recommendations.sameVendorSavings).toBe(11_000);
    expect(pricing.optimalVendor).toBe('쿠팡');
  });

  it('over the budget, names a cheaper swap for a side ingredient and a cheaper dish, never the main one', async () => {
    const naver = fakeNaver({
      ...answers,
      표고버섯: { ok: true, listings: [listing('생표고버섯 500g', 12_900, '쿠팡', 's1')] },
      삼겹살: { ok: true, listings: [listing('국내산 삼겹살 1kg', 29_000, '쿠팡', 'p1')] },
    });
    const items = [item('pork_belly', '삼겹살', 600), item('shiitake', '표고버섯', 100), item('onion', '양파', 300)];
    const alternatives = [{ recipeName: '콩나물국밥', description: '', estimatedCost: 7000 }];
    const pricing = await price(items, deps({ naver }), {
      profile: { budget: 15_000 },
      alternatives,
      mainIngredientIds: ['pork_belly'],
    });
    expect(pricing.withinBudget).toBe(false);
    expect(pricing.overBudget?.by).toBe(pricing.totalEstimatedCost - 15_000);
    const advice = pricing.overBudget?.suggestions ?? [];
    expect(advice.some((line) => line.startsWith('표고버섯 대신 느타리버섯'))).toBe(true);
    expect(advice.some((line) => line.includes('콩나물국밥'))).toBe(true);
    expect(advice.some((line) => line.includes('삼겹살'))).toBe(false);
    expect(advice.some((line) => /빼거나|leave out/.test(line))).toBe(false);
    const english = await price(items, deps({ naver }), {
      profile: { budget: 15_000, language: 'en' },
      alternatives,
      mainIngredientIds: ['pork_belly'],
    });
    expect(english.overBudget?.suggestions.some((line) => line.startsWith('Use oyster mushroom instead of shiitake'))).toBe(true);
  });

  it('searches once for ingredients sharing a search name, and says whether the basket is proven cheapest', async () => {
    const naver = fakeNaver(answers);
    let solved: { exact: boolean; ingredients: number } | undefined;
    const pricing = await price(
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
    await price(
      [item('onion', '양파', 1), item('tofu', '두부', 1), item('egg', '달걀', 1)],
      deps({ naver: fakeNaver(answers) }),
      { onProgress: () => progress++ },
    );
    expect(progress).toBe(3);
  });

  it('stops with the signal’s reason when cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('activity cancelled'));
    await expect(
      price([item('onion', '양파', 1)], deps({ naver: fakeNaver(answers) }), { signal: controller.signal }),
    ).rejects.toThrow('activity cancelled');
  });
});

describe('what the person already has is not bought', () => {
  it('lists fridge and pantry items as owned, never searches them, and values what the recipe uses of them', async () => {
    const naver = fakeNaver({ 두부: { ok: true, listings: [listing('두부 300g', 1500, '농협몰', 't2')] } });
    const pricing = await price(
      [item('onion', '양파', 300), item('salt', '소금', 2, '약간', ''), item('tofu', '두부', 300), item('water', '물', 500)],
      deps({ naver }),
      { profile: { fridgeIngredients: ['onion'], pantry: 'basic' } },
    );
    expect(PricingSchema.parse(pricing)).toEqual(pricing);
    expect(naver.queries).toEqual(['두부']);
    expect(pricing.items.map((i) => [i.ingredientId, i.owned, i.chosen === null])).toEqual([
      ['onion', 'fridge', true],
      ['salt', 'pantry', true],
      ['tofu', null, false],
      ['water', 'pantry', true],
    ]);
    // Onion at the reference price per gram: 300 g of 1 kg at 3,000.
    expect(pricing.items[0]).toMatchObject({ offers: [], estimated: false, usedCost: 900, lowestPrice: 0 });
    expect(pricing.totalEstimatedCost).toBe(1500 + 3000);
  });

  it('with nothing at home, buys everything but water', async () => {
    const pricing = await price([item('salt', '소금', 5), item('water', '물', 500)], deps());
    expect(pricing.items.map((i) => i.owned)).toEqual([null, 'pantry']);
  });

  it('writes the estimated shop in English for an English profile', async () => {
    const pricing = await price([item('tofu', '두부', 300)], deps(), { profile: { language: 'en' } });
    expect(pricing.vendorBreakdown[ESTIMATE_VENDOR]?.label).toBe('Estimated prices (no online price)');
    expect(pricing.items[0]?.chosen?.title).toContain('estimated price');
  });
});

describe('basket invariants (property)', () => {
  const ids = ['onion', 'tofu', 'egg', 'salt', 'beef', 'water'] as const;
  const names: Record<(typeof ids)[number], string> = { onion: '양파', tofu: '두부', egg: '달걀', salt: '소금', beef: '소고기', water: '물' };
  const offer = fc.record({ price: fc.integer({ min: 500, max: 40_000 }), vendor: fc.constantFrom('쿠팡', '농협몰', '이마트몰'), grams: fc.constantFrom(100, 300, 1000) });

  it('never buys what is owned; pays bought packs plus shipping; uses no more than it buys or owns', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 6 }),
        fc.subarray([...ids]),
        fc.oneof(fc.constant('basic' as const), fc.subarray([...ids])),
        fc.dictionary(fc.constantFrom(...ids), fc.array(offer, { maxLength: 3 })),
        fc.integer({ min: 1, max: 2000 }),
        async (chosen, fridge, pantry, shop, grams) => {
          const naverAnswers: Record<string, NaverSearchResult> = {};
          for (const [id, offers] of Object.entries(shop)) {
            const name = names[id as (typeof ids)[number]];
            naverAnswers[name] = {
              ok: true,
              listings: offers.map((o, k) => listing(`${name} ${o.grams}g`, o.price, o.vendor, `${id}-${k}`)),
            };
          }
          const pricing = await price(
            chosen.map((id) => item(id, names[id], grams)),
            deps({ naver: fakeNaver(naverAnswers), solverTimeLimitMs: 60_000 }),
            { profile: { fridgeIngredients: fridge, pantry } },
          );
          PricingSchema.parse(pricing);
          const owned = new Set([...fridge, ...(pantry === 'basic' ? ['salt', 'water'] : pantry), 'water']);
          for (const line of pricing.items) {
            expect(line.chosen === null).toBe(owned.has(line.ingredientId));
            expect(line.owned !== null).toBe(owned.has(line.ingredientId));
            if (pantry !== 'basic' && !pantry.includes('salt' as never) && !fridge.includes('salt' as never) && line.ingredientId === 'salt')
              expect(line.owned).toBeNull();
            if (line.chosen !== null) expect(line.usedCost).toBeLessThanOrEqual(line.chosen.cost);
          }
          const bought = pricing.items.reduce((sum, line) => sum + (line.chosen?.cost ?? 0), 0);
          expect(pricing.totalEstimatedCost).toBe(bought + pricing.shippingCost);
          const shipping = Object.values(pricing.vendorBreakdown).reduce((sum, entry) => sum + entry.shipping, 0);
          expect(pricing.shippingCost).toBe(shipping);
          expect(pricing.usedCost).toBe(pricing.items.reduce((sum, line) => sum + line.usedCost, 0));
        },
      ),
      { numRuns: 150 },
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { OfferSchema } from '@ai-chef/contracts';
import {
  cleanTitle,
  isPlausiblePrice,
  parseNaverItem,
  parseNaverResponse,
  parsePrice,
  selectOffers,
  titleMatches,
} from './offer-parser.js';
import type { ShopListing } from './offer-parser.js';

function naverItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '[국내산] 무농약 <b>양파</b> 3kg 특품',
    link: 'https://smartstore.naver.com/farm/products/1',
    image: 'https://shopping-phinf.pstatic.net/1.jpg',
    lprice: '12900',
    hprice: '',
    mallName: '농협몰',
    productId: '82736451234',
    productType: '2',
    brand: '',
    maker: '',
    category1: '식품',
    category2: '농산물',
    category3: '채소',
    category4: '양파',
    ...overrides,
  };
}

function listing(overrides: Partial<ShopListing> = {}): ShopListing {
  return {
    title: '국산 양파 1kg',
    price: 3000,
    vendor: '쿠팡',
    link: 'https://example.test/1',
    productId: '1',
    category1: '식품',
    category2: '농산물',
    category3: '채소',
    category4: '양파',
    ...overrides,
  };
}

// 양파: reference 3,000원 per 1 kg → 3원/g; plausible between 0.15원/g and 60원/g.
const onion = { names: ['양파'], reference: { price: 3000, grams: 1000 } };

describe('cleanTitle', () => {
  it.each([
    ['[국내산] 무농약 <b>양파</b> 3kg 특품', '[국내산] 무농약 양파 3kg 특품'],
    ['<b>CJ</b> 해찬들 재래식 <b>된장</b> 500g', 'CJ 해찬들 재래식 된장 500g'],
    ['농심 &amp; 오뚜기 &lt;특가&gt; &quot;라면&quot;', '농심 & 오뚜기 <특가> "라면"'],
    ['엄마&#39;s 김치 &#8220;국산&#8221;', "엄마's 김치 \u201c국산\u201d"],
    ['&#x1F345; 토마토', '\u{1F345} 토마토'],
    ['두부&nbsp;&nbsp;300g   2팩', '두부 300g 2팩'],
    ['&unknown; 그대로', '&unknown; 그대로'],
    ['&amp;lt;b&amp;gt; 한 번만', '&lt;b&gt; 한 번만'],
  ])('%p → %p', (raw, clean) => {
    expect(cleanTitle(raw)).toBe(clean);
  });
});

describe('parsePrice', () => {
  it.each([
    ['12900', 12900],
    [12900, 12900],
    ['1,290', 1290],
    [' 990 ', 990],
    [1290.6, 1291],
    ['', undefined],
    ['가격문의', undefined],
    [null, undefined],
  ])('%p → %p', (input, expected) => {
    expect(parsePrice(input)).toBe(expected);
  });
});

describe('parseNaverItem', () => {
  it('keeps link, product id and categories, with the title cleaned and the price in KRW', () => {
    expect(parseNaverItem(naverItem())).toEqual({
      title: '[국내산] 무농약 양파 3kg 특품',
      price: 12900,
      vendor: '농협몰',
      link: 'https://smartstore.naver.com/farm/products/1',
      productId: '82736451234',
      category1: '식품',
      category2: '농산물',
      category3: '채소',
      category4: '양파',
    });
  });

  it('names the vendor 네이버 when the mall name is empty', () => {
    expect(parseNaverItem(naverItem({ mallName: '' }))?.vendor).toBe('네이버');
    expect(parseNaverItem(naverItem({ mallName: undefined }))?.vendor).toBe('네이버');
  });

  it('accepts a numeric price and product id', () => {
    const parsed = parseNaverItem(naverItem({ lprice: 4500, productId: 123 }));
    expect(parsed?.price).toBe(4500);
    expect(parsed?.productId).toBe('123');
  });

  it('drops an item without a title or a readable price', () => {
    expect(parseNaverItem(naverItem({ title: undefined }))).toBeUndefined();
    expect(parseNaverItem(naverItem({ lprice: '' }))).toBeUndefined();
    expect(parseNaverItem('not an item')).toBeUndefined();
  });
});

describe('parseNaverResponse', () => {
  it('reads the items of a search response and skips broken ones', () => {
    const body = { lastBuildDate: 'x', total: 2, start: 1, display: 2, items: [naverItem(), { title: 1 }] };
    expect(parseNaverResponse(body)).toHaveLength(1);
  });

  it('is undefined for something that is not a search response', () => {
    expect(parseNaverResponse({ errorMessage: 'Authentication failed' })).toBeUndefined();
    expect(parseNaverResponse('<html>')).toBeUndefined();
  });
});

describe('titleMatches', () => {
  it('ignores whitespace and case', () => {
    expect(titleMatches('친환경 대 파 1kg', ['대파'])).toBe(true);
    expect(titleMatches('Extra Virgin OLIVE oil', ['olive oil'])).toBe(true);
    expect(titleMatches('국산 깐마늘', ['양파', '마늘'])).toBe(true);
    expect(titleMatches('국산 감자', ['양파'])).toBe(false);
    expect(titleMatches('아무거나', ['', ' '])).toBe(false);
  });
});

describe('isPlausiblePrice', () => {
  const reference = { price: 3000, grams: 1000 };
  it('accepts prices within 1/20 to 20 times the reference per gram', () => {
    expect(isPlausiblePrice(3000, { packGrams: 1000, packCount: 1 }, reference)).toBe(true);
    expect(isPlausiblePrice(60_000, { packGrams: 1000, packCount: 1 }, reference)).toBe(true);
    expect(isPlausiblePrice(150, { packGrams: 1000, packCount: 1 }, reference)).toBe(true);
  });

  it('rejects zero, negative and absurd prices', () => {
    expect(isPlausiblePrice(0, { packGrams: 1000, packCount: 1 }, reference)).toBe(false);
    expect(isPlausiblePrice(-10, { packCount: 1 }, reference)).toBe(false);
    expect(isPlausiblePrice(60_001, { packGrams: 1000, packCount: 1 }, reference)).toBe(false);
    expect(isPlausiblePrice(149, { packGrams: 1000, packCount: 1 }, reference)).toBe(false);
  });

  it('uses the pack count, and the reference pack price when the size is unknown', () => {
    expect(isPlausiblePrice(120_000, { packGrams: 1000, packCount: 2 }, reference)).toBe(true);
    expect(isPlausiblePrice(50_000, { packCount: 1 }, reference)).toBe(true);
    expect(isPlausiblePrice(70_000, { packCount: 1 }, reference)).toBe(false);
  });

  it('accepts any positive price without a reference', () => {
    expect(isPlausiblePrice(1, { packCount: 1 }, undefined)).toBe(true);
  });
});

describe('selectOffers', () => {
  it('turns plausible food listings that name the ingredient into offers with pack sizes, cheapest first', () => {
    const offers = selectOffers(
      [
        listing({ title: '무농약 양파 3kg 특품', price: 9900, productId: 'a', vendor: '농협몰' }),
        listing({ title: '양파 500g x 2', price: 2900, productId: 'b', vendor: '쿠팡' }),
      ],
      onion,
    );
    expect(offers).toEqual([
      {
        title: '양파 500g x 2',
        price: 2900,
        vendor: '쿠팡',
        link: 'https://example.test/1',
        productId: 'b',
        packGrams: 500,
        packCount: 2,
      },
      {
        title: '무농약 양파 3kg 특품',
        price: 9900,
        vendor: '농협몰',
        link: 'https://example.test/1',
        productId: 'a',
        packGrams: 3000,
        packCount: 1,
      },
    ]);
    for (const offer of offers) expect(OfferSchema.safeParse(offer).success).toBe(true);
  });

  it('drops listings outside food, not naming the ingredient, or implausibly priced', () => {
    const offers = selectOffers(
      [
        listing({ productId: 'kitchenware', title: '양파 망 보관함', category1: '생활/건강' }),
        listing({ productId: 'other', title: '국산 감자 1kg' }),
        listing({ productId: 'free', title: '양파 1kg', price: 0 }),
        listing({ productId: 'cheap', title: '양파 10kg', price: 1000 }),
        listing({ productId: 'gift', title: '양파즙 선물세트 100ml', price: 90_000 }),
        listing({ productId: 'ok', title: '양파 1kg', price: 3500 }),
      ],
      onion,
    );
    expect(offers.map((o) => o.productId)).toEqual(['ok']);
  });

  it('matches aliases and uses the per-piece weight for counted pieces', () => {
    const offers = selectOffers(
      [listing({ title: '무항생제 계란 특란 30구', price: 9900, productId: 'e' })],
      {
        names: ['달걀', '계란'],
        reference: { price: 7000, grams: 1800 },
        pieceGrams: 60,
      },
    );
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ packGrams: 60, packCount: 30 });
  });

  it('keeps one offer per product', () => {
    const offers = selectOffers(
      [listing({ productId: 'same', price: 3000 }), listing({ productId: 'same', price: 3000 })],
      onion,
    );
    expect(offers).toHaveLength(1);
  });
});

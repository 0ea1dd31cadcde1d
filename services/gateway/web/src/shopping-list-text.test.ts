import { describe, expect, it } from '@jest/globals';
import type { ResultDocument } from '@ai-chef/contracts';
import { setLang } from './i18n.js';
import { shoppingListText } from './shopping-list-text.js';

type Item = ResultDocument['pricing']['items'][number];

function item(ingredient: string, owned: Item['owned'], chosen: Item['chosen']): Item {
  return {
    ingredient,
    ingredientId: ingredient,
    amount: '100',
    unit: 'g',
    offers: [],
    lowestPrice: chosen?.price ?? 0,
    chosen,
    estimated: false,
    owned,
    usedCost: 500,
  };
}

const bought = (title: string, price: number, packs: number): Item['chosen'] => ({
  vendor: '쿠팡',
  title,
  price,
  packs,
  cost: price * packs,
  link: 'https://example.com/p',
});

function source(
  items: Item[],
  shippingCost: number,
  totalCost: number,
): Parameters<typeof shoppingListText>[0] {
  return {
    recipe: { recipeName: '두부조림', servings: 2 } as ResultDocument['recipe'],
    pricing: { items, shippingCost } as ResultDocument['pricing'],
    summary: { totalCost } as ResultDocument['summary'],
  };
}

describe('shoppingListText', () => {
  it('when some items are owned, then it lists only what to buy, the shipping and the total', () => {
    const text = shoppingListText(
      source(
        [
          item('두부', null, bought('국산콩 두부 300g', 2500, 2)),
          item('간장', 'pantry', null),
          item('대파', 'fridge', null),
          item('양파', null, bought('', 1990, 1)),
        ],
        3000,
        9990,
      ),
    );
    expect(text).toBe(
      [
        '장보기 목록 — 두부조림 (2인분)',
        '- 두부: 국산콩 두부 300g · 2개 · 5,000원',
        '- 양파: 양파 · 1개 · 1,990원',
        '배송비: 3,000원',
        '총 비용: 9,990원',
      ].join('\n'),
    );
  });

  it('when everything is at home, then it says there is nothing to buy', () => {
    const text = shoppingListText(source([item('소금', 'pantry', null)], 0, 0));
    expect(text).toBe(
      ['장보기 목록 — 두부조림 (2인분)', '살 것이 없어요. 모두 집에 있어요.', '총 비용: 0원'].join('\n'),
    );
  });

  it('when the page is in English, then the list is too', () => {
    setLang('en');
    try {
      const text = shoppingListText(source([item('tofu', null, bought('Tofu 300g', 2500, 1))], 0, 2500));
      expect(text).toBe(
        [
          'Shopping list — 두부조림 (2 servings)',
          '- tofu: Tofu 300g · 1 pack(s) · ₩2,500',
          'Total: ₩2,500',
        ].join('\n'),
      );
    } finally {
      setLang('ko');
    }
  });
});

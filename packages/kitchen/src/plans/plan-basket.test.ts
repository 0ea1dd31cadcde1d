import { describe, expect, it } from '@jest/globals';
import type { RecipeIngredient } from '@ai-chef/contracts';
import { planBasketLines } from './plan-basket.js';

const line = (ingredientId: string, name: string, amount: string, unit: string, grams: number): RecipeIngredient => ({
  ingredientId,
  name,
  amount,
  unit,
  grams,
});

describe('planBasketLines', () => {
  it('makes one line of each ingredient, its grams summed over every meal, first seen first', () => {
    const lines = planBasketLines([
      { ingredients: [line('egg', '달걀', '2', '개', 100), line('onion', '양파', '1/2', '개', 100)] },
      { ingredients: [line('tofu', '두부', '1', '모', 300), line('egg', '달걀', '1', '개', 50)] },
      { ingredients: [line('egg', '달걀', '3', '개', 150)] },
    ]);
    expect(lines.map((l) => l.ingredientId)).toEqual(['egg', 'onion', 'tofu']);
    expect(lines[0]).toEqual(line('egg', '달걀', '6', '개', 300));
    expect(lines[1]).toEqual(line('onion', '양파', '1/2', '개', 100));
  });

  it('writes the total in grams when the meals measure it differently, and keeps "약간" when every meal does', () => {
    const [oil] = planBasketLines([
      { ingredients: [line('vegetable_oil', '식용유', '1', '큰술', 13)] },
      { ingredients: [line('vegetable_oil', '식용유', '20', 'ml', 18.4)] },
    ]);
    expect(oil).toMatchObject({ amount: '31', unit: 'g', grams: 31.4 });
    const [salt] = planBasketLines([
      { ingredients: [line('salt', '소금', '약간', '', 1)] },
      { ingredients: [line('salt', '소금', '약간', '', 1)] },
    ]);
    expect(salt).toMatchObject({ amount: '약간', unit: '', grams: 2 });
  });

  it('keeps the grams exact whatever the amount reads, so packs are counted on the true total', () => {
    const lines = planBasketLines([
      { ingredients: [line('pork_belly', '삼겹살', '200', 'g', 200.4)] },
      { ingredients: [line('pork_belly', '삼겹살', '1', '근', 600)] },
    ]);
    expect(lines[0]?.grams).toBeCloseTo(800.4);
  });
});

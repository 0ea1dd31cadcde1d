import { describe, expect, it } from '@jest/globals';
import { LibraryRecipeSchema } from './library-schema.js';

/** A small dish; `steps` and `addIns` vary per case. */
function dish(step: string, addIns?: object): unknown {
  // The English step: the Korean one without its particles.
  const english = step.replace(/:[가-힣]+\}/g, '}');
  return {
    id: 'test-dish',
    name: { ko: '시험 요리', en: 'Test dish' },
    description: { ko: '설명', en: 'About it' },
    targets: ['fridge'],
    tags: ['stir_fry'],
    baseServings: 2,
    cookingTime: 10,
    difficulty: 'easy',
    ingredients: [{ name: '양파', amount: '1', unit: '개' }],
    ...(addIns === undefined ? {} : { addIns }),
    steps: [{ ko: step, en: english }],
    notes: { ko: '', en: '' },
  };
}

describe('where a dish names the fridge items it takes in', () => {
  it('a dish built from the fridge names them in its steps', () => {
    expect(LibraryRecipeSchema.safeParse(dish('{extra:을} 볶습니다.', { categories: ['vegetable'], required: true })).success).toBe(true);
    expect(LibraryRecipeSchema.safeParse(dish('{onion:을} 볶습니다.', { categories: ['vegetable'], required: true })).success).toBe(false);
  });

  it('a dish that may take some names them only inside [ ], so its steps read whole without any', () => {
    const optional = { categories: ['vegetable'] };
    expect(LibraryRecipeSchema.safeParse(dish('{onion:을}[ {extra:과} 함께] 볶습니다.', optional)).success).toBe(true);
    expect(LibraryRecipeSchema.safeParse(dish('{onion:을} 볶습니다.', optional)).success).toBe(true);
    expect(LibraryRecipeSchema.safeParse(dish('{onion:과} {extra:을} 볶습니다.', optional)).success).toBe(false);
  });

  it('a dish without addIns never names extras', () => {
    expect(LibraryRecipeSchema.safeParse(dish('{onion:을}[ {extra:과} 함께] 볶습니다.')).success).toBe(false);
  });
});

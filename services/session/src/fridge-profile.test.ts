import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Profile } from '@ai-chef/contracts';
import { withSessionFridge } from './fridge-profile.js';

const profile = (fridgeIngredients: string[]): Profile => ({
  target: 'fridge',
  allergies: [],
  healthConditions: [],
  cookingLevel: 'beginner',
  budget: 30000,
  servings: 2,
  pantry: 'basic',
  fridgeIngredients,
  dislikes: [],
  language: 'ko',
});

describe('withSessionFridge', () => {
  it('when the profile names nothing, then the fridge items are the fridge ingredients', () => {
    expect(withSessionFridge(profile([]), ['egg', 'onion']).fridgeIngredients).toEqual(['egg', 'onion']);
  });

  it('when both name an item, then it appears once, in the profile position', () => {
    expect(withSessionFridge(profile(['onion', 'tofu']), ['egg', 'onion']).fridgeIngredients).toEqual([
      'onion',
      'tofu',
      'egg',
    ]);
  });

  it('when merged, then every id of both is kept once and the rest of the profile is unchanged', () => {
    const id = fc.stringMatching(/^[a-z]{1,6}$/);
    fc.assert(
      fc.property(fc.array(id, { maxLength: 50 }), fc.array(id, { maxLength: 50 }), (own, fridge) => {
        const merged = withSessionFridge(profile(own), fridge);
        expect(new Set(merged.fridgeIngredients)).toEqual(new Set([...own, ...fridge]));
        expect(merged.fridgeIngredients).toHaveLength(new Set([...own, ...fridge]).size);
        expect({ ...merged, fridgeIngredients: own }).toEqual(profile(own));
      }),
    );
  });
});

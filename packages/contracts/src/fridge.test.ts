import { describe, expect, it } from '@jest/globals';
import { FridgeIdsBodySchema, FridgeIngredientsBodySchema, IngredientSearchQuerySchema } from './fridge.js';

describe('IngredientSearchQuerySchema', () => {
  it('when nothing is given, then q is empty and limit 20', () => {
    expect(IngredientSearchQuerySchema.parse({})).toEqual({ q: '', limit: 20 });
  });

  it('when limit is a whole number from 1 to 50 it passes; anything else fails', () => {
    expect(IngredientSearchQuerySchema.parse({ limit: '1' }).limit).toBe(1);
    expect(IngredientSearchQuerySchema.parse({ limit: '50' }).limit).toBe(50);
    for (const limit of ['0', '51', '-1', '2.5', 'ten', '', '0050x']) {
      expect(IngredientSearchQuerySchema.safeParse({ limit }).success).toBe(false);
    }
  });

  it('when q is over 50 characters or a parameter is unknown, then it fails', () => {
    expect(IngredientSearchQuerySchema.safeParse({ q: 'x'.repeat(51) }).success).toBe(false);
    expect(IngredientSearchQuerySchema.safeParse({ q: 'x', page: '2' }).success).toBe(false);
  });
});

describe('fridge bodies', () => {
  it('when names are padded, then they are trimmed; blank names fail', () => {
    expect(FridgeIngredientsBodySchema.parse({ ingredients: ['  양파 '] })).toEqual({
      ingredients: ['양파'],
    });
    expect(FridgeIngredientsBodySchema.safeParse({ ingredients: [' '] }).success).toBe(false);
  });

  it('when the internal body names something other than a catalog id, then it fails', () => {
    expect(FridgeIdsBodySchema.safeParse({ ingredientIds: ['green_onion'] }).success).toBe(true);
    for (const id of ['Onion', '양파', 'a b', '', 'x'.repeat(51)]) {
      expect(FridgeIdsBodySchema.safeParse({ ingredientIds: [id] }).success).toBe(false);
    }
  });
});

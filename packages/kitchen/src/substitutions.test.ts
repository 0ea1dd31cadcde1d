import { describe, expect, it } from '@jest/globals';
import { getCatalog } from './catalog.js';
import type { Ingredient } from './ingredient-schema.js';
import { SUBSTITUTIONS, substitutesFor } from './substitutions.js';

const catalog = getCatalog();

function ingredient(id: string): Ingredient {
  const found = catalog.get(id);
  if (found === undefined) throw new Error(`no ingredient ${id}`);
  return found;
}

const any = () => true;

describe('SUBSTITUTIONS', () => {
  it('names ingredients the catalog knows, with at least one substitute it knows', () => {
    for (const entry of SUBSTITUTIONS) {
      expect([entry.from, catalog.resolve(entry.from)?.id]).toEqual([entry.from, expect.any(String)]);
      const known = entry.to.filter((option) => catalog.resolve(option.name) !== undefined);
      expect([entry.from, known.length > 0]).toEqual([entry.from, true]);
    }
  });

  it('never swaps in an ingredient that shares an allergen with the one it replaces', () => {
    for (const entry of SUBSTITUTIONS) {
      const from = catalog.resolve(entry.from);
      if (from === undefined) continue;
      for (const option of substitutesFor(from, any, catalog)) {
        const shared = option.ingredient.allergens.filter((key) => from.allergens.includes(key));
        expect([from.id, option.ingredient.id, shared]).toEqual([from.id, option.ingredient.id, []]);
      }
    }
  });

  it('replaces sugars and syrups with sweeteners that are not added sugar', () => {
    for (const id of ['sugar', 'oligosaccharide', 'corn_syrup', 'honey']) {
      const options = substitutesFor(ingredient(id), any, catalog);
      expect(options[0]?.ingredient.id).toBe('allulose');
      expect(options.every((option) => option.ingredient.tags.includes('keto_sweetener'))).toBe(true);
    }
  });
});

describe('substitutesFor', () => {
  it('lists the catalog substitutes best first, with the weight ratio', () => {
    expect(
      substitutesFor(ingredient('soy_sauce'), any, catalog).map((option) => [
        option.ingredient.id,
        option.ratio,
      ]),
    ).toEqual([
      ['coconut_aminos', 1],
      ['salt', 0.15],
    ]);
    expect(substitutesFor(ingredient('butter'), any, catalog)[0]?.ingredient.id).toBe('olive_oil');
    expect(substitutesFor(ingredient('egg'), any, catalog)[0]?.ingredient.id).toBe('tofu');
    expect(substitutesFor(ingredient('flour'), any, catalog).map((option) => option.ingredient.id)).toEqual([
      'rice_flour',
      'potato_starch',
    ]);
  });

  it('keeps only the substitutes the profile allows', () => {
    const noOlive = (candidate: Ingredient) => candidate.id !== 'olive_oil';
    expect(substitutesFor(ingredient('butter'), noOlive, catalog)[0]?.ingredient.id).toBe('vegetable_oil');
    const noSoy = (candidate: Ingredient) => !candidate.allergens.includes('soybean');
    expect(substitutesFor(ingredient('milk'), noSoy, catalog).map((option) => option.ingredient.id)).toEqual([
      'almond_milk',
      'water',
    ]);
    expect(substitutesFor(ingredient('beef'), any, catalog)).toEqual([]);
  });
});

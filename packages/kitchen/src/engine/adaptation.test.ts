import { describe, expect, it } from '@jest/globals';
import type { Language, Profile } from '@ai-chef/contracts';
import { getCatalog } from '../catalog.js';
import { getLibrary } from '../library/library.js';
import { defaultProfileFor } from '../library/library-fixtures.js';
import { cookLibraryDish } from './offline-engine.js';

const catalog = getCatalog();
const LANGUAGES: readonly Language[] = ['ko', 'en'];
/** Rules an adaptation must never break: what it changes is written into the text, and what it removes is gone. */
const TEXT_AND_SAFETY = /^(recipe\.|allergy\.|dislike\.)/;

/**
 * Every way the engine changes a library dish for one person: each allergen its lines carry (hidden
 * sources included), and a dislike of each line that is not the dish itself.
 */
function adaptations(recipeId: string, base: Profile): { label: string; profile: Profile }[] {
  const recipe = getLibrary().find((entry) => entry.id === recipeId)!;
  const lines = recipe.ingredients.map((line) => ({ line, ingredient: catalog.resolve(line.name)! }));
  const allergens = new Set(lines.flatMap(({ ingredient }) => ingredient.allergens));
  return [
    ...[...allergens].map((key) => ({ label: `allergy ${key}`, profile: { ...base, allergies: [key] } })),
    ...lines
      .filter(({ line, ingredient }) => line.role !== 'main' && ingredient.id !== 'water')
      .map(({ ingredient }) => ({ label: `dislike ${ingredient.id}`, profile: { ...base, dislikes: [ingredient.id] } })),
  ];
}

describe('every adaptation the engine makes keeps the text true to the list', () => {
  const cases = getLibrary().flatMap((recipe) =>
    LANGUAGES.map((language) => [`${recipe.id} (${language})`, recipe.id, defaultProfileFor(recipe, recipe.targets[0]!, language, catalog)] as const),
  );
  it.each(cases)('%s', (_name, recipeId, base) => {
    const problems: string[] = [];
    for (const { label, profile } of adaptations(recipeId, base)) {
      const cooked = cookLibraryDish(recipeId, profile, catalog);
      if (cooked === undefined || 'kind' in cooked) continue; // ruled out before writing: never served
      for (const check of cooked.nutrition.checks) {
        if (!check.ok && TEXT_AND_SAFETY.test(check.rule)) problems.push(`${label}: ${check.reason ?? check.rule}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

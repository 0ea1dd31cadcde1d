import { describe, expect, it } from '@jest/globals';
import { TARGETS } from '@ai-chef/contracts';
import type { Language, Target } from '@ai-chef/contracts';
import { getCatalog } from '../catalog.js';
import { estimateBasket } from '../costing/estimate.js';
import { cookLibraryDish, libraryProblems } from '../engine/offline-engine.js';
import { substitutesFor } from '../substitutions.js';
import { templateIds } from '../text/step-template.js';
import { getLibrary } from './library.js';
import { defaultProfileFor } from './library-fixtures.js';
import { BABY_STAGE_KEYS } from './library-schema.js';

const catalog = getCatalog();
const library = getLibrary();
const LANGUAGES: readonly Language[] = ['ko', 'en'];

/** Every library dish cooked for each of its targets in each language, under the plainest profile. */
const servings = library.flatMap((recipe) =>
  recipe.targets.flatMap((target) =>
    LANGUAGES.map((language) => ({ recipe, target, language, profile: defaultProfileFor(recipe, target, language, catalog) })),
  ),
);

describe('the recipe library', () => {
  it('resolves every line in the catalog and names only its own lines in its templates', () => {
    expect(libraryProblems(catalog)).toEqual([]);
  });

  it('holds at least 200 recipes, at least 25 for each target, and at least 6 for each baby-food stage', () => {
    expect(library.length).toBeGreaterThanOrEqual(200);
    const perTarget = TARGETS.map((target) => [target, library.filter((recipe) => recipe.targets.includes(target)).length] as const);
    expect(perTarget.filter(([, count]) => count < 25)).toEqual([]);
    const perStage = BABY_STAGE_KEYS.map((stage) => [stage, library.filter((recipe) => recipe.babyStages?.includes(stage)).length] as const);
    expect(perStage.filter(([, count]) => count < 6)).toEqual([]);
  });

  it.each(servings.map((entry) => [`${entry.recipe.id} (${entry.target}, ${entry.language})`, entry] as const))(
    '%s passes every rule of its target',
    (_name, { recipe, profile }) => {
      const cooked = cookLibraryDish(recipe.id, profile, catalog);
      expect(cooked).toBeDefined();
      if (cooked === undefined || 'kind' in cooked) throw new Error(`rejected: ${JSON.stringify(cooked?.reasons)}`);
      expect(cooked.nutrition.checks.filter((check) => !check.ok)).toEqual([]);
    },
  );

  it('has, for every target but baby food, five dishes whose one-serving basket costs at most 10,000원', () => {
    const cheapCount = (target: Target): number =>
      library
        .filter((recipe) => recipe.targets.includes(target))
        .filter((recipe) => {
          const profile = { ...defaultProfileFor(recipe, target, 'ko', catalog), servings: 1 };
          const cooked = cookLibraryDish(recipe.id, profile, catalog);
          if (cooked === undefined || 'kind' in cooked || cooked.nutrition.checks.some((check) => !check.ok)) return false;
          return estimateBasket(cooked.recipe.ingredients, profile, catalog).outOfPocket <= 10_000;
        }).length;
    const counts = TARGETS.filter((target) => target !== 'baby_food').map((target) => [target, cheapCount(target)] as const);
    expect(counts.filter(([, count]) => count < 5)).toEqual([]);
  });

  it('says "melt" only of what melts: no swap can leave butter’s verb on oil', () => {
    const melts = /녹[이인여]|melt/i;
    for (const recipe of library) {
      for (const line of recipe.ingredients) {
        const ingredient = catalog.resolve(line.name)!;
        if (line.role === 'main' || substitutesFor(ingredient, () => true, catalog).length === 0) continue;
        for (const step of recipe.steps) {
          for (const language of LANGUAGES) {
            if (templateIds(step[language]).includes(ingredient.id) && melts.test(step[language]))
              throw new Error(`${recipe.id}: "${step[language]}" melts a line that can be swapped`);
          }
        }
      }
    }
  });
});

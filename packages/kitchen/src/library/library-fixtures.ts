import { profileWithDefaults } from '@ai-chef/contracts';
import type { Language, Profile, Target } from '@ai-chef/contracts';
import type { Catalog } from '../catalog.js';
import type { LibraryRecipe } from './library-schema.js';

/** A baby of the middle of each stage's months, for the stage's recipes. */
export const STAGE_AGE: Readonly<Record<NonNullable<LibraryRecipe['babyStages']>[number], number>> = {
  puree: 6,
  mashed: 7,
  soft_pieces: 10,
  family_food: 18,
};

/**
 * The plainest profile a library dish is written for: its target, an advanced cook, default servings; a
 * baby of the dish's first stage; for the fridge target, a fridge holding the dish's main ingredients.
 */
export function defaultProfileFor(recipe: LibraryRecipe, target: Target, language: Language, catalog: Catalog): Profile {
  const overrides: Partial<Profile> = { target, language, cookingLevel: 'advanced' };
  if (target === 'baby_food') overrides.babyAgeMonths = STAGE_AGE[recipe.babyStages?.[0] ?? 'family_food'];
  if (target === 'fridge') {
    const own = recipe.ingredients
      .map((line) => catalog.resolve(line.name))
      .filter((ingredient) => ingredient !== undefined && !ingredient.staple && ingredient.id !== 'water')
      .map((ingredient) => ingredient!.id);
    // A dish built from the fridge takes in whatever fits: two items of its first category.
    const fits = recipe.addIns?.required === true ? recipe.addIns.categories[0] : undefined;
    const extras = catalog
      .all()
      .filter((ingredient) => ingredient.category === fits && !ingredient.staple && ingredient.tags.length === 0)
      .slice(0, 2)
      .map((ingredient) => ingredient.id);
    overrides.fridgeIngredients = [...own, ...extras];
  }
  return profileWithDefaults(overrides);
}

import type { Profile } from '@ai-chef/contracts';
import { brokenRules, checkRecipeRules, computeNutrition, cookLibraryDish, findDish, getCatalog, suggestDishes } from '@ai-chef/kitchen';
import { AppError, type SessionServiceClient } from '@ai-chef/platform';

/** How many of the session's results a chosen name is looked for in. */
const SESSION_RESULTS_LOOKED_AT = 50;

/**
 * The dish a person asked for (`process` with `dish`), checked before any run starts: a library dish by its
 * Korean or English name or id, which must pass every rule of the profile once adapted (else 400
 * dish_not_allowed naming the rules it breaks); or a dish of one of this session's results. Anything else
 * is 400 unknown_dish with the library's closest names. Returns the name to cook, in the profile's language.
 */
export async function chooseDish(
  name: string,
  profile: Profile,
  sessionId: string,
  sessions: SessionServiceClient,
): Promise<string> {
  const dish = findDish(name);
  if (dish !== undefined) {
    const catalog = getCatalog();
    const cooked = cookLibraryDish(dish.id, profile, catalog);
    if (cooked === undefined) throw unknownDish(name);
    // A dish whose main ingredient the profile rules out cannot be adapted: its rules are read on the dish as
    // written, so the answer names them (allergy.peanut) rather than "excluded".
    const checks =
      'kind' in cooked
        ? (() => {
            const plain = cookLibraryDish(dish.id, { ...profile, allergies: [], dislikes: [] }, catalog);
            if (plain === undefined || 'kind' in plain) return [];
            const computed = computeNutrition(plain.recipe.ingredients, plain.recipe.servings, catalog);
            return checkRecipeRules(plain.recipe, computed, profile, catalog);
          })()
        : cooked.nutrition.checks;
    const broken = brokenRules(checks);
    if ('kind' in cooked || broken.length > 0) {
      throw new AppError(
        400,
        'dish_not_allowed',
        `${dish.name[profile.language]} does not suit this profile: ${broken.map((check) => check.reason ?? check.rule).join(' ') || 'its main ingredient is ruled out.'}`,
        broken.map((check) => ({ rule: check.rule })),
      );
    }
    return dish.name[profile.language];
  }
  const { items } = await sessions.listResults(sessionId, { limit: SESSION_RESULTS_LOOKED_AT, offset: 0 });
  const known = items.find((item) => item.recipeName !== null && item.recipeName.trim() === name.trim());
  if (known?.recipeName) return known.recipeName;
  throw unknownDish(name);
}

function unknownDish(name: string): AppError {
  return new AppError(
    400,
    'unknown_dish',
    `No dish is called "${name}": choose one of the library (GET /recipes) or of this session's results.`,
    [{ input: name, suggestions: suggestDishes(name) }],
  );
}

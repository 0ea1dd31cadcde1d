import type { Nutrition, Profile, Recipe, RecipeDraft, RecipeIngredient } from '@ai-chef/contracts';
import { gramsFor } from './amount.js';
import { getCatalog } from './catalog.js';
import type { Catalog } from './catalog.js';
import { computeNutrition } from './nutrition.js';
import { brokenRules, checkRecipe } from './rules.js';

export interface ResolvedDraft {
  recipe: Recipe;
  nutrition: Nutrition;
  /** What is wrong, in sentences a model (or a person) can act on; empty when the recipe passes. */
  problems: string[];
}

/**
 * Resolves a written recipe (a model's answer) against the catalog, computes its nutrition from the
 * bundled table and checks it against the profile's rules. Names the catalog does not know and amounts
 * it cannot weigh become problems and stay out of the recipe; nothing here throws on bad input.
 */
export function resolveDraft(
  draft: RecipeDraft,
  profile: Profile,
  catalog: Catalog = getCatalog(),
): ResolvedDraft {
  const en = profile.language === 'en';
  const problems: string[] = [];
  const ingredients: RecipeIngredient[] = [];
  for (const line of draft.ingredients) {
    const ingredient = catalog.resolve(line.name);
    if (ingredient === undefined) {
      const near = catalog
        .suggest(line.name, 3)
        .map((hit) => (en ? `${hit.nameEn} (${hit.nameKo})` : hit.nameKo));
      const hint =
        near.length > 0
          ? en
            ? ` Did you mean ${near.join(', ')}?`
            : ` 비슷한 재료: ${near.join(', ')}.`
          : '';
      problems.push(
        (en
          ? `Unknown ingredient "${line.name}": use a common ingredient name.`
          : `알 수 없는 재료 "${line.name}": 흔한 재료 이름을 써 주세요.`) + hint,
      );
      continue;
    }
    const grams = gramsFor(ingredient, line.amount, line.unit);
    if (grams === undefined) {
      const units = Object.keys(ingredient.units).join(', ');
      problems.push(
        en
          ? `Cannot weigh "${line.amount} ${line.unit}" of ${line.name}: use one of ${units}.`
          : `${line.name}의 양 "${line.amount} ${line.unit}"을(를) 무게로 바꿀 수 없습니다: ${units} 중 하나를 쓰세요.`,
      );
      continue;
    }
    ingredients.push({
      name: line.name,
      amount: line.amount,
      unit: line.unit,
      ingredientId: ingredient.id,
      grams,
    });
  }

  const recipe: Recipe = {
    recipeName: draft.recipeName,
    description: draft.description,
    cookingTime: draft.cookingTime,
    difficulty: draft.difficulty,
    servings: draft.servings,
    ingredients,
    instructions: draft.instructions,
    targetNotes: draft.targetNotes,
    language: profile.language,
  };
  const computed = computeNutrition(
    ingredients.map(({ ingredientId, grams }) => ({ ingredientId, grams })),
    recipe.servings,
    catalog,
  );
  const checks = checkRecipe(recipe, computed, profile, catalog);
  for (const broken of brokenRules(checks))
    problems.push(broken.reason ?? `${broken.rule}: ${broken.value} (limit ${broken.limit})`);
  return { recipe, nutrition: { ...computed, checks }, problems };
}

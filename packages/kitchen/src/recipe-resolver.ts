import type { Nutrition, Profile, Recipe, RecipeDraft, RecipeIngredient } from '@ai-chef/contracts';
import { gramsFor } from './amount.js';
import { getCatalog } from './catalog.js';
import type { Catalog } from './catalog.js';
import type { Ingredient } from './ingredient-schema.js';
import { mentionScanner } from './text/mentions.js';
import { computeNutrition } from './nutrition.js';
import { brokenRules, checkRecipeRules } from './rules/index.js';

export interface ResolvedDraft {
  recipe: Recipe;
  nutrition: Nutrition;
  /** What is wrong, in sentences a model (or a person) can act on; empty when the recipe passes. */
  problems: string[];
}

/** Food words in a line's name that are not the ingredient it resolves to (nor a shorter name of it). */
function otherFoodsIn(name: string, ingredient: Ingredient, catalog: Catalog): string[] {
  const own = [ingredient.nameKo, ingredient.nameEn, ...ingredient.aliases].map((alias) => alias.toLowerCase());
  return mentionScanner(catalog)
    .scan(name)
    .filter((mention) => !mention.ingredientIds.includes(ingredient.id))
    .filter((mention) => !own.some((alias) => alias.includes(mention.text.toLowerCase())))
    .map((mention) => mention.text);
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
    // One food per line: a line that names another food ("두부(땅콩버터 2큰술 포함)") hides it from the list
    // and from every check, so it goes back to be written as lines of their own.
    const others = otherFoodsIn(line.name, ingredient, catalog);
    if (others.length > 0) {
      problems.push(
        en
          ? `The line "${line.name}" names other foods (${others.join(', ')}): give each food its own line.`
          : `재료 "${line.name}"에 다른 재료(${others.join(', ')})가 들어 있습니다: 재료마다 한 줄씩 쓰세요.`,
      );
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
    // The list shows the catalog's name in the recipe's language, never the model's own words (a bracket
    // such as "두부(땅콩버터 포함)" would otherwise reach the person unread).
    ingredients.push({
      name: en ? ingredient.nameEn : ingredient.nameKo,
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
  const checks = checkRecipeRules(recipe, computed, profile, catalog);
  for (const broken of brokenRules(checks))
    problems.push(broken.reason ?? `${broken.rule}: ${broken.value} (limit ${broken.limit})`);
  return { recipe, nutrition: { ...computed, checks }, problems };
}

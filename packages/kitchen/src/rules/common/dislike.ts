import { DISLIKED_CATEGORY_PREFIX } from '@ai-chef/contracts';
import type { Catalog } from '../../catalog.js';
import { CATEGORY_LABELS } from '../../ingredient-categories.js';
import type { Ingredient, IngredientCategory } from '../../ingredient-schema.js';
import { INGREDIENT_CATEGORIES } from '../../ingredient-schema.js';
import { findForbidden } from '../recipe-facts.js';
import type { Label, RuleModule } from '../rule-spec.js';
import { inSentence } from '../../text/words.js';

/** A dislike of a profile: a catalog ingredient or a whole shelf of the catalog (seafood, 해산물). */
export type DislikeEntry = { ingredientId: string } | { category: IngredientCategory } | { unknown: string };

export function dislikeEntry(entry: string, catalog: Catalog): DislikeEntry {
  if (entry.startsWith(DISLIKED_CATEGORY_PREFIX)) {
    const category = entry.slice(DISLIKED_CATEGORY_PREFIX.length);
    if ((INGREDIENT_CATEGORIES as readonly string[]).includes(category))
      return { category: category as IngredientCategory };
  }
  // Profiles stored before dislikes were checked may hold free text: read it through the catalog.
  const ingredient = catalog.get(entry) ?? catalog.resolve(entry);
  return ingredient === undefined ? { unknown: entry } : { ingredientId: ingredient.id };
}

export function dislikeExcludes(entry: DislikeEntry, ingredient: Ingredient): boolean {
  if ('ingredientId' in entry) return ingredient.id === entry.ingredientId;
  if ('category' in entry) return ingredient.category === entry.category;
  return false;
}

export function dislikeLabel(entry: DislikeEntry, catalog: Catalog): Label {
  if ('category' in entry) return CATEGORY_LABELS[entry.category];
  if ('ingredientId' in entry) {
    const ingredient = catalog.get(entry.ingredientId);
    if (ingredient !== undefined) return { ko: ingredient.nameKo, en: inSentence(ingredient.nameEn) };
    return { ko: entry.ingredientId, en: entry.ingredientId };
  }
  return { ko: entry.unknown, en: entry.unknown };
}

/** One rule per dislike: no line and no word of the recipe names it. */
export const dislikes: RuleModule = {
  rules: (profile, { catalog }) =>
    profile.dislikes.map((raw) => {
      const entry = dislikeEntry(raw, catalog);
      const name = dislikeLabel(entry, catalog);
      return {
        id: `dislike.${raw}`,
        kind: 'none' as const,
        label: { ko: `싫어하는 재료(${name.ko})`, en: `disliked ingredient (${name.en})` },
        find: (facts) => findForbidden(facts, { ingredient: (ingredient) => dislikeExcludes(entry, ingredient) }),
      };
    }),
  promptLines: (profile, language, { catalog }) => {
    if (profile.dislikes.length === 0) return [];
    const names = profile.dislikes.map((raw) => dislikeLabel(dislikeEntry(raw, catalog), catalog)[language]);
    return [
      language === 'ko'
        ? `쓰지 않을 재료: ${names.join(', ')} (재료에도 글에도)`
        : `do not use (in the ingredients or the text): ${names.join(', ')}`,
    ];
  },
};

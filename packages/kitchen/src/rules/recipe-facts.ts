import type { AllergenKey, Profile, Recipe, RecipeIngredient } from '@ai-chef/contracts';
import type { Catalog } from '../catalog.js';
import type { Ingredient } from '../ingredient-schema.js';
import type { ComputedNutrition } from '../nutrition.js';
import { mentionScanner } from '../text/mentions.js';
import type { Mention } from '../text/mentions.js';
import { ingredientLabel } from './rule-spec.js';
import type { Label } from './rule-spec.js';

/** One text a person reads, with the food words found in it. */
export interface TextPart {
  field: 'recipeName' | 'description' | 'instructions' | 'targetNotes';
  /** The step's index, for instructions. */
  step?: number;
  text: string;
  mentions: readonly Mention[];
}

export interface FactLine {
  line: RecipeIngredient;
  ingredient: Ingredient | undefined;
}

/** What every rule reads of one recipe for one profile, worked out once per check. */
export interface RecipeFacts {
  recipe: Recipe;
  nutrition: ComputedNutrition;
  profile: Profile;
  catalog: Catalog;
  lines: FactLine[];
  texts: TextPart[];
}

export function recipeFacts(
  recipe: Recipe,
  nutrition: ComputedNutrition,
  profile: Profile,
  catalog: Catalog,
): RecipeFacts {
  const scanner = mentionScanner(catalog);
  const part = (field: TextPart['field'], text: string, step?: number): TextPart => ({
    field,
    text,
    mentions: scanner.scan(text),
    ...(step === undefined ? {} : { step }),
  });
  return {
    recipe,
    nutrition,
    profile,
    catalog,
    lines: recipe.ingredients.map((line) => ({ line, ingredient: catalog.get(line.ingredientId) })),
    texts: [
      part('recipeName', recipe.recipeName),
      part('description', recipe.description),
      ...recipe.instructions.map((step, index) => part('instructions', step, index)),
      part('targetNotes', recipe.targetNotes),
    ],
  };
}

/** What a forbid rule looks for: ingredients it rules out, and maybe an allergen by any of its words. */
export interface ForbiddenThings {
  ingredient(ingredient: Ingredient): boolean;
  allergen?: AllergenKey;
}

/**
 * Everything served that names a forbidden thing: the recipe's lines, and every word of its name,
 * description, steps and notes (땅콩버터 in a step counts as much as a peanut line). One finding per
 * ingredient (or per word, for a word that names no catalog record).
 */
export function findForbidden(facts: RecipeFacts, forbidden: ForbiddenThings): Label[] {
  const found = new Map<string, Label>();
  for (const { ingredient } of facts.lines) {
    if (ingredient !== undefined && forbidden.ingredient(ingredient))
      found.set(ingredient.id, ingredientLabel(ingredient));
  }
  for (const text of facts.texts) {
    for (const mention of text.mentions) {
      const named = mention.ingredientIds
        .map((id) => facts.catalog.get(id))
        .find((ingredient) => ingredient !== undefined && forbidden.ingredient(ingredient));
      if (named !== undefined) {
        found.set(named.id, ingredientLabel(named));
      } else if (forbidden.allergen !== undefined && mention.allergens.includes(forbidden.allergen)) {
        const key = `word:${mention.text}`;
        if (!found.has(key)) found.set(key, { ko: mention.text, en: mention.text });
      }
    }
  }
  return [...found.values()];
}

import { ALLERGEN_KEYS, ALLERGEN_NAMES, DISLIKED_CATEGORY_PREFIX, allergenKeyFor } from '@ai-chef/contracts';
import type { ParsedProfileInput, Profile } from '@ai-chef/contracts';
import { disassemble } from 'es-hangul';
import { getCatalog } from './catalog.js';
import type { Catalog } from './catalog.js';
import { CATEGORY_LABELS } from './ingredient-categories.js';
import { INGREDIENT_CATEGORIES, nameKey } from './ingredient-schema.js';
import type { IngredientCategory } from './ingredient-schema.js';
import { conditionsNamed } from './rules/index.js';

export interface ProfileIssue {
  field: string;
  input: string;
  suggestions: string[];
}

export interface ProfileNormalizationError {
  code: 'unknown_allergen' | 'unknown_ingredient';
  message: string;
  details: ProfileIssue[];
}

export type NormalizeProfileResult =
  { ok: true; profile: Profile } | { ok: false; error: ProfileNormalizationError };

const HANGUL = /[가-힣ㄱ-ㅎ]/;
const SUGGESTION_LIMIT = 5;

function uniqueInOrder(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

function jamo(text: string): string {
  const key = text.toLowerCase().replace(/\s+/g, '');
  return HANGUL.test(key) ? disassemble(key) : key;
}

/** Levenshtein distance of two short strings. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Allergen keys whose key or names are close to the input ("땅꽁" → peanut, "shrimps" → shrimp). */
function allergenSuggestions(input: string): string[] {
  const query = jamo(input);
  const scored: { key: string; score: number }[] = [];
  for (const key of ALLERGEN_KEYS) {
    let best = Number.POSITIVE_INFINITY;
    for (const name of [key, ...ALLERGEN_NAMES[key]]) {
      const candidate = jamo(name);
      const allowed = Math.max(1, Math.floor(Math.max(candidate.length, query.length) * 0.34));
      const d = candidate.startsWith(query) || query.startsWith(candidate) ? 0.5 : distance(query, candidate);
      if (d <= allowed) best = Math.min(best, d / allowed);
    }
    if (Number.isFinite(best)) scored.push({ key, score: best });
  }
  return scored.sort((a, b) => a.score - b.score).map((s) => s.key);
}

/** Catalog names close to the input, in the input's script (Korean names for Korean input). */
function ingredientSuggestions(input: string, catalog: Catalog): string[] {
  const korean = HANGUL.test(input);
  return catalog.suggest(input, SUGGESTION_LIMIT).map((s) => (korean ? s.nameKo : s.nameEn));
}

/** The catalog shelf a dislike names (seafood, 해산물, 가공육), by its id, names or aliases. */
function categoryNamed(text: string): IngredientCategory | undefined {
  const key = nameKey(text);
  return INGREDIENT_CATEGORIES.find((category) => {
    const label = CATEGORY_LABELS[category];
    return [category, label.ko, label.en, ...label.aliases].some((name) => nameKey(name) === key);
  });
}

/**
 * Turns a validated profile into the stored form: allergies become allergen keys (or catalog ingredient ids
 * for other foods, "키위" → kiwi), fridge and pantry items ingredient ids, dislikes ingredient ids or
 * `category:<shelf>`, health conditions the rules know their key (제2형 당뇨 → diabetes); every list
 * de-duplicated in order. Unknown allergies, fridge, pantry or dislike items fail with suggestions.
 */
export function normalizeProfile(
  input: ParsedProfileInput,
  catalog: Catalog = getCatalog(),
): NormalizeProfileResult {
  const allergyIssues: ProfileIssue[] = [];
  const allergies: string[] = [];
  for (const raw of input.allergies) {
    const text = raw.trim();
    const key = allergenKeyFor(text) ?? catalog.resolve(text)?.id;
    if (key !== undefined) {
      allergies.push(key);
      continue;
    }
    allergyIssues.push({
      field: 'allergies',
      input: text,
      suggestions: uniqueInOrder([
        ...allergenSuggestions(text),
        ...ingredientSuggestions(text, catalog),
      ]).slice(0, SUGGESTION_LIMIT),
    });
  }
  if (allergyIssues.length > 0) {
    return {
      ok: false,
      error: {
        code: 'unknown_allergen',
        message: `Unknown allerg${allergyIssues.length === 1 ? 'y' : 'ies'}: ${allergyIssues.map((i) => i.input).join(', ')}. Use an allergen such as egg, milk, peanut or shrimp, or the name of a food.`,
        details: allergyIssues,
      },
    };
  }

  const fridgeIssues: ProfileIssue[] = [];
  const fridgeIngredients: string[] = [];
  for (const raw of input.fridgeIngredients) {
    const text = raw.trim();
    const ingredient = catalog.resolve(text);
    if (ingredient) fridgeIngredients.push(ingredient.id);
    else
      fridgeIssues.push({
        field: 'fridgeIngredients',
        input: text,
        suggestions: ingredientSuggestions(text, catalog),
      });
  }
  if (fridgeIssues.length > 0) {
    return {
      ok: false,
      error: {
        code: 'unknown_ingredient',
        message: `Unknown ingredient${fridgeIssues.length === 1 ? '' : 's'}: ${fridgeIssues.map((i) => i.input).join(', ')}.`,
        details: fridgeIssues,
      },
    };
  }

  const dislikeIssues: ProfileIssue[] = [];
  const dislikes: string[] = [];
  for (const raw of input.dislikes) {
    const text = raw.trim();
    const category = categoryNamed(text);
    const id = category !== undefined ? `${DISLIKED_CATEGORY_PREFIX}${category}` : catalog.resolve(text)?.id;
    if (id !== undefined) dislikes.push(id);
    else dislikeIssues.push({ field: 'dislikes', input: text, suggestions: ingredientSuggestions(text, catalog) });
  }
  const pantryIssues: ProfileIssue[] = [];
  const pantry: string[] = [];
  for (const raw of input.pantry === 'basic' ? [] : input.pantry) {
    const text = raw.trim();
    const id = catalog.resolve(text)?.id;
    if (id !== undefined) pantry.push(id);
    else pantryIssues.push({ field: 'pantry', input: text, suggestions: ingredientSuggestions(text, catalog) });
  }
  const unknown = [...dislikeIssues, ...pantryIssues];
  if (unknown.length > 0) {
    return {
      ok: false,
      error: {
        code: 'unknown_ingredient',
        message: `Unknown ingredient${unknown.length === 1 ? '' : 's'}: ${unknown.map((i) => i.input).join(', ')}. Use a food of the ingredient catalog (GET /ingredients) or a kind of food such as seafood.`,
        details: unknown,
      },
    };
  }

  // Recognised conditions are stored as their keys (제2형 당뇨 → diabetes; 임신성 당뇨 → pregnancy and
  // diabetes); anything else is kept as written and told back as a notice.
  const healthConditions: string[] = [];
  for (const raw of input.healthConditions) {
    const text = raw.trim();
    const { keys } = conditionsNamed([text]);
    healthConditions.push(...(keys.length > 0 ? keys : [text]));
  }

  const profile: Profile = {
    target: input.target,
    allergies: uniqueInOrder(allergies),
    healthConditions: uniqueInOrder(healthConditions),
    cookingLevel: input.cookingLevel,
    budget: input.budget,
    servings: input.servings,
    fridgeIngredients: uniqueInOrder(fridgeIngredients),
    dislikes: uniqueInOrder(dislikes),
    pantry: input.pantry === 'basic' ? 'basic' : uniqueInOrder(pantry),
    language: input.language,
  };
  if (input.babyAgeMonths !== undefined) profile.babyAgeMonths = input.babyAgeMonths;
  return { ok: true, profile };
}

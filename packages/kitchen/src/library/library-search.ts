import type { DishSummary, Target } from '@ai-chef/contracts';
import { disassemble, getChoseong } from 'es-hangul';
import { nameKey } from '../ingredient-schema.js';
import { getLibrary } from './library.js';
import type { LibraryRecipe } from './library-schema.js';

const ONLY_CONSONANTS = /^[ㄱ-ㅎ]+$/;

function summary(recipe: LibraryRecipe): DishSummary {
  return {
    id: recipe.id,
    name: recipe.name.ko,
    nameEn: recipe.name.en,
    targets: [...recipe.targets],
    cookingTime: recipe.cookingTime,
    difficulty: recipe.difficulty,
  };
}

/** The library dish a name means: its id, Korean or English name (case, spaces and hyphens aside). */
export function findDish(name: string): LibraryRecipe | undefined {
  const key = nameKey(name);
  return getLibrary().find(
    (recipe) => nameKey(recipe.id) === key || nameKey(recipe.name.ko) === key || nameKey(recipe.name.en) === key,
  );
}

/** Lower is better; undefined when the dish does not match. */
function matchRank(recipe: LibraryRecipe, query: string): number | undefined {
  if (query === '') return 0;
  const ko = nameKey(recipe.name.ko);
  const en = nameKey(recipe.name.en);
  if (ONLY_CONSONANTS.test(query)) {
    const initials = getChoseong(recipe.name.ko).replace(/\s+/g, '');
    if (initials.startsWith(query)) return 3;
    return initials.includes(query) ? 4 : undefined;
  }
  if (ko === query || en === query) return 0;
  if (ko.startsWith(query) || en.startsWith(query)) return 1;
  if (ko.includes(query) || en.includes(query)) return 2;
  if (query.length >= 2 && disassemble(ko).includes(disassemble(query))) return 5;
  return undefined;
}

/**
 * The library as a person browses it: by target, and by a query matching Korean or English names,
 * half-typed syllables or initial consonants ("ㄱㅊㅉㄱ" finds 김치찌개). Best matches first, then by name.
 */
export function searchLibrary(options: { target?: Target; q?: string; limit?: number; offset?: number }): {
  items: DishSummary[];
  total: number;
} {
  const query = nameKey(options.q ?? '');
  const hits: { recipe: LibraryRecipe; rank: number }[] = [];
  for (const recipe of getLibrary()) {
    if (options.target !== undefined && !recipe.targets.includes(options.target)) continue;
    const rank = matchRank(recipe, query);
    if (rank !== undefined) hits.push({ recipe, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || a.recipe.name.ko.localeCompare(b.recipe.name.ko, 'ko'));
  const offset = options.offset ?? 0;
  const limit = options.limit ?? 20;
  return { items: hits.slice(offset, offset + limit).map((hit) => summary(hit.recipe)), total: hits.length };
}

/** Library names close to a name no dish has, for unknown_dish's suggestions. */
export function suggestDishes(name: string, limit = 5): string[] {
  const query = nameKey(name);
  const jamo = disassemble(query);
  const scored = getLibrary()
    .map((recipe) => {
      const ko = nameKey(recipe.name.ko);
      const en = nameKey(recipe.name.en);
      const shared = Math.max(overlap(disassemble(ko), jamo), overlap(en, query));
      return { recipe, shared };
    })
    .filter((entry) => entry.shared >= 0.5)
    .sort((a, b) => b.shared - a.shared || a.recipe.name.ko.localeCompare(b.recipe.name.ko, 'ko'));
  return scored.slice(0, limit).map((entry) => entry.recipe.name.ko);
}

/** The share of b's letter pairs found in a (a cheap similarity for short names). */
function overlap(a: string, b: string): number {
  if (b.length < 2 || a.length < 2) return a === b ? 1 : 0;
  const pairs = new Set<string>();
  for (let i = 0; i < a.length - 1; i++) pairs.add(a.slice(i, i + 2));
  let found = 0;
  for (let i = 0; i < b.length - 1; i++) if (pairs.has(b.slice(i, i + 2))) found += 1;
  return found / (b.length - 1);
}

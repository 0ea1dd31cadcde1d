import fs from 'node:fs';
import { disassemble, getChoseong } from 'es-hangul';
import { IngredientFileSchema, nameKey } from './ingredient-schema.js';
import type { Ingredient } from './ingredient-schema.js';

export interface IngredientSuggestion {
  id: string;
  nameKo: string;
  nameEn: string;
}

export interface IngredientSearchResult {
  items: Ingredient[];
  total: number;
}

/** One searchable name of an ingredient, pre-computed in the forms every lookup compares. */
interface NameForm {
  key: string; // nameKey(): lower case, no spaces
  jamo: string; // the key decomposed into Hangul letters, for typos and half-typed syllables
  choseong: string; // initial consonants of the Hangul syllables ('' when the name has none)
  primary: boolean; // nameKo or nameEn, ranked before aliases
}

interface Entry {
  ingredient: Ingredient;
  names: NameForm[];
}

const HANGUL_SYLLABLE = /[가-힣]/;
const ONLY_CONSONANTS = /^[ㄱ-ㅎ]+$/;

// Preparation words recipes put around an ingredient's name ("다진 마늘", "채 썬 양파", "minced garlic").
const KOREAN_QUALIFIERS = [
  '곱게 다진',
  '잘게 다진',
  '굵게 다진',
  '다진것',
  '다진 것',
  '다진',
  '잘게 썬',
  '얇게 썬',
  '굵게 썬',
  '채 썬',
  '채썬',
  '송송 썬',
  '송송썬',
  '깍둑 썬',
  '깍둑썬',
  '어슷 썬',
  '어슷썬',
  '납작하게 썬',
  '먹기 좋게 썬',
  '한입 크기로 썬',
  '썬',
  '슬라이스한',
  '슬라이스',
  '손질한',
  '손질된',
  '데친',
  '삶은',
  '볶은',
  '구운',
  '익힌',
  '불린',
  '해동한',
  '냉동',
  '신선한',
  '국내산',
  '국산',
  '수입산',
  '유기농',
  '무농약',
  '흰부분',
  '흰 부분',
  '초록부분',
  '초록 부분',
  '약간',
  '적당량',
];
const ENGLISH_QUALIFIERS = [
  'finely',
  'roughly',
  'thinly',
  'minced',
  'chopped',
  'sliced',
  'diced',
  'grated',
  'shredded',
  'julienned',
  'crushed',
  'peeled',
  'trimmed',
  'fresh',
  'frozen',
  'thawed',
  'boiled',
  'blanched',
  'soaked',
  'organic',
  'large',
  'medium',
  'small',
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const KOREAN_QUALIFIER_PATTERN = new RegExp(
  KOREAN_QUALIFIERS.map((q) => escapeRegExp(q).replace(/ /g, '\\s*')).join('|'),
  'g',
);
const ENGLISH_QUALIFIER_PATTERN = new RegExp(`\\b(?:${ENGLISH_QUALIFIERS.join('|')})\\b`, 'gi');

/** The candidate names left once preparation words, brackets and English plurals are removed. */
function strippedVariants(input: string): string[] {
  const withoutBrackets = input.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ');
  const stripped = withoutBrackets
    .replace(KOREAN_QUALIFIER_PATTERN, ' ')
    .replace(ENGLISH_QUALIFIER_PATTERN, ' ')
    .replace(/[,/]+/g, ' ')
    .trim();
  const variants = [withoutBrackets.trim(), stripped];
  if (/[a-z]{3,}(?:es|s)$/i.test(stripped)) {
    variants.push(stripped.replace(/es$/i, ''), stripped.replace(/s$/i, ''));
  }
  // "생연어", "생 닭가슴살": a leading 생 (raw) only when it is not part of the name itself.
  if (/^생\s*\S/.test(stripped)) variants.push(stripped.replace(/^생\s*/, ''));
  return variants.filter((v) => v.length > 0);
}

function jamoOf(key: string): string {
  return HANGUL_SYLLABLE.test(key) ? disassemble(key) : key;
}

function choseongOf(key: string): string {
  return HANGUL_SYLLABLE.test(key) ? getChoseong(key).replace(/\s+/g, '') : '';
}

// Two reusable rows keep the distance loop free of allocations (suggest runs it over every name).
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance, bounded: returns max + 1 as soon as the distance must exceed max. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? max + 1;
}

/** The bundled ingredient table with the lookups recipes, profiles and the fridge need. */
export class Catalog {
  private readonly entries: Entry[];
  private readonly byId = new Map<string, Ingredient>();
  private readonly byName = new Map<string, Ingredient>();

  /** Validates the records once (ids unique, every name unambiguous) and indexes them. */
  constructor(records: unknown) {
    const ingredients = IngredientFileSchema.parse(records);
    this.entries = ingredients.map((ingredient) => {
      this.byId.set(ingredient.id, ingredient);
      const names: NameForm[] = [];
      const seen = new Set<string>();
      const add = (name: string, primary: boolean) => {
        const key = nameKey(name);
        if (seen.has(key)) return;
        seen.add(key);
        this.byName.set(key, ingredient);
        names.push({ key, jamo: jamoOf(key), choseong: choseongOf(key), primary });
      };
      add(ingredient.nameKo, true);
      add(ingredient.nameEn, true);
      for (const alias of ingredient.aliases) add(alias, false);
      add(ingredient.id, false);
      return { ingredient, names };
    });
  }

  all(): Ingredient[] {
    return this.entries.map((entry) => entry.ingredient);
  }

  get(id: string): Ingredient | undefined {
    return this.byId.get(id);
  }

  /**
   * The ingredient a recipe line or a person means: by id, Korean or English name or alias,
   * ignoring case, spaces, brackets and preparation words ("다진 마늘", "minced garlic", "대파(흰 부분)").
   */
  resolve(nameOrId: string): Ingredient | undefined {
    const direct = this.byName.get(nameKey(nameOrId));
    if (direct) return direct;
    for (const variant of strippedVariants(nameOrId)) {
      const found = this.byName.get(nameKey(variant));
      if (found) return found;
    }
    return undefined;
  }

  /** Close matches for a name the catalog does not know: best first, at most `limit`. */
  suggest(input: string, limit = 5): IngredientSuggestion[] {
    const query = nameKey(input);
    if (query.length === 0 || limit <= 0) return [];
    const queryJamo = jamoOf(query);
    const consonantsOnly = ONLY_CONSONANTS.test(query);
    const scored: { entry: Entry; score: number }[] = [];
    for (const entry of this.entries) {
      let best = Number.POSITIVE_INFINITY;
      for (const name of entry.names) {
        best = Math.min(best, suggestionScore(query, queryJamo, consonantsOnly, name));
      }
      if (best < 1) scored.push({ entry, score: best });
    }
    scored.sort((a, b) => a.score - b.score || compareKo(a.entry.ingredient, b.entry.ingredient));
    return scored.slice(0, limit).map(({ entry }) => ({
      id: entry.ingredient.id,
      nameKo: entry.ingredient.nameKo,
      nameEn: entry.ingredient.nameEn,
    }));
  }

  /**
   * Search as a person types: exact names first, then prefixes (also of half-typed syllables: "아봌"),
   * then substrings, then initial consonants ("ㅇㅂㅋ" finds 아보카도). An empty query lists everything.
   */
  search(q: string, limit = 20): IngredientSearchResult {
    const query = nameKey(q);
    if (query.length === 0) {
      const items = [...this.all()].sort(compareKo);
      return { items: items.slice(0, Math.max(0, limit)), total: items.length };
    }
    const queryJamo = jamoOf(query);
    const consonantsOnly = ONLY_CONSONANTS.test(query);
    const hits: { ingredient: Ingredient; rank: number }[] = [];
    for (const entry of this.entries) {
      let best = Number.POSITIVE_INFINITY;
      for (const name of entry.names)
        best = Math.min(best, searchRank(query, queryJamo, consonantsOnly, name));
      if (Number.isFinite(best)) hits.push({ ingredient: entry.ingredient, rank: best });
    }
    hits.sort(
      (a, b) =>
        a.rank - b.rank ||
        a.ingredient.nameKo.length - b.ingredient.nameKo.length ||
        compareKo(a.ingredient, b.ingredient),
    );
    return { items: hits.slice(0, Math.max(0, limit)).map((hit) => hit.ingredient), total: hits.length };
  }
}

function compareKo(a: Ingredient, b: Ingredient): number {
  return a.nameKo.localeCompare(b.nameKo, 'ko');
}

/** Lower is better; aliases rank just after the primary names at the same level. */
function searchRank(query: string, queryJamo: string, consonantsOnly: boolean, name: NameForm): number {
  const aliasPenalty = name.primary ? 0 : 0.5;
  if (consonantsOnly) {
    if (name.choseong.startsWith(query)) return 5 + aliasPenalty;
    if (name.choseong.includes(query)) return 6 + aliasPenalty;
    return Number.POSITIVE_INFINITY;
  }
  if (name.key === query) return 0 + aliasPenalty;
  if (name.key.startsWith(query)) return 1 + aliasPenalty;
  if (name.jamo.startsWith(queryJamo)) return 2 + aliasPenalty;
  if (name.key.includes(query)) return 3 + aliasPenalty;
  if (queryJamo.length >= 3 && name.jamo.includes(queryJamo)) return 4 + aliasPenalty;
  return Number.POSITIVE_INFINITY;
}

/** 0 for an exact name, growing with distance; 1 or more means "not similar". */
function suggestionScore(query: string, queryJamo: string, consonantsOnly: boolean, name: NameForm): number {
  if (name.key === query) return 0;
  if (consonantsOnly) return name.choseong.startsWith(query) ? 0.2 : Number.POSITIVE_INFINITY;
  if (name.key.startsWith(query) || name.jamo.startsWith(queryJamo)) return 0.1 + 0.001 * name.key.length;
  if (query.length >= 2 && name.key.includes(query)) return 0.2 + 0.001 * name.key.length;
  if (name.key.length >= 2 && query.includes(name.key)) return 0.3 + 0.01 * (query.length - name.key.length);
  const length = Math.max(queryJamo.length, name.jamo.length);
  const allowed = Math.max(1, Math.floor(length * 0.34));
  const distance = editDistance(queryJamo, name.jamo, allowed);
  if (distance > allowed) return Number.POSITIVE_INFINITY;
  return 0.4 + (0.5 * distance) / allowed;
}

let shared: Catalog | undefined;

/** The catalog of the bundled data/ingredients.json, built on first use. */
export function getCatalog(): Catalog {
  if (!shared) {
    const text = fs.readFileSync(new URL('../data/ingredients.json', import.meta.url), 'utf8');
    shared = new Catalog(JSON.parse(text) as unknown);
  }
  return shared;
}

import { ALLERGEN_KEYS, ALLERGEN_NAMES } from '@ai-chef/contracts';
import type { AllergenKey } from '@ai-chef/contracts';
import type { Catalog } from '../catalog.js';
import {
  ALLERGEN_TEXT_WORDS,
  KOREAN_PREFIX_STEMS,
  NOT_FOOD_WORDS,
  NOT_IN_RUNNING_TEXT,
} from './text-vocabulary.js';
import { englishPlural } from './words.js';

/** A food word found in running text, with what it names. */
export interface Mention {
  start: number;
  end: number;
  /** The word as written (without a particle or a plural ending). */
  text: string;
  /** Catalog records the word names (a name, an English name or an alias of theirs). */
  ingredientIds: readonly string[];
  /** Allergens the word names: its own (게살 → crab) and those of the records it names. */
  allergens: readonly AllergenKey[];
}

interface Meaning {
  ingredientIds: Set<string>;
  allergens: Set<AllergenKey>;
}

const HANGUL = /[가-힣]/;
const LATIN = /[a-z]/;
/** Particles a Korean noun takes; a one-syllable food word must stand alone or carry one of them. */
const PARTICLES = [
  '으로',
  '에서',
  '이랑',
  '하고',
  '까지',
  '부터',
  '처럼',
  '보다',
  '이나',
  '을',
  '를',
  '이',
  '가',
  '은',
  '는',
  '와',
  '과',
  '로',
  '에',
  '의',
  '도',
  '만',
  '랑',
  '나',
];

/** ASCII-only lower case keeps every index of the text where it was (toLowerCase may not). */
function lowerAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

function isHangul(char: string | undefined): boolean {
  return char !== undefined && HANGUL.test(char);
}

function isLatin(char: string | undefined): boolean {
  return char !== undefined && LATIN.test(char);
}

/**
 * Finds the food words of running text (recipe names, descriptions, steps, notes): every catalog name and
 * alias in Korean and English, and the allergen words of Korean labelling with their compounds. Korean is
 * read longest word first from each position (양파 is onion, not 파), a one-syllable word only where it
 * stands alone (맛있게 holds no 게); English by whole words with their plurals.
 */
export class MentionScanner {
  private readonly root: TrieNode = { children: new Map() };
  /** Scans of texts seen before: the engine writes the same steps for many profiles. */
  private readonly memo = new Map<string, readonly Mention[]>();

  constructor(catalog: Catalog) {
    for (const ingredient of catalog.all()) {
      for (const name of [ingredient.nameKo, ingredient.nameEn, ...ingredient.aliases]) {
        if (NOT_IN_RUNNING_TEXT.has(name.toLowerCase())) continue;
        // English plurals the endings -s/-es do not cover (perilla leaves).
        const forms = /^[a-z]/i.test(name) ? [name, englishPlural(name.toLowerCase())] : [name];
        for (const meaning of forms.flatMap((form) => this.meanings(form))) {
          meaning.ingredientIds.add(ingredient.id);
          for (const allergen of ingredient.allergens) meaning.allergens.add(allergen);
        }
      }
    }
    for (const key of ALLERGEN_KEYS) {
      for (const word of [...ALLERGEN_NAMES[key], ...ALLERGEN_TEXT_WORDS[key]]) {
        if (word.includes('_')) continue;
        for (const meaning of this.meanings(word)) meaning.allergens.add(key);
      }
    }
    for (const word of NOT_FOOD_WORDS) this.meanings(word);
  }

  /** The meaning of a word in each form it is written ("다진 마늘" is also "다진마늘"), created when new. */
  private meanings(word: string): Meaning[] {
    const form = lowerAscii(word.normalize('NFC').trim());
    const forms = HANGUL.test(form) && /\s/.test(form) ? [form, form.replace(/\s+/g, '')] : [form];
    return forms.map((text) => {
      let node = this.root;
      for (const char of text) {
        let next = node.children.get(char);
        if (next === undefined) {
          next = { children: new Map() };
          node.children.set(char, next);
        }
        node = next;
      }
      node.meaning ??= { ingredientIds: new Set(), allergens: new Set() };
      return node.meaning;
    });
  }

  /** Every food word of the text, in order; words that overlap are read once, longest first. */
  scan(input: string): readonly Mention[] {
    const known = this.memo.get(input);
    if (known !== undefined) return known;
    const text = input.normalize('NFC');
    const lower = lowerAscii(text);
    const mentions: Mention[] = [];
    let i = 0;
    while (i < lower.length) {
      const found = isHangul(lower[i]) || isLatin(lower[i]) ? this.matchAt(lower, i) : undefined;
      if (found === undefined) {
        i += 1;
        continue;
      }
      const { meaning, termEnd, wordEnd } = found;
      if (meaning.ingredientIds.size > 0 || meaning.allergens.size > 0) {
        mentions.push({
          start: i,
          end: termEnd,
          text: text.slice(i, termEnd),
          ingredientIds: [...meaning.ingredientIds],
          allergens: [...meaning.allergens],
        });
      }
      i = wordEnd;
    }
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(input, mentions);
    return mentions;
  }

  /** The longest term at `start` that stands as a word there, with where the word (plural included) ends. */
  private matchAt(lower: string, start: number): { meaning: Meaning; termEnd: number; wordEnd: number } | undefined {
    const ends: { node: TrieNode; end: number }[] = [];
    let node: TrieNode | undefined = this.root;
    for (let i = start; i < lower.length; i++) {
      node = node.children.get(lower[i]!);
      if (node === undefined) break;
      if (node.meaning !== undefined) ends.push({ node, end: i + 1 });
    }
    for (let k = ends.length - 1; k >= 0; k--) {
      const { node: terminal, end: termEnd } = ends[k]!;
      const wordEnd = isLatin(lower[start])
        ? englishWordEnd(lower, start, termEnd)
        : koreanWordEnd(lower, start, termEnd);
      if (wordEnd !== undefined) return { meaning: terminal.meaning!, termEnd, wordEnd };
    }
    return undefined;
  }
}

interface TrieNode {
  children: Map<string, TrieNode>;
  meaning?: Meaning;
}

const MEMO_LIMIT = 20_000;

/** An English term is a whole word, maybe with a plural ending (egg, eggs; tomato, tomatoes). */
function englishWordEnd(lower: string, start: number, termEnd: number): number | undefined {
  if (isLatin(lower[start - 1])) return undefined;
  for (const ending of ['es', 's', '']) {
    const end = termEnd + ending.length;
    if (lower.slice(termEnd, end) === ending && !isLatin(lower[end])) return end;
  }
  return undefined;
}

/**
 * A Korean term of two syllables or more is read wherever it stands (다진돼지고기, 달걀물); a single
 * syllable only at the start of a word and alone or with a particle (무를, 게 다리), or, for a stem that
 * starts compounds of the same food (닭볶음탕), at the start of a word.
 */
function koreanWordEnd(lower: string, start: number, termEnd: number): number | undefined {
  const term = lower.slice(start, termEnd);
  if (term.length >= 2) return termEnd;
  if (isHangul(lower[start - 1])) return undefined;
  if (KOREAN_PREFIX_STEMS.has(term) || !isHangul(lower[termEnd])) return termEnd;
  for (const particle of PARTICLES) {
    if (lower.startsWith(particle, termEnd) && !isHangul(lower[termEnd + particle.length])) return termEnd;
  }
  return undefined;
}

const scanners = new WeakMap<Catalog, MentionScanner>();

/** The scanner of a catalog, built once. */
export function mentionScanner(catalog: Catalog): MentionScanner {
  let scanner = scanners.get(catalog);
  if (scanner === undefined) {
    scanner = new MentionScanner(catalog);
    scanners.set(catalog, scanner);
  }
  return scanner;
}

import type { Language, RecipeIngredient } from '@ai-chef/contracts';
import { gramsFor, normalizeUnit, unitWeight } from '../amount.js';
import type { ParsedAmount } from '../amount.js';
import type { Ingredient } from '../ingredient-schema.js';

/** A line of a recipe as the engine adapts it: amounts per serving in the line's unit. */
export interface WorkLine {
  ingredient: Ingredient;
  /** The catalog id the library's templates name this line by (the original's, after a swap). */
  key: string;
  /** Amount per serving in `unit`; undefined for vague amounts (약간), which do not scale. */
  perServing: number | undefined;
  /** The library's words for a vague amount ("약간"). */
  vagueAmount: string;
  unit: string;
  fromFridge: boolean;
  role: 'main' | 'seasoning' | 'rice' | 'extra' | undefined;
}

const VAGUE: ParsedAmount = { value: 0, approximate: true, vague: true };

const units = new Map<string, ReturnType<typeof normalizeUnit>>();

/** normalizeUnit, remembered: the library uses a dozen spellings, looked up for every line of every call. */
export function unitOf(unit: string): ReturnType<typeof normalizeUnit> {
  if (!units.has(unit)) units.set(unit, normalizeUnit(unit));
  return units.get(unit);
}

/** Grams of a line per serving (0 for a vague amount). */
export function gramsPerServing(line: WorkLine): number {
  if (line.perServing === undefined) return 0;
  const perUnit = unitWeight(line.ingredient, unitOf(line.unit) ?? '');
  return perUnit === undefined ? 0 : line.perServing * perUnit;
}

/** What gramsFor gives for a plain number of a known unit (weight per unit × count, to 0.1 g), without re-parsing. */
function weigh(ingredient: Ingredient, value: number, unit: string): number {
  const canonical = unitOf(unit);
  const perUnit = canonical === undefined ? undefined : unitWeight(ingredient, canonical);
  if (perUnit === undefined) return gramsFor(ingredient, value, unit) ?? 0;
  return Math.round(perUnit * value * 10) / 10;
}

const FRACTIONS: readonly [number, string][] = [
  [0.125, '1/8'],
  [0.25, '1/4'],
  [0.5, '1/2'],
  [0.75, '3/4'],
];

interface Rounded {
  value: number;
  amount: string;
  unit: string;
}

function roundAmount(value: number, unit: string): Rounded {
  const canonical = unitOf(unit);
  if (canonical === 'kg' || canonical === 'L') {
    if (value < 1) return roundAmount(value * 1000, canonical === 'kg' ? 'g' : 'ml');
    const rounded = Math.round(value * 20) / 20;
    return { value: rounded, amount: String(rounded), unit };
  }
  if (canonical === 'g' || canonical === 'ml') {
    const rounded = value < 10 ? Math.max(0.5, Math.round(value * 2) / 2) : Math.round(value);
    return { value: rounded, amount: String(rounded), unit };
  }
  const step = value >= 10 ? 1 : value >= 4 ? 0.5 : value >= 0.25 ? 0.25 : 0.125;
  const rounded = Math.max(0.125, Math.round(value / step) * step);
  const whole = Math.floor(rounded);
  const fraction = FRACTIONS.find(([part]) => Math.abs(rounded - whole - part) < 1e-9)?.[1];
  if (fraction === undefined) return { value: rounded, amount: String(whole), unit };
  return { value: rounded, amount: whole === 0 ? fraction : `${whole} ${fraction}`, unit };
}

/** A cook's amount: whole grams and millilitres, quarters of spoons and pieces (an eighth at the least), halves past four. */
export function formatAmount(value: number, unit: string): { amount: string; unit: string } {
  const { amount, unit: written } = roundAmount(value, unit);
  return { amount, unit: written };
}

/** English spellings of the units amount.ts also reads; other units are written in grams. */
const ENGLISH_UNITS: Readonly<Record<string, string>> = {
  g: 'g',
  kg: 'kg',
  ml: 'ml',
  L: 'L',
  큰술: 'tbsp',
  작은술: 'tsp',
  컵: 'cup',
  모: 'block',
  대: 'stalk',
  쪽: 'clove',
  장: 'sheet',
  줌: 'handful',
  포기: 'head',
  봉지: 'bag',
  캔: 'can',
  팩: 'pack',
};

/** The ingredient list's line: the catalog's name in the language, the amount for the servings as a cook writes it. */
export function writeLine(line: WorkLine, servings: number, language: Language): RecipeIngredient {
  const { ingredient } = line;
  const name = language === 'en' ? ingredient.nameEn : ingredient.nameKo;
  if (line.perServing === undefined) {
    const grams = gramsFor(ingredient, VAGUE, line.unit) ?? 0;
    const amount = language === 'en' ? 'to taste' : line.vagueAmount;
    return { name, amount, unit: language === 'en' ? '' : line.unit, ingredientId: ingredient.id, grams };
  }
  const written = roundAmount(line.perServing * servings, line.unit);
  // Weighed from the rounded number, so the grams are those of the amount as written.
  const grams = weigh(ingredient, written.value, written.unit);
  if (language === 'ko')
    return { name, amount: written.amount, unit: written.unit, ingredientId: ingredient.id, grams };
  const canonical = unitOf(written.unit);
  if (canonical === '개' && ingredient.units['개'] !== undefined) {
    return { name, amount: written.amount, unit: '', ingredientId: ingredient.id, grams };
  }
  const english = canonical === undefined || canonical === '' ? undefined : ENGLISH_UNITS[canonical];
  if (english !== undefined)
    return { name, amount: written.amount, unit: english, ingredientId: ingredient.id, grams };
  const weighed = roundAmount(grams, 'g');
  return { name, amount: weighed.amount, unit: 'g', ingredientId: ingredient.id, grams: weighed.value };
}

import { BASIC_PANTRY } from './contract-values.js';
import type { AllergenKey, CookingLevel, Language, ProfileInput, Target } from '@ai-chef/contracts';
import type { MessageKey } from './i18n.js';
import { isAllergenKey } from './allergen-options.js';

export const TARGET_OPTIONS: readonly Target[] = [
  'keto',
  'diabetes',
  'diet',
  'baby_food',
  'fridge',
  'general',
];
export const COOKING_LEVEL_OPTIONS: readonly CookingLevel[] = ['beginner', 'intermediate', 'advanced'];
export const LANGUAGE_OPTIONS: readonly Language[] = ['ko', 'en'];
/** The basic pantry the form offers as boxes; water is owned whatever the pantry says, so it has none. */
export const PANTRY_OPTIONS: readonly string[] = BASIC_PANTRY.filter((id) => id !== 'water');

/** What the form holds, as typed: numbers stay text until they are checked. */
export interface ProfileDraft {
  target: Target;
  babyAgeMonths: string;
  allergies: AllergenKey[];
  otherAllergies: string;
  servings: string;
  budget: string;
  cookingLevel: CookingLevel;
  dislikes: string;
  diabetes: boolean;
  hypertension: boolean;
  otherHealth: string;
  /** The ticked staples of the basic pantry (PANTRY_OPTIONS); all of them by default. */
  pantry: string[];
  /** Other things at home, as typed (comma-separated). */
  pantryOther: string;
  language: Language;
}

export type DraftField =
  'babyAgeMonths' | 'servings' | 'budget' | 'allergies' | 'dislikes' | 'health' | 'pantry';

export type DraftCheck =
  { ok: true; profile: ProfileInput } | { ok: false; errors: { field: DraftField; message: MessageKey }[] };

export function defaultDraft(language: Language): ProfileDraft {
  return {
    target: 'general',
    babyAgeMonths: '',
    allergies: [],
    otherAllergies: '',
    servings: '2',
    budget: '30000',
    cookingLevel: 'beginner',
    dislikes: '',
    diabetes: false,
    hypertension: false,
    otherHealth: '',
    pantry: [...PANTRY_OPTIONS],
    pantryOther: '',
    language,
  };
}

/** Comma-, semicolon- or line-separated names, trimmed, each once. */
export function splitNames(text: string): string[] {
  const names = text
    .split(/[,，、;\n]/)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return [...new Set(names)];
}

/** A whole number written plainly ("30,000" and "30000" both count), or undefined. */
export function parseWhole(text: string): number | undefined {
  const plain = text.trim().replace(/[,\s]/g, '');
  return /^\d{1,7}$/.test(plain) ? Number(plain) : undefined;
}

/**
 * A budget in won as people write it: "30000", "30,000", "30,000원", "₩30,000", "30000 KRW", "3만",
 * "3만원", "3.5만", "3만 5천원", "5천". Undefined when it is not a whole number of won written so.
 */
export function parseBudget(text: string): number | undefined {
  const plain = text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/^(₩|krw)/, '')
    .replace(/(원|krw|won)$/, '')
    .replace(/\s/g, '');
  if (/^\d{1,7}$/.test(plain) || /^\d{1,3}(,\d{3}){1,2}$/.test(plain)) return Number(plain.replace(/,/g, ''));
  const spoken = /^(?:(\d{1,3}(?:\.\d{1,4})?)만)?(?:(\d)천)?$/.exec(plain);
  if (!spoken || (spoken[1] === undefined && spoken[2] === undefined)) return undefined;
  // Whole units of ten thousand and thousand, added in integers so "3.5만" is exactly 35,000.
  const [whole = '0', fraction = ''] = (spoken[1] ?? '0').split('.');
  const tenThousands = Number(whole) * 10_000 + Number(fraction.padEnd(4, '0'));
  return tenThousands + Number(spoken[2] ?? '0') * 1_000;
}

const within = (value: number | undefined, min: number, max: number): value is number =>
  value !== undefined && value >= min && value <= max;

/** Checks the draft as the API will, so most mistakes are caught before a request. */
export function draftToProfile(draft: ProfileDraft): DraftCheck {
  const errors: { field: DraftField; message: MessageKey }[] = [];
  const servings = parseWhole(draft.servings);
  const budget = parseBudget(draft.budget);
  const babyAge = parseWhole(draft.babyAgeMonths);
  if (!within(servings, 1, 12)) errors.push({ field: 'servings', message: 'error.servings' });
  if (budget === undefined) errors.push({ field: 'budget', message: 'error.budgetFormat' });
  else if (!within(budget, 1000, 1_000_000)) errors.push({ field: 'budget', message: 'error.budget' });
  if (draft.target === 'baby_food' && !within(babyAge, 4, 36))
    errors.push({ field: 'babyAgeMonths', message: 'error.babyAge' });

  const allergies = [...new Set([...draft.allergies, ...splitNames(draft.otherAllergies)])];
  const dislikes = splitNames(draft.dislikes);
  const health = [
    ...new Set([
      ...(draft.diabetes ? ['diabetes'] : []),
      ...(draft.hypertension ? ['hypertension'] : []),
      ...splitNames(draft.otherHealth),
    ]),
  ];
  const tooLong = (names: string[]): boolean => names.some((name) => name.length > 50);
  if (allergies.length > 20 || tooLong(allergies))
    errors.push({ field: 'allergies', message: 'error.allergies' });
  if (dislikes.length > 20 || tooLong(dislikes))
    errors.push({ field: 'dislikes', message: 'error.dislikes' });
  if (health.length > 10 || tooLong(health)) errors.push({ field: 'health', message: 'error.health' });
  const pantry = pantryOf(draft);
  if (pantry !== 'basic' && (pantry.length > 100 || tooLong(pantry)))
    errors.push({ field: 'pantry', message: 'error.pantry' });
  if (errors.length > 0 || servings === undefined || budget === undefined) return { ok: false, errors };

  const profile: ProfileInput = {
    target: draft.target,
    allergies,
    healthConditions: health,
    cookingLevel: draft.cookingLevel,
    budget,
    servings,
    dislikes,
    pantry,
    language: draft.language,
  };
  if (draft.target === 'baby_food' && babyAge !== undefined) profile.babyAgeMonths = babyAge;
  return { ok: true, profile };
}

/**
 * The profile's `pantry`: "basic" while every basic staple is ticked and nothing else is named; else the
 * ticked staples and the other names (an empty list: nothing at home but water).
 */
export function pantryOf(draft: Pick<ProfileDraft, 'pantry' | 'pantryOther'>): 'basic' | string[] {
  const ticked = PANTRY_OPTIONS.filter((id) => draft.pantry.includes(id));
  const others = splitNames(draft.pantryOther);
  if (ticked.length === PANTRY_OPTIONS.length && others.length === 0) return 'basic';
  return [...new Set([...ticked, ...others])];
}

const DRAFT_KEY = 'aiChefProfileDraft';

/** The draft survives a reload; anything stored that does not fit is replaced by the default. */
export function loadDraft(storage: Pick<Storage, 'getItem'>, language: Language): ProfileDraft {
  const fallback = defaultDraft(language);
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(DRAFT_KEY) ?? 'null');
  } catch {
    return fallback;
  }
  if (typeof raw !== 'object' || raw === null) return fallback;
  const stored = raw as Record<string, unknown>;
  const text = (key: keyof ProfileDraft): string =>
    typeof stored[key] === 'string' ? (stored[key] as string).slice(0, 2000) : (fallback[key] as string);
  const flag = (key: 'diabetes' | 'hypertension'): boolean => stored[key] === true;
  const oneOf = <T extends string>(value: unknown, options: readonly T[], otherwise: T): T =>
    options.find((option) => option === value) ?? otherwise;
  return {
    target: oneOf(stored.target, TARGET_OPTIONS, fallback.target),
    babyAgeMonths: text('babyAgeMonths'),
    allergies: Array.isArray(stored.allergies)
      ? stored.allergies.filter((a): a is AllergenKey => typeof a === 'string' && isAllergenKey(a))
      : [],
    otherAllergies: text('otherAllergies'),
    servings: text('servings'),
    budget: text('budget'),
    cookingLevel: oneOf(stored.cookingLevel, COOKING_LEVEL_OPTIONS, fallback.cookingLevel),
    dislikes: text('dislikes'),
    diabetes: flag('diabetes'),
    hypertension: flag('hypertension'),
    otherHealth: text('otherHealth'),
    pantry: Array.isArray(stored.pantry)
      ? PANTRY_OPTIONS.filter((id) => (stored.pantry as unknown[]).includes(id))
      : [...fallback.pantry],
    pantryOther: text('pantryOther'),
    language: oneOf(stored.language, LANGUAGE_OPTIONS, fallback.language),
  };
}

export function saveDraft(storage: Pick<Storage, 'setItem'>, draft: ProfileDraft): void {
  try {
    storage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the draft lasts for this page only.
  }
}

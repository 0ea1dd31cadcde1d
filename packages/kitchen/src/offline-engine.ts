import { josa } from 'es-hangul';
import { ALLERGEN_NAMES, allergenKeyFor } from '@ai-chef/contracts';
import type { Language, Nutrition, Profile, Recipe, RecipeIngredient, Target } from '@ai-chef/contracts';
import { gramsFor, normalizeUnit, parseAmount, unitWeight } from './amount.js';
import type { ParsedAmount } from './amount.js';
import { getCatalog } from './catalog.js';
import type { Catalog } from './catalog.js';
import type { Ingredient, IngredientCategory } from './ingredient-schema.js';
import { computeNutrition } from './nutrition.js';
import type { ComputedNutrition } from './nutrition.js';
import { getRecipeBase } from './recipe-base.js';
import type { BaseIngredient, BaseRecipe } from './recipe-base.js';
import {
  babyStageFor,
  brokenRules,
  checkRecipe,
  cookingLevelChecks,
  diabetesApplies,
  dislikeMatches,
  forbiddenTags,
  hypertensionApplies,
  resolveName,
  RULE_LIMITS,
} from './rules.js';
import type { BabyStage } from './rules.js';
import { substitutesFor } from './substitutions.js';

/** No recipe of the base can be adapted to pass the profile's rules; no retry can change that. */
export class NoRecipePossibleError extends Error {
  override readonly name = 'NoRecipePossibleError';
  readonly reasons: string[];

  constructor(reasons: string[]) {
    super(reasons.join(' '));
    this.reasons = reasons;
  }
}

export interface OfflineRecipe {
  recipe: Recipe;
  nutrition: Nutrition;
}

/** Grams per serving of a fridge item added to a dish, by shelf. */
const ADD_IN_GRAMS: Readonly<Record<IngredientCategory, number>> = {
  vegetable: 70,
  mushroom: 50,
  seaweed: 5,
  fruit: 80,
  meat: 80,
  poultry: 80,
  processed_meat: 40,
  fish: 80,
  seafood: 60,
  egg: 50,
  tofu_soy: 80,
  legume: 30,
  grain: 40,
  rice_cake: 60,
  noodle: 50,
  flour_bread: 30,
  dairy: 40,
  nut_seed: 10,
  sauce_paste: 10,
  seasoning: 2,
  oil_fat: 5,
  sweetener: 5,
  kimchi_pickle: 50,
  water_broth: 100,
};
/** Per serving: no extra brings more energy than this, and all extras together at most this sodium. */
const ADD_IN_MAX_KCAL = 200;
const ADD_IN_SODIUM_MG = { usual: 700, hypertension: 300 } as const;
/** The share of the carbohydrate left under the diabetes limit that extras may take (the rest is margin). */
const DIABETES_ROOM_SHARE = 0.8;
const STARCHY: readonly IngredientCategory[] = ['grain', 'noodle', 'rice_cake', 'flour_bread'];
/** At most this many fridge items join one dish; a dish built from the fridge takes one more. */
const MAX_ADD_INS = 3;
const MAX_TEMPLATE_ADD_INS = 4;
/** Salty seasonings are halved for hypertension before the sodium rule is checked. */
const HYPERTENSION_SALT_FACTOR = 0.5;

// ---------------------------------------------------------------------------------------------
// The base, resolved once per catalog.

interface PreparedLine {
  line: BaseIngredient;
  ingredient: Ingredient;
  /** Amount per serving in `unit`; undefined for vague amounts (약간), which do not scale. */
  perServing: number | undefined;
  unit: string;
}

interface PreparedRecipe {
  base: BaseRecipe;
  lines: PreparedLine[];
  /** Ids of the fridge items the dish never takes in. */
  excluded: ReadonlySet<string>;
}

interface PreparedBase {
  recipes: PreparedRecipe[];
  problems: string[];
}

const preparedByCatalog = new WeakMap<Catalog, PreparedBase>();

function prepare(catalog: Catalog): PreparedBase {
  const cached = preparedByCatalog.get(catalog);
  if (cached !== undefined) return cached;
  const recipes: PreparedRecipe[] = [];
  const problems: string[] = [];
  for (const base of getRecipeBase()) {
    const lines: PreparedLine[] = [];
    for (const line of base.ingredients) {
      const ingredient = catalog.resolve(line.name);
      const parsed = parseAmount(line.amount);
      if (ingredient === undefined) {
        problems.push(`${base.id}: unknown ingredient "${line.name}"`);
        continue;
      }
      const grams = parsed === undefined ? undefined : gramsFor(ingredient, parsed, line.unit);
      if (parsed === undefined || grams === undefined) {
        problems.push(`${base.id}: cannot weigh "${line.amount} ${line.unit}" of ${line.name}`);
        continue;
      }
      const unit = line.unit !== '' ? line.unit : (parsed.unit ?? '');
      lines.push({
        line,
        ingredient,
        perServing: parsed.vague ? undefined : parsed.value / base.baseServings,
        unit,
      });
    }
    const excluded = new Set<string>();
    for (const name of base.addIns?.exclude ?? []) {
      const ingredient = catalog.resolve(name);
      if (ingredient === undefined) problems.push(`${base.id}: unknown add-in exclusion "${name}"`);
      else excluded.add(ingredient.id);
    }
    if (lines.length === base.ingredients.length) recipes.push({ base, lines, excluded });
  }
  const result = { recipes, problems };
  preparedByCatalog.set(catalog, result);
  return result;
}

/** Recipe lines the catalog cannot resolve or weigh (empty when the bundled data agree). */
export function recipeBaseProblems(catalog: Catalog = getCatalog()): string[] {
  return [...prepare(catalog).problems];
}

// ---------------------------------------------------------------------------------------------
// Adapting one recipe to a profile.

interface Reason {
  ko: string;
  en: string;
}

interface WorkLine {
  ingredient: Ingredient;
  nameKo: string;
  perServing: number | undefined;
  vagueAmount: string;
  unit: string;
  fromFridge: boolean;
}

interface Adapted {
  base: BaseRecipe;
  lines: WorkLine[];
  notes: Reason[];
  substitutions: { fromKo: string; fromEn: string; to: Ingredient }[];
  dropped: number;
  /** Lines left out, as the steps name them: the steps mark them as skipped. */
  droppedNames: { ko: string; en: string }[];
  addIns: Ingredient[];
  /** Extras taken from a dish's fallback categories (yoghurt in a stir-fry): they count against it. */
  poorFits: number;
  saltReduced: boolean;
}

interface Rejection {
  kind: 'excluded' | 'rules';
  /** For 'rules', the broken rule names, each with a reason a person can read. */
  reasons: { rule: string; reason: string }[];
}

function forbiddenWhy(
  ingredient: Ingredient,
  profile: Profile,
  catalog: Catalog,
  forbidden: readonly string[],
): Reason | undefined {
  for (const entry of profile.allergies) {
    const key = allergenKeyFor(entry);
    if (key !== undefined && ingredient.allergens.includes(key)) {
      const ko = ALLERGEN_NAMES[key][0] ?? key;
      return { ko: `${ko} 알레르기`, en: `${key.replace('_', ' ')} allergy` };
    }
    if (entry === ingredient.id || (key === undefined && resolveName(catalog, entry)?.id === ingredient.id)) {
      return { ko: `${ingredient.nameKo} 알레르기`, en: `${ingredient.nameEn.toLowerCase()} allergy` };
    }
  }
  if (profile.dislikes.some((entry) => dislikeMatches(entry, ingredient, ingredient.id, catalog))) {
    return { ko: '싫어하는 재료', en: 'disliked' };
  }
  const tag = ingredient.tags.find((candidate) => forbidden.includes(candidate));
  if (tag === undefined) return undefined;
  if (profile.target === 'baby_food') {
    if (tag === 'whole_nut') return { ko: '36개월 전 통견과 금지', en: 'no whole nuts before 36 months' };
    if (tag === 'raw_only') return { ko: '아기에게 날것 금지', en: 'nothing raw for a baby' };
    return { ko: '12개월 전 소금·설탕·꿀 금지', en: 'no salt, sugar or honey before 12 months' };
  }
  return { ko: '첨가당 제한', en: 'no added sugar' };
}

function adapt(recipe: PreparedRecipe, profile: Profile, catalog: Catalog): Adapted | Rejection {
  const forbidden = forbiddenTags(profile);
  const why = (ingredient: Ingredient) => forbiddenWhy(ingredient, profile, catalog, forbidden);
  const acceptable = (ingredient: Ingredient) => why(ingredient) === undefined;
  const fridge = new Set(profile.fridgeIngredients);
  const isFridgeTarget = profile.target === 'fridge';
  const adapted: Adapted = {
    base: recipe.base,
    lines: [],
    notes: [],
    substitutions: [],
    dropped: 0,
    droppedNames: [],
    addIns: [],
    poorFits: 0,
    saltReduced: false,
  };
  const rejections: Rejection['reasons'] = [];
  const say = (reason: Reason) => (profile.language === 'en' ? reason.en : reason.ko);
  const inRecipe = new Set(recipe.lines.map((line) => line.ingredient.id));

  for (const prepared of recipe.lines) {
    const { line, ingredient } = prepared;
    const work: WorkLine = {
      ingredient,
      nameKo: line.name,
      perServing: prepared.perServing,
      vagueAmount: line.amount,
      unit: prepared.unit,
      fromFridge: fridge.has(ingredient.id),
    };
    const reason = why(ingredient);
    const droppable = line.optional === true || line.role === 'seasoning';
    if (reason !== undefined) {
      const options = line.role === 'main' ? [] : substitutesFor(ingredient, acceptable, catalog);
      // A substitute the dish already has would only double a line (간장 → 소금 next to the salt): a
      // droppable line is then left out. One already in the fridge is the better one (its rice flour
      // for the wheat flour).
      const fresh = options.filter((option) => !inRecipe.has(option.ingredient.id));
      const preferred =
        fresh.find((option) => fridge.has(option.ingredient.id)) ??
        fresh[0] ??
        (droppable ? undefined : options[0]);
      // Cooking from the fridge, an optional extra is better left out than bought in.
      const bought =
        preferred !== undefined && !preferred.ingredient.staple && !fridge.has(preferred.ingredient.id);
      const substitute = isFridgeTarget && line.optional === true && bought ? undefined : preferred;
      if (substitute !== undefined) {
        const swapped = swapLine(work, substitute.ingredient, substitute.ratio, fridge);
        adapted.lines.push(swapped);
        inRecipe.add(substitute.ingredient.id);
        adapted.substitutions.push({
          fromKo: line.name,
          fromEn: ingredient.nameEn,
          to: substitute.ingredient,
        });
        adapted.notes.push({
          ko: `${line.name} 대신 ${josa(substitute.ingredient.nameKo, '을/를')} 씁니다 (${reason.ko}).`,
          en: `${substitute.ingredient.nameEn} replaces ${ingredient.nameEn.toLowerCase()} (${reason.en}).`,
        });
      } else if (droppable) {
        adapted.dropped += 1;
        adapted.droppedNames.push({ ko: line.name, en: ingredient.nameEn });
        adapted.notes.push({
          ko: `${josa(line.name, '은/는')} 넣지 않습니다 (${reason.ko}).`,
          en: `Leave out the ${ingredient.nameEn.toLowerCase()} (${reason.en}).`,
        });
      } else {
        rejections.push({
          rule: 'excluded',
          reason: `${profile.language === 'en' ? ingredient.nameEn : line.name}: ${say(reason)}`,
        });
      }
      continue;
    }
    // From the fridge, optional extras the fridge lacks are left out: the dish leans on what is there.
    if (isFridgeTarget && line.optional === true && !ingredient.staple && !work.fromFridge) {
      adapted.dropped += 0.25;
      adapted.droppedNames.push({ ko: line.name, en: ingredient.nameEn });
      continue;
    }
    adapted.lines.push(work);
  }
  if (rejections.length > 0) return { kind: 'excluded', reasons: rejections };

  if (isFridgeTarget && recipe.base.addIns !== undefined) {
    const present = new Set(adapted.lines.map((line) => line.ingredient.id));
    const core: readonly string[] = recipe.base.addIns.categories;
    const fallback: readonly string[] = recipe.base.addIns.fallback ?? [];
    const limit = recipe.base.addIns.required === true ? MAX_TEMPLATE_ADD_INS : MAX_ADD_INS;
    // Items the dish suits come first; fallback ones only fill the places left.
    for (const categories of [core, fallback]) {
      for (const id of profile.fridgeIngredients) {
        if (adapted.addIns.length >= limit) break;
        const ingredient = catalog.get(id);
        if (ingredient === undefined || ingredient.staple || present.has(id) || recipe.excluded.has(id))
          continue;
        if (!categories.includes(ingredient.category) || !acceptable(ingredient)) continue;
        if (categories === fallback) adapted.poorFits += 1;
        present.add(id);
        adapted.addIns.push(ingredient);
      }
    }
    // Many extras share the plate: each takes a smaller portion. Starchy extras share one starch
    // portion; with diabetes the extras share what carbohydrate the dish leaves under the limit.
    const share = adapted.addIns.length > 3 ? 3 / adapted.addIns.length : 1;
    const starches = adapted.addIns.filter((ingredient) => STARCHY.includes(ingredient.category)).length;
    const starchShare = 1 / Math.max(1, starches);
    const count = Math.max(1, adapted.addIns.length);
    const caps: AddInCaps = {
      sodiumMg:
        (hypertensionApplies(profile) ? ADD_IN_SODIUM_MG.hypertension : ADD_IN_SODIUM_MG.usual) / count,
      carbohydrateG: diabetesApplies(profile)
        ? diabetesRoom(adapted.lines) / count
        : Number.POSITIVE_INFINITY,
    };
    for (const ingredient of adapted.addIns) {
      adapted.lines.push(
        addInLine(ingredient, STARCHY.includes(ingredient.category) ? share * starchShare : share, caps),
      );
    }
  }
  const usesFridge = adapted.lines.some((line) => line.fromFridge && !line.ingredient.staple);
  if (recipe.base.addIns?.required === true && !usesFridge) {
    const reason =
      profile.language === 'en'
        ? 'Nothing in the fridge fits this dish.'
        : '이 요리에 맞는 냉장고 재료가 없습니다.';
    return { kind: 'rules', reasons: [{ rule: 'fridge.add_ins', reason }] };
  }

  if (hypertensionApplies(profile)) {
    for (const line of adapted.lines) {
      if (
        line.perServing !== undefined &&
        line.ingredient.tags.some((tag) => tag === 'salt' || tag === 'salty_sauce')
      ) {
        line.perServing *= HYPERTENSION_SALT_FACTOR;
        adapted.saltReduced = true;
      }
    }
  }
  return adapted;
}

function swapLine(
  work: WorkLine,
  substitute: Ingredient,
  ratio: number,
  fridge: ReadonlySet<string>,
): WorkLine {
  const swapped: WorkLine = {
    ...work,
    ingredient: substitute,
    nameKo: substitute.nameKo,
    fromFridge: fridge.has(substitute.id),
  };
  if (work.perServing === undefined) return swapped;
  const unit = unitOf(work.unit) ?? '';
  const fromWeight = unitWeight(work.ingredient, unit);
  const toWeight = unitWeight(substitute, unit);
  if (fromWeight === undefined) return swapped;
  const grams = work.perServing * fromWeight * ratio;
  if (toWeight === undefined || work.unit === '') return { ...swapped, perServing: grams, unit: 'g' };
  // A little salt for a spoon of soy sauce reads better in teaspoons.
  const teaspoon = unitWeight(substitute, '작은술');
  if (unit === '큰술' && grams / toWeight < 0.5 && teaspoon !== undefined)
    return { ...swapped, perServing: grams / teaspoon, unit: '작은술' };
  return { ...swapped, perServing: grams / toWeight };
}

/** Carbohydrate per serving the dish's own lines leave under the diabetes limit, less a margin. */
function diabetesRoom(lines: readonly WorkLine[]): number {
  let carbohydrate = 0;
  for (const line of lines) {
    if (line.perServing === undefined) continue;
    const perUnit = unitWeight(line.ingredient, unitOf(line.unit) ?? '') ?? 0;
    carbohydrate += (line.perServing * perUnit * line.ingredient.per100g.carbohydrate) / 100;
  }
  return Math.max(0, (RULE_LIMITS.diabetes.carbohydrateMaxG - carbohydrate) * DIABETES_ROOM_SHARE);
}

interface AddInCaps {
  sodiumMg: number;
  carbohydrateG: number;
}

function addInLine(ingredient: Ingredient, share: number, caps: AddInCaps): WorkLine {
  // A portion by shelf, smaller for dense, salty or sweet things (황태채, 스팸, 건포도): at most
  // ADD_IN_MAX_KCAL, and within this extra's part of the sodium and carbohydrate caps.
  const { calories, sodium, carbohydrate } = ingredient.per100g;
  let grams = ADD_IN_GRAMS[ingredient.category] * share;
  if (calories > 0) grams = Math.min(grams, (ADD_IN_MAX_KCAL / calories) * 100);
  if (sodium > 0) grams = Math.min(grams, (caps.sodiumMg / sodium) * 100);
  if (carbohydrate > 0) grams = Math.min(grams, (caps.carbohydrateG / carbohydrate) * 100);
  const piece = ingredient.units['개'];
  // Counted when a piece is about a portion (an egg, a pepper); weighed otherwise (a cabbage).
  const counted = piece !== undefined && piece <= grams * 2 && piece >= grams / 4;
  return {
    ingredient,
    nameKo: ingredient.nameKo,
    perServing: counted ? grams / piece : grams,
    vagueAmount: '',
    unit: counted ? '개' : 'g',
    fromFridge: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Writing the adapted recipe out.

const VAGUE: ParsedAmount = { value: 0, approximate: true, vague: true };

const units = new Map<string, ReturnType<typeof normalizeUnit>>();

/** normalizeUnit, remembered: the base uses a dozen spellings, looked up for every line of every call. */
function unitOf(unit: string): ReturnType<typeof normalizeUnit> {
  if (!units.has(unit)) units.set(unit, normalizeUnit(unit));
  return units.get(unit);
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

function writeLine(line: WorkLine, servings: number, language: Language): RecipeIngredient {
  const { ingredient } = line;
  const name = language === 'en' ? ingredient.nameEn : line.nameKo;
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

const PARTICLES = '(으로|로|을|를|이|가|은|는|와|과)?';
/** A name ends where a particle or a non-Hangul character follows (감자를, 감자, but not 감자전분). */
const WORD_END = '(?=(?:으로|로|을|를|이|가|은|는|와|과|도|의|에|만)?(?![가-힣]))';
const PARTICLE_PAIRS: Readonly<Record<string, '으로/로' | '을/를' | '이/가' | '은/는' | '와/과'>> = {
  으로: '으로/로',
  로: '으로/로',
  을: '을/를',
  를: '을/를',
  이: '이/가',
  가: '이/가',
  은: '은/는',
  는: '은/는',
  와: '와/과',
  과: '와/과',
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const renamePatterns = new Map<string, RegExp>();

/** Renames an ingredient in Korean text and fixes the particle after it (달걀을 → 두부를). */
function renameKo(text: string, from: string, to: string): string {
  if (!text.includes(from)) return text;
  let pattern = renamePatterns.get(from);
  if (pattern === undefined) {
    pattern = new RegExp(`(?<![가-힣])${escapeRegExp(from)}${WORD_END}${PARTICLES}`, 'g');
    renamePatterns.set(from, pattern);
  }
  return text.replace(pattern, (_match, particle: string | undefined) => {
    const pair = particle === undefined ? undefined : PARTICLE_PAIRS[particle];
    return pair === undefined ? to : josa(to, pair);
  });
}

function renameEn(text: string, from: string, to: string): string {
  if (!text.toLowerCase().includes(from.toLowerCase())) return text;
  return text.replace(new RegExp(`\\b${escapeRegExp(from.toLowerCase())}\\b`, 'gi'), to.toLowerCase());
}

/** Marks a left-out ingredient where a step names it: 감자를 → 감자(생략)를. */
function markKo(text: string, name: string): string {
  if (!text.includes(name)) return text;
  return text.replace(new RegExp(`(?<![가-힣])${escapeRegExp(name)}${WORD_END}`, 'g'), `${name}(생략)`);
}

function markEn(text: string, name: string): string {
  if (!text.toLowerCase().includes(name.toLowerCase())) return text;
  return text.replace(new RegExp(`\\b(${escapeRegExp(name)})\\b`, 'gi'), '$1 (leave out)');
}

function joinEn(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** Texture advice per baby stage, so a recipe that suits two stages reads right for each. */
const STAGE_TEXTURE: Readonly<Record<BabyStage['key'], Reason>> = {
  puree: {
    ko: '곱게 갈아 체에 내린 묽은 퓨레로 먹입니다.',
    en: 'Blend and sieve it to a thin, smooth purée.',
  },
  mashed: { ko: '알갱이가 조금 남도록 으깬 형태로 먹입니다.', en: 'Serve it mashed, with small soft lumps.' },
  soft_pieces: {
    ko: '잇몸으로 으깰 수 있는 부드러운 작은 조각으로 먹입니다.',
    en: 'Serve soft small pieces the baby can squash with the gums.',
  },
  family_food: {
    ko: '어른 음식보다 싱겁게, 아이가 먹기 좋은 크기로 잘라 줍니다.',
    en: 'Serve it less salty than adult food, cut into child-sized pieces.',
  },
};

function write(adapted: Adapted, profile: Profile): Recipe {
  const en = profile.language === 'en';
  const base = adapted.base;
  let instructions = en ? [...base.instructionsEn] : [...base.instructionsKo];
  const names = adapted.addIns.map((ingredient) =>
    en ? ingredient.nameEn.toLowerCase() : ingredient.nameKo,
  );
  const joined = en ? joinEn(names) : names.join(', ');
  if (names.length === 0) {
    // The fridge item came in as a substitute, so there are no extras to prepare.
    instructions = instructions.filter((step) => !step.includes('{extra}'));
  } else if (instructions.some((step) => step.includes('{extra}'))) {
    instructions = instructions.map((step) =>
      en
        ? step.replaceAll('{extra}', joined)
        : step.replaceAll('{extra}을(를)', josa(joined, '을/를')).replaceAll('{extra}', joined),
    );
  } else {
    const step = en
      ? `Cut the ${joined} from the fridge into bites, add them and cook them through.`
      : `냉장고의 ${josa(joined, '을/를')} 한입 크기로 썰어 함께 넣고 완전히 익힙니다.`;
    instructions.splice(Math.max(0, instructions.length - 1), 0, step);
  }
  for (const swap of adapted.substitutions) {
    instructions = instructions.map((step) =>
      en ? renameEn(step, swap.fromEn, swap.to.nameEn) : renameKo(step, swap.fromKo, swap.to.nameKo),
    );
  }
  for (const name of adapted.droppedNames) {
    instructions = instructions.map((step) => (en ? markEn(step, name.en) : markKo(step, name.ko)));
  }

  const notes: string[] = [];
  if (profile.target === 'baby_food' && profile.babyAgeMonths !== undefined) {
    const stage = babyStageFor(profile.babyAgeMonths);
    const texture = STAGE_TEXTURE[stage.key];
    notes.push(en ? `${stage.en}: ${texture.en}` : `${stage.ko}: ${texture.ko}`);
  }
  const own = en ? base.targetNotesEn : base.targetNotesKo;
  if (own !== '') notes.push(own);
  for (const note of adapted.notes) notes.push(en ? note.en : note.ko);
  if (adapted.saltReduced) {
    notes.push(
      en
        ? 'Salty seasonings are halved for high blood pressure.'
        : '고혈압을 고려해 짠 양념을 절반으로 줄였습니다.',
    );
  }
  const fridgeNames = adapted.lines
    .filter((line) => line.fromFridge && !line.ingredient.staple)
    .map((line) => (en ? line.ingredient.nameEn.toLowerCase() : line.ingredient.nameKo));
  if (profile.target === 'fridge' && fridgeNames.length > 0) {
    notes.push(
      en
        ? `Uses ${fridgeNames.length} fridge ingredients: ${fridgeNames.join(', ')}.`
        : `냉장고 재료 ${fridgeNames.length}가지 사용: ${fridgeNames.join(', ')}.`,
    );
  }

  return {
    recipeName: en ? base.nameEn : base.nameKo,
    description: en ? base.descriptionEn : base.descriptionKo,
    cookingTime: base.cookingTime,
    difficulty: base.difficulty,
    servings: profile.servings,
    ingredients: adapted.lines.map((line) => writeLine(line, profile.servings, profile.language)),
    instructions,
    targetNotes: notes.join(' ').slice(0, 1000),
    language: profile.language,
  };
}

// ---------------------------------------------------------------------------------------------
// Choosing.

/** The reference cost of a recipe: catalog price per gram × grams, summed. */
export function referenceCost(recipe: Recipe, catalog: Catalog = getCatalog()): number {
  let cost = 0;
  for (const line of recipe.ingredients) {
    const ingredient = catalog.get(line.ingredientId);
    if (ingredient !== undefined)
      cost += (ingredient.referencePrice.price / ingredient.referencePrice.grams) * line.grams;
  }
  return Math.round(cost);
}

function score(adapted: Adapted, recipe: Recipe, cost: number, profile: Profile, catalog: Catalog): number {
  const fridge = new Set(profile.fridgeIngredients);
  const used = new Set(
    recipe.ingredients
      .filter((line) => fridge.has(line.ingredientId) && catalog.get(line.ingredientId)?.staple !== true)
      .map((line) => line.ingredientId),
  );
  let value = profile.target === 'fridge' ? used.size * 10 : used.size;
  if (adapted.base.targets[0] === profile.target) value += 2;
  if (adapted.base.side === true) value -= 2;
  if (profile.target === 'fridge' && adapted.base.addIns?.required !== true) value += 1;
  value -= adapted.substitutions.length + adapted.dropped * 1.5 + adapted.poorFits * 1.5;
  value += cost <= profile.budget ? 3 : -3 - cost / profile.budget;
  return value;
}

/** FNV-1a over the fields that shape a recipe: the same profile always gets the same pick. */
function profileHash(profile: Profile): number {
  const text = JSON.stringify([
    profile.target,
    profile.allergies,
    profile.healthConditions,
    profile.cookingLevel,
    profile.budget,
    profile.servings,
    profile.babyAgeMonths ?? null,
    profile.fridgeIngredients,
    profile.dislikes,
    profile.language,
  ]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function targetLabel(target: Target, language: Language): string {
  const ko: Record<Target, string> = {
    keto: '키토',
    baby_food: '이유식',
    diabetes: '당뇨',
    diet: '다이어트',
    fridge: '냉장고',
    general: '일반',
  };
  return language === 'en' ? target.replace('_', ' ') : ko[target];
}

function explain(rejections: Rejection[], total: number, profile: Profile): string[] {
  const en = profile.language === 'en';
  const label = targetLabel(profile.target, profile.language);
  if (total === 0) {
    return [
      en
        ? `The recipe base has no ${label} recipe for this profile.`
        : `이 조건에 맞는 ${label} 레시피가 없습니다.`,
    ];
  }
  const excluded = rejections.filter((rejection) => rejection.kind === 'excluded');
  const reasons: string[] = [];
  if (excluded.length === total) {
    reasons.push(
      en
        ? `Allergies and dislikes exclude every ${label} recipe (${total} tried).`
        : `알레르기와 싫어하는 재료 때문에 ${label} 레시피 ${total}가지를 모두 쓸 수 없습니다.`,
    );
  } else if (excluded.length > 0) {
    reasons.push(
      en
        ? `Allergies and dislikes exclude ${excluded.length} of ${total} ${label} recipes.`
        : `알레르기와 싫어하는 재료 때문에 ${label} 레시피 ${total}가지 중 ${excluded.length}가지를 쓸 수 없습니다.`,
    );
  }
  // Broken rules by how many recipes broke them, each with one recipe's reason as the example.
  const counts = new Map<string, { count: number; reason: string }>();
  for (const rejection of rejections) {
    if (rejection.kind !== 'rules') continue;
    for (const { rule, reason } of rejection.reasons) {
      const known = counts.get(rule);
      counts.set(rule, { count: (known?.count ?? 0) + 1, reason: known?.reason ?? reason });
    }
  }
  const common = [...counts.values()]
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
    .slice(0, 3);
  for (const { count, reason } of common) {
    reasons.push(
      en ? `${reason} (${count} of ${total} recipes)` : `${reason} (${total}가지 중 ${count}가지)`,
    );
  }
  const examples = excluded
    .flatMap((rejection) => rejection.reasons.map((entry) => entry.reason))
    .slice(0, 3);
  if (examples.length > 0) reasons.push((en ? 'For example: ' : '예: ') + [...new Set(examples)].join('; '));
  return reasons;
}

function suits(base: BaseRecipe, profile: Profile): boolean {
  if (!base.targets.includes(profile.target)) return false;
  if (profile.target !== 'baby_food') return true;
  if (profile.babyAgeMonths === undefined) return false;
  const stage = babyStageFor(profile.babyAgeMonths).key;
  return base.babyStages?.includes(stage) === true;
}

/** One recipe of the base adapted to a profile, with its nutrition and every check. */
export interface OfflineCandidate extends OfflineRecipe {
  recipeId: string;
  /** Higher is better: fridge items used, fit to the budget, fewer swaps. */
  score: number;
  /** Reference cost in KRW (catalog price per gram × grams). */
  cost: number;
}

type Attempt = { ok: true; candidate: OfflineCandidate } | { ok: false; rejection: Rejection };

function attempt(prepared: PreparedRecipe, profile: Profile, catalog: Catalog): Attempt {
  const adapted = adapt(prepared, profile, catalog);
  if ('kind' in adapted) return { ok: false, rejection: adapted };
  // Time and difficulty do not change with adapting: a dish too long for the cook fails before it is written.
  const level = brokenRules(cookingLevelChecks(prepared.base.cookingTime, prepared.base.difficulty, profile));
  if (level.length > 0) {
    return {
      ok: false,
      rejection: {
        kind: 'rules',
        reasons: level.map((check) => ({ rule: check.rule, reason: check.reason ?? check.rule })),
      },
    };
  }
  const { recipe, computed, cost } = writeOut(adapted, profile, catalog);
  const checks = checkRecipe(recipe, computed, profile, catalog);
  const broken = brokenRules(checks);
  if (broken.length > 0) {
    return {
      ok: false,
      rejection: {
        kind: 'rules',
        reasons: broken.map((check) => ({ rule: check.rule, reason: check.reason ?? check.rule })),
      },
    };
  }
  const candidate: OfflineCandidate = {
    recipeId: prepared.base.id,
    recipe,
    nutrition: { ...computed, checks },
    score: score(adapted, recipe, cost, profile, catalog),
    cost,
  };
  return { ok: true, candidate };
}

interface Written {
  recipe: Recipe;
  computed: ComputedNutrition;
  cost: number;
}

/**
 * Most candidates need no adapting beyond scaling: their text and nutrition depend only on the
 * servings, the language and the baby stage, so they are written once and kept (shared, never
 * handed out: callers get copies).
 */
const writtenCache = new WeakMap<Catalog, Map<string, Written>>();
const MAX_WRITTEN = 5000;

function writeOut(adapted: Adapted, profile: Profile, catalog: Catalog): Written {
  const plain =
    profile.target !== 'fridge' &&
    adapted.notes.length === 0 &&
    adapted.dropped === 0 &&
    adapted.addIns.length === 0 &&
    !adapted.saltReduced;
  const stage =
    profile.target === 'baby_food' && profile.babyAgeMonths !== undefined
      ? babyStageFor(profile.babyAgeMonths).key
      : '';
  const key = `${adapted.base.id}|${profile.servings}|${profile.language}|${stage}`;
  let cache = writtenCache.get(catalog);
  if (cache === undefined) {
    cache = new Map();
    writtenCache.set(catalog, cache);
  }
  const known = plain ? cache.get(key) : undefined;
  if (known !== undefined) return known;
  const recipe = write(adapted, profile);
  const computed = computeNutrition(
    recipe.ingredients.map(({ ingredientId, grams }) => ({ ingredientId, grams })),
    recipe.servings,
    catalog,
  );
  const written: Written = { recipe, computed, cost: referenceCost(recipe, catalog) };
  if (plain) {
    if (cache.size >= MAX_WRITTEN) cache.clear();
    cache.set(key, written);
  }
  return written;
}

/**
 * Every recipe of the base that, adapted to the profile, breaks no rule: best first. The target's
 * candidates are adapted (allergens and dislikes swapped or dropped, fridge items worked in, salt
 * halved for hypertension, scaled to the servings) and checked against every rule.
 */
export function offlineCandidates(profile: Profile, catalog: Catalog = getCatalog()): OfflineCandidate[] {
  return structuredClone(rank(profile, catalog).passing);
}

function rank(
  profile: Profile,
  catalog: Catalog,
): { passing: OfflineCandidate[]; rejections: Rejection[]; tried: number } {
  const pool = prepare(catalog).recipes.filter((recipe) => suits(recipe.base, profile));
  const passing: OfflineCandidate[] = [];
  const rejections: Rejection[] = [];
  for (const prepared of pool) {
    const result = attempt(prepared, profile, catalog);
    if (result.ok) passing.push(result.candidate);
    else rejections.push(result.rejection);
  }
  passing.sort((a, b) => b.score - a.score);
  return { passing, rejections, tried: pool.length };
}

/**
 * One named recipe of the base adapted to the profile, whether or not it passes (its checks tell);
 * undefined when the recipe is unknown or the profile rules it out before any check (an allergen in
 * a main ingredient, no fridge item for a dish made of the fridge).
 */
export function adaptBaseRecipe(
  recipeId: string,
  profile: Profile,
  catalog: Catalog = getCatalog(),
): OfflineRecipe | undefined {
  const prepared = prepare(catalog).recipes.find((recipe) => recipe.base.id === recipeId);
  if (prepared === undefined) return undefined;
  const adapted = adapt(prepared, profile, catalog);
  if ('kind' in adapted) return undefined;
  const recipe = write(adapted, profile);
  const computed = computeNutrition(
    recipe.ingredients.map(({ ingredientId, grams }) => ({ ingredientId, grams })),
    recipe.servings,
    catalog,
  );
  return { recipe, nutrition: { ...computed, checks: checkRecipe(recipe, computed, profile, catalog) } };
}

/**
 * Writes a recipe for the profile from the bundled base without any network: the best candidate that
 * breaks no rule (see offlineCandidates). Near-equal candidates take turns by a hash of the profile, so
 * different people get different dishes while the same profile always gets the same one. Throws
 * NoRecipePossibleError, with reasons a person can read, when no candidate passes.
 */
export function generateOfflineRecipe(profile: Profile, catalog: Catalog = getCatalog()): OfflineRecipe {
  const { passing, rejections, tried } = rank(profile, catalog);
  const best = passing[0];
  if (best === undefined) throw new NoRecipePossibleError(explain(rejections, tried, profile));
  const top = passing.filter((candidate) => candidate.score >= best.score - 0.5);
  const chosen = top[profileHash(profile) % top.length] ?? best;
  return structuredClone({ recipe: chosen.recipe, nutrition: chosen.nutrition });
}

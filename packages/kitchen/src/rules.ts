import { ALLERGEN_NAMES, allergenKeyFor } from '@ai-chef/contracts';
import type {
  AllergenKey,
  CookingLevel,
  Difficulty,
  Language,
  Nutrition,
  Profile,
  Recipe,
  RuleCheck,
} from '@ai-chef/contracts';
import { getCatalog } from './catalog.js';
import type { Catalog } from './catalog.js';
import { nameKey } from './ingredient-schema.js';
import type { Ingredient } from './ingredient-schema.js';

/** A baby-food stage by age; the stage must be named in the recipe's targetNotes. */
export interface BabyStage {
  key: 'puree' | 'mashed' | 'soft_pieces' | 'family_food';
  fromMonths: number;
  toMonths: number;
  ko: string;
  en: string;
  /** Words that name the stage's texture in a note, besides the month range. */
  words: readonly string[];
}

/** The limits of SPEC §3, per serving, in one place. */
export const RULE_LIMITS = {
  keto: { netCarbsMaxG: 5, fatMinPercent: 70, proteinMinPercent: 20, proteinMaxPercent: 30 },
  diabetes: { carbohydrateMaxG: 50 },
  diet: { caloriesMaxKcal: 500, proteinMinG: 20 },
  general: { caloriesMaxKcal: 800 },
  hypertension: { sodiumMaxMg: 800 },
  baby: {
    /** Before this age: no honey, no added salt, sugar or salty sauces. */
    noSeasoningBeforeMonths: 12,
    /** Before this age: no whole nuts (choking). */
    noWholeNutsBeforeMonths: 36,
    stages: [
      {
        key: 'puree',
        fromMonths: 4,
        toMonths: 6,
        ko: '4–6개월 (퓨레)',
        en: '4–6 months (purée)',
        words: ['퓨레', '미음', 'purée', 'puree'],
      },
      {
        key: 'mashed',
        fromMonths: 7,
        toMonths: 8,
        ko: '7–8개월 (으깬 형태)',
        en: '7–8 months (mashed)',
        words: ['으깬', 'mashed'],
      },
      {
        key: 'soft_pieces',
        fromMonths: 9,
        toMonths: 11,
        ko: '9–11개월 (부드러운 작은 조각)',
        en: '9–11 months (soft pieces)',
        words: ['부드러운 작은 조각', '무른 조각', 'soft pieces'],
      },
      {
        key: 'family_food',
        fromMonths: 12,
        toMonths: 36,
        ko: '12–36개월 (작은 가족식)',
        en: '12–36 months (small family food)',
        words: ['유아식', '가족식', 'family food'],
      },
    ] as const satisfies readonly BabyStage[],
  },
  fridge: { minSharePercent: 50, minCount: 2 },
  cookingLevel: {
    beginner: { maxMinutes: 30, difficulties: ['easy'] },
    intermediate: { maxMinutes: 60, difficulties: ['easy', 'medium'] },
    advanced: { maxMinutes: Number.POSITIVE_INFINITY, difficulties: ['easy', 'medium', 'hard'] },
  } satisfies Record<CookingLevel, { maxMinutes: number; difficulties: readonly Difficulty[] }>,
} as const;

export type BabyStageKey = BabyStage['key'];

/** The stage for an age in months (ages outside 4–36 clamp to the nearest stage). */
export function babyStageFor(ageMonths: number): BabyStage {
  const stages: readonly BabyStage[] = RULE_LIMITS.baby.stages;
  const found = stages.find((stage) => ageMonths <= stage.toMonths);
  return found ?? (stages[stages.length - 1] as BabyStage);
}

/** True when the note names the stage, by month range (4–6, 4-6, 4~6) or by its texture word. */
export function notesNameStage(notes: string, stage: BabyStage): boolean {
  const lower = notes.toLowerCase();
  const range = new RegExp(`(^|\\D)${stage.fromMonths}\\s*[–~-]\\s*${stage.toMonths}(\\D|$)`);
  return range.test(lower) || stage.words.some((word) => lower.includes(word.toLowerCase()));
}

const HEALTH_ALIASES = {
  diabetes: ['diabetes', '당뇨', '당뇨병', 'diabetic'],
  hypertension: ['hypertension', '고혈압', 'high blood pressure'],
} as const;

function hasCondition(profile: Profile, condition: keyof typeof HEALTH_ALIASES): boolean {
  const names: readonly string[] = HEALTH_ALIASES[condition];
  return profile.healthConditions.some((entry) => names.includes(entry.trim().toLowerCase()));
}

/** Whether the diabetes rules apply: the target, or a health condition naming it. */
export function diabetesApplies(profile: Profile): boolean {
  return profile.target === 'diabetes' || hasCondition(profile, 'diabetes');
}

export function hypertensionApplies(profile: Profile): boolean {
  return hasCondition(profile, 'hypertension');
}

/** The tags that make an ingredient an added sugar (honey counts: it is a sugar syrup). */
const ADDED_SUGAR_TAGS: readonly string[] = ['added_sugar', 'honey'];
const BABY_SEASONING_TAGS: readonly string[] = ['added_sugar', 'honey', 'salt', 'salty_sauce'];

interface Resolved {
  name: string;
  ingredient: Ingredient | undefined;
  id: string;
}

function hasTag(item: Resolved, tags: readonly string[]): boolean {
  const own: readonly string[] = item.ingredient?.tags ?? [];
  return own.some((tag) => tags.includes(tag));
}

const namesCache = new WeakMap<Ingredient, readonly string[]>();
const resolveCache = new WeakMap<Catalog, Map<string, Ingredient | null>>();

/** Every name a person may use for an ingredient, normalised (computed once per record). */
export function ingredientNames(ingredient: Ingredient): readonly string[] {
  let names = namesCache.get(ingredient);
  if (names === undefined) {
    names = [ingredient.id, ingredient.nameKo, ingredient.nameEn, ...ingredient.aliases].map(nameKey);
    namesCache.set(ingredient, names);
  }
  return names;
}

const keys = new Map<string, string>();

/** nameKey, remembered for the few entries a profile holds. */
function keyOf(text: string): string {
  let key = keys.get(text);
  if (key === undefined) {
    key = nameKey(text);
    if (keys.size > 10_000) keys.clear();
    keys.set(text, key);
  }
  return key;
}

/** catalog.resolve, remembered: the same allergy and dislike entries are looked up for every line. */
export function resolveName(catalog: Catalog, text: string): Ingredient | undefined {
  let known = resolveCache.get(catalog);
  if (known === undefined) {
    known = new Map();
    resolveCache.set(catalog, known);
  }
  let found = known.get(text);
  if (found === undefined) {
    found = catalog.resolve(text) ?? null;
    known.set(text, found);
  }
  return found ?? undefined;
}

/** The allergen keys an allergy entry stands for; an entry may also be an ingredient id. */
function allergyMatches(entry: string, item: Resolved, catalog: Catalog): boolean {
  const key = allergenKeyFor(entry);
  if (key !== undefined && (item.ingredient?.allergens ?? []).includes(key)) return true;
  if (item.id === entry) return true;
  if (key === undefined) {
    const named = resolveName(catalog, entry);
    if (named !== undefined && named.id === item.id) return true;
  }
  return false;
}

/** Dislikes are ids or free text; free text matches a whole name or alias, never a fragment (파 ≠ 양파). */
export function dislikeMatches(
  entry: string,
  ingredient: Ingredient | undefined,
  id: string,
  catalog: Catalog,
): boolean {
  if (entry === id) return true;
  if (ingredient === undefined) return false;
  if (ingredientNames(ingredient).includes(keyOf(entry))) return true;
  const named = resolveName(catalog, entry);
  return named !== undefined && named.id === id;
}

/** True when an ingredient must be avoided for the profile's allergies (hidden sources included) or dislikes. */
export function isExcluded(
  ingredient: Ingredient,
  profile: Profile,
  catalog: Catalog = getCatalog(),
): boolean {
  const item: Resolved = { name: ingredient.nameKo, ingredient, id: ingredient.id };
  return (
    profile.allergies.some((entry) => allergyMatches(entry, item, catalog)) ||
    profile.dislikes.some((entry) => dislikeMatches(entry, ingredient, ingredient.id, catalog))
  );
}

/** Tags the profile's rules forbid in every ingredient, so an engine can avoid them up front. */
export function forbiddenTags(profile: Profile): string[] {
  const tags = new Set<string>();
  if (diabetesApplies(profile)) ADDED_SUGAR_TAGS.forEach((tag) => tags.add(tag));
  if (profile.target === 'baby_food') {
    const age = profile.babyAgeMonths ?? 0;
    tags.add('raw_only');
    if (age < RULE_LIMITS.baby.noSeasoningBeforeMonths) BABY_SEASONING_TAGS.forEach((tag) => tags.add(tag));
    if (age < RULE_LIMITS.baby.noWholeNutsBeforeMonths) tags.add('whole_nut');
  }
  return [...tags];
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

type Say = (ko: string, en: string) => string;

function checker(language: Language): Say {
  return (ko, en) => (language === 'en' ? en : ko);
}

function namesOf(items: Resolved[], language: Language): string {
  return items
    .map((item) => (language === 'en' ? (item.ingredient?.nameEn ?? item.name) : item.name))
    .join(', ');
}

/**
 * Checks a resolved recipe against every rule that applies to the profile (SPEC §3) and returns
 * each with its numbers; a broken rule carries a reason a person can read.
 */
export function checkRecipe(
  recipe: Recipe,
  nutrition: Omit<Nutrition, 'checks'>,
  profile: Profile,
  catalog: Catalog = getCatalog(),
): RuleCheck[] {
  const say = checker(profile.language);
  const checks: RuleCheck[] = [];
  const per = nutrition.perServing;
  const items: Resolved[] = recipe.ingredients.map((line) => ({
    name: line.name,
    ingredient: catalog.get(line.ingredientId),
    id: line.ingredientId,
  }));
  const add = (
    rule: string,
    limit: number | string,
    value: number | string,
    unit: string,
    ok: boolean,
    reason: string,
  ): void => {
    checks.push(ok ? { rule, limit, value, unit, ok } : { rule, limit, value, unit, ok, reason });
  };
  const maxCheck = (
    rule: string,
    limit: number,
    value: number,
    unit: string,
    ko: string,
    en: string,
  ): void => {
    add(
      rule,
      limit,
      round1(value),
      unit,
      value <= limit,
      say(
        `${ko}: 1인분 ${round1(value)}${unit}로 한도 ${limit}${unit}를 넘습니다.`,
        `${en}: ${round1(value)} ${unit} per serving is over the limit of ${limit} ${unit}.`,
      ),
    );
  };
  const minCheck = (
    rule: string,
    limit: number,
    value: number,
    unit: string,
    ko: string,
    en: string,
  ): void => {
    add(
      rule,
      limit,
      round1(value),
      unit,
      value >= limit,
      say(
        `${ko}: 1인분 ${round1(value)}${unit}로 최소 ${limit}${unit}에 못 미칩니다.`,
        `${en}: ${round1(value)} ${unit} per serving is under the minimum of ${limit} ${unit}.`,
      ),
    );
  };
  const tagCheck = (rule: string, found: Resolved[], ko: string, en: string): void => {
    add(
      rule,
      0,
      found.length,
      'ingredients',
      found.length === 0,
      say(`${ko}: ${namesOf(found, 'ko')}`, `${en}: ${namesOf(found, 'en')}`),
    );
  };

  const limits = RULE_LIMITS;
  switch (profile.target) {
    case 'keto': {
      const split = nutrition.energySplit;
      // energySplit holds fractions of the energy; the rule speaks in percent.
      const fat = split.fat * 100;
      const protein = split.protein * 100;
      maxCheck(
        'keto.net_carbs',
        limits.keto.netCarbsMaxG,
        per.netCarbs,
        'g',
        '키토 순탄수화물',
        'Keto net carbs',
      );
      add(
        'keto.fat_share',
        limits.keto.fatMinPercent,
        round1(fat),
        '% energy',
        fat >= limits.keto.fatMinPercent,
        say(
          `키토: 지방이 열량의 ${round1(fat)}%로 최소 ${limits.keto.fatMinPercent}%에 못 미칩니다.`,
          `Keto: fat gives ${round1(fat)}% of the energy, under the minimum of ${limits.keto.fatMinPercent}%.`,
        ),
      );
      const { proteinMinPercent: lo, proteinMaxPercent: hi } = limits.keto;
      add(
        'keto.protein_share',
        `${lo}–${hi}`,
        round1(protein),
        '% energy',
        protein >= lo && protein <= hi,
        say(
          `키토: 단백질이 열량의 ${round1(protein)}%로 ${lo}–${hi}% 범위를 벗어납니다.`,
          `Keto: protein gives ${round1(protein)}% of the energy, outside ${lo}–${hi}%.`,
        ),
      );
      break;
    }
    case 'diet':
      maxCheck(
        'diet.calories',
        limits.diet.caloriesMaxKcal,
        per.calories,
        'kcal',
        '다이어트 열량',
        'Diet energy',
      );
      minCheck('diet.protein', limits.diet.proteinMinG, per.protein, 'g', '다이어트 단백질', 'Diet protein');
      break;
    case 'general':
      maxCheck('general.calories', limits.general.caloriesMaxKcal, per.calories, 'kcal', '열량', 'Energy');
      break;
    case 'baby_food':
      checkBaby(recipe, items, profile, add, say, tagCheck);
      break;
    case 'fridge':
      checkFridge(items, profile, catalog, add, say);
      break;
    case 'diabetes':
      break;
  }

  if (diabetesApplies(profile)) {
    maxCheck(
      'diabetes.carbohydrate',
      limits.diabetes.carbohydrateMaxG,
      per.carbohydrate,
      'g',
      '당뇨 탄수화물',
      'Diabetes total carbohydrate',
    );
    tagCheck(
      'diabetes.added_sugar',
      items.filter((item) => hasTag(item, ADDED_SUGAR_TAGS)),
      '당뇨: 첨가당이 들어 있습니다',
      'Diabetes: contains added sugar',
    );
  }
  if (hypertensionApplies(profile)) {
    maxCheck(
      'hypertension.sodium',
      limits.hypertension.sodiumMaxMg,
      per.sodium,
      'mg',
      '고혈압 나트륨',
      'Hypertension sodium',
    );
  }

  for (const entry of profile.allergies) {
    const found = items.filter((item) => allergyMatches(entry, item, catalog));
    const label = allergyLabel(entry, catalog, profile.language);
    tagCheck(
      `allergy.${entry}`,
      found,
      `알레르기(${label}) 재료가 들어 있습니다`,
      `Contains an allergen (${label})`,
    );
  }
  for (const entry of profile.dislikes) {
    const found = items.filter((item) => dislikeMatches(entry, item.ingredient, item.id, catalog));
    tagCheck(
      `dislike.${entry}`,
      found,
      `싫어하는 재료(${entry})가 들어 있습니다`,
      `Contains a disliked ingredient (${entry})`,
    );
  }

  checks.push(...cookingLevelChecks(recipe.cookingTime, recipe.difficulty, profile));
  return checks;
}

function allergyLabel(entry: string, catalog: Catalog, language: Language): string {
  const key: AllergenKey | undefined = allergenKeyFor(entry);
  if (key !== undefined) return language === 'en' ? key.replace('_', ' ') : (ALLERGEN_NAMES[key][0] ?? key);
  const ingredient = catalog.get(entry) ?? resolveName(catalog, entry);
  if (ingredient === undefined) return entry;
  return language === 'en' ? ingredient.nameEn : ingredient.nameKo;
}

type Add = (
  rule: string,
  limit: number | string,
  value: number | string,
  unit: string,
  ok: boolean,
  reason: string,
) => void;
type TagCheck = (rule: string, found: Resolved[], ko: string, en: string) => void;

function checkBaby(
  recipe: Recipe,
  items: Resolved[],
  profile: Profile,
  add: Add,
  say: Say,
  tagCheck: TagCheck,
): void {
  const age = profile.babyAgeMonths;
  if (age === undefined) {
    add(
      'baby.age',
      '4–36',
      'missing',
      'months',
      false,
      say('이유식에는 아기 개월 수가 필요합니다.', 'Baby food needs the baby’s age in months.'),
    );
    return;
  }
  const stage = babyStageFor(age);
  const label = say(stage.ko, stage.en);
  const named = notesNameStage(recipe.targetNotes, stage);
  add(
    'baby.stage',
    label,
    named ? 'named' : 'not named',
    'target notes',
    named,
    say(
      `이유식 단계(${stage.ko})가 메모에 적혀 있지 않습니다.`,
      `The target notes do not name the baby-food stage (${stage.en}).`,
    ),
  );
  const { noSeasoningBeforeMonths, noWholeNutsBeforeMonths } = RULE_LIMITS.baby;
  if (age < noSeasoningBeforeMonths) {
    tagCheck(
      'baby.honey',
      items.filter((item) => hasTag(item, ['honey'])),
      '12개월 전 아기에게 꿀은 안 됩니다',
      'No honey before 12 months',
    );
    tagCheck(
      'baby.seasoning',
      items.filter((item) => hasTag(item, BABY_SEASONING_TAGS) && !hasTag(item, ['honey'])),
      '12개월 전 아기에게 소금·설탕·짠 양념은 안 됩니다',
      'No added salt, sugar or salty sauces before 12 months',
    );
  }
  if (age < noWholeNutsBeforeMonths) {
    tagCheck(
      'baby.whole_nuts',
      items.filter((item) => hasTag(item, ['whole_nut'])),
      '36개월 전 아기에게 통견과는 안 됩니다',
      'No whole nuts before 36 months',
    );
  }
  tagCheck(
    'baby.raw',
    items.filter((item) => hasTag(item, ['raw_only'])),
    '아기에게 날 생선·고기·달걀은 안 됩니다',
    'No raw fish, meat or egg for a baby',
  );
}

function checkFridge(items: Resolved[], profile: Profile, catalog: Catalog, add: Add, say: Say): void {
  const fridge = new Set(profile.fridgeIngredients);
  // Staples (salt, oil, soy sauce ...) are in every pantry: the rule is about the main ingredients.
  // Fridge items the profile may not eat (allergy, dislike, a forbidden tag) cannot be asked for.
  const forbidden = forbiddenTags(profile);
  const mainFridge = [...fridge].filter((id) => {
    const ingredient = catalog.get(id);
    if (ingredient === undefined) return false;
    if (ingredient.staple || ingredient.tags.some((tag) => forbidden.includes(tag))) return false;
    return !isExcluded(ingredient, profile, catalog);
  });
  const mains = [...new Set(items.filter((item) => item.ingredient?.staple !== true).map((item) => item.id))];
  const fromFridge = mains.filter((id) => fridge.has(id));
  const { minSharePercent, minCount } = RULE_LIMITS.fridge;
  const required = Math.min(minCount, mainFridge.length);
  add(
    'fridge.count',
    required,
    fromFridge.length,
    'ingredients',
    fromFridge.length >= required,
    say(
      `냉장고 재료를 ${required}가지 이상 써야 하는데 ${fromFridge.length}가지만 씁니다.`,
      `At least ${required} fridge ingredients are needed; the recipe uses ${fromFridge.length}.`,
    ),
  );
  if (mainFridge.length === 0) return;
  const share = mains.length === 0 ? 0 : (fromFridge.length / mains.length) * 100;
  add(
    'fridge.share',
    `>${minSharePercent}`,
    round1(share),
    '% of main ingredients',
    share > minSharePercent,
    say(
      `주재료 ${mains.length}가지 중 냉장고 재료가 ${fromFridge.length}가지로 절반을 넘지 않습니다.`,
      `Only ${fromFridge.length} of ${mains.length} main ingredients come from the fridge; more than half must.`,
    ),
  );
}

/** The cooking-level rules alone: they need only the time and difficulty, so an engine can ask first. */
export function cookingLevelChecks(
  cookingTime: number,
  difficulty: Difficulty,
  profile: Pick<Profile, 'cookingLevel' | 'language'>,
): RuleCheck[] {
  const say = checker(profile.language);
  const level = RULE_LIMITS.cookingLevel[profile.cookingLevel];
  const levelKo = { beginner: '초급', intermediate: '중급', advanced: '고급' }[profile.cookingLevel];
  const difficulties: readonly Difficulty[] = level.difficulties;
  const checks: RuleCheck[] = [];
  const add = (
    rule: string,
    limit: number | string,
    value: number | string,
    unit: string,
    ok: boolean,
    reason: string,
  ): void => {
    checks.push(ok ? { rule, limit, value, unit, ok } : { rule, limit, value, unit, ok, reason });
  };
  add(
    'cooking_level.time',
    Number.isFinite(level.maxMinutes) ? level.maxMinutes : 'any',
    cookingTime,
    'min',
    cookingTime <= level.maxMinutes,
    say(
      `${levelKo} 요리 수준에는 ${level.maxMinutes}분 이내여야 하는데 ${cookingTime}분 걸립니다.`,
      `A ${profile.cookingLevel} cook needs at most ${level.maxMinutes} minutes; this takes ${cookingTime}.`,
    ),
  );
  add(
    'cooking_level.difficulty',
    difficulties.join('|'),
    difficulty,
    'level',
    difficulties.includes(difficulty),
    say(
      `${levelKo} 요리 수준에는 난이도 ${difficulties.join('/')}만 맞는데 이 요리는 ${difficulty}입니다.`,
      `A ${profile.cookingLevel} cook needs difficulty ${difficulties.join('/')}; this is ${difficulty}.`,
    ),
  );
  return checks;
}

/** The rules a recipe breaks. */
export function brokenRules(checks: readonly RuleCheck[]): RuleCheck[] {
  return checks.filter((check) => !check.ok);
}

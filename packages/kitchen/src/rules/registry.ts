import { HEALTH_CONDITION_KEYS } from '@ai-chef/contracts';
import type {
  HealthConditionKey,
  Language,
  Notice,
  Nutrients,
  Profile,
  Recipe,
  RuleCheck,
  Target,
} from '@ai-chef/contracts';
import type { Catalog } from '../catalog.js';
import type { Ingredient, IngredientTag } from '../ingredient-schema.js';
import type { ComputedNutrition } from '../nutrition.js';
import { allergies, allergyEntry, allergyExcludes, allergyLabel } from './common/allergy.js';
import { cookingLevel } from './common/cooking-level.js';
import { dislikeEntry, dislikeExcludes, dislikes } from './common/dislike.js';
import { DEFAULT_RICE_MAX_G, meal } from './common/meal.js';
import { recipeText } from './common/recipe-text.js';
import { DEFAULT_SODIUM_MAX_MG, sodium } from './common/sodium.js';
import { DIABETES_LIMITS, diabetesCondition } from './conditions/diabetes.js';
import { hypertension } from './conditions/hypertension.js';
import { kidneyDisease } from './conditions/kidney-disease.js';
import { pregnancy } from './conditions/pregnancy.js';
import { recogniseCondition } from './conditions/recognise.js';
import { evaluateRules } from './evaluate.js';
import { recipeFacts } from './recipe-facts.js';
import type {
  ConditionModule,
  DailyRule,
  Label,
  ProfileLimits,
  ProfileNotice,
  RuleContext,
  RuleModule,
  RuleSpec,
  TargetModule,
} from './rule-spec.js';
import { babyFood } from './targets/baby-food.js';
import { diabetes } from './targets/diabetes.js';
import { diet } from './targets/diet.js';
import { fridge } from './targets/fridge.js';
import { general } from './targets/general.js';
import { keto } from './targets/keto.js';

/** Every diet target, by its id: rules, prompts, the engine, the API docs and the web page read this. */
export const TARGET_MODULES: Readonly<Record<Target, TargetModule>> = {
  keto,
  baby_food: babyFood,
  diabetes,
  diet,
  fridge,
  general,
};

/** Every health condition the rules act on, by its key. */
export const CONDITION_MODULES: Readonly<Record<HealthConditionKey, ConditionModule>> = {
  diabetes: diabetesCondition,
  hypertension,
  kidney_disease: kidneyDisease,
  pregnancy,
};

/** Rules every recipe meets, whatever the target. */
const COMMON_MODULES: readonly RuleModule[] = [allergies, dislikes, cookingLevel, meal, sodium, recipeText];

const CONDITIONS = HEALTH_CONDITION_KEYS.map((key) => CONDITION_MODULES[key]);

/** What the registry makes of one profile: the modules that apply and the limits they agree on. */
export interface ProfileRules {
  target: TargetModule;
  /** Conditions whose rules apply. */
  conditions: ConditionModule[];
  /** Adult conditions on a baby-food profile: recognised, told, not applied. */
  notApplied: ConditionModule[];
  /** Health conditions as written that name none of ours. */
  unrecognised: string[];
  context: RuleContext;
  rules: RuleSpec[];
  /** Why an ingredient is ruled out (worked out on first use). */
  exclusionReason?: (ingredient: Ingredient) => Label | undefined;
}

/** The condition keys a profile's health conditions name (stored keys, or words as older profiles hold them). */
export function conditionsNamed(healthConditions: readonly string[]): {
  keys: HealthConditionKey[];
  unrecognised: string[];
} {
  const keys = new Set<HealthConditionKey>();
  const unrecognised: string[] = [];
  for (const entry of healthConditions) {
    const found = recogniseCondition(entry, CONDITIONS);
    if (found.length === 0) unrecognised.push(entry);
    found.forEach((key) => keys.add(key));
  }
  return { keys: HEALTH_CONDITION_KEYS.filter((key) => keys.has(key)), unrecognised };
}

const cache = new WeakMap<Catalog, WeakMap<Profile, ProfileRules>>();

/** The modules, limits and rules of a profile, worked out once per profile object. */
export function profileRules(profile: Profile, catalog: Catalog): ProfileRules {
  let byProfile = cache.get(catalog);
  if (byProfile === undefined) {
    byProfile = new WeakMap();
    cache.set(catalog, byProfile);
  }
  const known = byProfile.get(profile);
  if (known !== undefined) return known;

  const target = TARGET_MODULES[profile.target];
  const { keys, unrecognised } = conditionsNamed(profile.healthConditions);
  const named = keys.map((key) => CONDITION_MODULES[key]);
  const baby = profile.target === 'baby_food';
  const conditions = named.filter((module) => !baby || module.forBabyFood);
  const notApplied = named.filter((module) => baby && !module.forBabyFood);
  const own: RuleModule[] = [target, ...conditions];

  const tags = new Set<IngredientTag>(own.flatMap((module) => module.forbiddenTags?.(profile) ?? []));
  const allergyEntries = profile.allergies.map((entry) => allergyEntry(entry, catalog));
  const dislikeEntries = profile.dislikes.map((entry) => dislikeEntry(entry, catalog));
  const excluded = (ingredient: Ingredient): boolean =>
    ingredient.tags.some((tag) => tags.has(tag)) ||
    allergyEntries.some((entry) => allergyExcludes(entry, ingredient)) ||
    dislikeEntries.some((entry) => dislikeExcludes(entry, ingredient));
  const lowest = (values: (number | undefined)[], fallback: number): number =>
    Math.min(fallback, ...values.filter((value): value is number => value !== undefined));
  const limits: ProfileLimits = {
    sodiumMg: lowest(own.map((module) => module.sodiumLimitMg?.(profile)), DEFAULT_SODIUM_MAX_MG),
    riceMaxG: lowest(own.map((module) => module.riceLimitGrams?.(profile)), DEFAULT_RICE_MAX_G),
    mealMinKcal: target.mealMinKcal,
    withRice: target.withRice,
  };
  const context: RuleContext = { catalog, excluded, limits };

  const rules: RuleSpec[] = [];
  const ids = new Set<string>();
  for (const module of [...own, ...COMMON_MODULES]) {
    for (const rule of module.rules?.(profile, context) ?? []) {
      if (ids.has(rule.id)) continue;
      ids.add(rule.id);
      rules.push(rule);
    }
  }
  const result: ProfileRules = { target, conditions, notApplied, unrecognised, context, rules };
  byProfile.set(profile, result);
  return result;
}

/** Every rule that applies to the profile, checked against the recipe, each with its numbers. */
export function checkRecipeRules(
  recipe: Recipe,
  nutrition: ComputedNutrition,
  profile: Profile,
  catalog: Catalog,
): RuleCheck[] {
  return evaluateRules(profileRules(profile, catalog).rules, recipeFacts(recipe, nutrition, profile, catalog));
}

/**
 * The profile's numeric rules alone (limits, minimums and ranges: nutrition, time, counts of lines): they
 * need no text, so an engine can rule a dish out on them before it writes the dish's words.
 */
export function checkNumericRules(
  recipe: Recipe,
  nutrition: ComputedNutrition,
  profile: Profile,
  catalog: Catalog,
): RuleCheck[] {
  const numeric = profileRules(profile, catalog).rules.filter((rule) => rule.kind !== 'none');
  return evaluateRules(numeric, recipeFacts(recipe, nutrition, profile, catalog));
}

/** The limits on one day of a meal plan of `meals` meals a day, from every module that applies. */
export function dailyRulesFor(profile: Profile, meals: number, catalog: Catalog): DailyRule[] {
  const { target, conditions, context } = profileRules(profile, catalog);
  const rules: DailyRule[] = [];
  for (const module of [target, ...conditions, ...COMMON_MODULES]) {
    for (const rule of module.dailyRules?.(profile, meals, context) ?? []) {
      if (!rules.some((known) => known.id === rule.id)) rules.push(rule);
    }
  }
  return rules;
}

/** A day's total per serving checked against the day's limits, each check with its numbers. */
export function checkDay(dayPerServing: Nutrients, profile: Profile, meals: number, catalog: Catalog): RuleCheck[] {
  const limits: RuleSpec[] = dailyRulesFor(profile, meals, catalog).map((rule) => ({
    id: rule.id,
    kind: rule.kind,
    label: rule.label,
    limit: rule.limit,
    unit: rule.unit,
    measure: (facts) => facts.nutrition.perServing[rule.nutrient],
  }));
  const day: Recipe = {
    recipeName: '',
    description: '',
    cookingTime: 0,
    difficulty: 'easy',
    servings: profile.servings,
    ingredients: [],
    instructions: [],
    targetNotes: '',
    language: profile.language,
  };
  const nutrition: ComputedNutrition = {
    perServing: dayPerServing,
    total: dayPerServing,
    energySplit: { carbohydrate: 0, protein: 0, fat: 0 },
  };
  return evaluateRules(limits, recipeFacts(day, nutrition, profile, catalog));
}

/** Whether the profile rules an ingredient out: an allergen (hidden sources included), a dislike or a forbidden tag. */
export function excludedFor(profile: Profile, catalog: Catalog): (ingredient: Ingredient) => boolean {
  return profileRules(profile, catalog).context.excluded;
}

/** Why a forbidden tag rules an ingredient out, as a swap's notice says it. */
const TAG_REASONS: Partial<Record<IngredientTag, Label>> = {
  added_sugar: { ko: '첨가당 제한', en: 'no added sugar' },
  honey: { ko: '꿀 제한', en: 'no honey' },
  salt: { ko: '12개월 전 소금 금지', en: 'no salt before 12 months' },
  salty_sauce: { ko: '12개월 전 짠 양념 금지', en: 'no salty sauce before 12 months' },
  whole_nut: { ko: '36개월 전 통견과 금지', en: 'no whole nuts before 36 months' },
  raw_only: { ko: '날것 금지', en: 'nothing raw' },
  alcohol: { ko: '임신 중 술 금지', en: 'no alcohol in pregnancy' },
};

/**
 * Why the profile rules an ingredient out (an allergy, a dislike, a forbidden tag), in words for the
 * notice that tells what replaced it; undefined when it does not.
 */
export function exclusionReason(profile: Profile, catalog: Catalog): (ingredient: Ingredient) => Label | undefined {
  const rules = profileRules(profile, catalog);
  rules.exclusionReason ??= reasonsFor(profile, catalog, rules);
  return rules.exclusionReason;
}

function reasonsFor(profile: Profile, catalog: Catalog, rules: ProfileRules): (ingredient: Ingredient) => Label | undefined {
  const { target, conditions } = rules;
  const tags = new Set<IngredientTag>(
    [target, ...conditions].flatMap((module) => module.forbiddenTags?.(profile) ?? []),
  );
  const allergyEntries = profile.allergies.map((entry) => allergyEntry(entry, catalog));
  const dislikeEntries = profile.dislikes.map((entry) => dislikeEntry(entry, catalog));
  return (ingredient) => {
    const allergy = allergyEntries.find((entry) => allergyExcludes(entry, ingredient));
    if (allergy !== undefined) {
      const name = allergyLabel(allergy, catalog);
      return { ko: `${name.ko} 알레르기`, en: `${name.en} allergy` };
    }
    if (dislikeEntries.some((entry) => dislikeExcludes(entry, ingredient)))
      return { ko: '싫어하는 재료', en: 'disliked' };
    const tag = ingredient.tags.find((candidate) => tags.has(candidate));
    return tag === undefined ? undefined : (TAG_REASONS[tag] ?? { ko: tag, en: tag });
  };
}

/** The model's instructions for the profile: our words, catalog names and numbers, nothing a person typed. */
export function promptRuleLines(profile: Profile, language: Language, catalog: Catalog): string[] {
  const { target, conditions, context } = profileRules(profile, catalog);
  return [target, ...conditions, ...COMMON_MODULES].flatMap(
    (module) => module.promptLines?.(profile, language, context) ?? [],
  );
}

const MEDICAL_DISCLAIMER: Label = {
  ko: '이 레시피는 일반적인 식단 기준으로 점검한 것이며 의료 조언이 아닙니다. 질환이나 아기의 식사는 담당 의사·영양사와 상의하세요.',
  en: 'This recipe is checked against general dietary limits and is not medical advice. For a health condition or a baby’s diet, ask your doctor or dietitian.',
};

function notice(code: Notice['code'], message: Label, language: Language): Notice {
  return { code, message: message[language] };
}

/**
 * What the person should know about their profile and the served recipe's nutrition:
 * the medical disclaimer, words we did not recognise, adult conditions not applied to baby food, the
 * modules' own notices (solids before 6 months), and very low carbohydrate with diabetes.
 */
export function profileNotices(profile: Profile, catalog: Catalog, perServing?: Nutrients): Notice[] {
  const { target, conditions, notApplied, unrecognised } = profileRules(profile, catalog);
  const language = profile.language;
  const notices: Notice[] = [];
  const own: ProfileNotice[] = [target, ...conditions].flatMap((module) => module.notices?.(profile) ?? []);
  notices.push(...own.map((entry) => notice(entry.code, entry.message, language)));
  for (const words of unrecognised) {
    notices.push(
      notice(
        'unrecognised_health_condition',
        {
          ko: `"${words}"은(는) 저희가 아는 건강 상태(당뇨, 고혈압, 신장질환, 임신)가 아니어서 레시피에 반영하지 못했습니다.`,
          en: `"${words}" is not a condition we know (diabetes, high blood pressure, kidney disease, pregnancy), so the recipe does not account for it.`,
        },
        language,
      ),
    );
  }
  if (notApplied.length > 0) {
    const names = notApplied.map((module) => module.label[language]).join(', ');
    notices.push(
      notice(
        'condition_not_applied',
        {
          ko: `이유식에는 어른 기준인 ${names} 식단 제한을 적용하지 않았습니다. 아기에게 질환이 있다면 소아청소년과 의사와 상의하세요.`,
          en: `The adult limits for ${names} are not applied to baby food. If your baby has a condition, ask your paediatrician.`,
        },
        language,
      ),
    );
  }
  const diabetic = profile.target === 'diabetes' || conditions.includes(diabetesCondition);
  if (
    diabetic &&
    perServing !== undefined &&
    (profile.target === 'keto' || perServing.carbohydrate < DIABETES_LIMITS.lowCarbNoticeBelowG)
  ) {
    notices.push(
      notice(
        'low_carb_with_diabetes',
        {
          ko: '탄수화물이 아주 적은 식사입니다. 인슐린이나 혈당강하제를 쓴다면 저혈당이 올 수 있으니 의사와 상의하세요.',
          en: 'This meal is very low in carbohydrate. With insulin or glucose-lowering drugs it can cause low blood sugar: ask your doctor.',
        },
        language,
      ),
    );
  }
  if (diabetic || conditions.length > 0 || notApplied.length > 0 || profile.target === 'baby_food') {
    notices.push(notice('medical_disclaimer', MEDICAL_DISCLAIMER, language));
  }
  return notices;
}

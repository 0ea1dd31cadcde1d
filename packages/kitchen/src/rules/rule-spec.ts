import type { HealthConditionKey, Language, NoticeCode, Nutrients, Profile, Target } from '@ai-chef/contracts';
import type { Catalog } from '../catalog.js';
import type { Ingredient, IngredientTag } from '../ingredient-schema.js';
import type { RecipeFacts } from './recipe-facts.js';
import { inSentence } from '../text/words.js';

/** A text in both languages of the product. */
export interface Label {
  readonly ko: string;
  readonly en: string;
}

interface RuleBase {
  /** `<target or condition>.<rule>` (keto.net_carbs), or a common rule's own id (sodium, allergy.egg). */
  readonly id: string;
  /** What the rule is about, as a person reads it ("순탄수화물", "net carbs"). */
  readonly label: Label;
}

/** A number per serving that must stay at most (max) or at least (min) the limit. */
export interface LimitRule extends RuleBase {
  readonly kind: 'max' | 'min';
  readonly limit: number;
  readonly unit: string;
  measure(facts: RecipeFacts): number;
  /** The words for a value on an ordinal scale (difficulty); numbers are shown as they are otherwise. */
  readonly scale?: readonly Label[];
}

/** A number per serving that must stay within [low, high]. */
export interface RangeRule extends RuleBase {
  readonly kind: 'range';
  readonly limit: readonly [number, number];
  readonly unit: string;
  measure(facts: RecipeFacts): number;
}

/** A forbidden thing: the check counts what it finds, and passes when it finds nothing. */
export interface ForbidRule extends RuleBase {
  readonly kind: 'none';
  /** What breaks the rule, named in both languages (one entry per thing found). */
  find(facts: RecipeFacts): Label[];
}

export type RuleSpec = LimitRule | RangeRule | ForbidRule;

/** A limit on one day of a meal plan: the day's total per serving, over `meals` meals. */
export interface DailyRule {
  readonly id: string;
  readonly kind: 'max' | 'min';
  readonly label: Label;
  readonly limit: number;
  readonly unit: string;
  readonly nutrient: keyof Nutrients;
}

/** A notice a profile earns whatever the recipe (medical_disclaimer, solids_before_6_months, ...). */
export interface ProfileNotice {
  readonly code: NoticeCode;
  readonly message: Label;
}

/** The limits every module of a profile agrees on: the lowest that applies. */
export interface ProfileLimits {
  sodiumMg: number;
  riceMaxG: number;
  mealMinKcal: number | null;
  /** Whether the target's dishes may be eaten with rice. */
  withRice: boolean;
}

/** What a module may read when it declares its rules. */
export interface RuleContext {
  catalog: Catalog;
  /** Whether the profile rules an ingredient out (allergy, dislike or a forbidden tag). */
  excluded(ingredient: Ingredient): boolean;
  limits: ProfileLimits;
}

/**
 * What a diet target, a health condition or a rule every recipe meets contributes for a profile. Each
 * part is optional; the registry asks every module that applies and combines the answers.
 */
export interface RuleModule {
  /** The rules this module declares for the profile. */
  rules?(profile: Profile, context: RuleContext): RuleSpec[];
  /** Ingredient tags this module forbids outright, so an engine can leave them out up front. */
  forbiddenTags?(profile: Profile): IngredientTag[];
  /** The most sodium per serving this module allows (mg); the sodium rule takes the lowest that applies. */
  sodiumLimitMg?(profile: Profile): number | undefined;
  /** The most cooked rice per serving (g) a dish eaten with rice may list. */
  riceLimitGrams?(profile: Profile): number | undefined;
  /** Limits on a day's total per serving in a meal plan of `meals` meals a day. */
  dailyRules?(profile: Profile, meals: number, context: RuleContext): DailyRule[];
  /** Lines of the model's instructions, in the prompt's language: our words and numbers only. */
  promptLines?(profile: Profile, language: Language, context: RuleContext): string[];
  notices?(profile: Profile): ProfileNotice[];
}

/** One diet target (docs/contract.md, The profile): its own rules and words. */
export interface TargetModule extends RuleModule {
  readonly id: Target;
  readonly label: Label;
  /** Its limits in a few words, for the form and the API docs ("순탄수 5 g 이하, 지방 70 % 이상"). */
  readonly summary: Label;
  /** Who the model writes as. */
  readonly role: Label;
  /** The least energy a serving must give to be a meal (null: no such rule, e.g. baby food). */
  readonly mealMinKcal: number | null;
  /** Whether the target's dishes may be eaten with rice (keto dishes are complete without it). */
  readonly withRice: boolean;
}

/** One health condition (docs/contract.md, The profile): how people name it and what it adds. */
export interface ConditionModule extends RuleModule {
  readonly key: HealthConditionKey;
  readonly label: Label;
  /** Words that name the condition, matched as substrings ignoring case, spaces and hyphens. */
  readonly keywords: readonly string[];
  /** An adult condition is not applied to baby food (its limits are for adults); the person is told. */
  readonly forBabyFood: boolean;
}

export function say(label: Label, language: Language): string {
  return label[language];
}

/** Ingredient names in a language, for a rule's findings. */
export function ingredientLabel(ingredient: Ingredient): Label {
  return { ko: ingredient.nameKo, en: inSentence(ingredient.nameEn) };
}

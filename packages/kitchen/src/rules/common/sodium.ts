import type { RuleModule } from '../rule-spec.js';

/** Sodium per serving where no target or condition asks for less. */
export const DEFAULT_SODIUM_MAX_MG = 1000;

/** A day's sodium per serving in a meal plan (docs/contract.md, Meal plans): 1,600 mg where a condition lowers it. */
export const DAILY_SODIUM_MAX_MG = { usual: 2000, lowered: 1600 } as const;

/** One sodium rule whose limit is the lowest that applies to the profile. */
export const sodium: RuleModule = {
  rules: (_profile, context) => [
    {
      id: 'sodium',
      kind: 'max',
      label: { ko: '나트륨', en: 'sodium' },
      limit: context.limits.sodiumMg,
      unit: 'mg',
      measure: (facts) => facts.nutrition.perServing.sodium,
    },
  ],
  dailyRules: (_profile, meals, context) => [
    {
      id: 'day.sodium',
      kind: 'max',
      label: { ko: '하루 나트륨', en: 'sodium of the day' },
      // A meal's limit below the usual one (a condition, a toddler) lowers the day's too.
      limit: Math.min(
        context.limits.sodiumMg < DEFAULT_SODIUM_MAX_MG ? DAILY_SODIUM_MAX_MG.lowered : DAILY_SODIUM_MAX_MG.usual,
        context.limits.sodiumMg * meals,
      ),
      unit: 'mg',
      nutrient: 'sodium',
    },
  ],
  promptLines: (_profile, language, context) => [
    language === 'ko'
      ? `1인분 나트륨 ${context.limits.sodiumMg}mg 이하: 국물은 싱겁게, 장과 소금은 적게`
      : `at most ${context.limits.sodiumMg} mg sodium per serving: a light broth, little salt and salty sauce`,
  ],
};

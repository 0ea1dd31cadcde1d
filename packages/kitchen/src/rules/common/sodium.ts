import type { RuleModule } from '../rule-spec.js';

/** Sodium per serving where no target or condition asks for less (SPEC §3). */
export const DEFAULT_SODIUM_MAX_MG = 1000;

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
  promptLines: (_profile, language, context) => [
    language === 'ko'
      ? `1인분 나트륨 ${context.limits.sodiumMg}mg 이하: 국물은 싱겁게, 장과 소금은 적게`
      : `at most ${context.limits.sodiumMg} mg sodium per serving: a light broth, little salt and salty sauce`,
  ],
};

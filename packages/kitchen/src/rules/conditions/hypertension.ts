import type { ConditionModule } from '../rule-spec.js';

export const HYPERTENSION_LIMITS = { sodiumMaxMg: 800 } as const;

export const hypertension: ConditionModule = {
  key: 'hypertension',
  label: { ko: '고혈압', en: 'high blood pressure' },
  keywords: ['고혈압', 'hypertension', 'highbloodpressure', 'highbp'],
  forBabyFood: false,
  sodiumLimitMg: () => HYPERTENSION_LIMITS.sodiumMaxMg,
  promptLines: (_profile, language) =>
    language === 'ko'
      ? [`고혈압: 1인분 나트륨 ${HYPERTENSION_LIMITS.sodiumMaxMg}mg 이하, 짠 양념과 젓갈·장아찌는 적게`]
      : [`high blood pressure: at most ${HYPERTENSION_LIMITS.sodiumMaxMg} mg sodium per serving; little salty sauce, no salted seafood`],
};

import { DIABETES_LIMITS, diabetesCondition } from '../conditions/diabetes.js';
import type { TargetModule } from '../rule-spec.js';

/** The diabetes target: the diabetes condition's rules as the whole diet. */
export const diabetes: TargetModule = {
  id: 'diabetes',
  label: { ko: '당뇨', en: 'diabetes' },
  summary: {
    ko: `탄수화물 ${DIABETES_LIMITS.carbohydrateMaxG} g 이하, 첨가당 없음`,
    en: `carbohydrate ≤ ${DIABETES_LIMITS.carbohydrateMaxG} g, no added sugar`,
  },
  role: { ko: '당뇨 식단 전문 임상영양사', en: 'a clinical dietitian who cooks for people with diabetes' },
  mealMinKcal: 350,
  withRice: true,
  rules: diabetesCondition.rules,
  forbiddenTags: diabetesCondition.forbiddenTags,
  riceLimitGrams: diabetesCondition.riceLimitGrams,
  dailyRules: diabetesCondition.dailyRules,
  promptLines: diabetesCondition.promptLines,
};

import type { TargetModule } from '../rule-spec.js';

export const GENERAL_LIMITS = { caloriesMaxKcal: 800 } as const;

export const general: TargetModule = {
  id: 'general',
  label: { ko: '일반', en: 'general' },
  summary: { ko: `${GENERAL_LIMITS.caloriesMaxKcal} kcal 이하`, en: `≤ ${GENERAL_LIMITS.caloriesMaxKcal} kcal` },
  role: { ko: '균형 잡힌 가정식을 만드는 셰프', en: 'a chef who writes balanced home cooking' },
  mealMinKcal: 350,
  withRice: true,
  rules: () => [
    {
      id: 'general.calories',
      kind: 'max',
      label: { ko: '열량', en: 'energy' },
      limit: GENERAL_LIMITS.caloriesMaxKcal,
      unit: 'kcal',
      measure: (facts) => facts.nutrition.perServing.calories,
    },
  ],
  promptLines: (_profile, language) =>
    language === 'ko'
      ? [`1인분 ${GENERAL_LIMITS.caloriesMaxKcal}kcal 이하의 균형 잡힌 한 끼`]
      : [`a balanced meal of at most ${GENERAL_LIMITS.caloriesMaxKcal} kcal per serving`],
};

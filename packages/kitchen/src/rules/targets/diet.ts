import type { TargetModule } from '../rule-spec.js';

export const DIET_LIMITS = { caloriesMaxKcal: 500, proteinMinG: 20, riceMaxG: 140 } as const;

export const diet: TargetModule = {
  id: 'diet',
  label: { ko: '다이어트', en: 'weight loss' },
  summary: {
    ko: `${DIET_LIMITS.caloriesMaxKcal} kcal 이하, 단백질 ${DIET_LIMITS.proteinMinG} g 이상`,
    en: `≤ ${DIET_LIMITS.caloriesMaxKcal} kcal, protein ≥ ${DIET_LIMITS.proteinMinG} g`,
  },
  role: { ko: '체중 감량 식단 전문 영양사', en: 'a dietitian who writes weight-loss meals' },
  mealMinKcal: 250,
  withRice: true,
  riceLimitGrams: () => DIET_LIMITS.riceMaxG,
  dailyRules: (_profile, meals) => [
    {
      id: 'day.diet.calories',
      kind: 'max',
      label: { ko: '하루 열량', en: 'energy of the day' },
      limit: DIET_LIMITS.caloriesMaxKcal * meals,
      unit: 'kcal',
      nutrient: 'calories',
    },
    {
      id: 'day.diet.protein',
      kind: 'min',
      label: { ko: '하루 단백질', en: 'protein of the day' },
      limit: DIET_LIMITS.proteinMinG * meals,
      unit: 'g',
      nutrient: 'protein',
    },
  ],
  rules: () => [
    {
      id: 'diet.calories',
      kind: 'max',
      label: { ko: '열량', en: 'energy' },
      limit: DIET_LIMITS.caloriesMaxKcal,
      unit: 'kcal',
      measure: (facts) => facts.nutrition.perServing.calories,
    },
    {
      id: 'diet.protein',
      kind: 'min',
      label: { ko: '단백질', en: 'protein' },
      limit: DIET_LIMITS.proteinMinG,
      unit: 'g',
      measure: (facts) => facts.nutrition.perServing.protein,
    },
  ],
  promptLines: (_profile, language) =>
    language === 'ko'
      ? [
          `1인분 ${DIET_LIMITS.caloriesMaxKcal}kcal 이하, 단백질 ${DIET_LIMITS.proteinMinG}g 이상`,
          '튀김과 기름진 양념을 줄이고 채소와 살코기를 넉넉히',
        ]
      : [
          `at most ${DIET_LIMITS.caloriesMaxKcal} kcal and at least ${DIET_LIMITS.proteinMinG} g of protein per serving`,
          'little frying or oily sauce; plenty of vegetables and lean protein',
        ],
};

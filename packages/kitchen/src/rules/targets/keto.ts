import type { TargetModule } from '../rule-spec.js';

/** Seed 001's keto rules, per serving. */
export const KETO_LIMITS = { netCarbsMaxG: 5, fatMinPercent: 70, proteinPercent: [20, 30], dailyNetCarbsMaxG: 20 } as const;

export const keto: TargetModule = {
  id: 'keto',
  label: { ko: '키토', en: 'keto' },
  summary: {
    ko: `순탄수 ${KETO_LIMITS.netCarbsMaxG} g 이하, 지방 ${KETO_LIMITS.fatMinPercent} % 이상`,
    en: `net carbs ≤ ${KETO_LIMITS.netCarbsMaxG} g, fat ≥ ${KETO_LIMITS.fatMinPercent} %`,
  },
  role: { ko: '케토제닉 식단 전문 영양사', en: 'a dietitian who specialises in ketogenic diets' },
  mealMinKcal: 350,
  withRice: false,
  dailyRules: () => [
    {
      id: 'day.keto.net_carbs',
      kind: 'max',
      label: { ko: '하루 순탄수화물', en: 'net carbs of the day' },
      limit: KETO_LIMITS.dailyNetCarbsMaxG,
      unit: 'g',
      nutrient: 'netCarbs',
    },
  ],
  rules: () => [
    {
      id: 'keto.net_carbs',
      kind: 'max',
      label: { ko: '순탄수화물', en: 'net carbs' },
      limit: KETO_LIMITS.netCarbsMaxG,
      unit: 'g',
      measure: (facts) => facts.nutrition.perServing.netCarbs,
    },
    {
      id: 'keto.fat_share',
      kind: 'min',
      label: { ko: '지방 열량 비율', en: 'fat share of the energy' },
      limit: KETO_LIMITS.fatMinPercent,
      unit: '% energy',
      measure: (facts) => facts.nutrition.energySplit.fat * 100,
    },
    {
      id: 'keto.protein_share',
      kind: 'range',
      label: { ko: '단백질 열량 비율', en: 'protein share of the energy' },
      limit: KETO_LIMITS.proteinPercent,
      unit: '% energy',
      measure: (facts) => facts.nutrition.energySplit.protein * 100,
    },
  ],
  promptLines: (_profile, language) =>
    language === 'ko'
      ? [
          `1인분 순탄수화물(탄수화물 − 식이섬유) ${KETO_LIMITS.netCarbsMaxG}g 이하`,
          `에너지의 ${KETO_LIMITS.fatMinPercent}% 이상을 지방에서, 단백질은 ${KETO_LIMITS.proteinPercent[0]}~${KETO_LIMITS.proteinPercent[1]}%`,
          '곡류, 밥, 면, 빵, 감자·고구마 같은 전분 채소, 설탕과 대부분의 과일은 쓰지 마세요. 밥 없이 한 끼가 되는 요리로 쓰세요',
        ]
      : [
          `net carbohydrate (carbohydrate minus fibre) at most ${KETO_LIMITS.netCarbsMaxG} g per serving`,
          `at least ${KETO_LIMITS.fatMinPercent} % of the energy from fat, protein ${KETO_LIMITS.proteinPercent[0]}–${KETO_LIMITS.proteinPercent[1]} %`,
          'no grains, rice, noodles, bread, starchy vegetables such as potato or sweet potato, no sugar and almost no fruit; a complete meal without rice',
        ],
};

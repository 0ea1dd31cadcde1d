import type { ConditionModule } from '../rule-spec.js';

/** Per serving, for chronic kidney disease; a renal dietitian sets a person's own limits. */
export const KIDNEY_LIMITS = { potassiumMaxMg: 700, phosphorusMaxMg: 300, sodiumMaxMg: 800 } as const;

export const kidneyDisease: ConditionModule = {
  key: 'kidney_disease',
  label: { ko: '신장질환', en: 'kidney disease' },
  keywords: ['신장질환', '신장병', '콩팥병', '신부전', 'ckd', 'kidneydisease', 'renaldisease', 'kidneyfailure'],
  forBabyFood: false,
  sodiumLimitMg: () => KIDNEY_LIMITS.sodiumMaxMg,
  rules: () => [
    {
      id: 'kidney.potassium',
      kind: 'max',
      label: { ko: '칼륨', en: 'potassium' },
      limit: KIDNEY_LIMITS.potassiumMaxMg,
      unit: 'mg',
      measure: (facts) => facts.nutrition.perServing.potassium,
    },
    {
      id: 'kidney.phosphorus',
      kind: 'max',
      label: { ko: '인', en: 'phosphorus' },
      limit: KIDNEY_LIMITS.phosphorusMaxMg,
      unit: 'mg',
      measure: (facts) => facts.nutrition.perServing.phosphorus,
    },
  ],
  promptLines: (_profile, language) =>
    language === 'ko'
      ? [
          `신장질환: 1인분 칼륨 ${KIDNEY_LIMITS.potassiumMaxMg}mg, 인 ${KIDNEY_LIMITS.phosphorusMaxMg}mg, 나트륨 ${KIDNEY_LIMITS.sodiumMaxMg}mg 이하`,
          '감자·시금치·바나나·토마토 같은 칼륨이 많은 재료와 유제품·가공육을 피하고 채소는 데쳐서',
        ]
      : [
          `kidney disease: at most ${KIDNEY_LIMITS.potassiumMaxMg} mg potassium, ${KIDNEY_LIMITS.phosphorusMaxMg} mg phosphorus and ${KIDNEY_LIMITS.sodiumMaxMg} mg sodium per serving`,
          'avoid potassium-rich foods (potato, spinach, banana, tomato), dairy and processed meat; blanch vegetables',
        ],
};

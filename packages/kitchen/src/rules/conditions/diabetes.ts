import type { IngredientTag } from '../../ingredient-schema.js';
import { findForbidden } from '../recipe-facts.js';
import type { ConditionModule, RuleSpec } from '../rule-spec.js';

export const DIABETES_LIMITS = {
  carbohydrateMaxG: 50,
  riceMaxG: 140,
  /** Below this carbohydrate per serving (or on keto) a person on glucose-lowering drugs should be told. */
  lowCarbNoticeBelowG: 20,
} as const;

/** Added sugars (sugar, syrups, honey, 물엿, 올리고당): honey counts, it is a sugar syrup. */
const ADDED_SUGAR_TAGS: readonly IngredientTag[] = ['added_sugar', 'honey'];

const rules: RuleSpec[] = [
  {
    id: 'diabetes.carbohydrate',
    kind: 'max',
    label: { ko: '탄수화물', en: 'total carbohydrate' },
    limit: DIABETES_LIMITS.carbohydrateMaxG,
    unit: 'g',
    measure: (facts) => facts.nutrition.perServing.carbohydrate,
  },
  {
    id: 'diabetes.added_sugar',
    kind: 'none',
    label: { ko: '첨가당', en: 'added sugar' },
    find: (facts) =>
      findForbidden(facts, { ingredient: (item) => item.tags.some((tag) => ADDED_SUGAR_TAGS.includes(tag)) }),
  },
];

/** Diabetes as a health condition; the diabetes target applies the same module. */
export const diabetesCondition: ConditionModule = {
  key: 'diabetes',
  label: { ko: '당뇨', en: 'diabetes' },
  keywords: ['당뇨', 'diabet'],
  forBabyFood: false,
  rules: () => rules,
  forbiddenTags: () => [...ADDED_SUGAR_TAGS],
  riceLimitGrams: () => DIABETES_LIMITS.riceMaxG,
  dailyRules: (_profile, meals) => [
    {
      id: 'day.diabetes.carbohydrate',
      kind: 'max',
      label: { ko: '하루 탄수화물', en: 'carbohydrate of the day' },
      limit: DIABETES_LIMITS.carbohydrateMaxG * meals,
      unit: 'g',
      nutrient: 'carbohydrate',
    },
  ],
  promptLines: (_profile, language) =>
    language === 'ko'
      ? [
          `당뇨: 1인분 총탄수화물 ${DIABETES_LIMITS.carbohydrateMaxG}g 이하(밥 포함), 설탕·시럽·꿀·물엿·올리고당 같은 첨가당 금지`,
          `밥을 곁들이면 1인분 ${DIABETES_LIMITS.riceMaxG}g 이하로, 식이섬유가 많은 채소를 넉넉히`,
        ]
      : [
          `diabetes: at most ${DIABETES_LIMITS.carbohydrateMaxG} g total carbohydrate per serving (rice included), no added sugar (sugar, syrups, honey, rice syrup, oligosaccharide syrup)`,
          `with rice, at most ${DIABETES_LIMITS.riceMaxG} g of cooked rice per serving; plenty of high-fibre vegetables`,
        ],
};

import type { IngredientTag } from '../../ingredient-schema.js';
import { findForbidden } from '../recipe-facts.js';
import { UNDERCOOKED, wordsFound } from '../common/undercooked.js';
import type { ConditionModule, Label } from '../rule-spec.js';

/**
 * Raw fish or meat (raw_only) and alcohol (stricter than "none added after cooking": a recipe cannot say
 * when the alcohol cooks off).
 */
const FORBIDDEN_TAGS: readonly IngredientTag[] = ['raw_only', 'alcohol'];

/** Liver and high-mercury fish: the catalog holds none, so they can only come in through a model's words. */
const LIVER_AND_MERCURY: readonly Label[] = [
  { ko: '소간', en: 'liver' },
  { ko: '닭간', en: 'chicken liver' },
  { ko: '황새치', en: 'swordfish' },
  { ko: '상어', en: 'shark' },
  { ko: '참다랑어', en: 'bluefin tuna' },
];

export const pregnancy: ConditionModule = {
  key: 'pregnancy',
  label: { ko: '임신', en: 'pregnancy' },
  keywords: ['임신', '임산부', 'pregnan'],
  forBabyFood: false,
  forbiddenTags: () => [...FORBIDDEN_TAGS],
  rules: () => [
    {
      id: 'pregnancy.foods',
      kind: 'none',
      label: { ko: '임신 중 피할 음식', en: 'foods to avoid in pregnancy' },
      find: (facts) => [
        ...findForbidden(facts, { ingredient: (item) => item.tags.some((tag) => FORBIDDEN_TAGS.includes(tag)) }),
        ...wordsFound(facts, [...UNDERCOOKED, ...LIVER_AND_MERCURY]),
      ],
    },
  ],
  promptLines: (_profile, language) =>
    language === 'ko'
      ? ['임신: 날것·덜 익힌 음식(회, 육회, 반숙 달걀) 없이 모두 완전히 익히고, 간·수은이 많은 생선·술은 쓰지 마세요']
      : ['pregnancy: everything fully cooked (no raw fish or meat, no runny eggs), no liver, no high-mercury fish, no alcohol'],
};

import type { AllergenKey } from '@ai-chef/contracts';

/** The 19 allergens of Korean food labelling, in the order of the label law, with names for the checkboxes. */
export const ALLERGEN_OPTIONS: readonly { key: AllergenKey; ko: string; en: string }[] = [
  { key: 'egg', ko: '난류(계란)', en: 'Egg' },
  { key: 'milk', ko: '우유', en: 'Milk' },
  { key: 'buckwheat', ko: '메밀', en: 'Buckwheat' },
  { key: 'peanut', ko: '땅콩', en: 'Peanut' },
  { key: 'soybean', ko: '대두', en: 'Soybean' },
  { key: 'wheat', ko: '밀', en: 'Wheat' },
  { key: 'mackerel', ko: '고등어', en: 'Mackerel' },
  { key: 'crab', ko: '게', en: 'Crab' },
  { key: 'shrimp', ko: '새우', en: 'Shrimp' },
  { key: 'pork', ko: '돼지고기', en: 'Pork' },
  { key: 'peach', ko: '복숭아', en: 'Peach' },
  { key: 'tomato', ko: '토마토', en: 'Tomato' },
  { key: 'sulfites', ko: '아황산류', en: 'Sulfites' },
  { key: 'walnut', ko: '호두', en: 'Walnut' },
  { key: 'chicken', ko: '닭고기', en: 'Chicken' },
  { key: 'beef', ko: '쇠고기', en: 'Beef' },
  { key: 'squid', ko: '오징어', en: 'Squid' },
  { key: 'shellfish', ko: '조개류', en: 'Shellfish' },
  { key: 'pine_nut', ko: '잣', en: 'Pine nut' },
];

const byKey = new Map<string, { ko: string; en: string }>(
  ALLERGEN_OPTIONS.map((option) => [option.key, option]),
);

export function isAllergenKey(value: string): value is AllergenKey {
  return byKey.has(value);
}

/** The label of an allergen key, or undefined for anything else (a catalog ingredient id). */
export function allergenLabel(key: string, language: 'ko' | 'en'): string | undefined {
  return byKey.get(key)?.[language];
}

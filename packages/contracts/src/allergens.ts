/** The 19 allergens of Korean food labelling (식품 등의 표시기준), with the names people type. */
export const ALLERGEN_KEYS = [
  'egg',
  'milk',
  'buckwheat',
  'peanut',
  'soybean',
  'wheat',
  'mackerel',
  'crab',
  'shrimp',
  'pork',
  'peach',
  'tomato',
  'sulfites',
  'walnut',
  'chicken',
  'beef',
  'squid',
  'shellfish',
  'pine_nut',
] as const;

export type AllergenKey = (typeof ALLERGEN_KEYS)[number];

/** Korean and English names accepted for each allergen key (compared case-insensitively). */
export const ALLERGEN_NAMES: Readonly<Record<AllergenKey, readonly string[]>> = {
  egg: ['난류', '계란', '달걀', 'egg', 'eggs'],
  milk: ['우유', '유제품', 'milk', 'dairy'],
  buckwheat: ['메밀', 'buckwheat'],
  peanut: ['땅콩', 'peanut', 'peanuts'],
  soybean: ['대두', '콩', 'soybean', 'soy', 'soya'],
  wheat: ['밀', '밀가루', 'wheat', 'gluten'],
  mackerel: ['고등어', 'mackerel'],
  crab: ['게', 'crab'],
  shrimp: ['새우', 'shrimp', 'prawn'],
  pork: ['돼지고기', 'pork'],
  peach: ['복숭아', 'peach'],
  tomato: ['토마토', 'tomato'],
  sulfites: ['아황산류', '아황산', 'sulfites', 'sulphites', 'sulfite'],
  walnut: ['호두', 'walnut', 'walnuts'],
  chicken: ['닭고기', 'chicken'],
  beef: ['쇠고기', '소고기', 'beef'],
  squid: ['오징어', 'squid'],
  shellfish: ['조개류', '조개', 'shellfish', 'clam', 'clams', 'oyster', 'mussel'],
  pine_nut: ['잣', 'pine nut', 'pine nuts', 'pine_nut'],
};

const byName = new Map<string, AllergenKey>();
for (const key of ALLERGEN_KEYS) {
  byName.set(key, key);
  for (const name of ALLERGEN_NAMES[key]) byName.set(name.toLowerCase(), key);
}

/** Maps an allergen key or one of its names to the key; undefined when it is none of them. */
export function allergenKeyFor(input: string): AllergenKey | undefined {
  return byName.get(input.trim().toLowerCase());
}

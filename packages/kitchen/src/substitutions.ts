import type { Ingredient } from './ingredient-schema.js';
import { getCatalog } from './catalog.js';
import type { Catalog } from './catalog.js';

/**
 * A safe swap for an ingredient a profile cannot have. `to` lists catalog names in order of
 * preference; `ratio` turns the original grams into the substitute's grams (salt is far saltier
 * than soy sauce, so it takes much less).
 */
export interface Substitution {
  from: string;
  to: readonly { name: string; ratio: number }[];
  why: string;
}

const to = (name: string, ratio = 1): { name: string; ratio: number } => ({ name, ratio });

/** Swaps a Korean cook makes for allergies, dislikes and sugar; names resolve through the catalog. */
export const SUBSTITUTIONS: readonly Substitution[] = [
  { from: '간장', to: [to('코코넛 아미노스'), to('소금', 0.15)], why: 'soy sauce carries soybean and wheat' },
  { from: '국간장', to: [to('코코넛 아미노스'), to('소금', 0.2)], why: 'soup soy sauce carries soybean' },
  {
    from: '굴소스',
    to: [to('코코넛 아미노스'), to('소금', 0.12)],
    why: 'oyster sauce carries shellfish, soybean and wheat',
  },
  { from: '새우젓', to: [to('소금', 0.6)], why: 'salted shrimp carries shrimp' },
  { from: '멸치액젓', to: [to('소금', 0.3), to('국간장', 1)], why: 'fish sauce' },
  { from: '고추장', to: [to('고춧가루', 0.4)], why: 'gochujang carries wheat and soybean and sugar' },
  { from: '식용유', to: [to('올리브유'), to('들기름')], why: 'vegetable oil is often soybean oil' },
  {
    from: '버터',
    to: [to('올리브유', 0.8), to('식용유', 0.8), to('들기름', 0.8)],
    why: 'butter carries milk',
  },
  { from: '우유', to: [to('두유'), to('아몬드 우유'), to('물')], why: 'milk' },
  { from: '생크림', to: [to('코코넛 밀크')], why: 'cream carries milk' },
  { from: '마요네즈', to: [to('올리브유', 0.7)], why: 'mayonnaise carries egg' },
  { from: '달걀', to: [to('두부', 1.2)], why: 'egg' },
  { from: '밀가루', to: [to('쌀가루'), to('감자전분')], why: 'wheat flour' },
  { from: '부침가루', to: [to('쌀가루'), to('감자전분')], why: 'pancake mix carries wheat' },
  { from: '빵가루', to: [to('쌀가루')], why: 'bread crumbs carry wheat' },
  { from: '참기름', to: [to('들기름'), to('올리브유')], why: 'sesame oil, for a dislike' },
  { from: '들기름', to: [to('참기름'), to('올리브유')], why: 'perilla oil, for a dislike' },
  { from: '올리브유', to: [to('식용유'), to('들기름')], why: 'olive oil, for a dislike' },
  { from: '통깨', to: [to('들깨가루')], why: 'sesame seeds, for a dislike' },
  { from: '설탕', to: [to('알룰로스'), to('에리스리톨')], why: 'added sugar' },
  { from: '올리고당', to: [to('알룰로스'), to('에리스리톨')], why: 'syrup is added sugar' },
  { from: '물엿', to: [to('알룰로스'), to('에리스리톨')], why: 'syrup is added sugar' },
  { from: '꿀', to: [to('알룰로스'), to('에리스리톨')], why: 'honey is added sugar' },
  { from: '청양고추', to: [to('풋고추'), to('파프리카')], why: 'hot chili, for a dislike' },
  { from: '고춧가루', to: [to('파프리카 가루')], why: 'chili flakes, for a dislike' },
  { from: '대파', to: [to('쪽파'), to('양파', 0.8)], why: 'green onion, for a dislike' },
  { from: '쪽파', to: [to('대파')], why: 'scallion, for a dislike' },
  { from: '다진 마늘', to: [to('다진 생강', 0.3)], why: 'garlic, for a dislike' },
  { from: '국물용 멸치', to: [to('다시마', 0.5)], why: 'anchovy stock, for a dislike' },
];

/**
 * Cheaper everyday stand-ins a Korean cook uses when the budget is tight: the same role in the dish and
 * the same way of cooking (a pork cut for a dearer one, 느타리 for 표고, cooking oil for olive oil). Only
 * suggested for a side ingredient, never the dish's main one, and only when the profile may eat them.
 */
export const BUDGET_SWAPS: readonly Substitution[] = [
  { from: '표고버섯', to: [to('느타리버섯'), to('팽이버섯')], why: 'a cheaper mushroom' },
  { from: '양송이버섯', to: [to('느타리버섯')], why: 'a cheaper mushroom' },
  { from: '소고기 안심', to: [to('소고기 우둔')], why: 'a cheaper beef cut' },
  { from: '소고기 등심', to: [to('소고기 우둔')], why: 'a cheaper beef cut' },
  { from: '삼겹살', to: [to('앞다리살')], why: 'a cheaper pork cut' },
  { from: '목살', to: [to('앞다리살')], why: 'a cheaper pork cut' },
  { from: '닭다리살', to: [to('닭가슴살')], why: 'a cheaper chicken cut' },
  { from: '방울토마토', to: [to('토마토')], why: 'cheaper tomatoes' },
  { from: '주키니', to: [to('애호박')], why: 'a cheaper squash' },
  { from: '쪽파', to: [to('대파')], why: 'a cheaper green onion' },
  { from: '올리브유', to: [to('식용유')], why: 'a cheaper oil' },
  { from: '아보카도오일', to: [to('식용유')], why: 'a cheaper oil' },
  { from: '포도씨유', to: [to('식용유')], why: 'a cheaper oil' },
  { from: '생크림', to: [to('우유')], why: 'cheaper than cream' },
  { from: '모짜렐라 치즈', to: [to('슬라이스 치즈')], why: 'a cheaper cheese' },
  { from: '로메인', to: [to('상추')], why: 'a cheaper lettuce' },
];

export interface ResolvedSubstitute {
  ingredient: Ingredient;
  ratio: number;
}

/**
 * The substitutes for an ingredient that the catalog knows, best first, keeping only those
 * `acceptable` allows (no allergen, dislike or forbidden tag of the profile).
 */
export function substitutesFor(
  ingredient: Ingredient,
  acceptable: (candidate: Ingredient) => boolean,
  catalog: Catalog = getCatalog(),
): ResolvedSubstitute[] {
  return (resolvedTable(catalog).get(ingredient.id) ?? []).filter((option) => acceptable(option.ingredient));
}

/** The budget stand-ins for an ingredient the catalog knows and `acceptable` allows, best first. */
export function budgetSwapsFor(
  ingredient: Ingredient,
  acceptable: (candidate: Ingredient) => boolean,
  catalog: Catalog = getCatalog(),
): ResolvedSubstitute[] {
  return (resolvedTable(catalog, BUDGET_SWAPS, budgetTables).get(ingredient.id) ?? []).filter((option) =>
    acceptable(option.ingredient),
  );
}

const tables = new WeakMap<Catalog, ReadonlyMap<string, readonly ResolvedSubstitute[]>>();
const budgetTables = new WeakMap<Catalog, ReadonlyMap<string, readonly ResolvedSubstitute[]>>();

/** The table with its names resolved once per catalog: ingredient id → substitutes the catalog knows, best first. */
function resolvedTable(
  catalog: Catalog,
  entries: readonly Substitution[] = SUBSTITUTIONS,
  cache: WeakMap<Catalog, ReadonlyMap<string, readonly ResolvedSubstitute[]>> = tables,
): ReadonlyMap<string, readonly ResolvedSubstitute[]> {
  const cached = cache.get(catalog);
  if (cached !== undefined) return cached;
  const table = new Map<string, ResolvedSubstitute[]>();
  for (const entry of entries) {
    const from = catalog.resolve(entry.from);
    if (from === undefined) continue;
    const options = table.get(from.id) ?? [];
    for (const option of entry.to) {
      const candidate = catalog.resolve(option.name);
      if (candidate === undefined || candidate.id === from.id) continue;
      if (options.some((known) => known.ingredient.id === candidate.id)) continue;
      options.push({ ingredient: candidate, ratio: option.ratio });
    }
    table.set(from.id, options);
  }
  cache.set(catalog, table);
  return table;
}

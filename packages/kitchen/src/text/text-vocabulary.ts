import type { AllergenKey } from '@ai-chef/contracts';

/**
 * Words that name an allergen in a recipe's text without being a catalog ingredient's name: compounds
 * (게살, 닭볶음탕) and everyday words for the allergen. A catalog ingredient's own names need no entry
 * here: the scanner reads them from the catalog with the allergens of their record.
 */
export const ALLERGEN_TEXT_WORDS: Readonly<Record<AllergenKey, readonly string[]>> = {
  egg: ['달걀물', '계란물', '달걀찜', '계란찜', '노른자', '흰자', '지단', 'yolk', 'egg white', 'egg wash', 'omelette', 'omelet'],
  milk: ['유제품', '치즈', '버터', '크림', '요거트', '요구르트', 'dairy', 'cheese', 'butter', 'cream', 'yogurt', 'yoghurt'],
  buckwheat: ['메밀', '메밀면', '메밀묵', 'soba'],
  peanut: ['땅콩', '땅콩버터', '땅콩가루', 'peanut butter', 'groundnut'],
  soybean: ['콩국수', '콩물', '두유', '된장', '간장', '청국장', 'soy', 'soya', 'edamame', 'miso', 'tofu'],
  wheat: ['밀떡', '밀면', '통밀', '우리밀', '밀가루', '국수', '소면', '중면', '칼국수', '수제비', '빵가루', '튀김가루', '부침가루', 'wheat flour', 'gluten', 'breadcrumbs'],
  mackerel: ['고등어', '고갈비', 'mackerel'],
  crab: ['게살', '꽃게', '대게', '킹크랩', '게장', '간장게장', '양념게장', '크래미', '게맛살', 'crab', 'crabmeat'],
  shrimp: ['새우', '새우살', '새우젓', '건새우', '칵테일새우', 'prawn', 'shrimp'],
  pork: ['돼지', '돼지고기', '삼겹살', '목살', '앞다리살', '베이컨', '햄', 'pork', 'bacon', 'ham'],
  peach: ['복숭아', '황도', '백도', 'peach'],
  tomato: ['토마토', '케첩', 'ketchup', 'tomato'],
  sulfites: ['아황산', '와인', 'wine', 'sulfite', 'sulphite'],
  walnut: ['호두', 'walnut'],
  chicken: ['닭', '통닭', '닭고기', '닭가슴살', '닭다리', '닭봉', '닭갈비', '닭볶음탕', '삼계탕', '치킨', 'chicken'],
  beef: ['소고기', '쇠고기', '한우', '차돌박이', '불고기', '사골', 'beef', 'brisket'],
  squid: ['오징어', '한치', 'squid', 'calamari'],
  shellfish: ['조개', '바지락', '홍합', '전복', '굴', '굴소스', '가리비', '꼬막', '재첩', 'clam', 'mussel', 'oyster', 'scallop', 'abalone', 'cockle', 'shellfish'],
  pine_nut: ['잣', '잣죽', 'pine nut'],
};

/**
 * Single-syllable stems that start a compound naming the same food (닭볶음탕, 콩국수, 잣죽): they match at
 * the start of a word whatever follows. Other single syllables must stand alone (게 in 맛있게 is no crab).
 */
export const KOREAN_PREFIX_STEMS: ReadonlySet<string> = new Set(['닭', '콩', '잣', '팥']);

/**
 * Words that contain a food word but mean something else (밀폐 "airtight", 깨끗이 "cleanly", 꿀팁 "tip"):
 * the scanner reads them as one word, so the food word inside them is not a mention.
 */
export const NOT_FOOD_WORDS: readonly string[] = [
  '밀폐',
  '밀착',
  '밀대',
  '비밀',
  '깨끗',
  '꿀팁',
  '꿀맛',
  '게다가',
  '감칠맛',
  '배합',
  // Steam (김) and rendered fat (기름), not laver and cooking oil.
  '한 김',
  '김이 오르',
  '김이 오른',
  '김이 나',
  '김을 빼',
  '기름이 나오',
  '기름이 나올',
  '기름이 빠',
  '기름기',
  '기름을 빼',
  '기름을 뺍',
  '기름을 뺀',
  // Fat on meat, starchiness, "until soft" (무르다): not cooking oil, potato starch or radish.
  '기름과 힘줄',
  '기름진',
  '기름을 걷',
  '가지런',
  '모자라',
  '전분을 빼',
  '기름을 떼',
  '전분기',
  '무를 때',
  '무르도록',
  'blood sugar',
  'blood-sugar',
  'eggplant',
  'buttermilk',
  'butternut',
  'creamy',
];

/**
 * Catalog aliases too ambiguous to read in running text: 회 ("times": 2~3회), 기 (ghee), 국물 and 육수 (any
 * broth, not anchovy stock), wrap (the verb). They still
 * name the ingredient in an ingredient line; in a step they are not counted as a mention.
 */
export const NOT_IN_RUNNING_TEXT: ReadonlySet<string> = new Set(['회', '기', '윙', '묵', '잼', '국물', '육수', 'wing', 'wrap']);

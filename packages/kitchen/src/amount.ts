import type { Ingredient, IngredientCategory, IngredientUnit } from './ingredient-schema.js';

/**
 * An amount as a recipe writes it. `vague` marks 약간/적당량-style amounts (value 0: no number was given);
 * `unit` is set when the text carried its own unit ("두 큰술", "200g", "반 개").
 */
export interface ParsedAmount {
  value: number;
  approximate: boolean;
  vague?: true;
  unit?: string;
}

/** Korean convention: 1 컵 = 200 ml, 1 큰술 = 15 ml, 1 작은술 = 5 ml. */
const VOLUME_ML: Partial<Record<IngredientUnit, number>> = { ml: 1, L: 1000, 컵: 200, 큰술: 15, 작은술: 5 };

/**
 * Grams assumed for an amount given only as 약간, 조금, 적당량 ... by category: a pinch of a seasoning,
 * a dash of a sauce or oil, a few leaves or slices of produce.
 */
export const VAGUE_AMOUNT_GRAMS: Readonly<Record<IngredientCategory, number>> = {
  seasoning: 1,
  sweetener: 2,
  nut_seed: 2,
  seaweed: 1,
  sauce_paste: 3,
  oil_fat: 3,
  vegetable: 10,
  mushroom: 10,
  fruit: 10,
  dairy: 5,
  water_broth: 15,
  egg: 10,
  meat: 10,
  poultry: 10,
  processed_meat: 10,
  fish: 10,
  seafood: 10,
  tofu_soy: 10,
  legume: 5,
  grain: 5,
  rice_cake: 10,
  noodle: 10,
  flour_bread: 5,
  kimchi_pickle: 10,
};

const VAGUE_WORDS = [
  '약간',
  '조금',
  '소량',
  '적당량',
  '적당히',
  '적량',
  '넉넉히',
  '취향껏',
  '기호에 따라',
  '기호대로',
  '살짝',
  '톡톡',
  'to taste',
  'as needed',
  'a little',
  'some',
  'a dash',
  'dash',
];
const VAGUE_PATTERN = new RegExp(`^(?:${VAGUE_WORDS.join('|').replace(/ /g, '\\s*')})$`, 'i');

/** Unit spellings → the catalog's unit. Case matters only for T (큰술) and t (작은술). */
const UNIT_ALIASES: Record<string, IngredientUnit> = {
  g: 'g',
  gr: 'g',
  gram: 'g',
  grams: 'g',
  그램: 'g',
  kg: 'kg',
  kilo: 'kg',
  kilogram: 'kg',
  kilograms: 'kg',
  킬로: 'kg',
  킬로그램: 'kg',
  ml: 'ml',
  cc: 'ml',
  밀리리터: 'ml',
  미리: 'ml',
  l: 'L',
  ℓ: 'L',
  liter: 'L',
  liters: 'L',
  litre: 'L',
  리터: 'L',
  큰술: '큰술',
  큰스푼: '큰술',
  테이블스푼: '큰술',
  밥숟가락: '큰술',
  밥숟갈: '큰술',
  숟가락: '큰술',
  숟갈: '큰술',
  스푼: '큰술',
  tbsp: '큰술',
  tbs: '큰술',
  tablespoon: '큰술',
  tablespoons: '큰술',
  작은술: '작은술',
  작은스푼: '작은술',
  티스푼: '작은술',
  찻숟가락: '작은술',
  찻술: '작은술',
  tsp: '작은술',
  teaspoon: '작은술',
  teaspoons: '작은술',
  컵: '컵',
  cup: '컵',
  cups: '컵',
  개: '개',
  ea: '개',
  pc: '개',
  pcs: '개',
  piece: '개',
  pieces: '개',
  모: '모',
  block: '모',
  대: '대',
  stalk: '대',
  stalks: '대',
  줌: '줌',
  handful: '줌',
  handfuls: '줌',
  쪽: '쪽',
  clove: '쪽',
  cloves: '쪽',
  장: '장',
  잎: '장',
  slice: '장',
  slices: '장',
  sheet: '장',
  sheets: '장',
  leaf: '장',
  leaves: '장',
  마리: '마리',
  송이: '송이',
  포기: '포기',
  head: '포기',
  heads: '포기',
  봉지: '봉지',
  봉: '봉지',
  bag: '봉지',
  bags: '봉지',
  캔: '캔',
  can: '캔',
  cans: '캔',
  팩: '팩',
  pack: '팩',
  packs: '팩',
  package: '팩',
  알: '알',
  통: '통',
  토막: '토막',
  조각: '조각',
  뿌리: '뿌리',
  root: '뿌리',
  단: '단',
  묶음: '단',
  bunch: '단',
  bunches: '단',
  인분: '인분',
  serving: '인분',
  servings: '인분',
  공기: '공기',
  bowl: '공기',
  bowls: '공기',
  꼬집: '꼬집',
  pinch: '꼬집',
  pinches: '꼬집',
  근: '근',
};

/**
 * The catalog unit a written unit means, '' for none, undefined when it is not a unit we know.
 * T/Tbsp/큰술/스푼 → 큰술, t/tsp/작은술 → 작은술, cup → 컵, ea/pc → 개, mL → ml, l → L ...
 */
export function normalizeUnit(unit: string): IngredientUnit | '' | undefined {
  const trimmed = unit.trim().replace(/\.$/, '');
  if (trimmed === '') return '';
  if (trimmed === 'T' || trimmed === 'Ts') return '큰술';
  if (trimmed === 't' || trimmed === 'ts') return '작은술';
  if (trimmed === 'C') return '컵';
  return UNIT_ALIASES[trimmed.toLowerCase().replace(/\s+/g, '')];
}

const UNICODE_FRACTIONS: Record<string, string> = {
  '½': ' 1/2',
  '⅓': ' 1/3',
  '⅔': ' 2/3',
  '¼': ' 1/4',
  '¾': ' 3/4',
  '⅕': ' 1/5',
  '⅛': ' 1/8',
};

/** Native Korean numerals as recipes write them; the two-number forms are ranges ("한두 개" = 1 to 2). */
const KOREAN_NUMBERS: [string, number, boolean][] = [
  ['두서너', 3, true],
  ['한두', 1.5, true],
  ['두세', 2.5, true],
  ['서너', 3.5, true],
  ['세네', 3.5, true],
  ['너덧', 4.5, true],
  ['네다섯', 4.5, true],
  ['대여섯', 5.5, true],
  ['하나', 1, false],
  ['다섯', 5, false],
  ['여섯', 6, false],
  ['일곱', 7, false],
  ['여덟', 8, false],
  ['아홉', 9, false],
  ['둘', 2, false],
  ['셋', 3, false],
  ['넷', 4, false],
  ['한', 1, false],
  ['두', 2, false],
  ['세', 3, false],
  ['석', 3, false],
  ['서', 3, false],
  ['네', 4, false],
  ['넉', 4, false],
  ['열', 10, false],
  ['반', 0.5, false],
];

const ENGLISH_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4 };

interface NumberMatch {
  value: number;
  approximate: boolean;
  rest: string;
}

/** Reads one number at the start of the text: "1 1/2", "1과 1/2", "1/2", "1.5", "한", "반"... */
function readNumber(text: string): NumberMatch | undefined {
  const mixed = /^(\d+)\s*(?:과|와|and|\+|\s)\s*(\d+)\s*\/\s*(\d+)/.exec(text);
  if (mixed) {
    const [, whole = '', num = '', den = ''] = mixed;
    if (Number(den) === 0) return undefined;
    return {
      value: Number(whole) + Number(num) / Number(den),
      approximate: false,
      rest: text.slice(mixed[0].length),
    };
  }
  const fraction = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)/.exec(text);
  if (fraction) {
    const [, num = '', den = ''] = fraction;
    if (Number(den) === 0) return undefined;
    return { value: Number(num) / Number(den), approximate: false, rest: text.slice(fraction[0].length) };
  }
  const decimal = /^\d+(?:\.\d+)?|^\.\d+/.exec(text);
  if (decimal) return { value: Number(decimal[0]), approximate: false, rest: text.slice(decimal[0].length) };
  for (const [word, value, approximate] of KOREAN_NUMBERS) {
    if (text.startsWith(word)) return { value, approximate, rest: text.slice(word.length) };
  }
  const english = /^(an?|one|two|three|four|half)\b/i.exec(text);
  if (english) {
    const word = (english[1] ?? '').toLowerCase();
    const value = word === 'half' ? 0.5 : (ENGLISH_NUMBERS[word] ?? 1);
    return { value, approximate: false, rest: text.slice(english[0].length) };
  }
  return undefined;
}

const APPROXIMATE_PREFIX = /^(?:약|대략|about|approx\.?|approximately|around|~)\s*/i;
const APPROXIMATE_SUFFIX = /\s*(?:정도|가량|쯤|내외|남짓|안팎)$/;
const RANGE_SEPARATOR = /^\s*(?:~|-|–|—|〜|∼|to|또는|or)\s*/i;

/**
 * Parses an amount as written: "1/2", "1 1/2", "1과 1/2", "1~2" and "1-2" (midpoint, approximate), "1.5",
 * "200", "200g", "약 200", "약간"/"조금"/"적당량" (vague), "한 줌", "반 개", "두 큰술", "한 컵 반".
 * Returns undefined for text that holds no amount.
 */
export function parseAmount(text: string): ParsedAmount | undefined {
  let rest = text.normalize('NFC').trim();
  for (const [glyph, replacement] of Object.entries(UNICODE_FRACTIONS))
    rest = rest.split(glyph).join(replacement);
  rest = rest
    .replace(/\([^)]*\)/g, ' ')
    .replace(/(\d),(\d{3})(?!\d)/g, '$1$2')
    .trim();
  if (rest === '') return undefined;
  if (VAGUE_PATTERN.test(rest)) return { value: 0, approximate: true, vague: true };
  const vagueWithUnit = /^(?:약간|조금|적당량|소량)\s*(?:의\s*)?(\S+)$/.exec(rest);
  if (vagueWithUnit && normalizeUnit(vagueWithUnit[1] ?? ''))
    return { value: 0, approximate: true, vague: true };

  let approximate = false;
  if (APPROXIMATE_PREFIX.test(rest)) {
    approximate = true;
    rest = rest.replace(APPROXIMATE_PREFIX, '');
  }
  if (APPROXIMATE_SUFFIX.test(rest)) {
    approximate = true;
    rest = rest.replace(APPROXIMATE_SUFFIX, '');
  }

  const first = readNumber(rest.trim());
  if (!first) return undefined;
  let value = first.value;
  approximate ||= first.approximate;
  rest = first.rest;

  const range = RANGE_SEPARATOR.exec(rest);
  if (range) {
    const second = readNumber(rest.slice(range[0].length).trim());
    if (second) {
      value = (value + second.value) / 2;
      approximate = true;
      rest = second.rest;
    }
  }

  rest = rest.trim();
  let unit: string | undefined;
  const unitMatch = /^([A-Za-zㄱ-ㅎ가-힣ℓ]+\.?)/.exec(rest);
  if (unitMatch) {
    const candidate = unitMatch[1] ?? '';
    const canonical = normalizeUnit(candidate);
    if (canonical === undefined) return undefined;
    unit = canonical;
    rest = rest.slice(candidate.length).trim();
  }
  // "한 컵 반", "1개 반": a trailing 반 adds a half.
  if (/^반$/.test(rest)) {
    value += 0.5;
    rest = '';
  }
  if (rest !== '' || !Number.isFinite(value) || value < 0) return undefined;
  const parsed: ParsedAmount = { value, approximate };
  if (unit) parsed.unit = unit;
  return parsed;
}

/** Units tried, in order, when the ingredient lacks the written one ("두부 1개" means 1 모). */
const COUNT_FALLBACKS: Partial<Record<IngredientUnit, IngredientUnit[]>> = {
  개: [
    '알',
    '모',
    '송이',
    '통',
    '포기',
    '마리',
    '대',
    '쪽',
    '장',
    '봉지',
    '팩',
    '캔',
    '토막',
    '조각',
    '뿌리',
  ],
  알: ['개'],
  송이: ['개'],
  통: ['개', '포기', '송이'],
  포기: ['개', '통', '송이'],
  마리: ['개'],
  모: ['개', '팩'],
  대: ['개', '뿌리'],
  뿌리: ['개', '대'],
  조각: ['개', '토막', '쪽'],
  토막: ['조각', '개'],
  봉지: ['팩', '개'],
  팩: ['봉지', '개'],
  쪽: ['개', '조각'],
  공기: ['인분'],
  인분: ['공기'],
};

/** Grams per millilitre from any volume unit the ingredient lists; plain water density for broths. */
function densityOf(ingredient: Ingredient): number | undefined {
  for (const unit of ['ml', '큰술', '작은술', '컵', 'L'] as const) {
    const grams = ingredient.units[unit];
    const ml = VOLUME_ML[unit];
    if (grams !== undefined && ml !== undefined) return grams / ml;
  }
  return ingredient.category === 'water_broth' ? 1 : undefined;
}

/** Grams in one `unit` of this ingredient, or undefined when it cannot be known. */
export function unitWeight(ingredient: Ingredient, unit: IngredientUnit | ''): number | undefined {
  // No unit: count it when it is counted ("달걀 2"), else read the number as grams ("소고기 200").
  if (unit === '') return ingredient.units['개'] ?? 1;
  const listed = ingredient.units[unit];
  if (listed !== undefined) return listed;
  if (unit === 'g') return 1;
  if (unit === 'kg') return 1000;
  const ml = VOLUME_ML[unit];
  if (ml !== undefined) {
    const density = densityOf(ingredient);
    return density === undefined ? undefined : density * ml;
  }
  for (const fallback of COUNT_FALLBACKS[unit] ?? []) {
    const grams = ingredient.units[fallback];
    if (grams !== undefined) return grams;
  }
  if (unit === '꼬집') return 0.5;
  if (unit === '근') return ['vegetable', 'fruit', 'mushroom'].includes(ingredient.category) ? 375 : 600;
  return undefined;
}

function roundGrams(grams: number): number {
  return Math.round(grams * 10) / 10;
}

/**
 * Weight in grams of `amount` `unit` of an ingredient: unit weight × value. The amount may be the text
 * as written ("1/2", "약간", "두 큰술"), a number, or a parsed amount; a unit inside the text is used when
 * `unit` is empty. Vague amounts (약간, 적당량 ...) weigh VAGUE_AMOUNT_GRAMS for the category.
 * Returns undefined when the amount cannot be read or the unit cannot be weighed for this ingredient.
 */
export function gramsFor(
  ingredient: Ingredient,
  amount: string | number | ParsedAmount,
  unit: string,
): number | undefined {
  const parsed =
    typeof amount === 'string'
      ? parseAmount(amount)
      : typeof amount === 'number'
        ? { value: amount, approximate: false }
        : amount;
  if (!parsed || !Number.isFinite(parsed.value) || parsed.value < 0) return undefined;
  if (parsed.vague || VAGUE_PATTERN.test(unit.trim())) return VAGUE_AMOUNT_GRAMS[ingredient.category];
  const written = unit.trim() !== '' ? normalizeUnit(unit) : (normalizeUnit(parsed.unit ?? '') ?? '');
  if (written === undefined) return undefined;
  const perUnit = unitWeight(ingredient, written);
  return perUnit === undefined ? undefined : roundGrams(perUnit * parsed.value);
}

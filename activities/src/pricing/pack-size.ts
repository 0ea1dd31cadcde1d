/**
 * Reads the pack size of a Korean shop listing from its title: "양파 3kg", "두부 300g x 2팩",
 * "특란 30구", "1+1 대파 1kg", "서울우유 1L", "어묵 100g 3봉".
 *
 * The result is `packGrams` (the weight of one unit) and `packCount` (how many units one purchase
 * brings), so one purchase holds `packGrams × packCount` grams. Volumes count as grams (density 1):
 * close enough for milk, soy sauce and oil at shop-price precision.
 */
export interface PackSize {
  /** Grams in one unit; absent when the title names no weight and no per-piece weight is known. */
  packGrams?: number;
  /** Units one purchase brings (always a whole number ≥ 1). */
  packCount: number;
}

export interface PackSizeOptions {
  /** Weight of one piece (one egg, one onion), used for counts in 개/구/알/과/입 without a weight. */
  pieceGrams?: number;
}

const GRAMS_PER_UNIT: Readonly<Record<string, number>> = {
  kg: 1000,
  킬로그램: 1000,
  킬로: 1000,
  키로: 1000,
  g: 1,
  그램: 1,
  ml: 1,
  cc: 1,
  l: 1000,
  리터: 1000,
};

/** Counts of pieces inside one pack: with a weight in the title they describe, not multiply, it. */
const PIECE_WORDS = ['개입', '개', '구', '알', '과', '입'] as const;
/** Counts of packs: they multiply whatever one pack holds. */
const PACK_WORDS = [
  '팩',
  '봉지',
  '봉',
  '병',
  '캔',
  '박스',
  'box',
  'ea',
  '통',
  '세트',
  'set',
  '판',
  '포',
] as const;

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const WEIGHT_UNIT = String.raw`(kg|킬로그램|킬로|키로|그램|g|ml|cc|리터|l)(?![a-wyz])`;
// A weight, optionally as a range ("2~3kg" reads as its lower bound).
const WEIGHT = new RegExp(String.raw`(?<![\d.])(?:(${NUMBER})\s*[~-]\s*)?(${NUMBER})\s*${WEIGHT_UNIT}`, 'g');
const COUNT_WORD = `(${[...PIECE_WORDS, ...PACK_WORDS].join('|')})`;
// Words that follow a digit + count word but mean something else: 개월, 구이, 포기, 구매, 구간.
const NOT_A_COUNT = '(?!월|년|이|기|매|간|역|장)';
const COUNT = new RegExp(
  String.raw`(?<![\d.]|[~-]\s*)(\d+)\s*${COUNT_WORD}${NOT_A_COUNT}(?!\s*[~-]\s*\d)`,
  'g',
);
const APPROXIMATE = /^\s*(?:내외|정도|안팎|전후|이상|이하|\+-|±)/;
// Buy-one-get-one: "1+1" brings two units, "2+1" three; "500g+500g" is not a promotion.
const PROMOTION = /(?<![\d.])([1-9])\s*\+\s*([1-9])(?![\d.]|\s*(?:kg|g|ml|l)(?![a-z]))/;
// Right after a quantity: "x 2", "*2", "x2개", "2팩", "/ 3봉".
const ADJACENT_TIMES = /^\s*[x*]\s*(\d+)/;
const ADJACENT_COUNT = new RegExp(String.raw`^\s*[(\[/,]?\s*(\d+)\s*${COUNT_WORD}${NOT_A_COUNT}`);

interface Quantity {
  value: number;
  word: string;
  start: number;
  end: number;
}

/** Lower-cases, unifies multiplication signs and drops thousands separators ("1,000g"). */
function normalise(title: string): string {
  return title
    .toLowerCase()
    .replace(/[×✕✖＊]/g, 'x')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

function findAll(pattern: RegExp, text: string): RegExpExecArray[] {
  return [...text.matchAll(pattern)];
}

/** A multiplier written right after the quantity that ends at `end`, unless it is approximate. */
function adjacentMultiplier(text: string, end: number): { value: number; end: number } | undefined {
  const rest = text.slice(end);
  const times = ADJACENT_TIMES.exec(rest);
  if (times?.[1] !== undefined) {
    const after = end + times[0].length;
    // "x 2팩" also consumes its count word.
    const word = new RegExp(String.raw`^\s*${COUNT_WORD}`).exec(text.slice(after));
    return { value: Number(times[1]), end: after + (word?.[0].length ?? 0) };
  }
  const count = ADJACENT_COUNT.exec(rest);
  if (count?.[1] !== undefined && !APPROXIMATE.test(rest.slice(count[0].length))) {
    return { value: Number(count[1]), end: end + count[0].length };
  }
  return undefined;
}

function quantities(text: string): Quantity[] {
  return findAll(COUNT, text).flatMap((match) => {
    const [whole, digits, word] = match;
    if (digits === undefined || word === undefined) return [];
    return [{ value: Number(digits), word, start: match.index, end: match.index + whole.length }];
  });
}

/** Pack words ("3팩", "2봉") outside `[from, to)` multiply the whole purchase. */
function packMultiplier(counts: Quantity[], from: number, to: number): number {
  const outside = counts.filter((c) => (c.end <= from || c.start >= to) && isPackWord(c.word) && c.value > 0);
  return outside[0]?.value ?? 1;
}

function isPackWord(word: string): boolean {
  return (PACK_WORDS as readonly string[]).includes(word);
}

function wholeCount(value: number): number {
  return Number.isFinite(value) && value >= 1 ? Math.round(value) : 1;
}

export function parsePackSize(title: string, options: PackSizeOptions = {}): PackSize {
  let text = normalise(title);
  let promotion = 1;
  const promo = PROMOTION.exec(text);
  if (promo?.[1] !== undefined && promo[2] !== undefined) {
    promotion = Number(promo[1]) + Number(promo[2]);
    text =
      text.slice(0, promo.index) + ' '.repeat(promo[0].length) + text.slice(promo.index + promo[0].length);
  }
  const counts = quantities(text);

  const weight = findAll(WEIGHT, text).find((m) => Number(m[1] ?? m[2]) > 0);
  if (weight !== undefined) {
    const [whole, low, high, unit] = weight;
    const grams = Number(low ?? high) * (GRAMS_PER_UNIT[unit ?? ''] ?? 1);
    const end = weight.index + whole.length;
    const adjacent = adjacentMultiplier(text, end);
    const multiplier = adjacent?.value ?? packMultiplier(counts, weight.index, end);
    return { packGrams: round(grams), packCount: wholeCount(multiplier * promotion) };
  }

  const piece = counts.find((c) => !isPackWord(c.word) && c.value > 0);
  if (piece !== undefined) {
    const adjacent = adjacentMultiplier(text, piece.end);
    const multiplier = adjacent?.value ?? packMultiplier(counts, piece.start, piece.end);
    const packCount = wholeCount(piece.value * multiplier * promotion);
    return options.pieceGrams !== undefined && options.pieceGrams > 0
      ? { packGrams: round(options.pieceGrams), packCount }
      : { packCount };
  }

  return { packCount: wholeCount(packMultiplier(counts, 0, 0) * promotion) };
}

function round(grams: number): number {
  return Math.round(grams * 1000) / 1000;
}

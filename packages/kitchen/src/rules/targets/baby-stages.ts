import type { Label } from '../rule-spec.js';

/** A baby-food stage by age: the texture the recipe must have, named in targetNotes. */
export interface BabyStage {
  key: 'puree' | 'mashed' | 'soft_pieces' | 'family_food';
  fromMonths: number;
  toMonths: number;
  /** How the notes name it: "7–8개월 (으깬 형태)". */
  label: Label;
  /** The stage's everyday name (초기 이유식, middle stage): no other stage's name may appear. */
  name: Label;
  /** Words that name the stage's texture in a note, besides the month range. */
  words: readonly string[];
}

export const BABY_STAGES: readonly BabyStage[] = [
  {
    key: 'puree',
    fromMonths: 4,
    toMonths: 6,
    label: { ko: '4–6개월 (퓨레)', en: '4–6 months (purée)' },
    name: { ko: '초기', en: 'early stage' },
    words: ['퓨레', '미음', 'purée', 'puree'],
  },
  {
    key: 'mashed',
    fromMonths: 7,
    toMonths: 8,
    label: { ko: '7–8개월 (으깬 형태)', en: '7–8 months (mashed)' },
    name: { ko: '중기', en: 'middle stage' },
    words: ['으깬', 'mashed'],
  },
  {
    key: 'soft_pieces',
    fromMonths: 9,
    toMonths: 11,
    label: { ko: '9–11개월 (부드러운 작은 조각)', en: '9–11 months (soft pieces)' },
    name: { ko: '후기', en: 'late stage' },
    words: ['부드러운 작은 조각', '무른 조각', 'soft pieces'],
  },
  {
    key: 'family_food',
    fromMonths: 12,
    toMonths: 36,
    label: { ko: '12–36개월 (작은 가족식)', en: '12–36 months (small family food)' },
    name: { ko: '완료기', en: 'final stage' },
    words: ['유아식', '가족식', 'family food'],
  },
];

export type BabyStageKey = BabyStage['key'];

/** The stage for an age in months (ages outside 4–36 clamp to the nearest stage). */
export function babyStageFor(ageMonths: number): BabyStage {
  return BABY_STAGES.find((stage) => ageMonths <= stage.toMonths) ?? BABY_STAGES[BABY_STAGES.length - 1]!;
}

function monthRange(stage: BabyStage): RegExp {
  return new RegExp(`(^|\\D)${stage.fromMonths}\\s*[–~-]\\s*${stage.toMonths}(\\D|$)`);
}

/** True when the text names the stage, by month range (4–6, 4-6, 4~6), by its name or its texture word. */
export function namesStage(text: string, stage: BabyStage): boolean {
  const lower = text.toLowerCase();
  return (
    monthRange(stage).test(lower) ||
    lower.includes(stage.name.ko) ||
    lower.includes(stage.name.en) ||
    stage.words.some((word) => lower.includes(word.toLowerCase()))
  );
}

/** The other stages a text names by month range or by name (후기 in a 7-month recipe). */
export function otherStagesNamed(text: string, stage: BabyStage): BabyStage[] {
  const lower = text.toLowerCase();
  return BABY_STAGES.filter(
    (other) =>
      other.key !== stage.key &&
      (monthRange(other).test(lower) || lower.includes(other.name.ko) || lower.includes(other.name.en)),
  );
}

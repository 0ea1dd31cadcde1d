import type { CookingLevel, Difficulty, Profile } from '@ai-chef/contracts';
import type { Label, LimitRule, RuleModule } from '../rule-spec.js';

/** What each cooking level can manage; advanced has no limit, so no rule. */
export const COOKING_LEVEL_LIMITS: Readonly<Record<CookingLevel, { maxMinutes: number; hardest: Difficulty } | null>> = {
  beginner: { maxMinutes: 30, hardest: 'easy' },
  intermediate: { maxMinutes: 60, hardest: 'medium' },
  advanced: null,
};

const DIFFICULTY_ORDER: readonly Difficulty[] = ['easy', 'medium', 'hard'];
const DIFFICULTY_WORDS: readonly Label[] = [
  { ko: '쉬움', en: 'easy' },
  { ko: '보통', en: 'medium' },
  { ko: '어려움', en: 'hard' },
];

/** A difficulty's place on the scale, from 1 (easy). */
export function difficultyRank(difficulty: Difficulty): number {
  return DIFFICULTY_ORDER.indexOf(difficulty) + 1;
}

/** The cooking-level rules alone: they read only the time and the difficulty, so an engine can ask them first. */
export function cookingLevelRules(profile: Pick<Profile, 'cookingLevel'>): LimitRule[] {
  const limits = COOKING_LEVEL_LIMITS[profile.cookingLevel];
  if (limits === null) return [];
  return [
    {
      id: 'cooking_level.time',
      kind: 'max',
      label: { ko: '조리 시간', en: 'cooking time' },
      limit: limits.maxMinutes,
      unit: 'min',
      measure: (facts) => facts.recipe.cookingTime,
    },
    {
      id: 'cooking_level.difficulty',
      kind: 'max',
      label: { ko: '난이도', en: 'difficulty' },
      limit: difficultyRank(limits.hardest),
      unit: 'level',
      scale: DIFFICULTY_WORDS,
      measure: (facts) => difficultyRank(facts.recipe.difficulty),
    },
  ];
}

export const cookingLevel: RuleModule = {
  rules: (profile) => cookingLevelRules(profile),
  promptLines: (profile, language) => {
    const limits = COOKING_LEVEL_LIMITS[profile.cookingLevel];
    if (limits === null) return [];
    const hardest = DIFFICULTY_WORDS[difficultyRank(limits.hardest) - 1]!;
    return [
      language === 'ko'
        ? `조리 시간 ${limits.maxMinutes}분 이내, 난이도 ${hardest.ko}(${limits.hardest}) 이하`
        : `at most ${limits.maxMinutes} minutes, difficulty ${limits.hardest} or easier`,
    ];
  },
};

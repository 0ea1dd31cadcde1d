import type { RecipeFacts } from '../recipe-facts.js';
import type { Label } from '../rule-spec.js';

/**
 * Words for food served raw or undercooked, which no catalog line carries (a runny yolk is cooked egg on
 * the list): read in every text for a baby and in pregnancy.
 */
export const UNDERCOOKED: readonly Label[] = [
  { ko: '반숙', en: 'soft-boiled' },
  { ko: '날달걀', en: 'raw egg' },
  { ko: '흐르는 노른자', en: 'runny yolk' },
  { ko: '육회', en: 'tartare' },
  { ko: '레어', en: 'rare' },
];

/** Which of `words` any text of the recipe names (Korean as a substring, English as a whole word). */
export function wordsFound(facts: RecipeFacts, words: readonly Label[]): Label[] {
  return words.filter((word) =>
    facts.texts.some((part) => {
      const lower = part.text.toLowerCase();
      return lower.includes(word.ko) || new RegExp(`\\b${word.en}\\b`).test(lower);
    }),
  );
}


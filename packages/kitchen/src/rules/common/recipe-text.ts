import { parseAmount } from '../../amount.js';
import type { Ingredient } from '../../ingredient-schema.js';
import type { Mention } from '../../text/mentions.js';
import type { FactLine, RecipeFacts } from '../recipe-facts.js';
import type { Label, RuleModule } from '../rule-spec.js';
import { inSentence } from '../../text/words.js';

/** Listed but never named in a step, and fine so: seasoning to taste and water. */
const NEED_NO_STEP: ReadonlySet<string> = new Set(['water', 'salt', 'black_pepper']);
/** Named in a step but no ingredient: rinsing and soaking water. */
const NEED_NO_LINE: ReadonlySet<string> = new Set(['water']);

/** Korean count units a step may repeat beside a name ("달걀 2개"). */
const KOREAN_COUNT_UNITS = ['개', '알', '장', '쪽', '모', '대', '마리', '송이', '조각', '토막', '줄기', '뿌리', '포기', '통', '봉지', '캔'];
const KOREAN_NUMBERS: Readonly<Record<string, number>> = {
  반: 0.5,
  한: 1,
  두: 2,
  세: 3,
  네: 4,
  다섯: 5,
  여섯: 6,
  일곱: 7,
  여덟: 8,
  아홉: 9,
  열: 10,
};
/** Numbers a step writes before a counted name ("two eggs"); "a" and "an" are articles, not counts. */
const ENGLISH_NUMBERS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};
const KOREAN_COUNT = new RegExp(
  `^\\s*(\\d+(?:\\.\\d+)?(?:\\s*\\d+\\/\\d+)?|\\d+\\/\\d+|${Object.keys(KOREAN_NUMBERS).join('|')})\\s*(${KOREAN_COUNT_UNITS.join('|')})`,
);
const ENGLISH_COUNT = new RegExp(`(?:^|\\s)(\\d+(?:\\.\\d+)?|${Object.keys(ENGLISH_NUMBERS).join('|')})\\s+(?:[a-z-]+\\s+)?$`, 'i');

function steps(facts: RecipeFacts) {
  return facts.texts.filter((part) => part.field === 'instructions');
}

const names = new WeakMap<Ingredient, readonly string[]>();

/** Every name of an ingredient in lower case, worked out once per record. */
function namesOf(ingredient: Ingredient): readonly string[] {
  let known = names.get(ingredient);
  if (known === undefined) {
    known = [ingredient.nameKo, ingredient.nameEn, ...ingredient.aliases].map((name) => name.toLowerCase());
    names.set(ingredient, known);
  }
  return known;
}

const amounts = new Map<string, ReturnType<typeof parseAmount>>();

/** parseAmount, remembered: a list's few amount spellings are read for every mention. */
function amountOf(text: string): ReturnType<typeof parseAmount> {
  if (!amounts.has(text)) {
    if (amounts.size > 10_000) amounts.clear();
    amounts.set(text, parseAmount(text));
  }
  return amounts.get(text);
}

/**
 * A step's word stands for a listed line when it names that ingredient, or is a shorter, more general
 * name inside the line's own (마늘 for 다진 마늘, 고추 for 청양고추) — never the other way round
 * (노른자 is not 달걀).
 */
function standsFor(mention: Mention, line: FactLine): boolean {
  if (mention.ingredientIds.includes(line.line.ingredientId)) return true;
  if (line.ingredient === undefined) return false;
  const word = mention.text.toLowerCase();
  return namesOf(line.ingredient).some((name) => name !== word && name.includes(word));
}

function label(ingredient: Ingredient | undefined, fallback: string): Label {
  return ingredient === undefined
    ? { ko: fallback, en: fallback }
    : { ko: ingredient.nameKo, en: inSentence(ingredient.nameEn) };
}

function unlisted(facts: RecipeFacts): Label[] {
  const found = new Map<string, Label>();
  for (const part of steps(facts)) {
    for (const mention of part.mentions) {
      if (mention.ingredientIds.length === 0) continue;
      if (mention.ingredientIds.some((id) => NEED_NO_LINE.has(id))) continue;
      if (facts.lines.some((line) => standsFor(mention, line))) continue;
      const id = mention.ingredientIds[0]!;
      found.set(id, label(facts.catalog.get(id), mention.text));
    }
  }
  return [...found.values()];
}

function unused(facts: RecipeFacts): Label[] {
  const mentions = steps(facts).flatMap((part) => part.mentions);
  return facts.lines
    .filter((line) => !NEED_NO_STEP.has(line.line.ingredientId))
    .filter((line) => !mentions.some((mention) => standsFor(mention, line)))
    .map((line) => label(line.ingredient, line.line.name));
}

function numberOf(text: string, words: Readonly<Record<string, number>>): number | undefined {
  const word = words[text.toLowerCase()];
  if (word !== undefined) return word;
  return amountOf(text)?.value;
}

/** A count a step puts beside a listed line ("달걀 2개", "two eggs") that differs from the list. */
function miscounts(facts: RecipeFacts): Label[] {
  const found: Label[] = [];
  for (const part of steps(facts)) {
    for (const mention of part.mentions) {
      const line = facts.lines.find((candidate) => standsFor(mention, candidate));
      if (line === undefined) continue;
      const listed = amountOf(line.line.amount);
      if (listed === undefined || listed.vague) continue;
      let said: number | undefined;
      const korean = KOREAN_COUNT.exec(part.text.slice(mention.end));
      if (korean !== null && korean[2] === line.line.unit) said = numberOf(korean[1]!, KOREAN_NUMBERS);
      const english = line.line.unit === '' ? ENGLISH_COUNT.exec(part.text.slice(0, mention.start)) : null;
      if (english !== null) said = numberOf(english[1]!, ENGLISH_NUMBERS);
      if (said !== undefined && Math.abs(said - listed.value) > 1e-9) {
        found.push({
          ko: `${line.line.name} ${said}${line.line.unit} (재료 목록은 ${line.line.amount}${line.line.unit})`,
          en: `${said} ${line.line.name} (the list says ${line.line.amount})`,
        });
      }
    }
  }
  return found;
}

/**
 * The text matches the list: no step names an ingredient that is not listed, every listed ingredient
 * (water, salt and pepper aside) appears in a step, and a count in a step equals the list's.
 */
export const recipeText: RuleModule = {
  rules: () => [
    {
      id: 'recipe.unlisted_ingredient',
      kind: 'none',
      label: { ko: '재료 목록에 없는데 조리 단계에 나오는 재료', en: 'ingredients named in a step but not listed' },
      find: unlisted,
    },
    {
      id: 'recipe.unused_ingredient',
      kind: 'none',
      label: { ko: '재료 목록에 있는데 조리 단계에 없는 재료', en: 'listed ingredients no step uses' },
      find: unused,
    },
    {
      id: 'recipe.counts',
      kind: 'none',
      label: { ko: '재료 목록과 다른 개수', en: 'counts that differ from the list' },
      find: miscounts,
    },
  ],
  promptLines: (_profile, language) => [
    language === 'ko'
      ? '조리 단계에는 재료 목록의 재료만, 목록과 같은 이름과 개수로 쓰고, 목록의 모든 재료(물·소금·후추 제외)를 단계에서 쓰세요'
      : 'the steps name only listed ingredients, with the list’s names and counts, and use every listed ingredient (water, salt and pepper aside)',
  ],
};

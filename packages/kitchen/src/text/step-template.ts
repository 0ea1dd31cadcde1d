import { josa } from 'es-hangul';
import type { Language } from '@ai-chef/contracts';

/**
 * The recipe library writes its text as templates, so that a swapped, dropped or rescaled ingredient
 * rewrites the words and the counts with it:
 *
 * - `{egg}` the name of the line whose catalog id is egg (the substitute's name after a swap);
 *   `{egg:을}` with a Korean particle fitted to the name (두부를 for 달걀을); `{egg:s}` an English plural.
 * - `{egg#}` the amount and the name as the list says ("달걀 2개", "2 eggs"); `{egg#:을}` with a particle.
 * - `{extra}` / `{extra:을}` the fridge items a dish takes in; `{stage}` the baby-food stage.
 * - `[ ... ]` a part of a sentence left out when an ingredient it names is not in the recipe.
 *
 * A step that names a left-out ingredient outside `[ ]` is left out whole.
 */

/** Korean particle pairs a placeholder may carry; either form may be written. */
const PARTICLE_PAIRS: Readonly<Record<string, Parameters<typeof josa>[1]>> = {
  을: '을/를',
  를: '을/를',
  이: '이/가',
  가: '이/가',
  은: '은/는',
  는: '은/는',
  와: '와/과',
  과: '와/과',
  으로: '으로/로',
  로: '으로/로',
  이나: '이나/나',
  나: '이나/나',
  이랑: '이랑/랑',
  랑: '이랑/랑',
};

const PLACEHOLDER = /\{([a-z0-9_]+)(#)?(?::([^}]+))?\}/g;
const SPECIAL = new Set(['extra', 'stage']);

/** What a placeholder of a line renders. */
export interface TemplateLine {
  /** The name in the template's language (Korean name; English name in lower case). */
  name: string;
  /** English plural of the name. */
  plural: string;
  /** The amount and unit as the ingredient list writes them ("2", "개"; "1/2", "tbsp"). */
  amount: string;
  unit: string;
}

export interface TemplateValues {
  /** The line of a catalog id, undefined when the recipe does not have it (left out). */
  line(id: string): TemplateLine | undefined;
  /** The fridge items taken in, joined ("애호박, 버섯"); undefined when there are none. */
  extra?: string;
  /** The baby-food stage's label. */
  stage?: string;
}

/** How a unit is read aloud in Korean, so its particle fits: 300g은 → 300g(그램)은. */
const UNIT_READINGS: Readonly<Record<string, string>> = {
  g: '그램',
  kg: '킬로그램',
  ml: '밀리리터',
  L: '리터',
};

function withParticle(word: string, particle: string | undefined, reading = word): string {
  if (particle === undefined) return word;
  const pair = PARTICLE_PAIRS[particle];
  if (pair === undefined) return word + particle;
  return word + josa.pick(reading, pair);
}

function amountPhrase(line: TemplateLine, language: Language): { text: string; reading: string } {
  if (language === 'ko') {
    const text = `${line.name} ${line.amount}${line.unit}`;
    return { text, reading: line.unit === '' ? line.name : (UNIT_READINGS[line.unit] ?? line.unit) };
  }
  const one = line.amount === '1' || line.amount === '1/2' || line.amount.startsWith('1/');
  if (line.unit === '') return { text: `${line.amount} ${one ? line.name : line.plural}`, reading: '' };
  return { text: `${line.amount} ${line.unit} ${line.name}`, reading: '' };
}

/** Fills one sentence (no brackets): undefined when it names a line that is not there. */
function fill(sentence: string, language: Language, values: TemplateValues): string | undefined {
  let missing = false;
  const filled = sentence.replace(
    PLACEHOLDER,
    (_match, id: string, counted: string | undefined, particle: string | undefined) => {
      if (id === 'extra' || id === 'stage') {
        const value = id === 'extra' ? values.extra : values.stage;
        if (value === undefined) {
          missing = true;
          return '';
        }
        return language === 'ko' ? withParticle(value, particle) : value;
      }
      const line = values.line(id);
      if (line === undefined) {
        missing = true;
        return '';
      }
      if (counted !== undefined) {
        const phrase = amountPhrase(line, language);
        return language === 'ko' ? withParticle(phrase.text, particle, phrase.reading) : phrase.text;
      }
      if (language === 'en') return particle === 's' ? line.plural : line.name;
      return withParticle(line.name, particle);
    },
  );
  return missing ? undefined : filled;
}

/**
 * The text of a template for a recipe as adapted: optional parts whose ingredient is gone are left out;
 * undefined when a required part names one that is gone (the caller leaves the step out).
 */
export function renderTemplate(template: string, language: Language, values: TemplateValues): string | undefined {
  const parts = template.split(/(\[[^\]]*\])/);
  let out = '';
  for (const part of parts) {
    if (part.startsWith('[') && part.endsWith(']')) {
      out += fill(part.slice(1, -1), language, values) ?? '';
    } else {
      const filled = fill(part, language, values);
      if (filled === undefined) return undefined;
      out += filled;
    }
  }
  const text = tidy(out);
  // An English sentence that opens with a placeholder opens with a capital.
  return language === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** Spaces and punctuation left behind by a part left out ("마늘, , 양파" → "마늘, 양파"). */
function tidy(text: string): string {
  return text
    .replace(/\s+([,.!?])/g, '$1')
    .replace(/([,]\s*)+,/g, ',')
    .replace(/\(\s*\)/g, '')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,]+/, '')
    .trim();
}

/** The catalog ids a template names (special placeholders aside). */
export function templateIds(template: string): string[] {
  const ids: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const id = match[1]!;
    if (!SPECIAL.has(id) && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** What is wrong with a template's syntax, in words for whoever writes the library. */
export function templateProblems(template: string, language: Language): string[] {
  const problems: string[] = [];
  let depth = 0;
  for (const char of template) {
    if (char === '[') depth += 1;
    if (char === ']') depth -= 1;
    if (depth < 0 || depth > 1) {
      problems.push('brackets [ ] must pair and not nest');
      break;
    }
  }
  if (depth !== 0 && problems.length === 0) problems.push('an optional part [ ... ] is not closed');
  const stripped = template.replace(PLACEHOLDER, '');
  if (/[{}]/.test(stripped)) problems.push(`a placeholder is malformed in "${template}"`);
  for (const match of template.matchAll(PLACEHOLDER)) {
    const particle = match[3];
    if (particle === undefined) continue;
    const ok = language === 'ko' ? PARTICLE_PAIRS[particle] !== undefined : particle === 's' && match[2] === undefined;
    if (!ok) problems.push(`placeholder ${match[0]} has a particle ${language === 'ko' ? 'es-hangul' : 'English'} cannot fit`);
  }
  return problems;
}

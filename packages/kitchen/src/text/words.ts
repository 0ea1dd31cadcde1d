import type { Language } from '@ai-chef/contracts';

const IRREGULAR_PLURALS: Readonly<Record<string, string>> = { leaf: 'leaves', 'perilla leaf': 'perilla leaves' };
/** Foods English does not count even when a recipe counts blocks or pieces of them. */
const MASS_NOUNS = new Set(['tofu', 'rice', 'kimchi', 'spinach', 'bread', 'cheese', 'butter', 'meat', 'fish', 'garlic']);

/** The English plural of a food name: eggs, tomatoes, chillies, perilla leaves; tofu stays tofu. */
export function englishPlural(name: string): string {
  const last = name.toLowerCase().split(' ').pop() ?? '';
  if (MASS_NOUNS.has(last)) return name;
  const irregular = IRREGULAR_PLURALS[name];
  if (irregular !== undefined) return irregular;
  if (/(s|x|z|ch|sh)$/.test(name)) return `${name}es`;
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  if (/[^aeiou]o$/.test(name)) return `${name}es`;
  if (/leaf$/.test(name)) return `${name.slice(0, -4)}leaves`;
  return `${name}s`;
}

/** Names as a list reads: "애호박, 버섯" / "zucchini, mushrooms and tofu". */
export function joinNames(names: readonly string[], language: Language): string {
  if (language === 'ko' || names.length <= 1) return names.join(', ');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** First words of English food names that keep their capital in a sentence (Korean zucchini, MCT oil). */
const PROPER_WORDS = new Set(['Korean', 'Japanese', 'Chinese', 'Greek', 'Italian', 'Spanish', 'Alaska', 'Manila', 'Napa', 'Parmesan', 'Cheddar', 'Mozzarella', 'MCT', 'Dijon']);

/** An English food name as it reads inside a sentence: "korean zucchini" is wrong, "Pork belly" too. */
export function inSentence(nameEn: string): string {
  const first = nameEn.split(/[\s-]/, 1)[0] ?? '';
  if (PROPER_WORDS.has(first) || /^[A-Z]{2,}/.test(first)) return nameEn;
  return nameEn.charAt(0).toLowerCase() + nameEn.slice(1);
}

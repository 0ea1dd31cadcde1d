import { ALLERGEN_NAMES, allergenKeyFor } from '@ai-chef/contracts';
import type { AllergenKey } from '@ai-chef/contracts';
import type { Catalog } from '../../catalog.js';
import type { Ingredient } from '../../ingredient-schema.js';
import { findForbidden } from '../recipe-facts.js';
import type { Label, RuleModule } from '../rule-spec.js';
import { inSentence } from '../../text/words.js';

/** An allergy entry of a profile: an allergen key (hidden sources included) or a catalog ingredient (kiwi). */
export type AllergyEntry = { key: AllergenKey } | { ingredientId: string } | { unknown: string };

export function allergyEntry(entry: string, catalog: Catalog): AllergyEntry {
  const key = allergenKeyFor(entry);
  if (key !== undefined) return { key };
  const ingredient = catalog.get(entry) ?? catalog.resolve(entry);
  return ingredient === undefined ? { unknown: entry } : { ingredientId: ingredient.id };
}

/** Whether an ingredient carries the allergy: the allergen on its label, or the very ingredient. */
export function allergyExcludes(entry: AllergyEntry, ingredient: Ingredient): boolean {
  if ('key' in entry) return ingredient.allergens.includes(entry.key);
  if ('ingredientId' in entry) return ingredient.id === entry.ingredientId;
  return false;
}

export function allergenLabel(key: AllergenKey): Label {
  const names = ALLERGEN_NAMES[key];
  return {
    ko: names[0] ?? key,
    en: names.find((name) => /^[a-z]/.test(name) && !name.includes('_')) ?? key.replace('_', ' '),
  };
}

export function allergyLabel(entry: AllergyEntry, catalog: Catalog): Label {
  if ('key' in entry) return allergenLabel(entry.key);
  if ('ingredientId' in entry) {
    const ingredient = catalog.get(entry.ingredientId);
    if (ingredient !== undefined) return { ko: ingredient.nameKo, en: inSentence(ingredient.nameEn) };
  }
  const text = 'unknown' in entry ? entry.unknown : entry.ingredientId;
  return { ko: text, en: text };
}

/** One rule per allergy: nothing served — line or word — may carry it. */
export const allergies: RuleModule = {
  rules: (profile, { catalog }) =>
    profile.allergies.map((raw) => {
      const entry = allergyEntry(raw, catalog);
      const name = allergyLabel(entry, catalog);
      return {
        id: `allergy.${raw}`,
        kind: 'none' as const,
        label: { ko: `알레르기 재료(${name.ko})`, en: `allergen (${name.en})` },
        find: (facts) =>
          findForbidden(facts, {
            ingredient: (ingredient) => allergyExcludes(entry, ingredient),
            ...('key' in entry ? { allergen: entry.key } : {}),
          }),
      };
    }),
  promptLines: (profile, language, { catalog }) => {
    const lines: string[] = [];
    for (const raw of profile.allergies) {
      const entry = allergyEntry(raw, catalog);
      const name = allergyLabel(entry, catalog);
      const sources =
        'key' in entry
          ? catalog
              .all()
              .filter((ingredient) => ingredient.allergens.includes(entry.key))
              .map((ingredient) => ingredient.nameKo)
          : [];
      lines.push(
        language === 'ko'
          ? `알레르기: ${name.ko}(${name.en}) — 재료에도, 이름·설명·조리 단계·메모의 어떤 단어에도 쓰지 마세요` +
              (sources.length > 0 ? `. 이것이 든 재료: ${sources.join(', ')}` : '')
          : `allergy: ${name.en} (${name.ko}) — not in any ingredient, nor any word of the name, description, steps or notes` +
              (sources.length > 0 ? `. Ingredients that contain it: ${sources.join(', ')}` : ''),
      );
    }
    return lines;
  },
};

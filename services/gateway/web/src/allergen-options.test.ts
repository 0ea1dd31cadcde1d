import { describe, expect, it } from '@jest/globals';
import { ALLERGEN_KEYS, ALLERGEN_NAMES, allergenKeyFor } from '@ai-chef/contracts';
import { ALLERGEN_OPTIONS, allergenLabel, isAllergenKey } from './allergen-options.js';

describe('the allergy checkboxes', () => {
  it('offer exactly the 19 allergen keys of the contract, in its order', () => {
    expect(ALLERGEN_OPTIONS.map((option) => option.key)).toEqual([...ALLERGEN_KEYS]);
  });

  it('use a Korean label the server itself accepts for that key', () => {
    for (const option of ALLERGEN_OPTIONS) {
      const accepted = ALLERGEN_NAMES[option.key];
      const named = accepted.some((name) => option.ko.startsWith(name));
      expect({ key: option.key, named }).toEqual({ key: option.key, named: true });
      expect(allergenKeyFor(option.en)).toBe(option.key);
    }
  });

  it('label keys and nothing else', () => {
    expect(allergenLabel('pine_nut', 'ko')).toBe('잣');
    expect(allergenLabel('kiwi', 'en')).toBeUndefined();
    expect(isAllergenKey('shellfish')).toBe(true);
    expect(isAllergenKey('kiwi')).toBe(false);
  });
});

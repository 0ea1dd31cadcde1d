import { describe, expect, it } from '@jest/globals';
import { NOTICE_CODES, TARGETS } from '@ai-chef/contracts';
import { MESSAGES, formatWon, lang, setLang, t, tMaybe } from './i18n.js';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '').sort();

describe('the messages', () => {
  it('exist in both languages with the same placeholders', () => {
    for (const [key, ko] of Object.entries(MESSAGES.ko)) {
      const en = MESSAGES.en[key as keyof typeof MESSAGES.en];
      expect({ key, placeholders: placeholders(en) }).toEqual({ key, placeholders: placeholders(ko) });
      // Only units that read best as nothing at all may be empty.
      if (!key.startsWith('unit.'))
        expect({ key, empty: ko === '' || en === '' }).toEqual({ key, empty: false });
    }
  });

  it('are Korean by default and switch to English', () => {
    expect(lang()).toBe('ko');
    expect(t('fridge.count', { n: 3 })).toBe('냉장고 재료 3가지');
    expect(formatWon(31300)).toBe('31,300원');
    setLang('en');
    try {
      expect(t('fridge.count', { n: 3 })).toBe('3 ingredients in the fridge');
      expect(formatWon(31300)).toBe('₩31,300');
    } finally {
      setLang('ko');
    }
  });

  it('give nothing for keys built from unknown data', () => {
    expect(tMaybe('rule.keto.net_carbs')).toBe('순탄수화물');
    expect(tMaybe('rule.something_new')).toBeUndefined();
  });

  it('name every target and every notice code of the contract in both languages', () => {
    for (const language of ['ko', 'en'] as const) {
      setLang(language);
      try {
        for (const key of [...TARGETS.map((target) => `target.${target}`), ...NOTICE_CODES.map((code) => `noticeKind.${code}`)])
          expect({ key, language, word: tMaybe(key) !== undefined }).toEqual({ key, language, word: true });
      } finally {
        setLang('ko');
      }
    }
  });
});

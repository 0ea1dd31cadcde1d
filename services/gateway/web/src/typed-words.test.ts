import { describe, expect, it } from '@jest/globals';
import { profileWithDefaults } from '@ai-chef/contracts';
import { loadSentProfile, saveSentProfile, typedWord, typedWordsFor, useTypedWords } from './typed-words.js';

class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
}

describe('the person’s own words', () => {
  it('pair each stored id with the name typed for it; keys the page names itself are left out', () => {
    const words = typedWordsFor(
      { allergies: ['peanut', '키위'], dislikes: [' 고수 ', '해산물'] },
      profileWithDefaults({ allergies: ['peanut', 'kiwi'], dislikes: ['coriander', 'category:seafood'] }),
    );
    expect([...words]).toEqual([
      ['kiwi', '키위'],
      ['coriander', '고수'],
      ['category:seafood', '해산물'],
    ]);
  });

  it('when two names became one id, then the lists no longer pair and no word is guessed', () => {
    const words = typedWordsFor(
      { allergies: ['땅콩', 'peanut', '키위'] },
      profileWithDefaults({ allergies: ['peanut', 'kiwi'] }),
    );
    expect(words.size).toBe(0);
  });

  it('are looked up for the result on screen', () => {
    useTypedWords(new Map([['kiwi', '키위']]));
    expect(typedWord('kiwi')).toBe('키위');
    expect(typedWord('salmon')).toBeUndefined();
    useTypedWords(new Map());
  });

  it('the sent profile comes back for its own session only', () => {
    const storage = new MemoryStorage();
    saveSentProfile(storage, 'session-1', { target: 'keto', allergies: ['키위'], dislikes: [] });
    expect(loadSentProfile(storage, 'session-1')).toMatchObject({ target: 'keto', allergies: ['키위'] });
    expect(loadSentProfile(storage, 'session-2')).toBeUndefined();
    storage.setItem('aiChefSentProfile', '{broken');
    expect(loadSentProfile(storage, 'session-1')).toBeUndefined();
  });
});

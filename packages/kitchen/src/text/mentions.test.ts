import { describe, expect, it } from '@jest/globals';
import { getCatalog } from '../catalog.js';
import { mentionScanner } from './mentions.js';

const scanner = mentionScanner(getCatalog());
const words = (text: string) => scanner.scan(text).map((mention) => mention.text);
const allergens = (text: string) => [...new Set(scanner.scan(text).flatMap((mention) => mention.allergens))].sort();
const ids = (text: string) => scanner.scan(text).flatMap((mention) => mention.ingredientIds);

describe('MentionScanner', () => {
  it('finds an allergen hidden in a bracket and in a step', () => {
    expect(allergens('두부(땅콩버터 2큰술 포함)')).toEqual(['peanut', 'soybean']);
    expect(allergens('땅콩버터를 넣고 고루 섞습니다')).toContain('peanut');
    expect(allergens('Stir in the peanut butter.')).toContain('peanut');
  });

  it('reads the longest word first: 양파 is onion, not 파', () => {
    expect(ids('양파를 썹니다')).toEqual(['onion']);
    expect(ids('파를 송송 썹니다')).toEqual(['green_onion']);
  });

  it('reads a one-syllable word only where it stands alone or with a particle', () => {
    expect(allergens('맛있게 드세요')).toEqual([]);
    expect(allergens('게 다리를 손질합니다')).toEqual(['crab']);
    expect(words('깨끗이 씻은 감자')).toEqual(['감자']);
    expect(words('한 김 식혀 썹니다')).toEqual([]);
    expect(words('2~3회 뒤집어 굽습니다')).toEqual([]);
  });

  it('reads compounds and stems that start them', () => {
    expect(allergens('꽃게탕')).toEqual(['crab']);
    expect(allergens('닭볶음탕을 끓입니다')).toEqual(['chicken']);
    expect(allergens('다진돼지고기를 볶습니다')).toEqual(['pork']);
    expect(allergens('달걀물을 입힙니다')).toEqual(['egg']);
  });

  it('leaves words that only contain a food word', () => {
    expect(words('밀폐용기에 담아 보관합니다')).toEqual([]);
    expect(words('Roast the eggplant.')).toEqual(['eggplant']);
    expect(allergens('Roast the eggplant.')).toEqual([]);
  });

  it('reads English whole words with their plurals', () => {
    expect(ids('Fry two eggs and the perilla leaves')).toEqual(['egg', 'perilla_leaf']);
    expect(allergens('Season with soy sauce.')).toEqual(['soybean', 'wheat']);
  });

  it('gives the same answer for the same text every time (it remembers scans)', () => {
    const text = '새우와 오징어를 볶습니다';
    expect(scanner.scan(text)).toBe(scanner.scan(text));
    expect(allergens(text)).toEqual(['shrimp', 'squid']);
  });
});

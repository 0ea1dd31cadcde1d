import { describe, expect, it } from '@jest/globals';
import { renderTemplate, templateIds, templateProblems } from './step-template.js';
import type { TemplateLine } from './step-template.js';

const lines: Record<string, TemplateLine> = {
  egg: { name: '달걀', plural: '달걀', amount: '2', unit: '개' },
  tofu: { name: '두부', plural: '두부', amount: '300', unit: 'g' },
};
const values = (present: Record<string, TemplateLine>) => ({ line: (id: string) => present[id] });

describe('renderTemplate', () => {
  it('fits the particle to the name it renders', () => {
    expect(renderTemplate('{egg:을} 풉니다', 'ko', values(lines))).toBe('달걀을 풉니다');
    expect(renderTemplate('{egg:을} 풉니다', 'ko', values({ egg: lines.tofu! }))).toBe('두부를 풉니다');
    expect(renderTemplate('{tofu:와} {egg:을} 섞습니다', 'ko', values(lines))).toBe('두부와 달걀을 섞습니다');
  });

  it('writes counts from the list, with a particle read as the unit sounds', () => {
    expect(renderTemplate('{egg#:을} 깨뜨립니다', 'ko', values(lines))).toBe('달걀 2개를 깨뜨립니다');
    expect(renderTemplate('{tofu#:을} 으깹니다', 'ko', values(lines))).toBe('두부 300g을 으깹니다');
    const en = { egg: { name: 'egg', plural: 'eggs', amount: '2', unit: '' } };
    expect(renderTemplate('Crack {egg#}.', 'en', values(en))).toBe('Crack 2 eggs.');
    expect(renderTemplate('Beat the {egg:s}.', 'en', values(en))).toBe('Beat the eggs.');
  });

  it('leaves out an optional part whose line is gone, and the whole step for a required one', () => {
    expect(renderTemplate('{tofu:을} 굽고[, {egg:을} 올립니다].', 'ko', values({ tofu: lines.tofu! }))).toBe('두부를 굽고.');
    expect(renderTemplate('{egg:을} 풉니다', 'ko', values({}))).toBeUndefined();
  });

  it('names the ids it uses and finds malformed templates', () => {
    expect(templateIds('{egg:을} {tofu#} {extra} {egg}')).toEqual(['egg', 'tofu']);
    expect(templateProblems('[{egg} [nested]]', 'ko')).not.toEqual([]);
    expect(templateProblems('{egg:xyz}', 'ko')).not.toEqual([]);
    expect(templateProblems('{egg', 'ko')).not.toEqual([]);
    expect(templateProblems('{egg:을} 풉니다', 'ko')).toEqual([]);
  });
});

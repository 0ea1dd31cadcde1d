import { describe, expect, it } from '@jest/globals';
import type { ProfileInput } from '@ai-chef/contracts';
import { DEFAULT_PLAN_CHOICE, planBody } from './plan-choice.js';

const profile: ProfileInput = { target: 'keto', servings: 3, budget: 30_000, allergies: ['peanut'] };

describe('planBody', () => {
  it('leaves the recipe budget out when the plan budget is empty, so the API counts 30,000 a day', () => {
    expect(planBody(profile, { days: 2, mealsPerDay: 3, budget: '  ' })).toEqual({
      profile: { target: 'keto', servings: 3, allergies: ['peanut'] },
      days: 2,
      mealsPerDay: 3,
    });
  });

  it('takes the typed budget for the whole plan, commas and all', () => {
    expect(planBody(profile, { ...DEFAULT_PLAN_CHOICE, budget: '120,000' })).toEqual({
      profile: { target: 'keto', servings: 3, allergies: ['peanut'], budget: 120_000 },
      days: 3,
      mealsPerDay: 2,
    });
  });

  it('refuses a budget outside 1,000–1,000,000 or not a whole number', () => {
    for (const budget of ['999', '1000001', '3.5', 'abc', '-5000'])
      expect(planBody(profile, { ...DEFAULT_PLAN_CHOICE, budget })).toBeUndefined();
    expect(planBody(profile, { ...DEFAULT_PLAN_CHOICE, budget: '1000' })?.profile.budget).toBe(1000);
  });
});

import type { PlanBody, ProfileInput } from '@ai-chef/contracts';
import { parseWhole } from './profile-draft.js';

/** What the plan form holds besides the profile: the plan's size and its budget as typed. */
export interface PlanChoice {
  days: number;
  mealsPerDay: number;
  /** Empty: the API's default, 30,000 KRW a day (docs/contract.md, Meal plans). */
  budget: string;
}

export const DEFAULT_PLAN_CHOICE: PlanChoice = { days: 3, mealsPerDay: 2, budget: '' };
export const DAY_OPTIONS = [1, 2, 3, 4, 5, 6, 7] as const;
export const MEAL_OPTIONS = [1, 2, 3] as const;

/**
 * The plan's body: the profile as the recipe form holds it, with the plan's own budget in place of a
 * recipe's (none when left empty, so the API's 30,000 a day applies); undefined when the budget is not
 * a whole number from 1,000 to 1,000,000.
 */
export function planBody(profile: ProfileInput, choice: PlanChoice): PlanBody | undefined {
  const { budget: _recipeBudget, ...rest } = profile;
  const size = { days: choice.days, mealsPerDay: choice.mealsPerDay };
  if (choice.budget.trim() === '') return { profile: rest, ...size };
  const budget = parseWhole(choice.budget);
  if (budget === undefined || budget < 1000 || budget > 1_000_000) return undefined;
  return { profile: { ...rest, budget }, ...size };
}

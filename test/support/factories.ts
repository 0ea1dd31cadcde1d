import type { ProfileInput } from '@ai-chef/contracts';

/** A profile for tests; override only what the test is about. */
export function buildProfile(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return { target: 'general', servings: 2, budget: 30000, cookingLevel: 'intermediate', ...overrides };
}

/** Allergies that rule out every keto recipe of the offline base: a run that must fail. */
export const NO_KETO_POSSIBLE = ['egg', 'milk', 'pork', 'beef', 'chicken', 'soybean', 'mackerel', 'shrimp', 'crab', 'squid', 'shellfish', '연어', '참치캔', '오리고기'];

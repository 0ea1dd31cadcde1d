import type { ProfileInput } from '@ai-chef/contracts';

/** A profile for tests; override only what the test is about. */
export function buildProfile(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return { target: 'general', servings: 2, budget: 30000, cookingLevel: 'intermediate', ...overrides };
}

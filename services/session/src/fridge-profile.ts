import type { Profile } from '@ai-chef/contracts';

/** ProfileSchema's bound on fridgeIngredients. */
const MERGED_FRIDGE_MAX = 100;

/**
 * The profile's fridgeIngredients merged with the session's fridge (docs/contract.md, The profile): the
 * profile's own ids first, then the fridge's, newest first, each id once.
 */
export function withSessionFridge(profile: Profile, fridgeIds: readonly string[]): Profile {
  const merged = [...new Set([...profile.fridgeIngredients, ...fridgeIds])].slice(0, MERGED_FRIDGE_MAX);
  return { ...profile, fridgeIngredients: merged };
}

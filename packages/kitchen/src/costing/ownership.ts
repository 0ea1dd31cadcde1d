import { BASIC_PANTRY } from '@ai-chef/contracts';
import type { Profile } from '@ai-chef/contracts';

export type Owned = 'fridge' | 'pantry';

/** Water is never bought: with an empty pantry it is still at home. */
const ALWAYS_AT_HOME = 'water';

/**
 * What the person already has: the fridge (the session's, merged into the profile) and the pantry
 * ("basic" or their own list). An ingredient in both is owned as `fridge`.
 */
export function ownedBy(profile: Pick<Profile, 'fridgeIngredients' | 'pantry'>): (ingredientId: string) => Owned | null {
  const fridge = new Set(profile.fridgeIngredients);
  const pantry = new Set<string>(profile.pantry === 'basic' ? BASIC_PANTRY : profile.pantry);
  pantry.add(ALWAYS_AT_HOME);
  return (id) => (fridge.has(id) ? 'fridge' : pantry.has(id) ? 'pantry' : null);
}

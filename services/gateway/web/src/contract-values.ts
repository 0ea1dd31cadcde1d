/**
 * The few values of @ai-chef/contracts the page needs at run time. The page imports only types from
 * the contracts package: its modules build zod schemas when they load, and one value import from it
 * pulled all of zod into the page (282 KB of JavaScript instead of 45 KB). contract-values.test.ts
 * checks each value here against the contracts package, and the lint rule for web/src refuses value
 * imports from it.
 */

/** The vendor key of items priced from the bundled reference prices (ESTIMATE_VENDOR). */
export const ESTIMATE_VENDOR = 'estimate';

/** What "basic" means in a profile's pantry: the staples nearly every kitchen has (BASIC_PANTRY). */
export const BASIC_PANTRY = [
  'water',
  'salt',
  'black_pepper',
  'sugar',
  'vegetable_oil',
  'soy_sauce',
  'sesame_oil',
] as const;

import { readdirSync, readFileSync } from 'node:fs';
import { LibrarySchema } from './library-schema.js';
import type { LibraryRecipe } from './library-schema.js';

/** One file per kind of dish (data/recipes/*.json), read in name order. */
const LIBRARY_DIR = new URL('../../data/recipes/', import.meta.url);

let cached: readonly LibraryRecipe[] | undefined;

/** The bundled recipe library, parsed and validated once (src/ and dist/ both sit two levels below data/). */
export function getLibrary(): readonly LibraryRecipe[] {
  if (cached === undefined) {
    const files = readdirSync(LIBRARY_DIR)
      .filter((name) => name.endsWith('.json'))
      .sort();
    const recipes = files.flatMap((name) => JSON.parse(readFileSync(new URL(name, LIBRARY_DIR), 'utf8')) as unknown[]);
    cached = Object.freeze(LibrarySchema.parse(recipes));
  }
  return cached;
}

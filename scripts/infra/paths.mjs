import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Tools the project installs for itself (gitignored). */
export const TOOLS_DIR = join(ROOT, '.tools');
/** State that survives restarts of `npm start` (gitignored). */
export const DATA_DIR = join(ROOT, '.data');

// One pinned version of each, for every way of getting it.
export const TEMPORAL_CLI_VERSION = '1.5.1';
export const FERRETDB_VERSION = 'v1.24.2';

export const SEARCH_ATTRIBUTES = { AiChefTarget: 'Keyword', AiChefStatus: 'Keyword' };

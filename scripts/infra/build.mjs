import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, ROOT } from './paths.mjs';
import { step } from './log.mjs';
import { run } from './run-command.mjs';

const SOURCES = [
  'package-lock.json',
  'tsconfig.base.json',
  'packages',
  'activities',
  'workflows',
  'services',
];
const SKIP = new Set(['node_modules', 'dist', '.tsbuildinfo']);
const STAMP = join(DATA_DIR, 'build.stamp');
const OUTPUTS = [
  'services/gateway/dist/main.js',
  'services/session/dist/main.js',
  'services/worker/dist/main.js',
  'services/worker/dist/recipe-workflow.bundle.js',
  'services/gateway/web/dist/index.html',
];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (SKIP.has(entry)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** `npm run build` (tsc -b, the web page, the workflow bundle) unless nothing changed since the last one. */
export async function buildIfStale() {
  const newest = Math.max(...SOURCES.map((source) => newestMtime(join(ROOT, source))));
  const built = OUTPUTS.every((output) => existsSync(join(ROOT, output)));
  if (built && existsSync(STAMP) && statSync(STAMP).mtimeMs >= newest) {
    step('build is up to date');
    return;
  }
  step('building the services, the web page and the workflow bundle');
  await run('npm', ['run', 'build', '--silent'], { cwd: ROOT });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

// `npm test`: on a fresh clone installs what is missing, then lint, type checks, and every jest
// test (unit, integration against throw-away servers on free ports, property-based fuzzing of every
// public route, and the web page in chromium when /usr/bin/chromium exists). Extra args go to jest.
// Crash and outage tests are `npm run test:faults`.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './infra/paths.mjs';
import { step } from './infra/log.mjs';
import { ensureInfrastructure, ensureNodeModules } from './infra/install.mjs';
import { run } from './infra/run-command.mjs';
import { ensurePromtool } from './infra/promtool.mjs';

const jestArgs = process.argv.slice(2);

await ensureNodeModules();
await ensureInfrastructure();
await ensurePromtool();
step('lint');
await run('npx', ['eslint', '.', '--max-warnings', '0'], { cwd: ROOT });
step('type check and build (tsc -b, workflow bundle)');
await run('npm', ['run', 'build', '--silent'], { cwd: ROOT });
step('type check of tests');
await run('npx', ['tsc', '-p', 'tsconfig.check.json'], { cwd: ROOT });
step('jest');
// The browser tests drive Debian's chromium (apt-get install chromium); without it they are skipped, and say so.
const projects = ['unit', 'integration', 'fuzz'];
if (existsSync('/usr/bin/chromium')) projects.push('browser');
else console.log('browser tests skipped: no chromium (/usr/bin/chromium; apt-get install chromium)');
// Jest's default on 2 cores is one worker, but most suites wait on the servers they start (Temporal,
// the database, chromium): two workers there halve jest's time (444 s → 239 s in a clean clone).
const workers = jestArgs.some((arg) => /^(--maxWorkers|-w|--runInBand|-i)\b/.test(arg))
  ? []
  : [`--maxWorkers=${Math.max(2, availableParallelism() - 1)}`];
const resultsDir = mkdtempSync(join(tmpdir(), 'ai-chef-jest-'));
const resultsFile = join(resultsDir, 'results.json');
let failure;
try {
  await run(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      'node_modules/jest/bin/jest.js',
      '--ci',
      '--selectProjects',
      ...projects,
      '--json',
      `--outputFile=${resultsFile}`,
      ...workers,
      ...jestArgs,
    ],
    { cwd: ROOT },
  );
} catch (err) {
  failure = err;
}
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  // The one closing line CI reads, whatever the runner prints above it.
  console.log(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed`);
}
rmSync(resultsDir, { recursive: true, force: true });
if (failure) {
  console.error(failure.message);
  process.exit(1);
}
step('all tests passed');

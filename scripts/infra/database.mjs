// The MongoDB-wire server of the local stack, tests and the bench: one way to start it for all.
import { chmodSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from './postgres.mjs';
import { freePort, startProcess, tcpOpen, waitFor } from './servers.mjs';

const EQUALITY_INDEXES_SQL = new URL('./ferretdb-equality-indexes.sql', import.meta.url);
/** FerretDB keeps every MongoDB database as a schema of this PostgreSQL database. */
const FERRETDB_DATABASE = 'ferretdb';

/** The PostgreSQL database FerretDB uses, made on the first start, with the trigger of ferretdb-equality-indexes.sql. */
async function prepareFerretDbDatabase(postgres) {
  const admin = await postgres.connect('postgres');
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      FERRETDB_DATABASE,
    ]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${FERRETDB_DATABASE}`);
  } finally {
    await admin.end();
  }
  const database = await postgres.connect(FERRETDB_DATABASE);
  try {
    await database.query(readFileSync(EQUALITY_INDEXES_SQL, 'utf8'));
  } finally {
    await database.end();
  }
}

/**
 * FerretDB with its PostgreSQL backend on 127.0.0.1:`port`, PostgreSQL (embedded, see postgres.mjs)
 * on a free loopback port, both with their state under `dir`; telemetry off. The password reaches
 * FerretDB in its environment, not on its command line. stop() ends FerretDB, then PostgreSQL;
 * kill() crashes both at once.
 */
export async function startFerretDb({ bin, port, dir, logFile }) {
  mkdirSync(dir, { recursive: true });
  const postgres = await startPostgres({ dir, port: await freePort(), logFile });
  try {
    await prepareFerretDbDatabase(postgres);
    const url = new URL(`postgres://127.0.0.1:${postgres.port}/${FERRETDB_DATABASE}`);
    url.username = postgres.user;
    url.password = postgres.password;
    const ferretdb = startProcess(
      'ferretdb',
      bin,
      [
        '--handler=postgresql',
        `--listen-addr=127.0.0.1:${port}`,
        `--debug-addr=127.0.0.1:${await freePort()}`,
        '--telemetry=disable',
        '--log-level=warn',
        `--state-dir=${dir}`,
      ],
      { logFile, env: { ...process.env, FERRETDB_POSTGRESQL_URL: url.href } },
    );
    await waitFor(
      async () => {
        if (ferretdb.exited) throw new Error(`ferretdb exited early; see ${logFile ?? 'its output'}`);
        return tcpOpen(port);
      },
      { what: 'FerretDB', timeoutMs: 30_000 },
    );
    return {
      name: 'ferretdb',
      url: `mongodb://127.0.0.1:${port}/`,
      child: ferretdb.child,
      /** The processes to account CPU to: FerretDB, and PostgreSQL's postmaster (its backends are below it). */
      pids: { ferretdb: ferretdb.child.pid, postgres: postgres.child.pid },
      /** FerretDB's PostgreSQL: its port, a URL of FerretDB's database as the superuser, and pg clients. */
      postgres: { port: postgres.port, url: url.href, connect: postgres.connect },
      exit: Promise.race([ferretdb.exit, postgres.exit]),
      get exited() {
        return ferretdb.exited || postgres.exited;
      },
      async stop(graceMs) {
        await ferretdb.stop(graceMs);
        await postgres.stop(graceMs);
      },
      async kill() {
        await Promise.all([ferretdb.kill(), postgres.kill()]);
      },
    };
  } catch (err) {
    await postgres.stop();
    throw err;
  }
}

/** A local mongod, when one is on the PATH. */
export async function startMongod({ bin, port, dir, logFile }) {
  mkdirSync(dir, { recursive: true });
  const server = startProcess(
    'mongod',
    bin,
    ['--bind_ip', '127.0.0.1', '--port', String(port), '--dbpath', dir],
    {
      logFile,
    },
  );
  await waitFor(() => tcpOpen(port), { what: 'mongod', timeoutMs: 30_000 });
  return { ...server, url: `mongodb://127.0.0.1:${port}/`, pids: { database: server.child.pid } };
}

/**
 * Starts whichever database `ensureInfrastructure` chose, with its state in `dir/<kind>`; an
 * external one is only reached, not started. As root, `dir` is made searchable by other users:
 * PostgreSQL refuses to run as root and runs as the user `postgres`.
 */
export async function startDatabase(database, { port, dir, logFile }) {
  if (database.kind === 'external') {
    return {
      name: 'external',
      url: database.url,
      pids: {},
      exit: new Promise(() => undefined), // not ours: it never exits under us
      exited: false,
      stop: async () => undefined,
      kill: async () => undefined,
    };
  }
  if (database.kind === 'mongod')
    return startMongod({ bin: database.bin, port, dir: join(dir, 'mongod'), logFile });
  mkdirSync(dir, { recursive: true });
  if (userInfo().uid === 0) chmodSync(dir, statSync(dir).mode | 0o011);
  return startFerretDb({ bin: database.bin, port, dir: join(dir, 'ferretdb'), logFile });
}

// The bench's own stack: a Temporal dev server and a MongoDB-wire server on free ports with state in
// a fresh temporary dir, the fakes of both providers in this process, and the three services as
// child processes from their built dist/main.js. It never touches `npm start`'s ports or .data/.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../scripts/infra/paths.mjs';
import { startDatabase } from '../scripts/infra/database.mjs';
import { freePort, startProcess, startTemporal } from '../scripts/infra/servers.mjs';
import { startModelFake } from './fakes/model-fake.mjs';
import { startShopFake } from './fakes/shop-fake.mjs';
import { rssMegabytes } from './process-usage.mjs';
import { ferretDbMetricsUrl } from './database-commands.mjs';

const ENTRY = {
  session: join(ROOT, 'services/session/dist/main.js'),
  worker: join(ROOT, 'services/worker/dist/main.js'),
  gateway: join(ROOT, 'services/gateway/dist/main.js'),
};

async function waitReady(url, child, logFile, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exited) throw new Error(`${child.name} exited while starting; see ${logFile}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`${child.name} was not ready within ${timeoutMs / 1000} s; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts everything; `infra` is what ensureInfrastructure() found (Temporal CLI, database choice).
 * The worker talks to the fakes with zero added latency until a figure configures them.
 */
export async function startBenchStack({ infra, cpuProf = false, log }) {
  const dir = mkdtempSync(join(tmpdir(), 'ai-chef-bench-'));
  const logs = join(dir, 'logs');
  mkdirSync(logs, { recursive: true });
  const stoppers = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };
  try {
    log('starting the Temporal dev server and the database on free ports');
    const [temporal, database] = await Promise.all([
      startTemporal({
        bin: infra.temporal,
        port: await freePort(),
        dbFile: join(dir, 'temporal.db'),
        headless: true,
        logFile: join(logs, 'temporal.log'),
      }),
      startDatabase(infra.database, { port: await freePort(), dir, logFile: join(logs, 'database.log') }),
    ]);
    stoppers.push(
      () => temporal.stop(),
      () => database.stop(),
    );
    const [model, shop] = await Promise.all([startModelFake(), startShopFake()]);
    stoppers.push(
      () => model.close(),
      () => shop.close(),
    );

    const mongoDb = infra.database.kind === 'external' ? `ai_chef_bench_${process.pid}` : 'ai_chef_bench';
    const base = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      MONGO_URL: database.url,
      MONGO_DB: mongoDb,
      TEMPORAL_ADDRESS: temporal.address,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      PROCESS_RATE_LIMIT_PER_MINUTE: '0',
      INTERNAL_TOKEN: randomBytes(32).toString('base64url'),
    };
    const nodeArgs = cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'profiles')}`] : [];
    const processes = {};
    const urls = {};
    const spawn = async (name, env, readyPath) => {
      const port = await freePort();
      const logFile = join(logs, `${name}.log`);
      const child = startProcess(name, process.execPath, [...nodeArgs, ENTRY[name]], {
        env: { ...base, ...env, PORT: String(port) },
        logFile,
        cwd: ROOT,
      });
      // Graceful: the services finish their work and node writes its CPU profile on exit.
      stoppers.push(() => child.stop(45_000));
      processes[name] = child;
      urls[name] = `http://127.0.0.1:${port}`;
      await waitReady(`${urls[name]}${readyPath}`, child, logFile);
    };
    log('starting the session service, the worker (model and shop fakes, zero latency) and the gateway');
    await spawn('session', {}, '/readyz');
    await spawn(
      'worker',
      {
        SESSION_SERVICE_URL: urls.session,
        ANTHROPIC_API_KEY: model.apiKey,
        ANTHROPIC_BASE_URL: model.url,
        NAVER_CLIENT_ID: shop.clientId,
        NAVER_CLIENT_SECRET: shop.clientSecret,
        NAVER_API_BASE_URL: shop.url,
        TEMPORAL_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
      },
      '/readyz',
    );
    await spawn('gateway', { SESSION_SERVICE_URL: urls.session }, '/readyz');

    const pids = Object.fromEntries(
      Object.entries(processes).map(([name, child]) => [name, child.child.pid]),
    );
    // Every process of the stack, for CPU accounting (an external database has none here; FerretDB
    // and PostgreSQL are two, PostgreSQL with its backends below it).
    const allPids = {
      ...pids,
      temporal: temporal.child.pid,
      ...database.pids,
      bench: process.pid,
    };
    const rssAtStart = Object.fromEntries(
      Object.entries(pids).map(([name, pid]) => [name, rssMegabytes(pid)]),
    );
    const { Client, Connection } = await import('@temporalio/client');
    const connection = await Connection.connect({ address: temporal.address });
    stoppers.push(() => connection.close());
    const temporalClient = new Client({ connection, namespace: 'default' });

    return {
      dir,
      logs,
      gatewayUrl: urls.gateway,
      sessionUrl: urls.session,
      workerUrl: urls.worker,
      mongoUrl: database.url,
      mongoDb,
      temporalAddress: temporal.address,
      temporalClient,
      fakes: { model, shop },
      pids,
      allPids,
      rssAtStart,
      databaseMetricsUrl: infra.database.kind === 'ferretdb' ? ferretDbMetricsUrl(allPids.ferretdb) : undefined,
      /** FerretDB's PostgreSQL (`connect(database)`), for its statistics; undefined on other servers. */
      postgres: database.postgres,
      /** Runs completed through this stack so far (B6 counts them). */
      completedRuns: 0,
      /** Processes that ended on their own: a crash makes every later figure meaningless. */
      crashed: () =>
        Object.values(processes)
          .filter((child) => child.exited)
          .map((child) => child.name),
      async stop({ keep = false } = {}) {
        await stopAll();
        if (!keep) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stopAll();
    throw new Error(`${err.message} (logs in ${logs})`, { cause: err });
  }
}

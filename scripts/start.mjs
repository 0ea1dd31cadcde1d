// `npm start`: installs what is missing, then runs the whole product locally with no keys.
// Needs nothing but Node: everything else it installs itself (see scripts/infra/install.mjs).
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, ROOT } from './infra/paths.mjs';
import { step } from './infra/log.mjs';
import { ensureInfrastructure, ensureNodeModules } from './infra/install.mjs';
import { buildIfStale } from './infra/build.mjs';
import { startDatabase } from './infra/database.mjs';
import { httpOk, portInUse, startProcess, startTemporal, waitFor } from './infra/servers.mjs';

const PORTS = {
  gateway: Number(process.env.PORT ?? 3000),
  session: 3001,
  worker: 3002,
  temporal: 7233,
  temporalUi: 8233,
  database: 27017,
};

const children = [];
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  step('stopping…');
  for (const child of [...children].reverse()) await child.stop().catch(() => undefined);
  step('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

function watch(child) {
  children.push(child);
  void child.exit.then(({ code, signal }) => {
    if (stopping) return;
    step(`${child.name} exited unexpectedly (${code ?? signal}); see ${join(DATA_DIR, 'logs', `${child.name}.log`)}`);
    void stopAll(1);
  });
  return child;
}

async function main() {
  await ensureNodeModules();
  const infra = await ensureInfrastructure();
  mkdirSync(DATA_DIR, { recursive: true });
  await buildIfStale();

  const logs = join(DATA_DIR, 'logs');
  mkdirSync(logs, { recursive: true });
  const busy = [];
  for (const [name, port] of Object.entries(PORTS)) {
    if (name === 'database' && infra.database.kind === 'external') continue;
    if (await portInUse(port)) busy.push(`${name} (${port})`);
  }
  if (busy.length) throw new Error(`ports already in use: ${busy.join(', ')}. Is another \`npm start\` running?`);

  step('starting the Temporal dev server');
  const temporal = watch(
    await startTemporal({
      bin: infra.temporal,
      port: PORTS.temporal,
      uiPort: PORTS.temporalUi,
      dbFile: join(DATA_DIR, 'temporal.db'),
      logFile: join(logs, 'temporal.log'),
    }),
  );
  step(`starting the database (${infra.database.kind})`);
  const database = watch(
    await startDatabase(infra.database, { port: PORTS.database, dir: DATA_DIR, logFile: join(logs, 'database.log') }),
  );

  const env = {
    ...process.env,
    MONGO_URL: database.url,
    TEMPORAL_ADDRESS: temporal.address,
    SESSION_SERVICE_URL: `http://127.0.0.1:${PORTS.session}`,
    // The session service's internal API answers only the gateway and the worker: a fresh token per
    // start when none is set (the three processes share it through their environment).
    INTERNAL_TOKEN: process.env.INTERNAL_TOKEN || randomBytes(32).toString('base64url'),
  };
  for (const [name, dir] of [
    ['session', 'services/session'],
    ['worker', 'services/worker'],
    ['gateway', 'services/gateway'],
  ]) {
    step(`starting the ${name}`);
    watch(
      startProcess(name, process.execPath, [join(ROOT, dir, 'dist', 'main.js')], {
        env: { ...env, PORT: String(PORTS[name]) },
        logFile: join(logs, `${name}.log`),
      }),
    );
    await waitFor(() => httpOk(`http://127.0.0.1:${PORTS[name]}/readyz`), { what: name, timeoutMs: 60_000 });
  }

  console.log(`
  AI Chef is running (no keys needed: offline recipes, estimated prices).

    API            http://localhost:${PORTS.gateway}
    Health         http://localhost:${PORTS.gateway}/readyz
    Temporal UI    http://localhost:${PORTS.temporalUi}
    Database       ${database.url}${
      database.postgres
        ? ` (FerretDB on PostgreSQL 127.0.0.1:${database.postgres.port}, user postgres, password in ${join(DATA_DIR, 'ferretdb', 'postgres.password')})`
        : ''
    }
    Logs           ${logs}

  Try:
    curl -s -X POST localhost:${PORTS.gateway}/session/start
    curl -s -X POST localhost:${PORTS.gateway}/session/<sessionId>/process -H 'content-type: application/json' -d '{"profile":{"target":"keto"}}'
    curl -s localhost:${PORTS.gateway}/session/<sessionId>/result

  Ctrl-C stops everything; state stays in .data/.
`);
}

main().catch((err) => {
  console.error(`[ai-chef] ${err.message}`);
  void stopAll(1);
});

// The three services as child processes of the test, started from their built `dist/main.js`
// (`npm run build`), so a test can SIGKILL a worker and start another, exactly as in production.
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requiredEnv } from './stack.js';

/** A child process as scripts/infra/servers.mjs starts it. */
export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly exited: boolean;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL. */
  kill(): Promise<unknown>;
}

export interface DatabaseChoice {
  kind: 'external' | 'mongod' | 'ferretdb';
  bin?: string;
  url?: string;
}

export interface DatabaseServer {
  name: string;
  url: string;
  stop(graceMs?: number): Promise<void>;
  kill(): Promise<unknown>;
}

/** The parts of scripts/infra/servers.mjs, database.mjs and install.mjs the tests use, typed. */
export interface Infra {
  freePort(): Promise<number>;
  startProcess(
    name: string,
    command: string,
    args: string[],
    options: { env?: Record<string, string | undefined>; logFile?: string; cwd?: string },
  ): ManagedProcess;
  startTemporal(options: {
    bin: string;
    port: number;
    dbFile: string;
    headless?: boolean;
    logFile?: string;
  }): Promise<ManagedProcess & { address: string }>;
  startDatabase(database: DatabaseChoice, options: { port: number; dir: string; logFile?: string }): Promise<DatabaseServer>;
  ensureInfrastructure(): Promise<{ temporal: string; database: DatabaseChoice }>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The launcher's own modules (plain .mjs, no type declarations), loaded at run time and typed here. */
export async function loadInfra(): Promise<Infra> {
  const servers = (await import(join(ROOT, 'scripts/infra/servers.mjs'))) as Pick<Infra, 'freePort' | 'startProcess' | 'startTemporal'>;
  const database = (await import(join(ROOT, 'scripts/infra/database.mjs'))) as Pick<Infra, 'startDatabase'>;
  const install = (await import(join(ROOT, 'scripts/infra/install.mjs'))) as Pick<Infra, 'ensureInfrastructure'>;
  return {
    freePort: servers.freePort,
    startProcess: servers.startProcess,
    startTemporal: servers.startTemporal,
    startDatabase: database.startDatabase,
    ensureInfrastructure: install.ensureInfrastructure,
  };
}

type ServiceName = 'gateway' | 'session' | 'worker';

const ENTRY: Record<ServiceName, string> = {
  gateway: join(ROOT, 'services/gateway/dist/main.js'),
  session: join(ROOT, 'services/session/dist/main.js'),
  worker: join(ROOT, 'services/worker/dist/main.js'),
};

export interface ProcessStackOptions {
  /** Default: the global setup's Temporal dev server. */
  temporalAddress?: string;
  /** Default: the global setup's MongoDB-wire server. */
  mongoUrl?: string;
  /** Settings every service gets, over the defaults (rate limits off, warnings only in the logs). */
  env?: Record<string, string>;
  /** Settings only the worker gets: model and shop keys. */
  workerEnv?: Record<string, string>;
  /** Start a worker with the stack (default true); `startWorker()` starts one later. */
  worker?: boolean;
}

export interface ProcessExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ProcessStack {
  gatewayUrl: string;
  sessionUrl: string;
  mongoUrl: string;
  mongoDb: string;
  taskQueue: string;
  temporalAddress: string;
  internalToken: string;
  /** Where each process writes its log (`<name>-<n>.log`). */
  logDir: string;
  /** The running worker's health/metrics URL, if one runs. */
  readonly workerUrl: string | undefined;
  /** Starts a worker; `entry` runs another build of it (a changed workflow bundle). */
  startWorker(options?: { entry?: string }): Promise<void>;
  /** SIGKILL the worker: no shutdown, no completion of what it was doing. */
  killWorker(): Promise<void>;
  /** SIGKILL the session service or the gateway. */
  kill(name: 'session' | 'gateway'): Promise<void>;
  /** Starts it again on the port it had, so the other services find it where they did. */
  restart(name: 'session' | 'gateway'): Promise<void>;
  /** Processes that ended without the stack ending them (a crash). */
  unexpectedExits(): ProcessExit[];
  stop(): Promise<void>;
}

async function waitUntilOk(url: string, process: ManagedProcess, logFile: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (process.exited) throw new Error(`${process.name} exited while starting; see ${logFile}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${process.name} was not ready within ${timeoutMs / 1000} s; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Fails early, with the fix, when the services were not built. */
function assertBuilt(): void {
  const missing = Object.values(ENTRY).filter((entry) => !existsSync(entry));
  if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')}; run \`npm run build\` first`);
}

/**
 * Starts the session service, the worker and the gateway as child processes on free ports. Each
 * stack has its own database and task queue. Keys that could reach real providers are blanked
 * unless the test sets them (to its fakes).
 */
export async function startProcessStack(options: ProcessStackOptions = {}): Promise<ProcessStack> {
  assertBuilt();
  const infra = await loadInfra();
  const temporalAddress = options.temporalAddress ?? requiredEnv('TEST_TEMPORAL_ADDRESS');
  const mongoUrl = options.mongoUrl ?? requiredEnv('TEST_MONGO_URL');
  const suffix = randomBytes(4).toString('hex');
  const mongoDb = `faults_${suffix}`;
  const taskQueue = `ai-chef-faults-${suffix}`;
  const logDir = mkdtempSync(join(tmpdir(), 'ai-chef-processes-'));
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    MONGO_URL: mongoUrl,
    MONGO_DB: mongoDb,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    PROCESS_RATE_LIMIT_PER_MINUTE: '0',
    ANTHROPIC_API_KEY: '',
    NAVER_CLIENT_ID: '',
    NAVER_CLIENT_SECRET: '',
    INTERNAL_TOKEN: randomBytes(24).toString('base64url'),
    ...options.env,
  };

  const running = new Map<ServiceName, ManagedProcess>();
  const stopping = new Set<ManagedProcess>();
  const exits: ProcessExit[] = [];
  let started = 0;
  let workerUrl: string | undefined;

  const ports = new Map<ServiceName, number>();
  async function spawnService(
    name: ServiceName,
    env: Record<string, string>,
    readyPath: string,
    entry: string = ENTRY[name],
  ): Promise<string> {
    const port = ports.get(name) ?? (await infra.freePort());
    if (name !== 'worker') ports.set(name, port);
    started += 1;
    const logFile = join(logDir, `${name}-${started}.log`);
    const child = infra.startProcess(name, process.execPath, [entry], {
      env: { ...base, ...env, PORT: String(port) },
      logFile,
      cwd: ROOT,
    });
    running.set(name, child);
    void child.exit.then(({ code, signal }) => {
      if (!stopping.has(child)) exits.push({ name, code, signal });
    });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilOk(`${url}${readyPath}`, child, logFile);
    return url;
  }

  async function stop(): Promise<void> {
    const order: ServiceName[] = ['gateway', 'worker', 'session'];
    for (const name of order) {
      const child = running.get(name);
      if (!child || child.exited) continue;
      stopping.add(child);
      await child.stop(30_000);
    }
  }

  const sessionUrl = await spawnService('session', {}, '/readyz');
  const serviceEnv = { SESSION_SERVICE_URL: sessionUrl };
  const startWorker = async ({ entry }: { entry?: string } = {}): Promise<void> => {
    if (running.get('worker') && !running.get('worker')?.exited) throw new Error('a worker is already running');
    // The SDK's metrics on a free port of their own: the default (9464) may be held by any other stack on the machine.
    const metrics = { TEMPORAL_METRICS_ADDRESS: `127.0.0.1:${await infra.freePort()}` };
    workerUrl = await spawnService('worker', { ...serviceEnv, ...metrics, ...options.workerEnv }, '/readyz', entry);
  };
  const readyPaths: Record<'session' | 'gateway', string> = { session: '/readyz', gateway: '/healthz' };
  const envOf: Record<'session' | 'gateway', () => Record<string, string>> = { session: () => ({}), gateway: () => serviceEnv };
  let gatewayUrl: string;
  try {
    if (options.worker ?? true) await startWorker();
    gatewayUrl = await spawnService('gateway', serviceEnv, '/healthz');
  } catch (err) {
    // A stack that did not come up leaves no process behind (it would keep jest from exiting).
    for (const child of running.values()) if (!child.exited) await child.kill();
    throw err;
  }

  return {
    gatewayUrl,
    sessionUrl,
    mongoUrl,
    mongoDb,
    taskQueue,
    temporalAddress,
    internalToken: base.INTERNAL_TOKEN ?? '',
    logDir,
    get workerUrl() {
      return workerUrl;
    },
    startWorker,
    async killWorker() {
      const worker = running.get('worker');
      if (!worker || worker.exited) throw new Error('no worker is running');
      stopping.add(worker);
      await worker.kill();
      workerUrl = undefined;
    },
    async kill(name) {
      const child = running.get(name);
      if (!child || child.exited) throw new Error(`no ${name} is running`);
      stopping.add(child);
      await child.kill();
    },
    async restart(name) {
      if (running.get(name) && !running.get(name)?.exited) throw new Error(`${name} is still running`);
      await spawnService(name, envOf[name](), readyPaths[name]);
    },
    unexpectedExits: () => [...exits],
    stop,
  };
}

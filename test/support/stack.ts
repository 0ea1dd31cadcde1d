import { randomBytes } from 'node:crypto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startGateway, type RunningGateway } from '@ai-chef/gateway';
import { startSessionService, type RunningSessionService } from '@ai-chef/session';
import { startWorker, type RunningWorker } from '@ai-chef/worker';

export interface TestStack {
  gatewayUrl: string;
  sessionUrl: string;
  mongoUrl: string;
  mongoDb: string;
  taskQueue: string;
  temporalAddress: string;
  /** The token the services share for the session service's internal API. */
  internalToken: string;
  session: RunningSessionService;
  worker: RunningWorker;
  gateway: RunningGateway;
  stop(): Promise<void>;
}

/**
 * The three services in-process against the throw-away servers of the global setup. Each stack
 * gets its own database and task queue, so test files never see each other's runs.
 */
/** The SDK's core logs only warnings in tests; the runtime is per process, so the first stack installs it. */
export function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier stack in this worker process.
  }
}

export interface StackOptions {
  /** The session service URL the worker is given (e.g. a proxy that injects faults); default the service itself. */
  workerSessionUrl?: (sessionUrl: string) => Promise<string>;
}

export async function startStack(overrides: Record<string, string> = {}, options: StackOptions = {}): Promise<TestStack> {
  quietTemporalRuntime();
  const temporalAddress = requiredEnv('TEST_TEMPORAL_ADDRESS');
  const mongoUrl = requiredEnv('TEST_MONGO_URL');
  const suffix = randomBytes(4).toString('hex');
  const mongoDb = `test_${suffix}`;
  const taskQueue = `ai-chef-test-${suffix}`;
  const base = {
    MONGO_URL: mongoUrl,
    MONGO_DB: mongoDb,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'silent',
    INTERNAL_TOKEN: randomBytes(24).toString('base64url'),
    ...overrides,
  };
  const session = await startSessionService({ ...base, PORT: '0' });
  const workerSessionUrl = options.workerSessionUrl ? await options.workerSessionUrl(session.url) : session.url;
  const worker = await startWorker({ ...base, PORT: '0', SESSION_SERVICE_URL: workerSessionUrl });
  const gateway = await startGateway({
    RATE_LIMIT_PER_MINUTE: '0',
    PROCESS_RATE_LIMIT_PER_MINUTE: '0',
    ...base,
    PORT: '0',
    SESSION_SERVICE_URL: session.url,
  });
  return {
    gatewayUrl: gateway.url,
    sessionUrl: session.url,
    mongoUrl,
    mongoDb,
    taskQueue,
    temporalAddress,
    internalToken: base.INTERNAL_TOKEN,
    session,
    worker,
    gateway,
    async stop() {
      await gateway.stop();
      await worker.stop();
      await session.stop();
    },
  };
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests through jest's global setup (npm test)`);
  return value;
}

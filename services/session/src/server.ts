import {
  cachedProbe,
  connectMongo,
  createLogger,
  createServiceMetrics,
  ensureTtlIndex,
  listen,
  sleep,
  startExpirySweeper,
  temporalConnectionOptions,
  type StoppableService,
} from '@ai-chef/platform';
import type { Logger } from 'pino';
import { createSessionApp } from './app.js';
import { loadSessionServiceConfig } from './config.js';
import { ResultRepository } from './result-repository.js';
import { RunControl } from './run-control.js';
import { SessionRepository } from './session-repository.js';
import { systemClock, type Clock } from './clock.js';
import { FridgeRepository } from './fridge-repository.js';
import { EventRepository } from './event-repository.js';
import { VisitorSessionRepository } from './visitor-session-repository.js';
import { EventIngest } from './event-ingest.js';
import { AdminStats } from './admin-stats.js';
import { createRunMetrics } from './run-metrics.js';
import { RunWrites } from './run-writes.js';
import { RunReconciler } from './run-reconciler.js';
import { PlanPartRepository } from './plan-part-repository.js';

/** Readiness answers from a cache this old at most (load balancers probe every few seconds each). */
const READINESS_CACHE_MS = 2_000;

export interface RunningSessionService extends StoppableService {
  url: string;
  port: number;
  logger: Logger;
}

export interface SessionServiceOptions {
  /** The service's clock; tests in-process pass their own to cross time limits without waiting. */
  now?: Clock;
}

/** Starts the session service; tests call it with their own env and port 0. */
export async function startSessionService(
  env: Record<string, string | undefined> = process.env,
  { now = systemClock }: SessionServiceOptions = {},
): Promise<RunningSessionService> {
  const config = loadSessionServiceConfig(env);
  const logger = createLogger('session', config.LOG_LEVEL);
  const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DB);
  const sessions = new SessionRepository(mongo.db, config.SESSION_TTL_SECONDS, now);
  const results = new ResultRepository(mongo.db, config.RESULT_TTL_SECONDS, now);
  const fridge = new FridgeRepository(mongo.db, now);
  const visitors = new VisitorSessionRepository(mongo.db, now, config.EVENT_TTL_SECONDS);
  const events = new EventRepository(mongo.db, config.EVENT_TTL_SECONDS);
  const planParts = new PlanPartRepository(mongo.db, now);
  const native = await Promise.all([
    ensureTtlIndex(sessions.collection, 'expiresAt', logger),
    ensureTtlIndex(results.collection, 'expiresAt', logger),
    ensureTtlIndex(fridge.collection, 'expiresAt', logger),
    ensureTtlIndex(visitors.active, 'expiresAt', logger),
    ensureTtlIndex(visitors.sessions, 'expiresAt', logger),
    ensureTtlIndex(events.collection, 'expiresAt', logger),
    ensureTtlIndex(planParts.collection, 'expiresAt', logger),
  ]);
  await Promise.all([
    results.ensureIndexes(),
    fridge.ensureIndexes(),
    visitors.ensureIndexes(),
    events.ensureIndexes(),
    planParts.ensureIndexes(),
  ]);
  const sweeper = startExpirySweeper(
    [
      { collection: sessions.collection, field: 'expiresAt' },
      { collection: results.collection, field: 'expiresAt' },
      { collection: fridge.collection, field: 'expiresAt' },
      { collection: visitors.active, field: 'expiresAt' },
      { collection: visitors.sessions, field: 'expiresAt' },
      { collection: events.collection, field: 'expiresAt' },
      { collection: planParts.collection, field: 'expiresAt' },
    ],
    native.every(Boolean) ? 300_000 : 30_000,
    logger,
  );
  const runs = await RunControl.connect({
    connection: temporalConnectionOptions(config),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    planDaysAtOnce: config.PLAN_DAYS_AT_ONCE,
  });
  // The reconciler's schedule, created or brought up to date; tried again while Temporal does not answer.
  let scheduleRetry: NodeJS.Timeout | undefined;
  const ensureSchedule = async (): Promise<void> => {
    try {
      await runs.ensureReconcileSchedule(config.RECONCILE_INTERVAL_SECONDS);
    } catch (err) {
      logger.error({ err }, 'could not create or update the reconciler schedule; trying again in 30 s');
      scheduleRetry = setTimeout(() => void ensureSchedule(), 30_000);
      scheduleRetry.unref();
    }
  };
  await ensureSchedule();
  const metrics = createServiceMetrics('session');
  const runMetrics = createRunMetrics(metrics.registry);
  const databaseReady = async (): Promise<boolean> => {
    try {
      await mongo.db.command({ ping: 1 });
      return true;
    } catch {
      return false;
    }
  };
  let draining = false;
  const app = createSessionApp({
    draining: () => draining,
    sessions,
    results,
    runs,
    fridge,
    planParts,
    ingest: new EventIngest(visitors, events, now),
    admin: new AdminStats({ sessions, fridge, visitors, events, now }),
    runWrites: new RunWrites(sessions, results, runs, planParts),
    reconciler: new RunReconciler({ sessions, results, runs, runMetrics, now, logger }),
    runMetrics,
    metrics,
    logger,
    internalToken: config.INTERNAL_TOKEN,
    extendSeconds: config.SESSION_EXTEND_SECONDS,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    readiness: cachedProbe(async () => {
      const [mongoUp, temporal] = await Promise.all([databaseReady(), runs.healthy()]);
      return { mongo: mongoUp, temporal };
    }, READINESS_CACHE_MS),
  });
  const server = await listen(app, config.PORT, config.HOST);
  logger.info({ url: server.url }, 'session service listening');
  return {
    url: server.url,
    port: server.port,
    logger,
    async stop({ drainMs = 0 } = {}) {
      draining = true;
      await sleep(drainMs);
      await server.close();
      sweeper.stop();
      clearTimeout(scheduleRetry);
      await runs.close();
      await mongo.close();
    },
  };
}

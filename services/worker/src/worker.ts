import express from 'express';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import {
  catalogReferencePrices,
  createActivities,
  createClaudeRecipeWriter,
  createMongoPriceCache,
  createNaverClient,
  createRecipeGenerator,
  createSharedNaverLimits,
  ensureSharedNaverLimitIndexes,
  LookupsInFlight,
  NAVER_LIMITS_COLLECTION,
  type PricingDeps,
  type PriceCacheDocument,
} from '@ai-chef/activities';
import { getCatalog, warmUpEngine } from '@ai-chef/kitchen';
import {
  SessionServiceClient,
  connectMongo,
  createLogger,
  createServiceMetrics,
  ensureTtlIndex,
  listen,
  startExpirySweeper,
  temporalConnectionOptions,
  describeTemporalConnection,
  type StoppableService,
} from '@ai-chef/platform';
import type { Logger } from 'pino';
import { loadWorkerConfig } from './config.js';
import { createActivityMetrics } from './activity-metrics.js';
import { WORKFLOW_BUNDLE_PATH, prebuiltBundleExists, workflowsEntryPath } from './workflow-bundle.js';
import { activityInterceptors, workflowInterceptorModules, workflowSinks } from './worker-interceptors.js';
import type { Tracing } from '@ai-chef/platform/tracing';

export interface RunningWorker extends StoppableService {
  logger: Logger;
  url: string;
  worker: Worker;
}

/**
 * How long running activities may go on after SIGTERM: longer than the longest activity attempt
 * (generateRecipe's 120 s start-to-close in workflows/src/recipe-workflow.ts), so a rollout never
 * cancels a paid model call. Kubernetes' terminationGracePeriodSeconds and compose's
 * stop_grace_period are longer still.
 */
export const SHUTDOWN_GRACE_MS = 130_000;

/**
 * How a worker runs recipeWorkflow, apart from its connection, task queue and activities; the
 * bench's bare-Temporal reference runs the same workflow with the same options. `tracing` receives
 * the workflow's spans (nowhere without it).
 */
export function recipeWorkerOptions(
  tracing?: Tracing,
): Pick<
  WorkerOptions,
  | 'workflowBundle'
  | 'workflowsPath'
  | 'interceptors'
  | 'sinks'
  | 'workflowFailureErrorTypes'
  | 'shutdownGraceTime'
  | 'maxHeartbeatThrottleInterval'
> {
  return {
    // The prebuilt bundle has the workflow interceptors built in; a bundle made at start adds them.
    ...(prebuiltBundleExists()
      ? { workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH } }
      : { workflowsPath: workflowsEntryPath() }),
    interceptors: {
      activity: activityInterceptors(),
      ...(prebuiltBundleExists() ? {} : { workflowModules: workflowInterceptorModules() }),
    },
    sinks: workflowSinks(tracing),
    // A workflow that no longer matches its history fails instead of retrying its task forever.
    workflowFailureErrorTypes: { '*': ['NondeterminismError'] },
    shutdownGraceTime: SHUTDOWN_GRACE_MS,
    // Heartbeats carry cancellation to activities: flush them within 2 s, not 80 % of the timeout.
    maxHeartbeatThrottleInterval: '2s',
  };
}

/** Starts the Temporal worker hosting recipeWorkflow and its activities, plus a health/metrics port. */
export async function startWorker(
  env: Record<string, string | undefined> = process.env,
  { tracing }: { tracing?: Tracing | undefined } = {},
): Promise<RunningWorker> {
  const config = loadWorkerConfig(env);
  const logger = createLogger('worker', config.LOG_LEVEL);
  const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DB);
  const cacheCollection = mongo.db.collection<PriceCacheDocument>('price_cache');
  // The Naver quota and call rate are counted here, shared by every worker replica.
  const limitsCollection = mongo.db.collection(NAVER_LIMITS_COLLECTION);
  await ensureSharedNaverLimitIndexes(mongo.db);
  const nativeTtl = (
    await Promise.all([ensureTtlIndex(cacheCollection, 'expiresAt', logger), ensureTtlIndex(limitsCollection, 'expire', logger)])
  ).every(Boolean);
  const sweeper = startExpirySweeper(
    [
      { collection: cacheCollection, field: 'expiresAt' },
      { collection: limitsCollection, field: 'expire' },
    ],
    nativeTtl ? 600_000 : 60_000,
    logger,
  );

  const sessions = new SessionServiceClient(config.SESSION_SERVICE_URL, { internalToken: config.INTERNAL_TOKEN });
  const naverLimits =
    config.NAVER_CLIENT_ID && config.NAVER_CLIENT_SECRET
      ? createSharedNaverLimits({ db: mongo.db, clientId: config.NAVER_CLIENT_ID, callsPerSecond: config.NAVER_CALLS_PER_SECOND })
      : undefined;
  const naver =
    config.NAVER_CLIENT_ID && config.NAVER_CLIENT_SECRET && naverLimits
      ? createNaverClient({
          baseUrl: config.NAVER_API_BASE_URL,
          clientId: config.NAVER_CLIENT_ID,
          clientSecret: config.NAVER_CLIENT_SECRET,
          concurrency: config.PRICE_CONCURRENCY,
          callsPerSecond: config.NAVER_CALLS_PER_SECOND,
          quota: naverLimits.quota,
          sharedRate: naverLimits.rate,
        })
      : undefined;
  const metrics = createServiceMetrics('worker');
  const activityMetrics = createActivityMetrics(metrics.registry);
  const shipping = { fee: config.SHIPPING_FEE, freeThreshold: config.FREE_SHIPPING_THRESHOLD };
  const pricing: PricingDeps = {
    ...(naver ? { naver } : {}),
    cache: createMongoPriceCache(cacheCollection, config.PRICE_CACHE_TTL_SECONDS),
    references: catalogReferencePrices(getCatalog()),
    shipping,
    // Lookups a recipe's prefetch started, joined by the price step that follows on this worker.
    inFlight: new LookupsInFlight(),
    onLookup: (event) => activityMetrics.observer.priceLookedUp(event),
  };
  warmUpEngine();
  const recipes = createRecipeGenerator({
    shipping,
    ...(config.ANTHROPIC_API_KEY
      ? {
          claude: createClaudeRecipeWriter({
            apiKey: config.ANTHROPIC_API_KEY,
            ...(config.ANTHROPIC_BASE_URL ? { baseURL: config.ANTHROPIC_BASE_URL } : {}),
            model: config.ANTHROPIC_MODEL,
            timeoutMs: 35_000,
          }),
        }
      : {}),
  });
  const activities = activityMetrics.instrument(
    createActivities({ sessions, recipes, pricing, logger, observe: activityMetrics.observer }),
  );

  const temporal = temporalConnectionOptions(config);
  const connection = await NativeConnection.connect(temporal);
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities,
    ...recipeWorkerOptions(tracing),
  });
  let stopping = false;
  const running = worker.run();
  running.then(
    () => {
      if (!stopping) logger.error('the Temporal worker stopped by itself; /healthz now fails so the process is restarted');
    },
    (err: unknown) => logger.error({ err }, 'the Temporal worker stopped with an error; /healthz now fails so the process is restarted'),
  );

  const app = express();
  app.disable('x-powered-by');
  // Alive means the Temporal worker is alive: a process whose worker stopped (an error, a fatal
  // poll failure) takes no tasks and must be restarted by its orchestrator (docs/operations.md).
  app.get('/healthz', (_req, res) => {
    const state = worker.getState();
    const alive = state !== 'FAILED' && !(state === 'STOPPED' && !stopping);
    res.status(alive ? 200 : 503).json({ status: alive ? 'ok' : 'worker_stopped', worker: state.toLowerCase() });
  });
  app.get('/readyz', (_req, res) => {
    const ready = worker.getState() === 'RUNNING';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : worker.getState().toLowerCase() });
  });
  app.get('/metrics', metrics.metricsHandler);
  const server = await listen(app, config.PORT, config.HOST);
  logger.info(
    {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      temporal: `${config.TEMPORAL_ADDRESS} (${describeTemporalConnection(temporal)})`,
      url: server.url,
      recipes: config.ANTHROPIC_API_KEY ? 'claude' : 'offline',
      prices: naver ? 'naver' : 'estimate',
    },
    'worker running',
  );

  return {
    logger,
    url: server.url,
    worker,
    async stop() {
      // Readiness turns false as the worker drains; running activities get the grace time.
      stopping = true;
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await server.close();
      sweeper.stop();
      await connection.close();
      await sessions.close();
      await mongo.close();
    },
  };
}

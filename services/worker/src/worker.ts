import express from 'express';
import { NativeConnection, Worker } from '@temporalio/worker';
import {
  catalogReferencePrices,
  createActivities,
  createClaudeRecipeWriter,
  createMongoPriceCache,
  createNaverClient,
  createRecipeGenerator,
  createMemoryQuotaCounter,
  LookupsInFlight,
  type PriceBasketDeps,
  type PriceCacheDocument,
} from '@ai-chef/activities';
import { getCatalog } from '@ai-chef/kitchen';
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

/** Starts the Temporal worker hosting recipeWorkflow and its activities, plus a health/metrics port. */
export async function startWorker(
  env: Record<string, string | undefined> = process.env,
  { tracing }: { tracing?: Tracing | undefined } = {},
): Promise<RunningWorker> {
  const config = loadWorkerConfig(env);
  const logger = createLogger('worker', config.LOG_LEVEL);
  const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DB);
  const cacheCollection = mongo.db.collection<PriceCacheDocument>('price_cache');
  const nativeTtl = await ensureTtlIndex(cacheCollection, 'expiresAt', logger);
  const sweeper = startExpirySweeper([{ collection: cacheCollection, field: 'expiresAt' }], nativeTtl ? 600_000 : 60_000, logger);

  const sessions = new SessionServiceClient(config.SESSION_SERVICE_URL);
  const naver =
    config.NAVER_CLIENT_ID && config.NAVER_CLIENT_SECRET
      ? createNaverClient({
          baseUrl: config.NAVER_API_BASE_URL,
          clientId: config.NAVER_CLIENT_ID,
          clientSecret: config.NAVER_CLIENT_SECRET,
          concurrency: config.PRICE_CONCURRENCY,
          callsPerSecond: config.NAVER_CALLS_PER_SECOND,
          quota: createMemoryQuotaCounter(),
        })
      : undefined;
  const pricing: Omit<PriceBasketDeps, 'budget' | 'signal' | 'onProgress'> = {
    ...(naver ? { naver } : {}),
    cache: createMongoPriceCache(cacheCollection, config.PRICE_CACHE_TTL_SECONDS),
    references: catalogReferencePrices(getCatalog()),
    shipping: { fee: config.SHIPPING_FEE, freeThreshold: config.FREE_SHIPPING_THRESHOLD },
    // Lookups a recipe's prefetch started, joined by the price step that follows on this worker.
    inFlight: new LookupsInFlight(),
  };
  const recipes = createRecipeGenerator(
    config.ANTHROPIC_API_KEY
      ? {
          claude: createClaudeRecipeWriter({
            apiKey: config.ANTHROPIC_API_KEY,
            ...(config.ANTHROPIC_BASE_URL ? { baseURL: config.ANTHROPIC_BASE_URL } : {}),
            model: config.ANTHROPIC_MODEL,
            timeoutMs: 35_000,
          }),
        }
      : {},
  );

  const metrics = createServiceMetrics('worker');
  const activityMetrics = createActivityMetrics(metrics.registry);
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
  });
  const running = worker.run();
  running.catch((err: unknown) => logger.error({ err }, 'worker stopped with an error'));

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
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
      worker.shutdown();
      await running.catch(() => undefined);
      await server.close();
      sweeper.stop();
      await connection.close();
      await sessions.close();
      await mongo.close();
    },
  };
}

import { TEMPORAL_CONNECTION_ENV, loadEnv } from '@ai-chef/platform';

export const WORKER_ENV = [
  'PORT',
  'HOST',
  'SESSION_SERVICE_URL',
  'INTERNAL_TOKEN',
  'MONGO_URL',
  'MONGO_DB',
  ...TEMPORAL_CONNECTION_ENV,
  'TEMPORAL_TASK_QUEUE',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_MODEL',
  'NAVER_CLIENT_ID',
  'NAVER_CLIENT_SECRET',
  'NAVER_API_BASE_URL',
  'PRICE_CONCURRENCY',
  'NAVER_CALLS_PER_SECOND',
  'PRICE_CACHE_TTL_SECONDS',
  'SHIPPING_FEE',
  'FREE_SHIPPING_THRESHOLD',
  'TEMPORAL_METRICS_ADDRESS',
  'LOG_LEVEL',
] as const;

export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;

/** The worker's own port serves only health and metrics. */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env) {
  return loadEnv(WORKER_ENV, { PORT: '3002', ...env });
}

import { TEMPORAL_CONNECTION_ENV, loadEnv } from '@ai-chef/platform';

export const SESSION_SERVICE_ENV = [
  'PORT',
  'HOST',
  'MONGO_URL',
  'MONGO_DB',
  ...TEMPORAL_CONNECTION_ENV,
  'TEMPORAL_TASK_QUEUE',
  'SESSION_TTL_SECONDS',
  'SESSION_EXTEND_SECONDS',
  'RESULT_TTL_SECONDS',
  'BODY_LIMIT_BYTES',
  'INTERNAL_TOKEN',
  'EVENT_TTL_SECONDS',
  'RECONCILE_INTERVAL_SECONDS',
  'PLAN_DAYS_AT_ONCE',
  'LOG_LEVEL',
] as const;

export type SessionServiceConfig = ReturnType<typeof loadSessionServiceConfig>;

export function loadSessionServiceConfig(env: Record<string, string | undefined> = process.env) {
  return loadEnv(SESSION_SERVICE_ENV, { PORT: '3001', ...env });
}

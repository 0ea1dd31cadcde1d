import { z } from 'zod';
import { DEFAULT_ANTHROPIC_MODEL, TASK_QUEUE } from '@ai-chef/contracts';

const blankAsUnset = (value: unknown): unknown => (value === '' ? undefined : value);
const int = (min: number, max: number, fallback: number) =>
  z.preprocess(blankAsUnset, z.coerce.number().int().min(min).max(max).default(fallback));
const text = () => z.preprocess(blankAsUnset, z.string().min(1).optional());
const httpUrl = () => z.url({ protocol: /^https?$/ });
const optionalUrl = () => z.preprocess(blankAsUnset, httpUrl().optional());
const url = (fallback: string) => z.preprocess(blankAsUnset, httpUrl().default(fallback));

/** Every setting of the README's configuration table, with its default. Each service loads the subset it uses. */
export const ENV_FIELDS = {
  PORT: int(0, 65535, 3000),
  // Loopback by default (local runs); containers set 0.0.0.0.
  HOST: z.preprocess(blankAsUnset, z.union([z.ipv4(), z.ipv6(), z.literal('localhost')]).default('127.0.0.1')),
  // The worker's Temporal SDK (core) metrics for Prometheus; empty turns them off.
  TEMPORAL_METRICS_ADDRESS: z.preprocess(
    (value) => (value === '' ? 'off' : value),
    z
      .string()
      .regex(/^(off|[^\s:]+:\d+)$/, 'must be host:port, or empty to turn it off')
      .default('127.0.0.1:9464'),
  ),
  SESSION_SERVICE_URL: url('http://127.0.0.1:3001'),
  MONGO_URL: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URL')
      .default('mongodb://127.0.0.1:27017'),
  ),
  MONGO_DB: z.preprocess(blankAsUnset, z.string().regex(/^[A-Za-z0-9_-]{1,63}$/).default('ai_chef')),
  TEMPORAL_ADDRESS: z.preprocess(blankAsUnset, z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port').default('127.0.0.1:7233')),
  TEMPORAL_NAMESPACE: z.preprocess(blankAsUnset, z.string().min(1).default('default')),
  TEMPORAL_TASK_QUEUE: z.preprocess(blankAsUnset, z.string().min(1).default(TASK_QUEUE)),
  // A TLS or API-key connection (Temporal Cloud, or a cluster with mTLS): see temporal-connection.ts.
  TEMPORAL_API_KEY: text(),
  TEMPORAL_TLS_CERT_PATH: text(),
  TEMPORAL_TLS_KEY_PATH: text(),
  TEMPORAL_TLS_SERVER_NAME: text(),
  TEMPORAL_TLS_CA_PATH: text(),
  ANTHROPIC_API_KEY: text(),
  ANTHROPIC_BASE_URL: optionalUrl(),
  ANTHROPIC_MODEL: z.preprocess(blankAsUnset, z.string().min(1).default(DEFAULT_ANTHROPIC_MODEL)),
  NAVER_CLIENT_ID: text(),
  NAVER_CLIENT_SECRET: text(),
  NAVER_API_BASE_URL: url('https://openapi.naver.com'),
  CORS_ORIGINS: z.preprocess(
    blankAsUnset,
    z
      .string()
      .default('http://localhost:3000,http://127.0.0.1:3000')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  ),
  TRUST_PROXY: z.preprocess(
    blankAsUnset,
    z
      .string()
      .default('false')
      .transform((value): boolean | number | string => {
        if (value === 'false') return false;
        if (value === 'true') return true;
        if (/^\d+$/.test(value)) return Number(value);
        return value;
      }),
  ),
  ADMIN_TOKEN: z.preprocess(blankAsUnset, z.string().min(16, 'must be at least 16 characters').optional()),
  // The session service's internal API answers only callers that send it; required, never defaulted.
  INTERNAL_TOKEN: z.preprocess(
    blankAsUnset,
    z.string({ error: 'is required (npm start generates one)' }).min(16, 'must be at least 16 characters'),
  ),
  SESSION_TTL_SECONDS: int(60, 30 * 86400, 7200),
  SESSION_EXTEND_SECONDS: int(60, 30 * 86400, 86400),
  RESULT_TTL_SECONDS: int(60, 90 * 86400, 604800),
  BODY_LIMIT_BYTES: int(1024, 16 * 1024 * 1024, 1024 * 1024),
  RATE_LIMIT_PER_MINUTE: int(0, 1_000_000, 600),
  STREAM_LIMIT_PER_IP: int(1, 10_000, 20),
  STREAM_MAX_SECONDS: int(5, 86400, 300),
  EVENT_TTL_SECONDS: int(3600, 3650 * 86400, 7_776_000),
  // How often the Temporal Schedule reconciles sessions with their runs; the contract's one-minute bound needs ≤ 40.
  RECONCILE_INTERVAL_SECONDS: int(1, 40, 20),
  // How many days of a meal plan are written at once: a plan of 7 × 3 asks the model 21 meals when all run.
  PLAN_DAYS_AT_ONCE: int(1, 7, 7),
  PROCESS_RATE_LIMIT_PER_MINUTE: int(0, 1_000_000, 30),
  PRICE_CONCURRENCY: int(1, 64, 6),
  NAVER_CALLS_PER_SECOND: int(1, 1000, 10),
  PRICE_CACHE_TTL_SECONDS: int(0, 30 * 86400, 86400),
  SHIPPING_FEE: int(0, 100_000, 3000),
  FREE_SHIPPING_THRESHOLD: int(0, 10_000_000, 30000),
  LOG_LEVEL: z.preprocess(
    blankAsUnset,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
} as const;

export type EnvField = keyof typeof ENV_FIELDS;
export type EnvConfig<K extends EnvField> = { [P in K]: z.output<(typeof ENV_FIELDS)[P]> };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the named settings from the environment; a bad value throws a ConfigError naming each variable. */
export function loadEnv<K extends EnvField>(
  keys: readonly K[],
  env: Record<string, string | undefined> = process.env,
): EnvConfig<K> {
  const shape = Object.fromEntries(keys.map((key) => [key, ENV_FIELDS[key]])) as { [P in K]: (typeof ENV_FIELDS)[P] };
  const result = z.object(shape).safeParse(Object.fromEntries(keys.map((key) => [key, env[key]])));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data as EnvConfig<K>;
}

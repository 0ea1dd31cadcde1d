import { loadEnv } from '@ai-chef/platform';

export const GATEWAY_ENV = [
  'PORT',
  'HOST',
  'SESSION_SERVICE_URL',
  'INTERNAL_TOKEN',
  'MONGO_URL',
  'MONGO_DB',
  'CORS_ORIGINS',
  'TRUST_PROXY',
  'ADMIN_TOKEN',
  'BODY_LIMIT_BYTES',
  'RATE_LIMIT_PER_MINUTE',
  'PROCESS_RATE_LIMIT_PER_MINUTE',
  'STREAM_LIMIT_PER_IP',
  'STREAM_MAX_SECONDS',
  'LOG_LEVEL',
] as const;

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(env: Record<string, string | undefined> = process.env) {
  return loadEnv(GATEWAY_ENV, env);
}

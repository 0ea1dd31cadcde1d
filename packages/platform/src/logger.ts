import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

/** Paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-naver-client-secret"]',
  'headers.authorization',
  'config.anthropicApiKey',
  'config.naverClientSecret',
  'config.adminToken',
  '*.apiKey',
  '*.clientSecret',
  '*.adminToken',
];

/**
 * Errors under either key keep their type, message, stack and causes (an Error serialises to `{}`
 * by itself); the Temporal SDK logs its failures under `error`.
 */
const errorSerializer = pino.stdSerializers.errWithCause;

/** With tracing on, every line written inside a span names it, so logs and traces join up. */
function traceFields(): Record<string, string> {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? { trace_id: context.traceId, span_id: context.spanId } : {};
}

/** JSON lines to stdout, or to `destination`. */
export function createLogger(service: string, level: LevelWithSilent = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: errorSerializer, error: errorSerializer },
    mixin: traceFields,
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };

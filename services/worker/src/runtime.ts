import { Runtime, type LogLevel, type LogMetadata } from '@temporalio/worker';
import { createLogger } from '@ai-chef/platform';
import type { LevelWithSilent } from 'pino';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Core's own filter follows LOG_LEVEL, but never below WARN for its dependencies (gRPC, hyper). */
function coreLevel(level: LevelWithSilent): LogLevel {
  if (level === 'trace') return 'TRACE';
  if (level === 'debug') return 'DEBUG';
  if (level === 'info') return 'INFO';
  if (level === 'warn') return 'WARN';
  return 'ERROR';
}

/**
 * One runtime per process. Every SDK log line becomes a JSON line of the service's logs: the
 * TypeScript side's (worker state, workflow and activity failures with their error serialised)
 * and Temporal core's (Rust: connections, polls), which would otherwise go to stderr as coloured
 * text. Core's metrics (task latencies, slots, polls) are served for Prometheus at `metricsAddress`.
 */
export function installRuntime(options: { logLevel: LevelWithSilent; metricsAddress: string }): void {
  const sdkLogger = createLogger('worker-sdk', options.logLevel);
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => sdkLogger[PINO_LEVEL[level]](meta ?? {}, message);
  Runtime.install({
    logger: {
      log,
      trace: (message, meta) => log('TRACE', message, meta),
      debug: (message, meta) => log('DEBUG', message, meta),
      info: (message, meta) => log('INFO', message, meta),
      warn: (message, meta) => log('WARN', message, meta),
      error: (message, meta) => log('ERROR', message, meta),
    },
    telemetryOptions: {
      logging: { filter: { core: coreLevel(options.logLevel), other: 'WARN' }, forward: {} },
      ...(options.metricsAddress === 'off' ? {} : { metrics: { prometheus: { bindAddress: options.metricsAddress } } }),
    },
  });
}

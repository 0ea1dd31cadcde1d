import { Runtime, type LogLevel, type LogMetadata } from '@temporalio/worker';
import { createLogger, loadEnv, runAsProcess } from '@ai-chef/platform';
import { startWorker } from './worker.js';

runAsProcess(
  'worker',
  async () => {
    installRuntime();
    const service = await startWorker();
    return { service, logger: service.logger };
  },
  // Running activities get the worker's 20 s shutdownGraceTime; readiness is false while it drains.
  { graceMs: 40_000, drainMs: 0 },
);

/**
 * The SDK's own log lines (worker state, workflow task failures) join the service's JSON logs,
 * and its core metrics (task latencies, slots, polls) are served for Prometheus.
 */
function installRuntime(): void {
  const { TEMPORAL_METRICS_ADDRESS, LOG_LEVEL } = loadEnv(['TEMPORAL_METRICS_ADDRESS', 'LOG_LEVEL']);
  const sdkLogger = createLogger('worker-sdk', LOG_LEVEL);
  const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
    TRACE: 'trace',
    DEBUG: 'debug',
    INFO: 'info',
    WARN: 'warn',
    ERROR: 'error',
  };
  Runtime.install({
    logger: {
      log: (level: LogLevel, message: string, meta?: LogMetadata) => sdkLogger[levels[level]](meta ?? {}, message),
      trace: (message, meta) => sdkLogger.trace(meta ?? {}, message),
      debug: (message, meta) => sdkLogger.debug(meta ?? {}, message),
      info: (message, meta) => sdkLogger.info(meta ?? {}, message),
      warn: (message, meta) => sdkLogger.warn(meta ?? {}, message),
      error: (message, meta) => sdkLogger.error(meta ?? {}, message),
    },
    ...(TEMPORAL_METRICS_ADDRESS === 'off'
      ? {}
      : { telemetryOptions: { metrics: { prometheus: { bindAddress: TEMPORAL_METRICS_ADDRESS } } } }),
  });
}

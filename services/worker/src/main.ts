import { Runtime, type LogLevel, type LogMetadata } from '@temporalio/worker';
import { createLogger, runAsProcess } from '@ai-chef/platform';
import { startWorker } from './worker.js';

// The SDK's own log lines (worker state, workflow task failures) join the service's JSON logs.
const sdkLogger = createLogger('worker-sdk', 'info');
Runtime.install({
  logger: {
    log: (level: LogLevel, message: string, meta?: LogMetadata) => sdkLogger[level === 'TRACE' ? 'trace' : level === 'DEBUG' ? 'debug' : level === 'INFO' ? 'info' : level === 'WARN' ? 'warn' : 'error'](meta ?? {}, message),
    trace: (message, meta) => sdkLogger.trace(meta ?? {}, message),
    debug: (message, meta) => sdkLogger.debug(meta ?? {}, message),
    info: (message, meta) => sdkLogger.info(meta ?? {}, message),
    warn: (message, meta) => sdkLogger.warn(meta ?? {}, message),
    error: (message, meta) => sdkLogger.error(meta ?? {}, message),
  },
});

runAsProcess(
  'worker',
  async () => {
    const service = await startWorker();
    return { service, logger: service.logger };
  },
  40_000,
);

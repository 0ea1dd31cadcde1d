// Tracing starts before the modules it instruments load, so the worker comes in by import().
import { startTracing } from '@ai-chef/platform/tracing';

const tracing = startTracing('worker');
const { loadEnv, runAsProcess } = await import('@ai-chef/platform');
const { installRuntime } = await import('./runtime.js');
const { SHUTDOWN_GRACE_MS, startWorker } = await import('./worker.js');

runAsProcess(
  'worker',
  async () => {
    const { TEMPORAL_METRICS_ADDRESS, LOG_LEVEL } = loadEnv(['TEMPORAL_METRICS_ADDRESS', 'LOG_LEVEL']);
    installRuntime({ logLevel: LOG_LEVEL, metricsAddress: TEMPORAL_METRICS_ADDRESS });
    const service = await startWorker(process.env, { tracing });
    return { service, logger: service.logger };
  },
  // Running activities get the worker's shutdownGraceTime; readiness is false while it drains.
  { graceMs: SHUTDOWN_GRACE_MS + 10_000, drainMs: 0, afterStop: async () => tracing?.shutdown() },
);

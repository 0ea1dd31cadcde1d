// Tracing starts before the modules it instruments load, so the service comes in by import().
import { startTracing } from '@ai-chef/platform/tracing';

const tracing = startTracing('gateway');
const { runAsProcess } = await import('@ai-chef/platform');
const { startGateway } = await import('./server.js');

runAsProcess(
  'gateway',
  async () => {
    const service = await startGateway();
    return { service, logger: service.logger };
  },
  { afterStop: async () => tracing?.shutdown() },
);

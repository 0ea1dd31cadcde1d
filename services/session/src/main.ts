// Tracing starts before the modules it instruments load, so the service comes in by import().
import { startTracing } from '@ai-chef/platform/tracing';

const tracing = startTracing('session');
const { runAsProcess } = await import('@ai-chef/platform');
const { startSessionService } = await import('./server.js');

runAsProcess(
  'session',
  async () => {
    const service = await startSessionService();
    return { service, logger: service.logger };
  },
  { afterStop: async () => tracing?.shutdown() },
);

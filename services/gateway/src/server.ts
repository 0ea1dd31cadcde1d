import { SessionServiceClient, createLogger, listen, sleep, type StoppableService } from '@ai-chef/platform';
import type { Logger } from 'pino';
import { createGatewayApp } from './app.js';
import { loadGatewayConfig } from './config.js';

export interface RunningGateway extends StoppableService {
  url: string;
  port: number;
  logger: Logger;
}

export async function startGateway(env: Record<string, string | undefined> = process.env): Promise<RunningGateway> {
  const config = loadGatewayConfig(env);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const sessions = new SessionServiceClient(config.SESSION_SERVICE_URL);
  let draining = false;
  const app = createGatewayApp({ config, sessions, logger, draining: () => draining });
  const server = await listen(app, config.PORT, config.HOST);
  logger.info({ url: server.url }, 'gateway listening');
  return {
    url: server.url,
    port: server.port,
    logger,
    async stop({ drainMs = 0 } = {}) {
      draining = true;
      await sleep(drainMs);
      await server.close();
      await sessions.close();
    },
  };
}

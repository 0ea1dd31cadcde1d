import {
  SessionServiceClient,
  connectMongo,
  createLogger,
  ensureTtlIndex,
  listen,
  sleep,
  startExpirySweeper,
  type MongoConnection,
  type StoppableService,
} from '@ai-chef/platform';
import type { Logger } from 'pino';
import { createGatewayApp } from './app.js';
import { loadGatewayConfig } from './config.js';
import { RATE_LIMITS_COLLECTION, ensureRateLimitIndexes } from './rate-limits.js';

export interface RunningGateway extends StoppableService {
  url: string;
  port: number;
  logger: Logger;
}

export async function startGateway(env: Record<string, string | undefined> = process.env): Promise<RunningGateway> {
  const config = loadGatewayConfig(env);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const sessions = new SessionServiceClient(config.SESSION_SERVICE_URL, { internalToken: config.INTERNAL_TOKEN });
  // Rate limits are counted in the database, across replicas; with every limit off none is needed.
  const limited = config.RATE_LIMIT_PER_MINUTE > 0 || config.PROCESS_RATE_LIMIT_PER_MINUTE > 0;
  let mongo: MongoConnection | undefined;
  let sweeper: { stop(): void } | undefined;
  if (limited) {
    mongo = await connectMongo(config.MONGO_URL, config.MONGO_DB);
    const counters = mongo.db.collection(RATE_LIMITS_COLLECTION);
    await ensureRateLimitIndexes(mongo.db);
    const native = await ensureTtlIndex(counters, 'expire', logger);
    sweeper = startExpirySweeper([{ collection: counters, field: 'expire' }], native ? 600_000 : 60_000, logger);
  }
  let draining = false;
  const { app, closeStreams } = createGatewayApp({
    config,
    sessions,
    logger,
    draining: () => draining,
    ...(mongo ? { db: mongo.db } : {}),
  });
  const server = await listen(app, config.PORT, config.HOST);
  logger.info({ url: server.url }, 'gateway listening');
  return {
    url: server.url,
    port: server.port,
    logger,
    async stop({ drainMs = 0 } = {}) {
      draining = true;
      await sleep(drainMs);
      closeStreams('shutdown');
      await server.close();
      sweeper?.stop();
      await sessions.close();
      await mongo?.close();
    },
  };
}

import express, { type Express } from 'express';
import type { Db } from 'mongodb';
import type { Logger } from 'pino';
import { getCatalog } from '@ai-chef/kitchen';
import {
  cachedProbe,
  createServiceMetrics,
  requestContext,
  requestLogger,
  errorHandler,
  jsonBody,
  notFoundHandler,
  type SessionServiceClient,
} from '@ai-chef/platform';
import type { GatewayConfig } from './config.js';
import { bodyLimitFor, corsAllowList, noStore, securityHeaders } from './edge.js';
import { perMinuteLimit, perMinuteLimiter } from './rate-limits.js';
import { sessionRoutes } from './routes/sessions.js';
import { adminAuth } from './admin-auth.js';
import { adminRoutes } from './routes/admin.js';
import { eventRoutes } from './routes/events.js';
import { fridgeRoutes } from './routes/fridge.js';
import { ingredientRoutes } from './routes/ingredients.js';
import { recipeRoutes } from './routes/recipes.js';
import { streamRoutes, type StreamEndReason } from './routes/stream.js';
import { webPage } from './web-page.js';
import { apiDocsRoutes } from './api-docs.js';

export interface GatewayDeps {
  config: GatewayConfig;
  sessions: SessionServiceClient;
  logger: Logger;
  /** The gateway's own database, for the rate-limit counters; absent when every limit is off. */
  db?: Db;
  /** True once shutdown began: readiness turns false before the server stops taking requests. */
  draining?: () => boolean;
}

/** Readiness asks the session service at most this often; probes in between get the last answer. */
const READINESS_CACHE_MS = 2_000;
/** README, Limits: on a session with no run in progress, a stream closes 30 s after it opened. */
const IDLE_STREAM_CLOSE_MS = 30_000;

export interface GatewayApp {
  app: Express;
  /** Ends every open progress stream with `event: end` (the gateway is stopping). */
  closeStreams(reason: StreamEndReason): void;
}

/** The public edge: keeps no session state; every answer comes from the session service. */
export function createGatewayApp({ config, sessions, logger, db, draining = () => false }: GatewayDeps): GatewayApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  const metrics = createServiceMetrics('gateway');
  const readiness = cachedProbe(async () => {
    try {
      return await sessions.ready();
    } catch {
      return { status: 503, body: { status: 'unavailable', checks: { session: false } } };
    }
  }, READINESS_CACHE_MS);

  app.use(requestLogger(logger), requestContext);
  app.use(metrics.httpMetrics);
  app.use(securityHeaders());
  app.use(corsAllowList(config.CORS_ORIGINS));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (draining()) {
      res.setHeader('Retry-After', '5');
      res.status(503).json({ status: 'draining', checks: {} });
      return;
    }
    const reply = await readiness();
    if (reply.status !== 200) res.setHeader('Retry-After', '5');
    res.status(reply.status).json(reply.body);
  });
  app.get('/metrics', metrics.metricsHandler);
  app.use(apiDocsRoutes());

  app.use(perMinuteLimit(db, config.RATE_LIMIT_PER_MINUTE, 'rate_limited', 'all'));
  app.use(jsonBody(bodyLimitFor(config.BODY_LIMIT_BYTES)));
  app.use(['/session', '/admin', '/events'], noStore);
  const streams = streamRoutes(sessions, {
    pollMs: 250,
    keepAliveMs: 15_000,
    perIp: config.STREAM_LIMIT_PER_IP,
    maxSeconds: config.STREAM_MAX_SECONDS,
    idleCloseMs: IDLE_STREAM_CLOSE_MS,
  });
  app.use('/session', streams.router);
  app.use('/session', sessionRoutes(sessions, perMinuteLimiter(db, config.PROCESS_RATE_LIMIT_PER_MINUTE, 'process_rate_limited', 'process')));
  const catalog = getCatalog();
  app.use('/session', fridgeRoutes(sessions, catalog));
  app.use('/ingredients', ingredientRoutes(catalog));
  app.use('/recipes', recipeRoutes());
  app.use('/events', eventRoutes(sessions));
  app.use('/admin', adminAuth(config.ADMIN_TOKEN), adminRoutes(sessions));

  app.use(webPage());
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return { app, closeStreams: (reason) => streams.closeAll(reason) };
}

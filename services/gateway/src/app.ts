import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { getCatalog } from '@ai-chef/kitchen';
import {
  createServiceMetrics,
  requestContext,
  requestLogger,
  errorHandler,
  jsonBody,
  notFoundHandler,
  type SessionServiceClient,
} from '@ai-chef/platform';
import type { GatewayConfig } from './config.js';
import { corsAllowList, perMinuteLimit, securityHeaders } from './edge.js';
import { sessionRoutes } from './routes/sessions.js';
import { adminAuth } from './admin-auth.js';
import { adminRoutes } from './routes/admin.js';
import { eventRoutes } from './routes/events.js';
import { fridgeRoutes } from './routes/fridge.js';
import { ingredientRoutes } from './routes/ingredients.js';
import { streamRoutes } from './routes/stream.js';
import { webPage } from './web-page.js';
import { apiDocsRoutes } from './api-docs.js';

export interface GatewayDeps {
  config: GatewayConfig;
  sessions: SessionServiceClient;
  logger: Logger;
  /** True once shutdown began: readiness turns false before the server stops taking requests. */
  draining?: () => boolean;
}

/** The public edge: stateless; every answer comes from the session service. */
export function createGatewayApp({ config, sessions, logger, draining = () => false }: GatewayDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  const metrics = createServiceMetrics('gateway');

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
    try {
      const reply = await sessions.ready();
      res.status(reply.status).json(reply.body);
    } catch {
      res.setHeader('Retry-After', '5');
      res.status(503).json({ status: 'unavailable', checks: { session: false } });
    }
  });
  app.get('/metrics', metrics.metricsHandler);
  app.use(apiDocsRoutes());

  app.use(perMinuteLimit(config.RATE_LIMIT_PER_MINUTE, 'rate_limited'));
  app.use(jsonBody(config.BODY_LIMIT_BYTES));
  app.use('/session', streamRoutes(sessions, { pollMs: 250, keepAliveMs: 15_000 }));
  app.use('/session', sessionRoutes(sessions, perMinuteLimit(config.PROCESS_RATE_LIMIT_PER_MINUTE, 'process_rate_limited')));
  const catalog = getCatalog();
  app.use('/session', fridgeRoutes(sessions, catalog));
  app.use('/ingredients', ingredientRoutes(catalog));
  app.use('/events', eventRoutes(sessions));
  app.use('/admin', adminAuth(config.ADMIN_TOKEN), adminRoutes(sessions));

  app.use(webPage());
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}

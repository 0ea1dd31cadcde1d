import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { createServiceMetrics, errorHandler, jsonBody, notFoundHandler, requestContext, requestLogger } from '@ai-chef/platform';
import type { SessionRepository } from './session-repository.js';
import type { ResultRepository } from './result-repository.js';
import type { RunControl } from './run-control.js';
import type { FridgeRepository } from './fridge-repository.js';
import type { EventIngest } from './event-ingest.js';
import type { AdminStats } from './admin-stats.js';
import { sessionRoutes } from './routes/sessions.js';
import { runRoutes } from './routes/runs.js';
import { fridgeRoutes } from './routes/fridge.js';
import { eventRoutes } from './routes/events.js';
import { adminRoutes } from './routes/admin.js';
import { createRunMetrics } from './run-metrics.js';
import { registerStuckSessionsGauge } from './stuck-sessions-metric.js';

export interface SessionAppDeps {
  sessions: SessionRepository;
  results: ResultRepository;
  runs: RunControl;
  fridge: FridgeRepository;
  ingest: EventIngest;
  admin: AdminStats;
  logger: Logger;
  extendSeconds: number;
  bodyLimitBytes: number;
  /** Whether MongoDB answers a ping; readiness needs it and Temporal. */
  databaseReady(): Promise<boolean>;
  /** True once shutdown began: readiness turns false before the server stops taking requests. */
  draining(): boolean;
}

export function createSessionApp(deps: SessionAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const metrics = createServiceMetrics('session');
  const routeDeps = { ...deps, runMetrics: createRunMetrics(metrics.registry) };
  registerStuckSessionsGauge(metrics.registry, deps.sessions.collection);
  app.use(requestLogger(deps.logger), requestContext);
  app.use(metrics.httpMetrics);
  app.use(jsonBody(deps.bodyLimitBytes));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (deps.draining()) {
      res.setHeader('Retry-After', '5');
      res.status(503).json({ status: 'draining', checks: {} });
      return;
    }
    const [mongo, temporal] = await Promise.all([deps.databaseReady(), deps.runs.healthy()]);
    const ready = mongo && temporal;
    if (!ready) res.setHeader('Retry-After', '5');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks: { mongo, temporal } });
  });
  app.get('/metrics', metrics.metricsHandler);

  app.use('/internal/sessions', sessionRoutes(routeDeps));
  app.use('/internal/sessions', runRoutes(routeDeps));
  app.use('/internal/sessions', fridgeRoutes(deps));
  app.use('/internal/events', eventRoutes(deps));
  app.use('/internal/admin', adminRoutes(deps));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

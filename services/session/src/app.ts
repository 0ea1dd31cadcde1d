import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import {
  bearerAuth,
  errorHandler,
  jsonBody,
  notFoundHandler,
  requestContext,
  requestLogger,
  unavailable,
  type ServiceMetrics,
} from '@ai-chef/platform';
import type { SessionRepository } from './session-repository.js';
import type { ResultRepository } from './result-repository.js';
import { TemporalUnavailableError, type RunControl } from './run-control.js';
import type { FridgeRepository } from './fridge-repository.js';
import type { PlanPartRepository } from './plan-part-repository.js';
import type { EventIngest } from './event-ingest.js';
import type { AdminStats } from './admin-stats.js';
import { sessionRoutes } from './routes/sessions.js';
import { runRoutes } from './routes/runs.js';
import { fridgeRoutes } from './routes/fridge.js';
import { eventRoutes } from './routes/events.js';
import { adminRoutes } from './routes/admin.js';
import { reconcileRoutes } from './routes/reconcile.js';
import type { RunMetrics } from './run-metrics.js';
import type { RunWrites } from './run-writes.js';
import type { RunReconciler } from './run-reconciler.js';
import { registerStuckSessionsGauge } from './stuck-sessions-metric.js';

export interface SessionAppDeps {
  sessions: SessionRepository;
  results: ResultRepository;
  runs: RunControl;
  fridge: FridgeRepository;
  planParts: PlanPartRepository;
  ingest: EventIngest;
  admin: AdminStats;
  runWrites: RunWrites;
  reconciler: RunReconciler;
  runMetrics: RunMetrics;
  metrics: ServiceMetrics;
  logger: Logger;
  /** INTERNAL_TOKEN: every /internal route answers only callers that send it. */
  internalToken: string;
  extendSeconds: number;
  bodyLimitBytes: number;
  /** Whether MongoDB and Temporal answer (readiness), from a short cache. */
  readiness(): Promise<{ mongo: boolean; temporal: boolean }>;
  /** True once shutdown began: readiness turns false before the server stops taking requests. */
  draining(): boolean;
}

export function createSessionApp(deps: SessionAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const { metrics } = deps;
  registerStuckSessionsGauge(metrics.registry, deps.sessions.collection);
  app.use(requestLogger(deps.logger), requestContext);
  app.use(metrics.httpMetrics);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (deps.draining()) {
      res.setHeader('Retry-After', '5');
      res.status(503).json({ status: 'draining', checks: {} });
      return;
    }
    const { mongo, temporal } = await deps.readiness();
    const ready = mongo && temporal;
    if (!ready) res.setHeader('Retry-After', '5');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks: { mongo, temporal } });
  });
  app.get('/metrics', metrics.metricsHandler);

  // Everything else is the internal API: the token first, before a body is even read.
  app.use('/internal', bearerAuth(deps.internalToken, 'internal', 'This API answers only the services of this deployment.'));
  app.use(jsonBody(deps.bodyLimitBytes));
  app.use('/internal/sessions', sessionRoutes(deps));
  app.use('/internal/sessions', runRoutes(deps));
  app.use('/internal/runs', reconcileRoutes(deps));
  app.use('/internal/sessions', fridgeRoutes(deps));
  app.use('/internal/events', eventRoutes(deps));
  app.use('/internal/admin', adminRoutes(deps));
  app.use(notFoundHandler);
  // Temporal not answering is a dependency down, on every route that asks it: 503 with Retry-After.
  app.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    next(err instanceof TemporalUnavailableError ? unavailable('The workflow service is unavailable; try again shortly.', undefined, { cause: err }) : err);
  });
  app.use(errorHandler(deps.logger));
  return app;
}

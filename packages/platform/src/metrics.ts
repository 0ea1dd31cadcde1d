import { trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { routeLabeler } from './route-label.js';

export interface ServiceMetrics {
  registry: Registry;
  httpMetrics: RequestHandler;
  metricsHandler: RequestHandler;
}

/** A registry per service with process metrics and an HTTP latency histogram by route. */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const routeOf = routeLabeler();
  const httpMetrics: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    // The route template, never the raw path: ids would explode the label set.
    const route = routeOf(req);
    // With tracing on, the request's server span is named for its route too.
    trace.getActiveSpan()?.updateName(`${req.method} ${route}`).setAttribute('http.route', route);
    res.on('finish', () => {
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
  const metricsHandler: RequestHandler = (_req, res, next) => {
    registry
      .metrics()
      .then((text) => {
        res.setHeader('Content-Type', registry.contentType);
        res.send(text);
      })
      .catch(next);
  };
  return { registry, httpMetrics, metricsHandler };
}

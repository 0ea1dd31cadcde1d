import { describe, expect, it } from '@jest/globals';
import express, { Router, type Request } from 'express';
import { UNMATCHED_ROUTE, routeLabeler } from './route-label.js';

function appWithRoutes() {
  const app = express();
  const sessions = Router();
  sessions.post('/start', (_req, res) => void res.end());
  sessions.get('/:id', (_req, res) => void res.end());
  sessions.post('/:id/process', (_req, res) => void res.end());
  app.use((_req, _res, next) => next());
  app.use('/session', sessions);
  app.get('/healthz', (_req, res) => void res.end());
  return app;
}

function labelOf(app: express.Express, method: string, url: string): string {
  const label = routeLabeler();
  return label({ app, method, originalUrl: url } as unknown as Request);
}

describe('routeLabeler', () => {
  const app = appWithRoutes();

  it('when a path matches a route of a mounted router, then the label is the whole template', () => {
    expect(labelOf(app, 'POST', '/session/sess-1/process')).toBe('/session/:id/process');
    expect(labelOf(app, 'GET', '/session/sess-1?x=1')).toBe('/session/:id');
    expect(labelOf(app, 'POST', '/session/start')).toBe('/session/start');
    expect(labelOf(app, 'GET', '/healthz')).toBe('/healthz');
  });

  it('when the method has no route on a known path, then the path template still names it', () => {
    expect(labelOf(app, 'DELETE', '/session/sess-1/process')).toBe('/session/:id/process');
    expect(labelOf(app, 'HEAD', '/healthz')).toBe('/healthz');
  });

  it('when no route has the path, then it is unmatched', () => {
    expect(labelOf(app, 'GET', '/nowhere')).toBe(UNMATCHED_ROUTE);
    expect(labelOf(app, 'GET', '/session/a/b/c/d')).toBe(UNMATCHED_ROUTE);
  });
});

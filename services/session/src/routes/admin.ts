import { Router } from 'express';
import { AnalyticsQuerySchema, isVisitorSessionId } from '@ai-chef/contracts';
import { AppError, parseOrThrow } from '@ai-chef/platform';
import type { AdminStats } from '../admin-stats.js';

const visitorSessionNotFound = (): AppError =>
  new AppError(404, 'visitor_session_not_found', 'No such visitor session.');

/** The internal admin API; the gateway checks the admin token before anything reaches it. */
export function adminRoutes({ admin }: { admin: AdminStats }): Router {
  const router = Router();

  router.get('/session-stats', async (_req, res) => {
    res.json(await admin.stats());
  });

  router.post('/cleanup-sessions', async (_req, res) => {
    res.json(await admin.cleanup());
  });

  router.get('/visitor-sessions/:id', async (req, res) => {
    const id = req.params.id;
    if (!isVisitorSessionId(id)) throw visitorSessionNotFound();
    const view = await admin.visitorSession(id);
    if (!view) throw visitorSessionNotFound();
    res.json(view);
  });

  router.get('/analytics/summary', async (req, res) => {
    res.json(await admin.summary(parseOrThrow(AnalyticsQuerySchema, req.query)));
  });

  return router;
}

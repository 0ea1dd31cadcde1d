import { Router } from 'express';
import { AnalyticsQuerySchema, isVisitorSessionId } from '@ai-chef/contracts';
import { AppError, parseOrThrow, type SessionServiceClient } from '@ai-chef/platform';
import { noInput } from '../edge.js';

/** The operators' routes (docs/contract.md, Fridge and events), behind adminAuth. */
export function adminRoutes(sessions: SessionServiceClient): Router {
  const router = Router();

  router.get('/session-stats', async (_req, res) => {
    res.json(await sessions.sessionStats());
  });

  router.post('/cleanup-sessions', noInput, async (_req, res) => {
    res.json(await sessions.cleanupSessions());
  });

  router.get('/visitor-sessions/:id', async (req, res) => {
    const id = req.params.id;
    if (!isVisitorSessionId(id))
      throw new AppError(404, 'visitor_session_not_found', 'No such visitor session.');
    res.json(await sessions.visitorSession(id));
  });

  router.get('/analytics/summary', async (req, res) => {
    res.json(await sessions.analyticsSummary(parseOrThrow(AnalyticsQuerySchema, { ...req.query })));
  });

  return router;
}

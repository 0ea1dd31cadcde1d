import { Router } from 'express';
import { ProgressReportSchema, ResultDocumentSchema, RunOutcomeSchema, isSessionId } from '@ai-chef/contracts';
import { badRequest, parseOrThrow, sessionNotFound } from '@ai-chef/platform';
import type { RunWrites } from '../run-writes.js';
import type { RunMetrics } from '../run-metrics.js';

/**
 * Writes from the activities. Each is idempotent: a retried activity repeats its write and the
 * stored state does not change (progress only moves forward, one result per run id).
 */
export function runRoutes(deps: { runWrites: RunWrites; runMetrics: RunMetrics }): Router {
  const router = Router();
  const idOf = (raw: unknown): string => {
    if (typeof raw !== 'string' || !isSessionId(raw)) throw sessionNotFound();
    return raw;
  };

  router.post('/:id/run/progress', async (req, res) => {
    const sessionId = idOf(req.params.id);
    const report = parseOrThrow(ProgressReportSchema, req.body);
    await deps.runWrites.progress(sessionId, report.runId, report.phase);
    res.status(204).end();
  });

  router.post('/:id/run/outcome', async (req, res) => {
    const sessionId = idOf(req.params.id);
    const outcome = parseOrThrow(RunOutcomeSchema, req.body);
    const target =
      outcome.status === 'failed'
        ? await deps.runWrites.failed(sessionId, outcome.runId, outcome.phase, outcome.error)
        : await deps.runWrites.cancelled(sessionId, outcome.runId);
    if (target) deps.runMetrics.ended(target, outcome.status);
    res.status(204).end();
  });

  router.put('/:id/run/result', async (req, res) => {
    const sessionId = idOf(req.params.id);
    const result = parseOrThrow(ResultDocumentSchema, req.body);
    if (result.sessionId !== sessionId) throw badRequest('session_mismatch', 'The result belongs to another session.');
    const target = await deps.runWrites.result(sessionId, result);
    if (target) deps.runMetrics.ended(target, 'completed');
    res.status(204).end();
  });

  return router;
}

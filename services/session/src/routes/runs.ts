import { Router } from 'express';
import {
  PlanDaySaveSchema,
  PlanPricingSaveSchema,
  ProgressReportSchema,
  RunOutcomeSchema,
  RunResultSchema,
  isSessionId,
} from '@ai-chef/contracts';
import { badRequest, parseOrThrow, sessionNotFound } from '@ai-chef/platform';
import { z } from 'zod';
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
    await deps.runWrites.progress(sessionId, report.runId, report.phase, report.kind);
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
    const result = parseOrThrow(RunResultSchema, req.body);
    if (result.sessionId !== sessionId) throw badRequest('session_mismatch', 'The result belongs to another session.');
    const target = await deps.runWrites.result(sessionId, result);
    if (target) deps.runMetrics.ended(target, 'completed');
    res.status(204).end();
  });

  // A meal plan's parts (docs/contract.md, Meal plans): its days as their child workflows write them, its one basket.
  router.put('/:id/run/plan/days/:day', async (req, res) => {
    const sessionId = idOf(req.params.id);
    const save = parseOrThrow(PlanDaySaveSchema, req.body);
    const day = Number(req.params.day);
    if (day !== save.draft.day || save.draft.day > save.days) throw badRequest('day_mismatch', 'The day is not one of this plan.');
    await deps.runWrites.planDay(sessionId, save.runId, save.days, save.draft);
    res.status(204).end();
  });

  router.put('/:id/run/plan/pricing', async (req, res) => {
    const sessionId = idOf(req.params.id);
    const save = parseOrThrow(PlanPricingSaveSchema, req.body);
    await deps.runWrites.planPricing(sessionId, save.runId, save.pricing);
    res.status(204).end();
  });

  router.get('/:id/run/plan', async (req, res) => {
    const sessionId = idOf(req.params.id);
    const { runId } = parseOrThrow(PlanQuerySchema, { ...req.query });
    res.json(await deps.runWrites.readPlan(sessionId, runId));
  });

  return router;
}

const PlanQuerySchema = z.object({ runId: z.string().min(1).max(100) }).strict();

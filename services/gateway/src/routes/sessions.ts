import { Router, type Request, type RequestHandler } from 'express';
import { DishNameSchema, PageQuerySchema, PlanBodySchema, ProfileInputSchema, isSessionId } from '@ai-chef/contracts';
import { normalizeProfile } from '@ai-chef/kitchen';
import { AppError, parseOrThrow, sessionNotFound, type SessionServiceClient } from '@ai-chef/platform';
import { z } from 'zod';
import { chooseDish } from '../dish-choice.js';
import { noInput } from '../edge.js';

const ProcessBodySchema = z.object({ profile: ProfileInputSchema, dish: DishNameSchema.optional() }).strict();

/** Malformed ids get the same 404 as unknown ones, before anything is asked of the session service. */
function sessionId(raw: unknown): string {
  if (typeof raw !== 'string' || !isSessionId(raw)) throw sessionNotFound();
  return raw;
}

/** The budget of a plan whose profile sets none: 30,000 KRW a day (docs/contract.md, Meal plans). */
const PLAN_BUDGET_PER_DAY = 30_000;

/** A plan's size as the limit reads it, whatever else its body holds. */
const PlanSizeSchema = z.object({ days: PlanBodySchema.shape.days, mealsPerDay: PlanBodySchema.shape.mealsPerDay });

/** A plan counts against the `process` limit as the recipes it writes: days × mealsPerDay (1 when its size is unreadable). */
function planCost(req: Request): number {
  const parsed = PlanSizeSchema.safeParse(req.body ?? {});
  return parsed.success ? parsed.data.days * parsed.data.mealsPerDay : 1;
}

function budgetGiven(body: unknown): boolean {
  const profile = typeof body === 'object' && body !== null ? (body as { profile?: unknown }).profile : undefined;
  return typeof profile === 'object' && profile !== null && 'budget' in profile;
}

/** `processLimit(cost)`: the one per-IP limit of process and plan, a request counting as `cost` says. */
export function sessionRoutes(
  sessions: SessionServiceClient,
  processLimit: (cost?: (req: Request) => number) => RequestHandler,
): Router {
  const router = Router();

  router.post('/start', noInput, async (_req, res) => {
    res.status(201).json(await sessions.createSession());
  });

  router.get('/:id', async (req, res) => {
    res.json(await sessions.getSession(sessionId(req.params.id)));
  });

  router.get('/:id/status', async (req, res) => {
    res.json(await sessions.getStatus(sessionId(req.params.id)));
  });

  router.post('/:id/extend', noInput, async (req, res) => {
    res.json(await sessions.extend(sessionId(req.params.id)));
  });

  router.post('/:id/process', processLimit(), async (req, res) => {
    const id = sessionId(req.params.id);
    const { profile: input, dish } = parseOrThrow(ProcessBodySchema, req.body ?? {});
    const normalized = normalizeProfile(input);
    if (!normalized.ok) {
      throw new AppError(400, normalized.error.code, normalized.error.message, normalized.error.details);
    }
    const chosen = dish === undefined ? undefined : await chooseDish(dish, normalized.profile, id, sessions);
    res.status(202).json(await sessions.process(id, normalized.profile, chosen));
  });

  // A meal plan (docs/contract.md, Meal plans): the same claims, conflicts and cancel as process.
  router.post('/:id/plan', processLimit(planCost), async (req, res) => {
    const id = sessionId(req.params.id);
    const { profile: input, days, mealsPerDay } = parseOrThrow(PlanBodySchema, req.body ?? {});
    const normalized = normalizeProfile(input);
    if (!normalized.ok) {
      throw new AppError(400, normalized.error.code, normalized.error.message, normalized.error.details);
    }
    // The budget is the whole plan's; without one it is a day's default for every day.
    const profile = budgetGiven(req.body) ? normalized.profile : { ...normalized.profile, budget: PLAN_BUDGET_PER_DAY * days };
    res.status(202).json(await sessions.plan(id, { profile, days, mealsPerDay }));
  });

  router.delete('/:id', noInput, async (req, res) => {
    await sessions.deleteSession(sessionId(req.params.id));
    res.status(204).end();
  });

  router.post('/:id/cancel', noInput, async (req, res) => {
    res.status(202).json(await sessions.cancel(sessionId(req.params.id)));
  });

  router.get('/:id/results', async (req, res) => {
    const id = sessionId(req.params.id);
    const page = parseOrThrow(PageQuerySchema, { ...req.query });
    res.json(await sessions.listResults(id, page));
  });

  router.get('/:id/results/:runId', async (req, res) => {
    res.json(await sessions.getResultOfRun(sessionId(req.params.id), String(req.params.runId)));
  });

  router.get('/:id/result', async (req, res) => {
    const reply = await sessions.getResult(sessionId(req.params.id));
    res.status(reply.status).json(reply.body);
  });

  return router;
}

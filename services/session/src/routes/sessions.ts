import { Router, type Request, type Response } from 'express';
import {
  DishNameSchema,
  PageQuerySchema,
  PlanRequestSchema,
  ProfileSchema,
  TERMINAL_STATUSES,
  isSessionId,
  type PlanDayStatus,
  type Profile,
  type SessionStatusView,
  type SessionView,
} from '@ai-chef/contracts';
import { AppError, conflict, parseOrThrow, sessionNotFound, unavailable } from '@ai-chef/platform';
import { z } from 'zod';
import type { SessionDocument, SessionRepository } from '../session-repository.js';
import type { ResultRepository } from '../result-repository.js';
import { RunAlreadyActiveError, TemporalUnavailableError, type RunControl } from '../run-control.js';
import { newSessionId } from '../session-id.js';
import type { RunMetrics } from '../run-metrics.js';
import type { FridgeRepository } from '../fridge-repository.js';
import { withSessionFridge } from '../fridge-profile.js';
import type { PlanPartRepository } from '../plan-part-repository.js';

/**
 * How long `process` waits for the session's previous run to close when that run has already
 * reported its end: a run closes a few milliseconds after its last report, a little longer when a
 * worker must pick the workflow task up again. Well inside the gateway's 10 s wait.
 */
export const PREVIOUS_RUN_CLOSE_WAIT_MS = 5_000;

export interface SessionRouteDeps {
  sessions: SessionRepository;
  results: ResultRepository;
  runs: RunControl;
  fridge: FridgeRepository;
  planParts: PlanPartRepository;
  runMetrics: RunMetrics;
  extendSeconds: number;
}

/** A plan's days: written once saved; until then writing, or not written when the run ended first. */
function planDays(doc: SessionDocument): PlanDayStatus[] | undefined {
  if (doc.kind !== 'plan' || !doc.plan) return undefined;
  const written = new Set(doc.plan.written);
  return Array.from({ length: doc.plan.days }, (_, i) => ({
    day: i + 1,
    status: written.has(i + 1) ? 'written' : doc.status === 'processing' ? 'writing' : 'not_written',
  }));
}

export function statusView(doc: SessionDocument): SessionStatusView {
  const days = planDays(doc);
  return {
    sessionId: doc._id,
    status: doc.status,
    phase: doc.phase,
    progress: doc.progress,
    updatedAt: doc.updatedAt.toISOString(),
    ...(doc.error ? { error: doc.error } : {}),
    ...(days ? { days } : {}),
  };
}

function sessionView(doc: SessionDocument): SessionView {
  return {
    ...statusView(doc),
    createdAt: doc.createdAt.toISOString(),
    expiresAt: doc.expiresAt.toISOString(),
    ...(doc.runId ? { runId: doc.runId } : {}),
  };
}

const ProcessBodySchema = z.object({ profile: ProfileSchema, dish: DishNameSchema.optional() }).strict();

/** How many of the session's latest dishes a new run steers clear of. */
const AVOID_RECENT_DISHES = 10;

/** Temporal's run ids are UUIDs: anything else is not looked up. */
const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id is checked for shape before any database call; every miss is the same 404. */
function sessionIdParam(raw: unknown): string {
  if (typeof raw !== 'string' || !isSessionId(raw)) throw sessionNotFound();
  return raw;
}

export function sessionRoutes(deps: SessionRouteDeps): Router {
  const { sessions, results, runs } = deps;
  const router = Router();

  async function liveSession(raw: unknown): Promise<SessionDocument> {
    const doc = await sessions.findLive(sessionIdParam(raw));
    if (!doc) throw sessionNotFound();
    return doc;
  }

  router.post('/', async (_req, res) => {
    const doc = await sessions.create(newSessionId());
    res.status(201).json({
      sessionId: doc._id,
      status: 'idle',
      createdAt: doc.createdAt.toISOString(),
      expiresAt: doc.expiresAt.toISOString(),
    });
  });

  router.get('/:id', async (req, res) => {
    res.json(sessionView(await liveSession(req.params.id)));
  });

  router.get('/:id/status', async (req, res) => {
    res.json(statusView(await liveSession(req.params.id)));
  });

  router.post('/:id/extend', async (req, res) => {
    const doc = await sessions.extend(sessionIdParam(req.params.id), deps.extendSeconds);
    if (!doc) throw sessionNotFound();
    await deps.fridge.followSession(doc._id, doc.expiresAt); // fridge items live as long as their session
    res.json({ sessionId: doc._id, expiresAt: doc.expiresAt.toISOString() });
  });

  /** How a run is asked for: a recipe (maybe a chosen dish) or a meal plan. */
  type RunRequest = { kind: 'recipe'; dish?: string } | { kind: 'plan'; days: number; mealsPerDay: number };

  /**
   * `process` and `plan`: claim the session, start its workflow, record the run id. The caller (the
   * gateway) stops waiting after its timeout and tells its client to try again: a request it gave up
   * on must not start a run later, or the retry would start a second one.
   */
  async function claimAndStart(req: Request, res: Response, sent: Profile, run: RunRequest): Promise<void> {
    let callerGone = false;
    res.on('close', () => {
      if (!res.writableFinished) callerGone = true;
    });
    const sessionId = sessionIdParam(req.params.id);
    // Fridge: the session's fridge counts with the profile's fridgeIngredients (docs/contract.md, The profile).
    const profile = withSessionFridge(sent, await deps.fridge.ids(sessionId));
    if (profile.target === 'fridge' && profile.fridgeIngredients.length === 0) {
      throw new AppError(400, 'fridge_empty', 'The fridge target needs at least one ingredient in the fridge.');
    }
    if (callerGone) return;
    const claim = await sessions.claimForRun(sessionId, profile, run.kind === 'plan' ? { days: run.days } : undefined);
    if (!claim) {
      const current = await sessions.findLive(sessionId);
      if (!current) throw sessionNotFound();
      throw conflict('already_processing', 'A run of this session is already in progress.');
    }
    const release = () => sessions.releaseClaim(sessionId, claim.at);
    if (callerGone) {
      await release();
      return;
    }
    // A new run serves other dishes than the session's latest ones, unless the person chose one.
    const avoid = run.kind === 'recipe' && run.dish !== undefined ? undefined : await results.recentDishes(sessionId, AVOID_RECENT_DISHES);
    const start = () =>
      run.kind === 'plan'
        ? runs.startPlan(sessionId, profile, { days: run.days, mealsPerDay: run.mealsPerDay, ...(avoid ? { avoid } : {}) })
        : runs.start(sessionId, profile, run.dish !== undefined ? { dish: run.dish } : { avoid: avoid ?? [] });
    let started: { workflowId: string; runId: string };
    try {
      started = await startAfter(claim.before, sessionId, start);
    } catch (err) {
      await release();
      if (err instanceof RunAlreadyActiveError) {
        throw conflict('already_processing', 'The previous run of this session is still finishing.');
      }
      throw unavailable('The workflow service is unavailable; try again shortly.');
    }
    await sessions.recordRunId(sessionId, started.runId);
    deps.runMetrics.started(profile.target);
    res.status(202).json({ sessionId, ...started, status: 'processing', kind: run.kind });
  }

  router.post('/:id/process', async (req, res) => {
    const { profile, dish } = parseOrThrow(ProcessBodySchema, req.body ?? {});
    await claimAndStart(req, res, profile, { kind: 'recipe', ...(dish !== undefined ? { dish } : {}) });
  });

  router.post('/:id/plan', async (req, res) => {
    const { profile, days, mealsPerDay } = parseOrThrow(PlanRequestSchema, req.body ?? {});
    await claimAndStart(req, res, profile, { kind: 'plan', days, mealsPerDay });
  });

  /**
   * Starts the run. The session's previous run may have reported its end and not yet closed (its
   * workflow finishes right after the report): that run is known to be over, so the start waits
   * for it to close and tries once more, instead of answering 409 in that window (docs/contract.md, Sessions and runs: "the
   * session may process again straight away"). Any other open run is a conflict.
   */
  async function startAfter(
    before: SessionDocument,
    sessionId: string,
    start: () => Promise<{ workflowId: string; runId: string }>,
  ) {
    try {
      return await start();
    } catch (err) {
      const previous = before.runId;
      if (!(err instanceof RunAlreadyActiveError) || previous === null || !TERMINAL_STATUSES.includes(before.status)) throw err;
      if (!(await runs.waitClosed(sessionId, previous, PREVIOUS_RUN_CLOSE_WAIT_MS))) throw err;
      return start();
    }
  }

  router.post('/:id/cancel', async (req, res) => {
    const doc = await liveSession(req.params.id);
    let cancelling: boolean;
    try {
      cancelling = doc.status === 'processing' && (await runs.cancel(doc._id, doc.runId));
    } catch (err) {
      // Cancelling talks to Temporal alone: whatever keeps it from answering, the client may try again.
      throw unavailable('The workflow service is unavailable; try again shortly.', undefined, { cause: err });
    }
    if (!cancelling) {
      throw conflict('not_processing', 'No run of this session is in progress.', [{ status: doc.status }]);
    }
    res.status(202).json({ sessionId: doc._id, status: 'cancelling' });
  });

  /**
   * "Forget me" (docs/contract.md, Sessions and runs): the session, its fridge and its results go at once. A run in progress is
   * asked to stop; its later writes find no session and change nothing.
   */
  router.delete('/:id', async (req, res) => {
    const sessionId = sessionIdParam(req.params.id);
    const removed = await sessions.remove(sessionId);
    // An expired session's results are still served (they outlive it): asked, they go too.
    const [, resultsRemoved] = await Promise.all([
      deps.fridge.removeOfSession(sessionId),
      results.removeOfSession(sessionId),
      deps.planParts.removeOfSession(sessionId),
    ]);
    if (!removed && resultsRemoved === 0) throw sessionNotFound();
    if (removed?.status === 'processing') {
      await runs.cancel(sessionId, removed.runId).catch((err: unknown) => {
        // The run will find its session gone at its next write and fail there.
        if (!(err instanceof TemporalUnavailableError)) throw err;
      });
    }
    res.status(204).end();
  });

  /**
   * The session's results, newest first, each served as long as it is kept: after the session has
   * expired too. A session that is gone and has no result kept is the same 404 as an unknown one.
   */
  router.get('/:id/results', async (req, res) => {
    const sessionId = sessionIdParam(req.params.id);
    const { limit, offset } = parseOrThrow(PageQuerySchema, { ...req.query });
    const list = await results.listOfSession(sessionId, limit, offset);
    if (list.total === 0 && !(await sessions.findLive(sessionId))) throw sessionNotFound();
    res.json(list);
  });

  router.get('/:id/results/:runId', async (req, res) => {
    const sessionId = sessionIdParam(req.params.id);
    const runId = req.params.runId;
    const found = typeof runId === 'string' && RUN_ID.test(runId) ? await results.ofSessionRun(sessionId, runId) : null;
    if (!found) throw new AppError(404, 'result_not_found', 'This session has no result of that run.');
    res.json(found);
  });

  router.get('/:id/result', async (req, res) => {
    const sessionId = sessionIdParam(req.params.id);
    const doc = await sessions.findLive(sessionId);
    if (doc?.status === 'processing') {
      res.status(202).json({ status: doc.status, phase: doc.phase, progress: doc.progress });
      return;
    }
    // The session's last run first, by its id (one point read); the newest result by session id
    // is the fallback for a last run without a result (failed, cancelled) and for a session that
    // has expired. Both are answered from an index.
    const lastRun = doc?.runId ? await results.ofRun(doc.runId) : null;
    const neverRan = doc !== null && doc.runId === null;
    const result = lastRun ?? (neverRan ? null : await results.latestFor(sessionId));
    if (result) {
      res.json(result);
      return;
    }
    if (!doc) throw sessionNotFound();
    throw new AppError(404, 'result_not_found', 'This session has no result yet.', [
      { status: doc.status, terminal: TERMINAL_STATUSES.includes(doc.status) },
    ]);
  });

  return router;
}

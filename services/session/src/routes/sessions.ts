import { Router } from 'express';
import {
  ProfileSchema,
  TERMINAL_STATUSES,
  isSessionId,
  type SessionStatusView,
  type SessionView,
} from '@ai-chef/contracts';
import { AppError, conflict, parseOrThrow, sessionNotFound, unavailable } from '@ai-chef/platform';
import { z } from 'zod';
import type { SessionDocument, SessionRepository } from '../session-repository.js';
import type { ResultRepository } from '../result-repository.js';
import { RunAlreadyActiveError, type RunControl } from '../run-control.js';
import { newSessionId } from '../session-id.js';
import type { RunMetrics } from '../run-metrics.js';
import type { FridgeRepository } from '../fridge-repository.js';
import { withSessionFridge } from '../fridge-profile.js';

export interface SessionRouteDeps {
  sessions: SessionRepository;
  results: ResultRepository;
  runs: RunControl;
  fridge: FridgeRepository;
  runMetrics: RunMetrics;
  extendSeconds: number;
}

export function statusView(doc: SessionDocument): SessionStatusView {
  return {
    sessionId: doc._id,
    status: doc.status,
    phase: doc.phase,
    progress: doc.progress,
    updatedAt: doc.updatedAt.toISOString(),
    ...(doc.error ? { error: doc.error } : {}),
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

const ProcessBodySchema = z.object({ profile: ProfileSchema }).strict();

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

  router.post('/:id/process', async (req, res) => {
    // The caller (the gateway) stops waiting after its timeout and tells its client to try again.
    // A request it gave up on must not start a run later: the retry would then start a second one.
    let callerGone = false;
    res.on('close', () => {
      if (!res.writableFinished) callerGone = true;
    });
    const sessionId = sessionIdParam(req.params.id);
    const { profile: sent } = parseOrThrow(ProcessBodySchema, req.body ?? {});
    // Fridge: the session's fridge counts with the profile's fridgeIngredients (SPEC §2 Profile).
    const profile = withSessionFridge(sent, await deps.fridge.ids(sessionId));
    if (profile.target === 'fridge' && profile.fridgeIngredients.length === 0) {
      throw new AppError(400, 'fridge_empty', 'The fridge target needs at least one ingredient in the fridge.');
    }
    if (callerGone) return;
    const before = await sessions.claimForRun(sessionId, profile);
    if (!before) {
      const current = await sessions.findLive(sessionId);
      if (!current) throw sessionNotFound();
      throw conflict('already_processing', 'A run of this session is already in progress.');
    }
    if (callerGone) {
      await sessions.releaseClaim(before);
      return;
    }
    let started: { workflowId: string; runId: string };
    try {
      started = await runs.start(sessionId, profile);
    } catch (err) {
      await sessions.releaseClaim(before);
      if (err instanceof RunAlreadyActiveError) {
        throw conflict('already_processing', 'The previous run of this session is still finishing.');
      }
      throw unavailable('The workflow service is unavailable; try again shortly.');
    }
    await sessions.recordRunId(sessionId, started.runId);
    deps.runMetrics.started(profile.target);
    res.status(202).json({ sessionId, ...started, status: 'processing' });
  });

  router.post('/:id/cancel', async (req, res) => {
    const doc = await liveSession(req.params.id);
    if (doc.status !== 'processing' || !(await runs.cancel(doc._id, doc.runId))) {
      throw conflict('not_processing', 'No run of this session is in progress.', [{ status: doc.status }]);
    }
    res.status(202).json({ sessionId: doc._id, status: 'cancelling' });
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

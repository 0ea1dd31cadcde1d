import { Router, type RequestHandler } from 'express';
import { DishNameSchema, PageQuerySchema, ProfileInputSchema, isSessionId } from '@ai-chef/contracts';
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

export function sessionRoutes(sessions: SessionServiceClient, processLimit: RequestHandler): Router {
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

  router.post('/:id/process', processLimit, async (req, res) => {
    const id = sessionId(req.params.id);
    const { profile: input, dish } = parseOrThrow(ProcessBodySchema, req.body ?? {});
    const normalized = normalizeProfile(input);
    if (!normalized.ok) {
      throw new AppError(400, normalized.error.code, normalized.error.message, normalized.error.details);
    }
    const chosen = dish === undefined ? undefined : await chooseDish(dish, normalized.profile, id, sessions);
    res.status(202).json(await sessions.process(id, normalized.profile, chosen));
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

import { Router, type RequestHandler } from 'express';
import { ProfileInputSchema, isSessionId } from '@ai-chef/contracts';
import { normalizeProfile } from '@ai-chef/kitchen';
import { AppError, parseOrThrow, sessionNotFound, type SessionServiceClient } from '@ai-chef/platform';
import { z } from 'zod';
import { noInput } from '../edge.js';

const ProcessBodySchema = z.object({ profile: ProfileInputSchema }).strict();

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
    const { profile: input } = parseOrThrow(ProcessBodySchema, req.body ?? {});
    const normalized = normalizeProfile(input);
    if (!normalized.ok) {
      throw new AppError(400, normalized.error.code, normalized.error.message, normalized.error.details);
    }
    res.status(202).json(await sessions.process(id, normalized.profile));
  });

  router.delete('/:id', noInput, async (req, res) => {
    await sessions.deleteSession(sessionId(req.params.id));
    res.status(204).end();
  });

  router.post('/:id/cancel', noInput, async (req, res) => {
    res.status(202).json(await sessions.cancel(sessionId(req.params.id)));
  });

  router.get('/:id/result', async (req, res) => {
    const reply = await sessions.getResult(sessionId(req.params.id));
    res.status(reply.status).json(reply.body);
  });

  return router;
}

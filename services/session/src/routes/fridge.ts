import { Router } from 'express';
import {
  FRIDGE_MAX_ITEMS,
  FridgeIdsBodySchema,
  INGREDIENT_ID_PATTERN,
  isSessionId,
} from '@ai-chef/contracts';
import { AppError, conflict, parseOrThrow, sessionNotFound } from '@ai-chef/platform';
import type { FridgeRepository } from '../fridge-repository.js';
import type { SessionDocument, SessionRepository } from '../session-repository.js';

export interface FridgeRouteDeps {
  sessions: SessionRepository;
  fridge: FridgeRepository;
  extendSeconds: number;
}

const notInFridge = (): AppError =>
  new AppError(404, 'ingredient_not_in_fridge', 'That ingredient is not in this fridge.');

/** The internal fridge API: catalog ids only (the gateway resolves names). Every write extends the session. */
export function fridgeRoutes({ sessions, fridge, extendSeconds }: FridgeRouteDeps): Router {
  const router = Router();

  const idOf = (raw: string | undefined): string => {
    if (raw === undefined || !isSessionId(raw)) throw sessionNotFound();
    return raw;
  };

  /** Extends the session as `extend` does and lets its fridge follow; 404 when the session is gone. */
  async function touch(sessionId: string): Promise<SessionDocument> {
    const doc = await sessions.extend(sessionId, extendSeconds);
    if (!doc) throw sessionNotFound();
    await fridge.followSession(sessionId, doc.expiresAt);
    return doc;
  }

  router.get('/:id/fridge', async (req, res) => {
    const sessionId = idOf(req.params.id);
    if (!(await sessions.findLive(sessionId))) throw sessionNotFound();
    res.json({ items: await fridge.list(sessionId) });
  });

  router.post('/:id/fridge', async (req, res) => {
    const sessionId = idOf(req.params.id);
    const { ingredientIds } = parseOrThrow(FridgeIdsBodySchema, req.body);
    const ids = [...new Set(ingredientIds)];
    const session = await touch(sessionId);
    const added = await fridge.addWithin(sessionId, ids, session.expiresAt, FRIDGE_MAX_ITEMS);
    if (!added.ok) {
      throw conflict('fridge_full', `A fridge holds at most ${FRIDGE_MAX_ITEMS} ingredients.`, [
        { inFridge: added.inFridge, adding: added.adding, max: FRIDGE_MAX_ITEMS },
      ]);
    }
    res.json({ added: ids, items: await fridge.list(sessionId) });
  });

  router.delete('/:id/fridge', async (req, res) => {
    const sessionId = idOf(req.params.id);
    const { ingredientIds } = parseOrThrow(FridgeIdsBodySchema, req.body);
    await touch(sessionId);
    res.json({ removed: await fridge.remove(sessionId, [...new Set(ingredientIds)]) });
  });

  router.delete('/:id/fridge/:ingredientId', async (req, res) => {
    const sessionId = idOf(req.params.id);
    const ingredientId = req.params.ingredientId;
    if (!INGREDIENT_ID_PATTERN.test(ingredientId)) {
      if (!(await sessions.findLive(sessionId))) throw sessionNotFound();
      throw notInFridge();
    }
    await touch(sessionId);
    if ((await fridge.remove(sessionId, [ingredientId])) === 0) throw notInFridge();
    res.status(204).end();
  });

  return router;
}

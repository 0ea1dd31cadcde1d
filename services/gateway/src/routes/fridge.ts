import { Router } from 'express';
import {
  FridgeIngredientsBodySchema,
  isSessionId,
  type FridgeAdded,
  type FridgeItemView,
  type FridgeView,
  type StoredFridgeItem,
} from '@ai-chef/contracts';
import { AppError, parseOrThrow, sessionNotFound, type SessionServiceClient } from '@ai-chef/platform';
import { resolveIngredients, type IngredientCatalog } from '../ingredient-catalog.js';

function sessionId(raw: string | undefined): string {
  if (raw === undefined || !isSessionId(raw)) throw sessionNotFound();
  return raw;
}

/** The session service stores ids; the gateway names them from the catalog (ids it no longer knows are left out). */
function itemViews(catalog: IngredientCatalog, items: readonly StoredFridgeItem[]): FridgeItemView[] {
  return items.flatMap((item) => {
    const ingredient = catalog.get(item.ingredientId);
    return ingredient
      ? [
          {
            ingredientId: ingredient.id,
            nameKo: ingredient.nameKo,
            nameEn: ingredient.nameEn,
            category: ingredient.category,
            addedAt: item.addedAt,
          },
        ]
      : [];
  });
}

/** docs/contract.md, Fridge and events, under /session. */
export function fridgeRoutes(sessions: SessionServiceClient, catalog: IngredientCatalog): Router {
  const router = Router();

  router.get('/:id/fridge', async (req, res) => {
    const { items } = await sessions.getFridge(sessionId(req.params.id));
    const body: FridgeView = { items: itemViews(catalog, items) };
    res.json(body);
  });

  router.post('/:id/fridge', async (req, res) => {
    const id = sessionId(req.params.id);
    const { ingredients } = parseOrThrow(FridgeIngredientsBodySchema, req.body ?? {});
    const stored = await sessions.addToFridge(id, resolveIngredients(catalog, ingredients));
    const body: FridgeAdded = { added: stored.added, items: itemViews(catalog, stored.items) };
    res.json(body);
  });

  router.delete('/:id/fridge', async (req, res) => {
    const id = sessionId(req.params.id);
    const { ingredients } = parseOrThrow(FridgeIngredientsBodySchema, req.body ?? {});
    res.json(await sessions.removeFromFridge(id, resolveIngredients(catalog, ingredients)));
  });

  router.delete('/:id/fridge/:ingredientId', async (req, res) => {
    const id = sessionId(req.params.id);
    const raw = req.params.ingredientId;
    const ingredient = raw.length <= 50 ? catalog.resolve(raw) : undefined;
    if (!ingredient) {
      await sessions.getStatus(id); // an unknown session is still the session 404
      throw new AppError(404, 'ingredient_not_in_fridge', 'That ingredient is not in this fridge.');
    }
    await sessions.removeOneFromFridge(id, ingredient.id);
    res.status(204).end();
  });

  return router;
}

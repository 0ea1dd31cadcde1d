import { Router } from 'express';
import { IngredientSearchQuerySchema, type IngredientSearchResult } from '@ai-chef/contracts';
import { parseOrThrow } from '@ai-chef/platform';
import { ingredientView, type IngredientCatalog } from '../ingredient-catalog.js';

/** `GET /ingredients?q=&limit=`: straight from the bundled catalog, no session service involved. */
export function ingredientRoutes(catalog: IngredientCatalog): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const { q, limit } = parseOrThrow(IngredientSearchQuerySchema, { ...req.query });
    const found = catalog.search(q, limit);
    const body: IngredientSearchResult = { items: found.items.map(ingredientView), total: found.total };
    res.json(body);
  });
  return router;
}

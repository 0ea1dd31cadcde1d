import { Router } from 'express';
import { RecipeSearchQuerySchema, type RecipeSearchResult } from '@ai-chef/contracts';
import { searchLibrary } from '@ai-chef/kitchen';
import { parseOrThrow } from '@ai-chef/platform';

/** `GET /recipes?target=&q=&limit=&offset=`: the built-in library, no session service involved. */
export function recipeRoutes(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const query = parseOrThrow(RecipeSearchQuerySchema, { ...req.query });
    const body: RecipeSearchResult = searchLibrary({
      ...(query.target !== undefined ? { target: query.target } : {}),
      q: query.q,
      limit: query.limit,
      offset: query.offset,
    });
    res.json(body);
  });
  return router;
}

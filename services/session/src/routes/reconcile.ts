import { Router } from 'express';
import type { RunReconciler } from '../run-reconciler.js';

/** `POST /internal/runs/reconcile`: one pass of the reconciler, called by its scheduled workflow. */
export function reconcileRoutes({ reconciler }: { reconciler: RunReconciler }): Router {
  const router = Router();
  router.post('/reconcile', async (_req, res) => {
    res.json(await reconciler.reconcile());
  });
  return router;
}

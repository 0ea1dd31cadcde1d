import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

/** Where `vite build` puts the page (services/gateway/web/dist), from src/ and dist/ alike. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../web/dist/', import.meta.url));

const NOT_BUILT =
  'The AI Chef web page has not been built.\n' +
  'Run `npm run build` at the repository root (it builds services/gateway/web into services/gateway/web/dist), then reload.\n' +
  'The JSON API is available meanwhile; see /openapi.json.\n';

/**
 * Serves the built page: index.html at `/` with no-cache (it names the current assets), the
 * content-hashed assets with a year-long immutable cache. A missing build is a 503 that says how to make it.
 */
export function webPage(distDir: string = WEB_DIST_DIR): Router {
  const router = Router();
  const indexFile = join(distDir, 'index.html');

  router.get(['/', '/index.html'], (_req, res) => {
    // Checked per request so a build made while the gateway runs is picked up.
    if (!existsSync(indexFile)) {
      res.status(503).setHeader('Retry-After', '30');
      res.type('text/plain; charset=utf-8').setHeader('Cache-Control', 'no-store').send(NOT_BUILT);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile, { cacheControl: false });
  });

  router.use(
    '/assets',
    express.static(join(distDir, 'assets'), {
      index: false,
      immutable: true,
      maxAge: '365d',
      fallthrough: true,
      redirect: false,
    }),
  );
  // The rest of dist (the favicon): revalidated each time, like the index.
  router.use(
    express.static(distDir, {
      index: false,
      redirect: false,
      cacheControl: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  return router;
}

import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type NextFunction, type Request, type Response } from 'express';

/** Where `vite build` puts the page (services/gateway/web/dist), from src/ and dist/ alike. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../web/dist/', import.meta.url));

const NOT_BUILT =
  'The AI Chef web page has not been built.\n' +
  'Run `npm run build` at the repository root (it builds services/gateway/web into services/gateway/web/dist), then reload.\n' +
  'The JSON API is available meanwhile; see /openapi.json.\n';

/** The content-hashed assets never change under their name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets; it and the favicon are revalidated each time. */
const REVALIDATE = 'no-cache';

/** The copies the build writes beside each text file (web/vite.config.mjs), best first. */
const ENCODINGS = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

const isRead = (req: Request): boolean => req.method === 'GET' || req.method === 'HEAD';
/** A regular file at `path`; anything that cannot be looked up (a name too long, not a directory) is not. */
function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/**
 * Sends a file of the build: the brotli or gzip copy the build wrote when the request accepts it
 * (with the original's type), else the file itself. Every answer says it varies by Accept-Encoding.
 */
function sendBuilt(req: Request, res: Response, next: NextFunction, file: string, cacheControl: string): void {
  const chosen = ENCODINGS.find(
    ({ encoding, suffix }) => req.acceptsEncodings(encoding) === encoding && isFile(file + suffix),
  );
  res.vary('Accept-Encoding');
  res.setHeader('Cache-Control', cacheControl);
  if (chosen) {
    res.type(extname(file));
    res.setHeader('Content-Encoding', chosen.encoding);
  }
  res.sendFile(chosen ? file + chosen.suffix : file, { cacheControl: false, dotfiles: 'deny' }, (err) => {
    // A request that went away mid-file needs nothing more; a file gone since the check is a 404.
    if (err && !res.headersSent) next();
  });
}

/** The file of `dir` a request path names, or undefined (outside dir, a dotfile, a compressed copy, missing). */
function fileFor(dir: string, path: string): string | undefined {
  let relative: string;
  try {
    relative = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (relative.includes('\0') || /\.(br|gz)$/.test(relative)) return undefined;
  const file = resolve(dir, `.${relative}`);
  if (!file.startsWith(dir + sep)) return undefined;
  if (file.slice(dir.length + 1).split(sep).some((part) => part.startsWith('.'))) return undefined;
  return isFile(file) ? file : undefined;
}

/**
 * Serves the built page: index.html at `/` with no-cache (it names the current assets), the
 * content-hashed assets with a year-long immutable cache, each precompressed when the browser takes br or
 * gzip. Only these files are compressed, never the API's JSON or its event stream. A missing build is a
 * 503 that says how to make it.
 */
export function webPage(distDir: string = WEB_DIST_DIR): Router {
  const router = Router();
  const root = resolve(distDir);
  const indexFile = join(root, 'index.html');

  router.get(['/', '/index.html'], (req, res, next) => {
    // Checked per request so a build made while the gateway runs is picked up.
    if (!existsSync(indexFile)) {
      res.status(503).setHeader('Retry-After', '30');
      res.type('text/plain; charset=utf-8').setHeader('Cache-Control', 'no-store').send(NOT_BUILT);
      return;
    }
    sendBuilt(req, res, next, indexFile, REVALIDATE);
  });

  // Static files, like express.static: middleware for GET and HEAD, not routes of the API.
  const assets = join(root, 'assets');
  router.use('/assets', (req, res, next) => {
    const file = isRead(req) ? fileFor(assets, req.path) : undefined;
    if (file) sendBuilt(req, res, next, file, IMMUTABLE);
    else next();
  });
  // The rest of dist (the favicon): revalidated each time, like the index.
  router.use((req, res, next) => {
    const file = isRead(req) && !req.path.startsWith('/assets/') ? fileFor(root, req.path) : undefined;
    if (file) sendBuilt(req, res, next, file, REVALIDATE);
    else next();
  });
  return router;
}

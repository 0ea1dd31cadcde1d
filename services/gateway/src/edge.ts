import cors from 'cors';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { AppError } from '@ai-chef/platform';

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // The gateway also serves plain http (local runs, behind a TLS-terminating proxy): no forced upgrade.
        upgradeInsecureRequests: null,
      },
    },
  });
}

/** CORS answers only to the configured origins; others get no CORS headers at all. */
export function corsAllowList(origins: string[]): RequestHandler {
  return cors({
    origin: origins,
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
}

/** Per-IP limit per minute; 0 turns it off (benchmarks). */
export function perMinuteLimit(limit: number, code: string): RequestHandler {
  if (limit === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, next, options) => {
      res.setHeader('Retry-After', String(Math.ceil(options.windowMs / 1000)));
      next(new AppError(429, code, 'Too many requests; slow down and try again later.'));
    },
  });
}

/** Routes that take no input accept an empty body or `{}` and nothing else. */
export const noInput: RequestHandler = (req, _res, next) => {
  const body: unknown = req.body;
  const empty =
    body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
  next(empty ? undefined : new AppError(400, 'unexpected_body', 'This route takes no input.'));
};

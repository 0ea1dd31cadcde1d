import cors from 'cors';
import type { Request, RequestHandler } from 'express';
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

/**
 * README, Limits: responses that carry a session's data (sessions, results, fridge, streams) and the
 * admin's figures are never stored by a browser or a proxy.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

const KIB = 1024;
/** The per-route body limits (README, Limits); the lowest of these and BODY_LIMIT_BYTES applies. */
const ROUTE_BODY_LIMITS: Array<{ methods: readonly string[]; path: RegExp; bytes: number }> = [
  { methods: ['POST'], path: /^\/session\/[^/]+\/(process|plan)\/?$/i, bytes: 16 * KIB },
  { methods: ['POST', 'DELETE'], path: /^\/session\/[^/]+\/fridge\/?$/i, bytes: 16 * KIB },
  { methods: ['POST'], path: /^\/events\/?$/i, bytes: 256 * KIB },
];

export function bodyLimitFor(bodyLimitBytes: number): (req: Request) => number {
  return (req) => {
    const route = ROUTE_BODY_LIMITS.find((limit) => limit.methods.includes(req.method) && limit.path.test(req.path));
    return Math.min(bodyLimitBytes, route?.bytes ?? Number.POSITIVE_INFINITY);
  };
}

/**
 * The caller's address: the socket's, or X-Forwarded-For's only when TRUST_PROXY says which
 * proxies to believe (express computes `req.ip` from the 'trust proxy' setting).
 */
export function clientIp(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? '';
  return ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '').slice(0, 64);
}

/** Routes that take no input accept an empty body or `{}` and nothing else. */
export const noInput: RequestHandler = (req, _res, next) => {
  const body: unknown = req.body;
  const empty =
    body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
  next(empty ? undefined : new AppError(400, 'unexpected_body', 'This route takes no input.'));
};

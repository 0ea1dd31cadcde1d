import type { Request, RequestHandler } from 'express';
import type { Db } from 'mongodb';
import { RateLimiterMemory, RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '@ai-chef/platform';

/** The gateway's one collection (README, Limits): per-IP counters shared by every replica. */
export const RATE_LIMITS_COLLECTION = 'rate_limits';

const WINDOW_SECONDS = 60;

export async function ensureRateLimitIndexes(db: Db): Promise<void> {
  await db.collection(RATE_LIMITS_COLLECTION).createIndex({ key: 1 }, { unique: true, name: 'key' });
}

/**
 * At most `limit` requests per client IP per minute, counted in MongoDB (rate-limiter-flexible), so
 * the limit holds across gateway replicas; over it, 429 `code` with Retry-After (the seconds until
 * the window ends). 0 turns the limit off (benchmarks). When MongoDB does not answer, each replica
 * counts in memory meanwhile (the library's insurance limiter) rather than refusing everyone.
 */
export function perMinuteLimit(db: Db | undefined, limit: number, code: string, name: string): RequestHandler {
  return perMinuteLimiter(db, limit, code, name)();
}

/**
 * One such limit for several routes that count against it, each request costing what `cost` says (a
 * meal plan counts as the recipes it writes). A cost above the limit is never allowed.
 */
export function perMinuteLimiter(
  db: Db | undefined,
  limit: number,
  code: string,
  name: string,
): (cost?: (req: Request) => number) => RequestHandler {
  if (limit === 0 || db === undefined) return () => (_req, _res, next) => next();
  const limiter = new RateLimiterMongo({
    storeClient: db,
    tableName: RATE_LIMITS_COLLECTION,
    keyPrefix: name,
    points: limit,
    duration: WINDOW_SECONDS,
    disableIndexesCreation: true,
    insuranceLimiter: new RateLimiterMemory({ points: limit, duration: WINDOW_SECONDS }),
  });
  const keyOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return (cost = () => 1) => (req, res, next) => {
    const headers = (state: RateLimiterRes): number => {
      const reset = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
      res.setHeader('RateLimit-Policy', `${limit};w=${WINDOW_SECONDS}`);
      res.setHeader('RateLimit', `limit=${limit}, remaining=${state.remainingPoints}, reset=${reset}`);
      return reset;
    };
    limiter.consume(keyOf(req), cost(req)).then(
      (state) => {
        headers(state);
        next();
      },
      (err: unknown) => {
        if (!(err instanceof RateLimiterRes)) {
          next(err);
          return;
        }
        res.setHeader('Retry-After', String(headers(err)));
        next(new AppError(429, code, 'Too many requests; slow down and try again later.'));
      },
    );
  };
}

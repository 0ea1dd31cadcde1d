import type { Db } from 'mongodb';
import { RateLimiterMemory, RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';
import { NAVER_DAILY_QUOTA, kstDay, type QuotaCounter } from './quota-counter.js';
import { abortableSleep, type RateLimiter } from './rate-limiter.js';

/** The worker's own collection of counters (README, Limits: they hold across replicas). */
export const NAVER_LIMITS_COLLECTION = 'naver_limits';

export interface SharedNaverLimitsOptions {
  db: Db;
  clientId: string;
  callsPerSecond: number;
  dailyQuota?: number;
}

/**
 * Naver's daily quota and call rate, counted in MongoDB through rate-limiter-flexible, so every
 * worker replica spends from the same counters. The quota is one counter per Korean calendar day
 * (it resets at midnight KST); the rate one counter per fixed one-second window, on top of each
 * process's own sliding window. When MongoDB does not answer, each replica falls back to counting
 * in memory (the library's insurance limiter) rather than stopping its price lookups. On FerretDB,
 * which does not isolate concurrent updates of one document, replicas that start a window at the
 * same moment may each be granted one call too many.
 */
export function createSharedNaverLimits(options: SharedNaverLimitsOptions): {
  quota: QuotaCounter;
  rate: RateLimiter;
} {
  const dailyQuota = options.dailyQuota ?? NAVER_DAILY_QUOTA;
  const common = {
    storeClient: options.db,
    tableName: NAVER_LIMITS_COLLECTION,
    disableIndexesCreation: true,
  };
  const daily = new RateLimiterMongo({
    ...common,
    keyPrefix: 'naver-quota',
    points: dailyQuota,
    duration: 2 * 86400, // keyed by day: the document only has to outlive its day
    insuranceLimiter: new RateLimiterMemory({ points: dailyQuota, duration: 2 * 86400 }),
  });
  const perSecond = new RateLimiterMongo({
    ...common,
    keyPrefix: 'naver-rate',
    points: options.callsPerSecond,
    duration: 1,
    insuranceLimiter: new RateLimiterMemory({ points: options.callsPerSecond, duration: 1 }),
  });
  let queue: Promise<void> = Promise.resolve();
  async function takeSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      try {
        await perSecond.consume(options.clientId, 1);
        return;
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        await abortableSleep(Math.max(err.msBeforeNext, 5), signal);
      }
    }
  }
  return {
    quota: {
      async tryConsume(n = 1) {
        if (!Number.isInteger(n) || n < 0)
          throw new RangeError(`quota units must be a whole number ≥ 0, got ${n}`);
        if (n === 0) return true;
        try {
          await daily.consume(`${options.clientId}:${kstDay(Date.now())}`, n);
          return true;
        } catch (err) {
          if (err instanceof RateLimiterRes) return false;
          throw err;
        }
      },
    },
    rate: {
      acquire(signal) {
        // One counter update at a time from this process: FerretDB does not isolate concurrent
        // updates of one document, and a race at a window's start would lose counts.
        const turn = queue.then(() => takeSlot(signal));
        queue = turn.catch(() => undefined);
        return turn;
      },
    },
  };
}

/** The counters' indexes: one document per key; expired windows are removed by the caller's TTL index or sweeper. */
export async function ensureSharedNaverLimitIndexes(db: Db): Promise<void> {
  await db.collection(NAVER_LIMITS_COLLECTION).createIndex({ key: 1 }, { unique: true, name: 'key' });
}

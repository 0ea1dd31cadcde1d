import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createRateLimiter } from './rate-limiter.js';

/** Virtual time: sleeping advances the clock at once. */
function virtualClock(): { now: () => number; sleep: (ms: number) => Promise<void> } {
  let t = 0;
  return {
    now: () => t,
    sleep: (ms) => {
      t += Math.max(0, ms);
      return Promise.resolve();
    },
  };
}

function maxInWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  for (let i = 0; i < times.length; i++) {
    const start = times[i] ?? 0;
    most = Math.max(most, times.filter((t) => t >= start && t < start + windowMs).length);
  }
  return most;
}

describe('createRateLimiter', () => {
  it('grants at most `limit` calls in any window, each as early as allowed', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ limit: 5, intervalMs: 1000, ...clock });
    const grants: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        await limiter.acquire();
        grants.push(clock.now());
      }),
    );
    expect(grants).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]);
  });

  it('never exceeds the limit in a rolling window, whatever the arrival times', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 700 }), { minLength: 1, maxLength: 30 }),
        async (limit, gaps) => {
          const clock = virtualClock();
          const limiter = createRateLimiter({ limit, intervalMs: 1000, ...clock });
          const grants: number[] = [];
          for (const gap of gaps) {
            await clock.sleep(gap);
            await limiter.acquire();
            grants.push(clock.now());
          }
          expect(maxInWindow(grants, 1000)).toBeLessThanOrEqual(limit);
        },
      ),
    );
  });

  it('lets an aborted caller leave and serves the next one', async () => {
    const limiter = createRateLimiter({ limit: 1, intervalMs: 60_000 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    const quick = createRateLimiter({ limit: 1, intervalMs: 10 });
    await quick.acquire();
    await expect(quick.acquire()).resolves.toBeUndefined();
  });

  it('rejects at once for an already aborted signal', async () => {
    const limiter = createRateLimiter({ limit: 1, intervalMs: 1000 });
    await expect(limiter.acquire(AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });

  it('refuses nonsensical settings', () => {
    expect(() => createRateLimiter({ limit: 0, intervalMs: 1000 })).toThrow(RangeError);
    expect(() => createRateLimiter({ limit: 1, intervalMs: 0 })).toThrow(RangeError);
  });
});

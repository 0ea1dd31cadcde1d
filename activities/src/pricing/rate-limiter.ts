/**
 * A sliding-window rate limiter: at most `limit` grants in any window of `intervalMs`.
 *
 * A token bucket would let up to 2 × limit calls land in one rolling second (a full bucket spent at
 * the end of one second plus the refill); a provider counting calls per rolling second would reject
 * them. This keeps the times of the last `limit` grants and waits until the oldest leaves the window.
 * Callers are served in arrival order.
 */
export interface RateLimiter {
  /** Resolves when the caller may make one call; rejects with the signal's reason when aborted. */
  acquire(signal?: AbortSignal): Promise<void>;
}

export interface RateLimiterOptions {
  limit: number;
  intervalMs: number;
  /** Clock and sleep, injectable so tests run on virtual time. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, intervalMs } = options;
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`rate limit must be a whole number ≥ 1, got ${limit}`);
  if (!(intervalMs > 0)) throw new RangeError(`rate interval must be > 0 ms, got ${intervalMs}`);
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? abortableSleep;
  const grants: number[] = [];
  let queue: Promise<void> = Promise.resolve();

  async function waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const t = now();
      while (grants.length > 0 && (grants[0] ?? 0) + intervalMs <= t) grants.shift();
      if (grants.length < limit) {
        grants.push(t);
        return;
      }
      await sleep((grants[0] ?? t) + intervalMs - t, signal);
    }
  }

  return {
    acquire(signal) {
      const turn = queue.then(() => waitForSlot(signal));
      // The next caller waits for this one whether it got a slot or was aborted.
      queue = turn.catch(() => undefined);
      if (signal === undefined) return turn;
      // An aborted caller leaves at once instead of waiting for its turn in the queue.
      return new Promise<void>((resolve, reject) => {
        const onAbort = (): void => reject(signal.reason);
        if (signal.aborted) onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        void turn.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
  };
}

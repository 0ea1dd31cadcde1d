import { AppError } from '@ai-chef/platform';
import { abortableSleep } from './pricing/index.js';

/** How long one write waits out an outage of the session service or its database. */
export const SESSION_WRITE_PATIENCE_MS = 20_000;

export interface WriteThroughOutageOptions {
  /** Cancellation of the activity: stop waiting at once. */
  signal?: AbortSignal;
  patienceMs?: number;
  /** First pause between tries; doubles, and gives way to a longer Retry-After, up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** 503: the session service is unreachable, or its database is down; it says to come back. */
export function isSessionServiceOutage(err: unknown): err is AppError {
  return err instanceof AppError && err.status === 503;
}

/**
 * Repeats a write to the session service while it answers 503, for up to `patienceMs`, pausing
 * as long as its Retry-After asks (a busy service is not pressed harder).
 *
 * Why: a database outage of a few seconds fails every try at once, and the activities' retry
 * policies (combine gets 2 attempts 1 s apart: docs/contract.md, The workflow's guarantees) would
 * spend all their attempts inside it and fail a run whose work was done. The run writes are idempotent (progress only moves forward,
 * one result per run id), so repeating one is safe. Any other error is thrown at once.
 */
export async function writeThroughOutage<T>(write: () => Promise<T>, options: WriteThroughOutageOptions = {}): Promise<T> {
  const { signal, patienceMs = SESSION_WRITE_PATIENCE_MS, initialDelayMs = 500, maxDelayMs = 5000 } = options;
  const deadline = Date.now() + patienceMs;
  for (let delay = initialDelayMs; ; delay *= 2) {
    try {
      return await write();
    } catch (err) {
      if (!isSessionServiceOutage(err)) throw err;
      const asked = (err.retryAfterSeconds ?? 0) * 1000;
      const pause = Math.min(maxDelayMs, Math.max(delay, asked));
      if (Date.now() + pause > deadline) throw err;
      await abortableSleep(pause, signal);
    }
  }
}

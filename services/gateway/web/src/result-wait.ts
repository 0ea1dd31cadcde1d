import type { RunResult } from '@ai-chef/contracts';
import { ApiError, type RunResultReply } from './api-client.js';

/** How waiting for a finished run's result ended. */
export type ResultWait =
  | { kind: 'ready'; result: RunResult }
  /** The session has no result (it ended without one). */
  | { kind: 'no_result' }
  /** The service no longer knows the session. */
  | { kind: 'session_gone' }
  /** A lasting error, or still not written after every try (`error` undefined). */
  | { kind: 'failed'; error?: unknown };

export interface ResultWaitOptions {
  tries: number;
  retryMs: number;
  sleep(ms: number): Promise<void>;
}

/**
 * Reads the latest result until it is there: a run's status can say `completed` a moment before its
 * result is readable, and a transient error (no answer, 429, 5xx) is worth another try.
 */
export async function waitForResult(
  read: () => Promise<RunResultReply>,
  { tries, retryMs, sleep }: ResultWaitOptions,
): Promise<ResultWait> {
  for (let attempt = 1; attempt <= tries; attempt += 1) {
    try {
      const reply = await read();
      if (reply.kind === 'ready') return { kind: 'ready', result: reply.result };
    } catch (err) {
      if (err instanceof ApiError && err.code === 'result_not_found') return { kind: 'no_result' };
      if (err instanceof ApiError && err.code === 'session_not_found') return { kind: 'session_gone' };
      if (!(err instanceof ApiError && err.transient) || attempt === tries)
        return { kind: 'failed', error: err };
    }
    await sleep(retryMs);
  }
  return { kind: 'failed' };
}

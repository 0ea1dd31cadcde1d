import { Context } from '@temporalio/activity';

/** What an activity needs to know about the run it belongs to. */
export interface RunContext {
  runId: string;
  attempt: number;
  /** The retry policy's attempt limit (0 or absent: unlimited). */
  maxAttempts: number | undefined;
  heartbeat(details?: unknown): void;
  signal: AbortSignal;
}

export function currentRun(): RunContext {
  const ctx = Context.current();
  const runId = ctx.info.workflowExecution?.runId;
  if (!runId) throw new Error('activities of this project run only inside a workflow');
  return {
    runId,
    attempt: ctx.info.attempt,
    maxAttempts: ctx.info.retryPolicy?.maximumAttempts || undefined,
    heartbeat: (details) => ctx.heartbeat(details),
    signal: ctx.cancellationSignal,
  };
}

/**
 * Heartbeats every `intervalMs` while `work` runs: a model call can outlast the 10 s heartbeat
 * timeout, and heartbeats are how the activity learns of a cancellation.
 */
export async function withHeartbeat<T>(ctx: RunContext, work: () => Promise<T>, intervalMs = 3000): Promise<T> {
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

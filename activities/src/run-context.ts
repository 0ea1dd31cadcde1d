import { Context } from '@temporalio/activity';

/** What an activity needs to know about the run it belongs to. */
export interface RunContext {
  runId: string;
  attempt: number;
  heartbeat(details?: unknown): void;
  signal: AbortSignal;
}

export function currentRun(): RunContext {
  const ctx = Context.current();
  return {
    runId: ctx.info.workflowExecution.runId,
    attempt: ctx.info.attempt,
    heartbeat: (details) => ctx.heartbeat(details),
    signal: ctx.cancellationSignal,
  };
}

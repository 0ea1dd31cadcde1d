import { ApplicationFailure } from '@temporalio/common';
import { NON_RETRYABLE, type ProgressReport } from '@ai-chef/contracts';
import { AppError, type SessionServiceClient } from '@ai-chef/platform';
import type { Logger } from 'pino';
import { withHeartbeat, type RunContext } from './run-context.js';
import { writeThroughOutage } from './session-writes.js';

/**
 * The session service answered 4xx: the session is gone or the write is wrong; retrying cannot help.
 * A 401 means this worker's INTERNAL_TOKEN is not the session service's: a deployment error that
 * no retry mends, logged as an error so it alerts.
 */
export function sessionServiceFailure(err: unknown, logger: Logger): unknown {
  if (err instanceof AppError && err.status === 401) {
    logger.error('the session service refused this worker\'s INTERNAL_TOKEN; check both services\' configuration');
    return ApplicationFailure.create({ type: NON_RETRYABLE.internalUnauthorized, message: err.message, nonRetryable: true });
  }
  if (err instanceof AppError && err.status >= 400 && err.status < 500) {
    return ApplicationFailure.create({ type: NON_RETRYABLE.sessionGone, message: err.message, nonRetryable: true });
  }
  return err;
}

/** How the activities of a run talk to the session service. */
export interface RunReports {
  /** A call of this run to the session service, waited through a short outage of it (heartbeating meanwhile). */
  deliver<T>(ctx: RunContext, call: () => Promise<T>): Promise<T>;
  /** A progress report, delivered so. */
  report(ctx: RunContext, sessionId: string, progress: ProgressReport): Promise<void>;
}

export function createRunReports(sessions: SessionServiceClient, logger: Logger): RunReports {
  async function deliver<T>(ctx: RunContext, call: () => Promise<T>): Promise<T> {
    try {
      return await withHeartbeat(ctx, () => writeThroughOutage(call, { signal: ctx.signal }));
    } catch (err) {
      throw sessionServiceFailure(err, logger);
    }
  }
  return {
    deliver,
    report: (ctx, sessionId, progress) => deliver(ctx, () => sessions.reportProgress(sessionId, progress)),
  };
}

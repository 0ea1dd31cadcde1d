import type { PublicError, ReconcileReport, Target } from '@ai-chef/contracts';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { ResultRepository } from './result-repository.js';
import { TemporalUnavailableError, type LatestRun, type RunControl } from './run-control.js';
import type { RunMetrics } from './run-metrics.js';
import type { SessionDocument, SessionRepository } from './session-repository.js';

/**
 * A claim younger than this may still be starting its workflow: `process` may spend up to 15 s on it
 * (three calls to Temporal of at most 5 s each, when it waits for the previous run to close).
 */
export const CLAIM_GRACE_MS = 20_000;
/** Sessions changed this recently are alive; the next pass looks at them if they go quiet. */
const QUIET_MS = 5_000;
/** Temporal's clock and ours may differ a little: a run started this much before the claim is still its run. */
const CLOCK_SKEW_MS = 2_000;
const PASS_LIMIT = 1_000;

/** The public error of a run that closed without reporting, by how Temporal says it closed. */
const CLOSED_WITHOUT_REPORT: Partial<Record<LatestRun['status'], PublicError>> = {
  TERMINATED: { code: 'run_terminated', message: 'The run was stopped before it finished.' },
  TIMED_OUT: { code: 'run_timed_out', message: 'The run took longer than it is allowed to.' },
};
const RUN_FAILED: PublicError = { code: 'run_failed', message: 'The run failed unexpectedly.' };

type Settlement = 'settled' | 'released' | 'followed';

export interface RunReconcilerDeps {
  sessions: SessionRepository;
  results: ResultRepository;
  runs: RunControl;
  runMetrics: RunMetrics;
  now: Clock;
  logger: Logger;
}

/**
 * docs/contract.md, Sessions and runs: compares each quiet `processing` session with its workflow
 * and settles what Temporal closed without a report (terminated, timed out, a nondeterminism
 * failure, an outcome report that ran out of attempts), follows a newer run (a reset, or a start
 * never recorded), and returns a claim no workflow came of to the status before it. Every write is
 * conditional on the state read, so a report arriving meanwhile wins and nothing is written twice.
 */
export class RunReconciler {
  constructor(private readonly deps: RunReconcilerDeps) {}

  async reconcile(): Promise<ReconcileReport> {
    const now = this.deps.now();
    const candidates = await this.deps.sessions.processingSince(
      new Date(now.getTime() - QUIET_MS),
      PASS_LIMIT,
    );
    const report: ReconcileReport = { checked: candidates.length, settled: 0, released: 0, followed: 0 };
    for (const doc of candidates) {
      try {
        const done = await this.reconcileOne(doc, now);
        if (done) report[done] += 1;
      } catch (err) {
        if (err instanceof TemporalUnavailableError) throw err; // the pass fails; the next one tries again
        this.deps.logger.warn({ err, sessionId: doc._id }, 'could not reconcile a session with its run');
      }
    }
    if (report.settled + report.released + report.followed > 0)
      this.deps.logger.info(report, 'sessions reconciled with their runs');
    return report;
  }

  private async reconcileOne(doc: SessionDocument, now: Date): Promise<Settlement | undefined> {
    const { sessions } = this.deps;
    const latest = await this.deps.runs.latestRun(doc._id);
    let runId = doc.runId;
    let followed = false;
    if (runId === null) {
      const claimedAt = doc.claim?.at ?? doc.updatedAt;
      const startedByClaim =
        latest !== null &&
        latest.runId !== doc.claim?.from.runId &&
        latest.startTime.getTime() >= claimedAt.getTime() - CLOCK_SKEW_MS;
      if (!startedByClaim) {
        // The service that claimed it died before it started the workflow (or gave up).
        if (now.getTime() - claimedAt.getTime() < CLAIM_GRACE_MS) return undefined;
        return (await sessions.releaseClaim(doc._id, claimedAt)) ? 'released' : undefined;
      }
      // The start landed but its run id was never recorded.
      if (!(await sessions.recordRunId(doc._id, latest.runId))) return undefined;
      runId = latest.runId;
      followed = true;
    } else if (latest === null) {
      // The workflow is gone from Temporal altogether (its history deleted): it cannot report any more.
      return this.settleFailed(doc, runId, RUN_FAILED);
    } else if (latest.runId !== runId) {
      // An operator reset the run: the session shows the newest run.
      if (!(await sessions.follow(doc._id, doc, latest.runId))) return undefined;
      runId = latest.runId;
      followed = true;
    }
    if (latest === null || latest.status === 'RUNNING' || latest.status === 'CONTINUED_AS_NEW') {
      return followed ? 'followed' : undefined;
    }
    return this.settleClosed(doc, runId, latest);
  }

  private async settleClosed(
    doc: SessionDocument,
    runId: string,
    latest: LatestRun,
  ): Promise<Settlement | undefined> {
    const { sessions } = this.deps;
    if (latest.status === 'CANCELLED')
      return this.counted(await sessions.markCancelled(doc._id, runId), 'cancelled');
    if (latest.status === 'COMPLETED' && (await this.deps.results.ofRun(runId))) {
      return this.counted(await sessions.markCompleted(doc._id, runId), 'completed');
    }
    return this.settleFailed(doc, runId, CLOSED_WITHOUT_REPORT[latest.status] ?? RUN_FAILED);
  }

  private async settleFailed(
    doc: SessionDocument,
    runId: string,
    error: PublicError,
  ): Promise<Settlement | undefined> {
    this.deps.logger.warn(
      { sessionId: doc._id, runId, code: error.code },
      'run closed without reporting; session settled',
    );
    return this.counted(await this.deps.sessions.markClosedWithoutReport(doc._id, runId, error), 'failed');
  }

  private counted(
    target: Target | undefined,
    status: 'completed' | 'failed' | 'cancelled',
  ): Settlement | undefined {
    if (target === undefined) return undefined;
    this.deps.runMetrics.ended(target, status);
    return 'settled';
  }
}

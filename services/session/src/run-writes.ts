import type { FailurePhase, PlanDayDraft, PlanParts, Pricing, PublicError, ReportedPhase, RunKind, RunResult, Target } from '@ai-chef/contracts';
import type { SessionRepository } from './session-repository.js';
import type { ResultRepository } from './result-repository.js';
import type { RunControl } from './run-control.js';
import type { PlanPartRepository } from './plan-part-repository.js';

/**
 * The activities' writes of a run (progress, result, outcome). A write of the session's own run
 * applies as the repository rules say (forward only, once per run). A write of another run applies
 * only when Temporal says that run is the newest of the session's workflow and still open: an
 * operator reset it (the session follows the new run: docs/contract.md, Sessions and runs) or its start was never recorded.
 * Anything else (a late write of a replaced run) changes nothing. Only these writes ask Temporal.
 */
export class RunWrites {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly results: ResultRepository,
    private readonly runs: RunControl,
    private readonly planParts: PlanPartRepository,
  ) {}

  async progress(sessionId: string, runId: string, phase: ReportedPhase, kind: RunKind = 'recipe'): Promise<void> {
    if (await this.sessions.applyProgress(sessionId, runId, phase, kind)) return;
    if (await this.followIfNewest(sessionId, runId))
      await this.sessions.applyProgress(sessionId, runId, phase, kind);
  }

  /**
   * A plan's day, written by its child workflow: kept once per run and day, while the session exists
   * (a session its person deleted gets none of it), and counted in the plan's progress.
   */
  async planDay(sessionId: string, runId: string, days: number, draft: PlanDayDraft): Promise<void> {
    if (!(await this.sessions.exists(sessionId))) return;
    await this.planParts.saveDay(sessionId, runId, draft);
    if (!(await this.sessions.exists(sessionId))) {
      await this.planParts.removeOfSession(sessionId);
      return;
    }
    if (await this.sessions.dayWritten(sessionId, runId, draft.day, days)) return;
    if (await this.followIfNewest(sessionId, runId)) await this.sessions.dayWritten(sessionId, runId, draft.day, days);
  }

  async planPricing(sessionId: string, runId: string, pricing: Pricing): Promise<void> {
    if (!(await this.sessions.exists(sessionId))) return;
    await this.planParts.savePricing(sessionId, runId, pricing);
  }

  readPlan(sessionId: string, runId: string): Promise<PlanParts> {
    return this.planParts.ofRun(sessionId, runId);
  }

  /**
   * The result is saved while its session's document exists (expired or not: a result outlives
   * its session); a session deleted by its person (DELETE /session/:id) takes its results along,
   * also one saved while the delete ran.
   */
  async result(sessionId: string, result: RunResult): Promise<Target | undefined> {
    if (!(await this.sessions.exists(sessionId))) return undefined;
    await this.results.saveOnce(result);
    if (!(await this.sessions.exists(sessionId))) {
      await this.results.removeOfSession(sessionId);
      return undefined;
    }
    return this.ended(sessionId, result.runId, () => this.sessions.markCompleted(sessionId, result.runId));
  }

  failed(
    sessionId: string,
    runId: string,
    phase: FailurePhase,
    error: PublicError,
  ): Promise<Target | undefined> {
    return this.ended(sessionId, runId, () => this.sessions.markFailed(sessionId, runId, phase, error));
  }

  cancelled(sessionId: string, runId: string): Promise<Target | undefined> {
    return this.ended(sessionId, runId, () => this.sessions.markCancelled(sessionId, runId));
  }

  private async ended(
    sessionId: string,
    runId: string,
    end: () => Promise<Target | undefined>,
  ): Promise<Target | undefined> {
    const target = await end();
    if (target !== undefined) return target;
    return (await this.followIfNewest(sessionId, runId)) ? end() : undefined;
  }

  /** Makes the session follow `runId` when Temporal says it is the newest run and open. */
  private async followIfNewest(sessionId: string, runId: string): Promise<boolean> {
    const doc = await this.sessions.findLive(sessionId);
    if (!doc || doc.runId === runId) return false; // gone, or this run's write was a repeat
    // Claimed and not started yet: the new run's own writes match above; no other run may take it.
    if (doc.status === 'processing' && doc.runId === null) return false;
    const latest = await this.runs.latestRun(sessionId);
    if (latest?.runId !== runId || latest.status !== 'RUNNING') return false;
    return this.sessions.follow(sessionId, doc, runId);
  }
}

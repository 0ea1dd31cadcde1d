import type { Collection, Db } from 'mongodb';
import type { FailurePhase, Phase, Profile, PublicError, ReportedPhase, RunKind, SessionStatus, Target } from '@ai-chef/contracts';
import { PHASE_PROGRESS, PLAN_PHASE_PROGRESS, planWritingProgress, progressOf } from '@ai-chef/contracts';
import { KeyedMutex } from './keyed-mutex.js';

/** What a session showed before `process` claimed it: restored when no run came of the claim. */
export interface ClaimedFrom {
  status: SessionStatus;
  phase: Phase | null;
  progress: number;
  runId: string | null;
  error?: PublicError;
}

export interface SessionDocument {
  _id: string;
  status: SessionStatus;
  phase: Phase | null;
  progress: number;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  runId: string | null;
  error?: PublicError;
  profile?: Profile;
  /** Set by the claim of `process`, until its run id is recorded (a claim with no workflow returns: README, Faults). */
  claim?: { at: Date; from: ClaimedFrom };
  /** What the current or last run writes; absent on sessions from before meal plans (a recipe). */
  kind?: RunKind;
  /** A meal plan's days: how many, and which are written (saved) so far. */
  plan?: { days: number; written: number[] };
}

/** The phase a run of this kind starts in. */
function firstPhase(kind: RunKind | undefined): ReportedPhase {
  return kind === 'plan' ? 'plan_writing' : 'recipe_generation';
}

/**
 * Data access for the sessions collection. Every read ignores expired sessions. Writes to one
 * session run one at a time in this process: they are conditional atomic updates, which MongoDB
 * isolates across replicas but FerretDB 1.x applies as unisolated read-modify-write.
 */
export class SessionRepository {
  readonly collection: Collection<SessionDocument>;
  private readonly writes = new KeyedMutex();

  constructor(
    db: Db,
    private readonly ttlSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.collection = db.collection<SessionDocument>('sessions');
  }

  private live(sessionId: string) {
    return { _id: sessionId, expiresAt: { $gt: this.now() } };
  }

  async create(sessionId: string): Promise<SessionDocument> {
    const now = this.now();
    const doc: SessionDocument = {
      _id: sessionId,
      status: 'idle',
      phase: null,
      progress: 0,
      createdAt: now,
      updatedAt: now,
      expiresAt: new Date(now.getTime() + this.ttlSeconds * 1000),
      runId: null,
    };
    await this.collection.insertOne(doc);
    return doc;
  }

  /** By `_id`, expiry checked here: one point read from the `_id` index. */
  async findLive(sessionId: string): Promise<SessionDocument | null> {
    const doc = await this.collection.findOne({ _id: sessionId });
    return doc !== null && doc.expiresAt > this.now() ? doc : null;
  }

  /** Whether the document is there at all, expired or not (a deleted session's is not). */
  async exists(sessionId: string): Promise<boolean> {
    return (await this.collection.findOne({ _id: sessionId }, { projection: { _id: 1 } })) !== null;
  }

  /** expiresAt = max(expiresAt, now + seconds); null when the session is gone. */
  async extend(sessionId: string, seconds: number): Promise<SessionDocument | null> {
    return this.writes.run(sessionId, async () => {
      const target = new Date(this.now().getTime() + seconds * 1000);
      return this.collection.findOneAndUpdate(
        this.live(sessionId),
        { $max: { expiresAt: target } },
        { returnDocument: 'after' },
      );
    });
  }

  /**
   * Atomically moves a live session that is not processing into `processing`, remembering what it
   * showed (the claim), so that a claim no workflow came of can be undone by whoever finds it. A
   * conditional update on the state just read: of two claims at once, across replicas, one wins.
   * Returns the session as it was before and the claim's time, or null when it is gone or already processing.
   */
  claimForRun(
    sessionId: string,
    profile: Profile,
    plan?: { days: number },
  ): Promise<{ before: SessionDocument; at: Date } | null> {
    return this.writes.run(sessionId, async () => {
      const before = await this.findLive(sessionId);
      if (!before || before.status === 'processing') return null;
      const now = this.now();
      const from: ClaimedFrom = {
        status: before.status,
        phase: before.phase,
        progress: before.progress,
        runId: before.runId,
        ...(before.error ? { error: before.error } : {}),
      };
      const run = plan
        ? { kind: 'plan' as const, phase: 'plan_writing' as const, progress: PLAN_PHASE_PROGRESS.plan_writing, plan: { days: plan.days, written: [] } }
        : { kind: 'recipe' as const, phase: 'recipe_generation' as const, progress: PHASE_PROGRESS.recipe_generation };
      const claimed = await this.collection.updateOne(
        { _id: sessionId, status: before.status, runId: before.runId, updatedAt: before.updatedAt },
        {
          $set: { status: 'processing', ...run, runId: null, profile, updatedAt: now, claim: { at: now, from } },
          $unset: plan ? { error: '' } : { error: '', plan: '' },
        },
      );
      return claimed.modifiedCount === 1 ? { before, at: now } : null;
    });
  }

  /** Undo a claim no workflow came of: the session shows again what it showed before. */
  async releaseClaim(sessionId: string, claimedAt: Date): Promise<boolean> {
    return this.writes.run(sessionId, async () => {
      const doc = await this.collection.findOne({ _id: sessionId, status: 'processing', runId: null, 'claim.at': claimedAt });
      if (!doc?.claim) return false;
      const { from } = doc.claim;
      const restored = { status: from.status, phase: from.phase, progress: from.progress, runId: from.runId, updatedAt: this.now() };
      const released = await this.collection.updateOne(
        { _id: sessionId, status: 'processing', runId: null, 'claim.at': claimedAt },
        from.error ? { $set: { ...restored, error: from.error }, $unset: { claim: '' } } : { $set: restored, $unset: { claim: '', error: '' } },
      );
      return released.modifiedCount === 1;
    });
  }

  async recordRunId(sessionId: string, runId: string): Promise<boolean> {
    return this.writes.run(sessionId, async () => {
      const recorded = await this.collection.updateOne(
        { _id: sessionId, runId: null, status: 'processing' },
        { $set: { runId }, $unset: { claim: '' } },
      );
      return recorded.modifiedCount === 1;
    });
  }

  /**
   * Filter for writes that belong to one run: the run id matches, or was not recorded yet and the
   * writer is not the run the claim replaced (a late write of the run before must not take it).
   */
  private ofRun(sessionId: string, runId: string) {
    return {
      _id: sessionId,
      status: 'processing' as const,
      $or: [{ runId }, { runId: null, 'claim.from.runId': { $ne: runId } }],
    };
  }

  /**
   * The session follows a newer run of its workflow (an operator's reset, or a run whose start was
   * never recorded): it shows that run, from the start, whatever it showed before. The caller has
   * checked with Temporal that `runId` is the newest run and open. Conditional on what was read.
   */
  async follow(
    sessionId: string,
    seen: Pick<SessionDocument, 'runId' | 'updatedAt' | 'kind' | 'plan'>,
    runId: string,
  ): Promise<boolean> {
    return this.writes.run(sessionId, async () => {
      const followed = await this.collection.updateOne(
        { ...this.live(sessionId), runId: seen.runId, updatedAt: seen.updatedAt },
        {
          $set: {
            status: 'processing',
            phase: firstPhase(seen.kind),
            progress: 0,
            runId,
            updatedAt: this.now(),
            // A reset plan writes its days again.
            ...(seen.plan ? { 'plan.written': [] } : {}),
          },
          $unset: { error: '', claim: '' },
        },
      );
      return followed.modifiedCount === 1;
    });
  }

  /** Sessions `processing` whose last change is at least `quietMs` old: the reconciler's candidates. */
  async processingSince(before: Date, limit: number): Promise<SessionDocument[]> {
    return this.collection
      .find({ status: 'processing', updatedAt: { $lte: before }, expiresAt: { $gt: this.now() } })
      .limit(limit)
      .toArray();
  }

  /** DELETE /session/:id: gone at once; returns the document as it was, or null when there was none. */
  async remove(sessionId: string): Promise<SessionDocument | null> {
    return this.writes.run(sessionId, async () => this.collection.findOneAndDelete({ _id: sessionId }));
  }

  /**
   * Progress only moves forward within a run; a replayed or late report changes nothing, not even
   * `updatedAt` (a retried activity repeats its reports, and the stream sends one event per change).
   */
  async applyProgress(sessionId: string, runId: string, phase: ReportedPhase, kind: RunKind = 'recipe', progressAt?: number): Promise<boolean> {
    const progress = progressAt ?? progressOf(kind, phase);
    if (progress === undefined) return false; // a phase this kind of run does not have
    return this.writes.run(sessionId, async () => {
      const result = await this.collection.updateOne(
        // Forward only; the same phase again only to record a run id not recorded yet.
        {
          _id: sessionId,
          $and: [this.ofRun(sessionId, runId), { $or: [{ progress: { $lt: progress } }, { progress, runId: null }] }],
        },
        { $set: { phase, progress, runId, updatedAt: this.now() } },
      );
      return result.matchedCount > 0;
    });
  }

  /**
   * A plan's day is written: it joins the run's written days, and the progress moves to
   * 10 + floor(60 × written / days) unless it is further already (docs/contract.md, Meal plans). Returns false
   * when the write is not this run's (another run's, or the session is no longer processing it).
   */
  async dayWritten(sessionId: string, runId: string, day: number, days: number): Promise<boolean> {
    const after = await this.writes.run(sessionId, () =>
      this.collection.findOneAndUpdate(
        this.ofRun(sessionId, runId),
        { $addToSet: { 'plan.written': day } },
        { returnDocument: 'after' },
      ),
    );
    if (after === null) return false;
    const written = after.plan?.written.length ?? 0;
    await this.applyProgress(sessionId, runId, 'plan_writing', 'plan', planWritingProgress(written, after.plan?.days ?? days));
    return true;
  }

  /**
   * Ends the run. Returns the run's target when this call ended it, undefined when the run had
   * already ended (a retried report) or was replaced by a newer one.
   */
  private async end(sessionId: string, runId: string, set: Partial<SessionDocument>): Promise<Target | undefined> {
    return this.writes.run(sessionId, async () => {
      const after = await this.collection.findOneAndUpdate(
        this.ofRun(sessionId, runId),
        { $set: { ...set, runId, updatedAt: this.now() }, $unset: { claim: '' } },
        { returnDocument: 'after' }, // no projection: FerretDB 1.x does not implement it here
      );
      return after?.profile?.target;
    });
  }

  markCompleted(sessionId: string, runId: string): Promise<Target | undefined> {
    return this.end(sessionId, runId, { status: 'completed', phase: 'finished', progress: PHASE_PROGRESS.finished });
  }

  markFailed(sessionId: string, runId: string, phase: FailurePhase, error: PublicError): Promise<Target | undefined> {
    return this.end(sessionId, runId, { status: 'failed', phase, error });
  }

  markCancelled(sessionId: string, runId: string): Promise<Target | undefined> {
    return this.end(sessionId, runId, { status: 'cancelled', phase: 'cancelled' });
  }

  /** A run that closed without reporting: failed, its phase as it stood. */
  markClosedWithoutReport(sessionId: string, runId: string, error: PublicError): Promise<Target | undefined> {
    return this.end(sessionId, runId, { status: 'failed', error });
  }
}

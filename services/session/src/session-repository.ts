import type { Collection, Db } from 'mongodb';
import type { FailurePhase, Phase, Profile, PublicError, SessionStatus, Target } from '@ai-chef/contracts';
import { PHASE_PROGRESS, type ProgressPhase } from '@ai-chef/contracts';
import { KeyedMutex } from './keyed-mutex.js';

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
   * Atomically moves a live session that is not processing into `processing`. Returns the
   * session as it was before, or null when it is gone or already processing.
   */
  claimForRun(sessionId: string, profile: Profile): Promise<SessionDocument | null> {
    return this.writes.run(sessionId, async () => {
      const now = this.now();
      return this.collection.findOneAndUpdate(
        { ...this.live(sessionId), status: { $ne: 'processing' } },
        {
          $set: {
            status: 'processing',
            phase: 'recipe_generation',
            progress: PHASE_PROGRESS.recipe_generation,
            runId: null,
            profile,
            updatedAt: now,
          },
          $unset: { error: '' },
        },
        { returnDocument: 'before' },
      );
    });
  }

  /** Undo a claim whose workflow could not be started. */
  async releaseClaim(before: SessionDocument): Promise<void> {
    return this.writes.run(before._id, async () => {
      await this.collection.updateOne(
        { _id: before._id, status: 'processing', runId: null },
        {
          $set: {
            status: before.status,
            phase: before.phase,
            progress: before.progress,
            runId: before.runId,
            updatedAt: this.now(),
          },
        },
      );
    });
  }

  async recordRunId(sessionId: string, runId: string): Promise<void> {
    return this.writes.run(sessionId, async () => {
      await this.collection.updateOne({ _id: sessionId, runId: null, status: 'processing' }, { $set: { runId } });
    });
  }

  /** Filter for writes that belong to one run: the run id matches, or was not recorded yet. */
  private ofRun(sessionId: string, runId: string) {
    return { _id: sessionId, status: 'processing' as const, runId: { $in: [runId, null] } };
  }

  /**
   * Progress only moves forward within a run; a replayed or late report changes nothing, not even
   * `updatedAt` (a retried activity repeats its reports, and the stream sends one event per change).
   */
  async applyProgress(sessionId: string, runId: string, phase: ProgressPhase): Promise<boolean> {
    return this.writes.run(sessionId, async () => {
      const progress = PHASE_PROGRESS[phase];
      const result = await this.collection.updateOne(
        // Forward only; the same phase again only to record a run id not recorded yet.
        { ...this.ofRun(sessionId, runId), $or: [{ progress: { $lt: progress } }, { progress, runId: null }] },
        { $set: { phase, progress, runId, updatedAt: this.now() } },
      );
      return result.matchedCount > 0;
    });
  }

  /**
   * Ends the run. Returns the run's target when this call ended it, undefined when the run had
   * already ended (a retried report) or was replaced by a newer one.
   */
  private async end(sessionId: string, runId: string, set: Partial<SessionDocument>): Promise<Target | undefined> {
    return this.writes.run(sessionId, async () => {
      const after = await this.collection.findOneAndUpdate(
        this.ofRun(sessionId, runId),
        { $set: { ...set, runId, updatedAt: this.now() } },
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
}

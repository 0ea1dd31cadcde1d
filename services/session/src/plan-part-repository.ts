import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { PlanDayDraft, PlanParts, Pricing } from '@ai-chef/contracts';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

/**
 * What a meal plan's run has made before its result: each day's meals, saved by the day's child
 * workflow, and the plan's one basket. The plan's workflow passes references, not these documents,
 * so its history stays small however many days it has. One document per run and part, keyed by both.
 */
interface StoredPlanPart {
  _id: string;
  sessionId: string;
  runId: string;
  createdAt: Date;
  expiresAt: Date;
  day?: PlanDayDraft;
  pricing?: Pricing;
}

const PRICING = 'pricing';
const partId = (runId: string, part: number | typeof PRICING): string => `${runId}/${part === PRICING ? PRICING : `day-${part}`}`;
const isDuplicateKey = (err: unknown): boolean => err instanceof MongoServerError && err.code === 11000;

export class PlanPartRepository {
  readonly collection: Collection<StoredPlanPart>;

  constructor(
    db: Db,
    private readonly now: Clock = systemClock,
    /**
     * Longer than any run takes (its steps' retries are bounded to minutes), and kept past the result: a
     * combine step retried after its result was saved reads them again.
     */
    private readonly ttlSeconds = 86_400,
  ) {
    this.collection = db.collection<StoredPlanPart>('plan_parts');
  }

  /**
   * A run's parts by its id, a session's by the session's: compound indexes, whose first key FerretDB's
   * equality filters can use (the GIN twin scripts/infra/ferretdb-equality-indexes.sql gives them).
   */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ runId: 1, _id: 1 }, { name: 'run_parts' });
    await this.collection.createIndex({ sessionId: 1, createdAt: 1 }, { name: 'session_parts' });
  }

  /** Saved once per run and part: a retried day keeps what its first attempt saved (an insert, as results are). */
  private async saveOnce(sessionId: string, runId: string, part: number | typeof PRICING, value: Pick<StoredPlanPart, 'day' | 'pricing'>): Promise<void> {
    const now = this.now();
    try {
      await this.collection.insertOne({
        _id: partId(runId, part),
        sessionId,
        runId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.ttlSeconds * 1000),
        ...value,
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  saveDay(sessionId: string, runId: string, day: PlanDayDraft): Promise<void> {
    return this.saveOnce(sessionId, runId, day.day, { day });
  }

  savePricing(sessionId: string, runId: string, pricing: Pricing): Promise<void> {
    return this.saveOnce(sessionId, runId, PRICING, { pricing });
  }

  /** Everything the run saved, from its index: its days, in order, and the basket if priced. */
  async ofRun(sessionId: string, runId: string): Promise<PlanParts> {
    const now = this.now();
    const stored = (await this.collection.find({ runId }).toArray()).filter(
      (part) => part.sessionId === sessionId && part.expiresAt > now,
    );
    return {
      days: stored.flatMap((part) => (part.day ? [part.day] : [])).sort((a, b) => a.day - b.day),
      pricing: stored.find((part) => part.pricing !== undefined)?.pricing ?? null,
    };
  }

  /** DELETE /session/:id: a person's plans in the making go with the session. */
  async removeOfSession(sessionId: string): Promise<number> {
    return (await this.collection.deleteMany({ sessionId })).deletedCount;
  }
}

import type { Collection, Db } from 'mongodb';
import type { ResultDocument } from '@ai-chef/contracts';

interface StoredResult {
  _id: string; // the run id: one result per run, however often it is saved
  sessionId: string;
  createdAt: Date;
  expiresAt: Date;
  document: ResultDocument;
}

/** Results outlive their sessions: each is kept RESULT_TTL_SECONDS after it was made. */
export class ResultRepository {
  readonly collection: Collection<StoredResult>;

  constructor(
    db: Db,
    private readonly ttlSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.collection = db.collection<StoredResult>('results');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ sessionId: 1, createdAt: -1 }, { name: 'session_latest' });
  }

  /** Saving the same run twice leaves one document, the first. */
  async saveOnce(result: ResultDocument): Promise<void> {
    const now = this.now();
    await this.collection.updateOne(
      { _id: result.runId },
      {
        $setOnInsert: {
          sessionId: result.sessionId,
          createdAt: now,
          expiresAt: new Date(now.getTime() + this.ttlSeconds * 1000),
          document: result,
        },
      },
      { upsert: true },
    );
  }

  async latestFor(sessionId: string): Promise<ResultDocument | null> {
    const stored = await this.collection.findOne(
      { sessionId, expiresAt: { $gt: this.now() } },
      { sort: { createdAt: -1 } },
    );
    return stored?.document ?? null;
  }
}

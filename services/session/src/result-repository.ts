import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { ResultList, ResultSummary, RunResult } from '@ai-chef/contracts';

interface StoredResult {
  _id: string; // the run id: one result per run, however often it is saved
  sessionId: string;
  createdAt: Date;
  expiresAt: Date;
  document: RunResult;
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

  /** A session's results by its id, newest first: the fallback read of a result goes by this index. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ sessionId: 1, createdAt: -1 }, { name: 'session_latest' });
  }

  /**
   * Saving the same run twice leaves one document, the first. An insert, refused by the unique
   * `_id` index when the run is saved already: one write, where an upsert would read first (and
   * FerretDB does not retry an upsert that loses a race).
   */
  async saveOnce(result: RunResult): Promise<void> {
    const now = this.now();
    try {
      await this.collection.insertOne({
        _id: result.runId,
        sessionId: result.sessionId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.ttlSeconds * 1000),
        document: result,
      });
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
    }
  }

  /** The result of one run, by `_id`, expiry checked here: one point read from the `_id` index. */
  async ofRun(runId: string): Promise<RunResult | null> {
    const stored = await this.collection.findOne({ _id: runId });
    return stored !== null && stored.expiresAt > this.now() ? stored.document : null;
  }

  /** DELETE /session/:id: every result of the session, at once. */
  async removeOfSession(sessionId: string): Promise<number> {
    return (await this.collection.deleteMany({ sessionId })).deletedCount;
  }

  /** A session's results, newest first, as long as each is kept (the session may have expired). */
  async listOfSession(sessionId: string, limit: number, offset: number): Promise<ResultList> {
    const filter = { sessionId, expiresAt: { $gt: this.now() } };
    const [stored, total] = await Promise.all([
      this.collection.find(filter, { sort: { createdAt: -1 }, skip: offset, limit }).toArray(),
      this.collection.countDocuments(filter),
    ]);
    return { items: stored.map((entry) => summaryOf(entry.document)), total };
  }

  /** One result of the session, by its run id (a run id of another session is not found). */
  async ofSessionRun(sessionId: string, runId: string): Promise<RunResult | null> {
    const found = await this.ofRun(runId);
    return found?.sessionId === sessionId ? found : null;
  }

  /** The dishes of the session's latest results (a plan's every meal), for its next run to serve something else. */
  async recentDishes(sessionId: string, count: number): Promise<string[]> {
    const stored = await this.collection
      .find({ sessionId, expiresAt: { $gt: this.now() } }, { sort: { createdAt: -1 }, limit: count })
      .toArray();
    return stored.flatMap(({ document }) =>
      document.kind === 'plan'
        ? document.days.flatMap((day) => day.meals.map((meal) => meal.recipe.recipeName))
        : [document.recipe.recipeName],
    );
  }

  async latestFor(sessionId: string): Promise<RunResult | null> {
    const stored = await this.collection.findOne(
      { sessionId, expiresAt: { $gt: this.now() } },
      { sort: { createdAt: -1 } },
    );
    return stored?.document ?? null;
  }
}

/** How the history lists a result: a recipe by its dish, a plan by its number of days. */
function summaryOf(document: RunResult): ResultSummary {
  const plan = document.kind === 'plan';
  return {
    runId: document.runId,
    kind: plan ? 'plan' : 'recipe',
    recipeName: plan ? null : document.recipe.recipeName,
    days: plan ? document.days.length : null,
    totalCost: document.summary.totalCost,
    generatedAt: document.generatedAt,
  };
}

import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { StoredFridgeItem } from '@ai-chef/contracts';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

export interface FridgeItemDocument {
  sessionId: string;
  ingredientId: string;
  addedAt: Date;
  /** The session's expiry, copied: fridge items live and expire with their session. */
  expiresAt: Date;
}

const isDuplicateKey = (err: unknown): boolean => err instanceof MongoServerError && err.code === 11000;

/** The per-session fridge: one document per (session, ingredient). Every read ignores expired items. */
export class FridgeRepository {
  readonly collection: Collection<FridgeItemDocument>;

  constructor(
    db: Db,
    private readonly now: Clock = systemClock,
  ) {
    this.collection = db.collection<FridgeItemDocument>('fridge_items');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex(
      { sessionId: 1, ingredientId: 1 },
      { unique: true, name: 'session_ingredient' },
    );
    await this.collection.createIndex({ sessionId: 1, addedAt: -1 }, { name: 'session_newest' });
  }

  private live(sessionId: string) {
    return { sessionId, expiresAt: { $gt: this.now() } };
  }

  /** Newest first; items added by one request are listed in reverse request order. */
  async list(sessionId: string): Promise<StoredFridgeItem[]> {
    const docs = await this.collection
      .find(this.live(sessionId), { projection: { ingredientId: 1, addedAt: 1 } })
      .sort({ addedAt: -1, _id: -1 })
      .toArray();
    return docs.map((doc) => ({ ingredientId: doc.ingredientId, addedAt: doc.addedAt.toISOString() }));
  }

  async ids(sessionId: string): Promise<string[]> {
    return (await this.list(sessionId)).map((item) => item.ingredientId);
  }

  count(sessionId: string): Promise<number> {
    return this.collection.countDocuments(this.live(sessionId));
  }

  /**
   * Adds each id once (an upsert on the unique index): an item already there keeps its addedAt.
   * One at a time, so the ObjectIds (the tie-break of the newest-first order) follow the request.
   */
  async add(sessionId: string, ingredientIds: readonly string[], expiresAt: Date): Promise<void> {
    for (const ingredientId of ingredientIds) {
      const addedAt = this.now();
      const upsert = () =>
        this.collection.updateOne(
          { sessionId, ingredientId },
          { $setOnInsert: { addedAt }, $max: { expiresAt } },
          { upsert: true },
        );
      try {
        await upsert();
      } catch (err) {
        // Two requests inserted the same item at once: the unique index kept one; now it exists.
        if (!isDuplicateKey(err)) throw err;
        await upsert();
      }
    }
  }

  async remove(sessionId: string, ingredientIds: readonly string[]): Promise<number> {
    const result = await this.collection.deleteMany({
      ...this.live(sessionId),
      ingredientId: { $in: [...ingredientIds] },
    });
    return result.deletedCount;
  }

  /** An item that expired with an earlier life of the session must not come back when the session is extended. */
  async removeExpired(sessionId: string): Promise<void> {
    await this.collection.deleteMany({ sessionId, expiresAt: { $lte: this.now() } });
  }

  /** Items follow their session's expiry when it is extended. */
  async followSession(sessionId: string, expiresAt: Date): Promise<void> {
    await this.collection.updateMany({ sessionId, expiresAt: { $gt: this.now() } }, { $max: { expiresAt } });
  }

  countLive(): Promise<number> {
    return this.collection.countDocuments({ expiresAt: { $gt: this.now() } });
  }
}

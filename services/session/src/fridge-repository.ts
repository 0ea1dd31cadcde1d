import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { StoredFridgeItem } from '@ai-chef/contracts';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { KeyedMutex } from './keyed-mutex.js';

/** What `addWithin` did: added, or refused because the fridge would hold more than allowed. */
export type FridgeAddition = { ok: true } | { ok: false; inFridge: number; adding: number };

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
  /** Additions to one fridge, one at a time in this process (the count check must see the one before). */
  private readonly additions = new KeyedMutex();

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
   * Adds the ids unless the fridge would then hold more than `max` items (docs/contract.md, Fridge and events: 409 fridge_full,
   * nothing added). In this process additions to one fridge take turns, so the count is exact; across
   * replicas two additions may both pass the first count, so each counts again after inserting and
   * takes back what it inserted when the fridge went over: the limit holds, at worst both are refused.
   */
  async addWithin(sessionId: string, ingredientIds: readonly string[], expiresAt: Date, max: number): Promise<FridgeAddition> {
    return this.additions.run(sessionId, async () => {
      await this.removeExpired(sessionId);
      const present = new Set(await this.ids(sessionId));
      const adding = ingredientIds.filter((id) => !present.has(id)).length;
      if (present.size + adding > max) return { ok: false, inFridge: present.size, adding };
      const inserted = await this.add(sessionId, ingredientIds, expiresAt);
      const after = await this.count(sessionId);
      if (after <= max) return { ok: true };
      await this.collection.deleteMany({ sessionId, ingredientId: { $in: inserted } });
      return { ok: false, inFridge: after - inserted.length, adding };
    });
  }

  /**
   * Adds each id once (an upsert on the unique index): an item already there keeps its addedAt.
   * One at a time, so the ObjectIds (the tie-break of the newest-first order) follow the request.
   * Returns the ids this call inserted.
   */
  private async add(sessionId: string, ingredientIds: readonly string[], expiresAt: Date): Promise<string[]> {
    const inserted: string[] = [];
    for (const ingredientId of ingredientIds) {
      const addedAt = this.now();
      const upsert = () =>
        this.collection.updateOne(
          { sessionId, ingredientId },
          { $setOnInsert: { addedAt }, $max: { expiresAt } },
          { upsert: true },
        );
      try {
        if ((await upsert()).upsertedCount === 1) inserted.push(ingredientId);
      } catch (err) {
        // Two requests inserted the same item at once: the unique index kept one; now it exists.
        if (!isDuplicateKey(err)) throw err;
        await upsert();
      }
    }
    return inserted;
  }

  /** DELETE /session/:id: the whole fridge at once. */
  async removeOfSession(sessionId: string): Promise<void> {
    await this.collection.deleteMany({ sessionId });
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

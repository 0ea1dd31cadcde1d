import type { Collection, Db } from 'mongodb';

/** One stored click-stream event (docs/contract.md, Fridge and events); `timestamp` is the server's, in epoch ms. */
export interface EventDocument {
  _id: string; // the event_id
  event_id: string;
  timestamp: number;
  user_id: string;
  session_id: string;
  event_type: string;
  page_url: string;
  referrer: string;
  user_agent: string;
  ip_address: string;
  properties: Record<string, unknown>;
  /** EVENT_TTL_SECONDS after `timestamp`: then it is removed (README, Limits). */
  expiresAt?: Date;
}

export interface EventCounts {
  total: number;
  byType: { event_type: string; count: number }[];
  topPages: { page_url: string; views: number }[];
  uniqueUsers: number;
}

/** The events collection: append-only. */
export class EventRepository {
  readonly collection: Collection<EventDocument>;

  constructor(
    db: Db,
    /** EVENT_TTL_SECONDS: how long an event is kept. */
    private readonly ttlSeconds = 7_776_000,
  ) {
    this.collection = db.collection<EventDocument>('events');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ timestamp: 1 }, { name: 'timestamp' });
    await this.collection.createIndex({ session_id: 1, timestamp: 1 }, { name: 'session_events' });
  }

  /** Unordered: one bad document does not hold back the rest (ids are random, so none collide). */
  async insertAll(events: EventDocument[]): Promise<void> {
    if (events.length === 0) return;
    const kept = events.map((event) => ({ ...event, expiresAt: new Date(event.timestamp + this.ttlSeconds * 1000) }));
    await this.collection.insertMany(kept, { ordered: false });
  }

  countSince(fromMs: number): Promise<number> {
    return this.collection.countDocuments({ timestamp: { $gte: fromMs } });
  }

  /** The latest `limit` events of one visitor session, oldest first. */
  async ofSession(sessionId: string, limit: number): Promise<EventDocument[]> {
    const latest = await this.collection
      .find({ session_id: sessionId })
      .sort({ timestamp: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return latest.reverse();
  }

  async countsBetween(fromMs: number, toMs: number, topPages: number): Promise<EventCounts> {
    const match = { $match: { timestamp: { $gte: fromMs, $lt: toMs } } };
    const [byType, pages, users] = await Promise.all([
      this.collection
        .aggregate<{ _id: string; count: number }>([
          match,
          { $group: { _id: '$event_type', count: { $sum: 1 } } },
          { $sort: { count: -1, _id: 1 } },
        ])
        .toArray(),
      this.collection
        .aggregate<{ _id: string; views: number }>([
          {
            $match: {
              timestamp: { $gte: fromMs, $lt: toMs },
              event_type: 'page_view',
              page_url: { $ne: '' },
            },
          },
          { $group: { _id: '$page_url', views: { $sum: 1 } } },
          { $sort: { views: -1, _id: 1 } },
          { $limit: topPages },
        ])
        .toArray(),
      this.collection
        .aggregate<{ users: number }>([match, { $group: { _id: '$user_id' } }, { $count: 'users' }])
        .toArray(),
    ]);
    return {
      total: byType.reduce((sum, row) => sum + row.count, 0),
      byType: byType.map((row) => ({ event_type: row._id, count: row.count })),
      topPages: pages.map((row) => ({ page_url: row._id, views: row.views })),
      uniqueUsers: users[0]?.users ?? 0,
    };
  }
}

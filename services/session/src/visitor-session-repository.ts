import { MongoServerError, type Collection, type Db } from 'mongodb';
import { VISITOR_SESSION_IDLE_MS } from '@ai-chef/contracts';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

/** A visitor's run of events without a 30-minute gap. Times are epoch ms. */
export interface VisitorSessionDocument {
  _id: string; // the session_id
  session_id: string;
  user_id: string;
  start_time: number;
  last_activity: number;
  entry_page: string;
  exit_page: string;
  referrer: string;
  total_events: number;
  session_duration: number;
  is_active: boolean;
  /** EVENT_TTL_SECONDS after its latest event: then it is removed (README, Limits). */
  expiresAt?: Date;
}

/** Who is online: one document per visitor session, gone 30 minutes after its latest event. */
export interface ActiveSessionDocument {
  _id: string; // the session_id
  session_id: string;
  user_id: string;
  current_page: string;
  last_activity: number;
  expiresAt: Date;
}

/** One visitor's events of one request, folded into one change of their session. Times are epoch ms. */
export interface VisitorVisit {
  /** The server's time of the request: every event of it carries this one. */
  timestamp: number;
  user_id: string;
  /** The first event's page and referrer, and the last event's page. */
  first_page: string;
  last_page: string;
  referrer: string;
  events: number;
}

const isDuplicateKey = (err: unknown): boolean => err instanceof MongoServerError && err.code === 11000;

/**
 * The visitor_sessions and active_sessions collections. Each event changes a visitor session with
 * one update of atomic operators ($inc, $max, $set); callers serialise the updates of one session
 * (see KeyedMutex) because FerretDB does not isolate them.
 */
export class VisitorSessionRepository {
  readonly sessions: Collection<VisitorSessionDocument>;
  readonly active: Collection<ActiveSessionDocument>;

  constructor(
    db: Db,
    private readonly now: Clock = systemClock,
    /** EVENT_TTL_SECONDS: how long a visitor session is kept after its latest event. */
    private readonly ttlSeconds = 7_776_000,
  ) {
    this.sessions = db.collection<VisitorSessionDocument>('visitor_sessions');
    this.active = db.collection<ActiveSessionDocument>('active_sessions');
  }

  async ensureIndexes(): Promise<void> {
    await this.sessions.createIndex({ start_time: 1 }, { name: 'start_time' });
    await this.sessions.createIndex({ user_id: 1, start_time: -1 }, { name: 'user_sessions' });
  }

  find(sessionId: string): Promise<VisitorSessionDocument | null> {
    return this.sessions.findOne({ _id: sessionId });
  }

  /** A new visitor session that begins with `visit`. */
  async start(sessionId: string, visit: VisitorVisit): Promise<VisitorSessionDocument> {
    const doc: VisitorSessionDocument = {
      _id: sessionId,
      session_id: sessionId,
      user_id: visit.user_id,
      start_time: visit.timestamp,
      last_activity: visit.timestamp,
      entry_page: visit.first_page,
      exit_page: visit.last_page,
      referrer: visit.referrer,
      total_events: visit.events,
      session_duration: 0,
      is_active: true,
      expiresAt: this.keptUntil(visit.timestamp),
    };
    await this.sessions.insertOne(doc);
    await this.markOnline(doc, visit);
    return doc;
  }

  /**
   * Counts the visit's events into the session if its last event is at most 30 minutes before
   * them. The visit that is the latest so far also moves exit_page and last_activity; a
   * later-stamped one that was counted first keeps them. Returns false when the session has gone idle.
   */
  async continue(session: VisitorSessionDocument, visit: VisitorVisit): Promise<boolean> {
    const idleSince = visit.timestamp - VISITOR_SESSION_IDLE_MS;
    const duration = Math.max(0, visit.timestamp - session.start_time);
    const latest = await this.sessions.findOneAndUpdate(
      { _id: session._id, last_activity: { $gte: idleSince, $lte: visit.timestamp } },
      {
        $inc: { total_events: visit.events },
        $max: { last_activity: visit.timestamp, session_duration: duration, expiresAt: this.keptUntil(visit.timestamp) },
        $set: { exit_page: visit.last_page, is_active: true },
      },
      { returnDocument: 'after' },
    );
    if (latest) {
      await this.markOnline(latest, visit);
      return true;
    }
    const earlier = await this.sessions.updateOne(
      { _id: session._id, last_activity: { $gt: visit.timestamp } },
      { $inc: { total_events: visit.events }, $max: { session_duration: duration } },
    );
    return earlier.matchedCount > 0;
  }

  private keptUntil(timestamp: number): Date {
    return new Date(timestamp + this.ttlSeconds * 1000);
  }

  /** A session that went idle is over; its next event starts a new one. */
  async close(sessionId: string): Promise<void> {
    await this.sessions.updateOne({ _id: sessionId, is_active: true }, { $set: { is_active: false } });
    await this.active.deleteOne({ _id: sessionId });
  }

  private async markOnline(session: VisitorSessionDocument, visit: VisitorVisit): Promise<void> {
    const write = () =>
      this.active.updateOne(
        { _id: session._id },
        {
          $set: {
            session_id: session._id,
            user_id: session.user_id,
            current_page: visit.last_page,
            last_activity: visit.timestamp,
            expiresAt: new Date(visit.timestamp + VISITOR_SESSION_IDLE_MS),
          },
        },
        { upsert: true },
      );
    try {
      await write();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      await write();
    }
  }

  /** Visitor sessions with an event in the last 30 minutes. */
  countOnline(): Promise<number> {
    return this.active.countDocuments({ expiresAt: { $gt: this.now() } });
  }

  /** A session counts as active while its latest event is less than 30 minutes old. */
  isActive(session: VisitorSessionDocument): boolean {
    return session.is_active && this.now().getTime() - session.last_activity <= VISITOR_SESSION_IDLE_MS;
  }

  async startedBetween(fromMs: number, toMs: number): Promise<{ count: number; totalDuration: number }> {
    const match = { start_time: { $gte: fromMs, $lt: toMs } };
    // FerretDB 1.x has no $avg and computes only the first accumulator of a $group: one each, the caller divides.
    const [count, [row]] = await Promise.all([
      this.sessions.countDocuments(match),
      this.sessions
        .aggregate<{ totalDuration: number }>([
          { $match: match },
          { $group: { _id: null, totalDuration: { $sum: '$session_duration' } } },
        ])
        .toArray(),
    ]);
    return { count, totalDuration: row?.totalDuration ?? 0 };
  }
}

import type { AnalyticsSummary, CleanupResult, SessionStats, VisitorSessionView } from '@ai-chef/contracts';
import { badRequest } from '@ai-chef/platform';
import type { Clock } from './clock.js';
import type { EventRepository } from './event-repository.js';
import type { FridgeRepository } from './fridge-repository.js';
import type { SessionRepository } from './session-repository.js';
import type { VisitorSessionRepository } from './visitor-session-repository.js';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const CLEANUP_CHUNK = 500;
const VISITOR_EVENTS_SHOWN = 100;
const TOP_PAGES = 10;

export interface AdminStatsDeps {
  sessions: SessionRepository;
  fridge: FridgeRepository;
  visitors: VisitorSessionRepository;
  events: EventRepository;
  now: Clock;
}

/** The operators' view (docs/contract.md, Fridge and events): counts, cleanup, one visitor session, a period's analytics. */
export class AdminStats {
  constructor(private readonly deps: AdminStatsDeps) {}

  async stats(): Promise<SessionStats> {
    const now = this.deps.now();
    const [activeSessions, totalIngredients, visitorSessions, eventsLastHour] = await Promise.all([
      this.deps.sessions.collection.countDocuments({ expiresAt: { $gt: now } }),
      this.deps.fridge.countLive(),
      this.deps.visitors.countOnline(),
      this.deps.events.countSince(now.getTime() - HOUR_MS),
    ]);
    return {
      active_sessions: activeSessions,
      total_ingredients: totalIngredients,
      visitor_sessions: visitorSessions,
      events_last_hour: eventsLastHour,
      timestamp: now.toISOString(),
    };
  }

  /** Removes expired sessions and their fridge items now, rather than at the next sweep. */
  async cleanup(): Promise<CleanupResult> {
    const now = this.deps.now();
    const expired = await this.deps.sessions.collection
      .find({ expiresAt: { $lte: now } }, { projection: { _id: 1 } })
      .map((doc) => doc._id)
      .toArray();
    let deleted = 0;
    for (let start = 0; start < expired.length; start += CLEANUP_CHUNK) {
      const ids = expired.slice(start, start + CLEANUP_CHUNK);
      const result = await this.deps.sessions.collection.deleteMany({
        _id: { $in: ids },
        expiresAt: { $lte: now },
      });
      deleted += result.deletedCount;
      await this.deps.fridge.collection.deleteMany({ sessionId: { $in: ids } });
    }
    await this.deps.fridge.collection.deleteMany({ expiresAt: { $lte: now } });
    return { deleted };
  }

  async visitorSession(sessionId: string): Promise<VisitorSessionView | null> {
    const doc = await this.deps.visitors.find(sessionId);
    if (!doc) return null;
    const events = await this.deps.events.ofSession(sessionId, VISITOR_EVENTS_SHOWN);
    return {
      session_id: doc.session_id,
      user_id: doc.user_id,
      start_time: doc.start_time,
      last_activity: doc.last_activity,
      entry_page: doc.entry_page,
      exit_page: doc.exit_page,
      referrer: doc.referrer,
      total_events: doc.total_events,
      session_duration: doc.session_duration,
      is_active: this.deps.visitors.isActive(doc),
      events: events.map((event) => ({
        event_id: event.event_id,
        timestamp: event.timestamp,
        event_type: event.event_type,
        page_url: event.page_url,
      })),
    };
  }

  /** The range [from, to): to defaults to now, from to 24 hours before to. */
  async summary(range: { from?: number; to?: number }): Promise<AnalyticsSummary> {
    const to = range.to ?? this.deps.now().getTime();
    const from = range.from ?? to - DAY_MS;
    if (from >= to) throw badRequest('invalid_range', 'from must be before to.', [{ from, to }]);
    const [counts, sessions] = await Promise.all([
      this.deps.events.countsBetween(from, to, TOP_PAGES),
      this.deps.visitors.startedBetween(from, to),
    ]);
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      total_events: counts.total,
      events_by_type: counts.byType,
      visitor_sessions: sessions.count,
      unique_users: counts.uniqueUsers,
      average_session_duration:
        sessions.count === 0 ? 0 : Math.round(sessions.totalDuration / sessions.count),
      top_pages: counts.topPages,
    };
  }
}

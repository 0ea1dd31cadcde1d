import { VISITOR_SESSION_IDLE_MS, type ParsedEventInput } from '@ai-chef/contracts';
import type { Clock } from './clock.js';
import type { EventDocument, EventRepository } from './event-repository.js';
import { KeyedMutex } from './keyed-mutex.js';
import type { VisitorSessionDocument, VisitorSessionRepository, VisitorVisit } from './visitor-session-repository.js';
import { newEventId, newUserId, newVisitorSessionId } from './visitor-ids.js';

/** What only the edge knows about a request of events. */
export interface IngestContext {
  ip_address: string;
  /** The request's User-Agent header, for events that name none. */
  user_agent: string;
}

export interface IngestedEvent {
  event_id: string;
  session_id: string;
  user_id: string;
}

/**
 * Stores click-stream events and keeps visitor sessions (docs/contract.md, Fridge and events): an event joins the session it
 * names when that session's latest event is at most 30 minutes old; otherwise (no session, an
 * unknown one, or one gone idle) a new session with a random id starts.
 */
export class EventIngest {
  constructor(
    private readonly visitors: VisitorSessionRepository,
    private readonly events: EventRepository,
    private readonly now: Clock,
    private readonly mutex = new KeyedMutex(),
  ) {}

  /**
   * Events of one request that name the same session (or, naming none, the same user or no user)
   * are one visitor's: the first decides the session, the rest join it, and the session changes
   * once for all of them (about three commands per visitor, not per event). Different visitors'
   * events go in parallel. Results are in input order.
   */
  async ingest(inputs: readonly ParsedEventInput[], context: IngestContext): Promise<IngestedEvent[]> {
    const groups = new Map<string, ParsedEventInput[]>();
    const slots = new Map<string, number[]>();
    inputs.forEach((input, index) => {
      const key =
        input.session_id !== undefined
          ? `session:${input.session_id}`
          : input.user_id !== undefined
            ? `user:${input.user_id}`
            : 'anonymous';
      groups.set(key, [...(groups.get(key) ?? []), input]);
      slots.set(key, [...(slots.get(key) ?? []), index]);
    });
    const docs: EventDocument[] = new Array<EventDocument>(inputs.length);
    await Promise.all(
      [...groups].map(async ([key, group]) => {
        const made = await this.visit(group, context);
        slots.get(key)?.forEach((index, k) => {
          const doc = made[k];
          if (doc) docs[index] = doc;
        });
      }),
    );
    await this.events.insertAll(docs);
    return docs.map((doc) => ({ event_id: doc.event_id, session_id: doc.session_id, user_id: doc.user_id }));
  }

  private visit(group: readonly ParsedEventInput[], context: IngestContext): Promise<EventDocument[]> {
    const named = group[0]?.session_id;
    // A session that is named may be updated by other requests at the same time: one at a time.
    return named === undefined
      ? this.sessionise(group, context)
      : this.mutex.run(named, () => this.sessionise(group, context));
  }

  private async sessionise(group: readonly ParsedEventInput[], context: IngestContext): Promise<EventDocument[]> {
    const [first] = group;
    const last = group[group.length - 1];
    if (!first || !last) return [];
    const timestamp = this.now().getTime();
    const named: VisitorSessionDocument | null =
      first.session_id !== undefined ? await this.visitors.find(first.session_id) : null;
    // An event that names no user is the previous event's visitor (the first: the session's).
    let userId: string | undefined = named?.user_id;
    const userIds = group.map((input) => (userId = input.user_id ?? userId ?? newUserId()));
    const visit: VisitorVisit = {
      timestamp,
      user_id: userIds[0] ?? newUserId(),
      first_page: first.page_url,
      last_page: last.page_url,
      referrer: first.referrer,
      events: group.length,
    };
    let sessionId: string;
    if (
      named &&
      timestamp - named.last_activity <= VISITOR_SESSION_IDLE_MS &&
      (await this.visitors.continue(named, visit))
    ) {
      sessionId = named._id;
    } else {
      if (named) await this.visitors.close(named._id);
      sessionId = newVisitorSessionId();
      await this.visitors.start(sessionId, visit);
    }
    return group.map((input, k) => {
      const eventId = newEventId(timestamp);
      return {
        _id: eventId,
        event_id: eventId,
        timestamp,
        user_id: userIds[k] ?? visit.user_id,
        session_id: sessionId,
        event_type: input.event_type,
        page_url: input.page_url,
        referrer: input.referrer,
        user_agent: input.user_agent ?? context.user_agent,
        ip_address: context.ip_address,
        properties: input.properties,
      };
    });
  }
}

import { Router } from 'express';
import {
  EVENT_BATCH_MAX,
  EVENT_STRING_MAX,
  EventBatchInputSchema,
  EventInputSchema,
  type EventAccepted,
  type EventBatchAccepted,
} from '@ai-chef/contracts';
import { AppError, parseOrThrow, type SessionServiceClient } from '@ai-chef/platform';
import { clientIp } from '../edge.js';

function isBatch(body: unknown): body is { events: unknown } {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'events' in body;
}

/** `POST /events`: one event, or `{"events": [...]}` with 1 to 100 (docs/contract.md, Fridge and events). */
export function eventRoutes(sessions: SessionServiceClient): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const body: unknown = req.body === undefined ? {} : req.body; // no body: one event with every default
    const batch = isBatch(body);
    if (batch && Array.isArray(body.events) && body.events.length > EVENT_BATCH_MAX) {
      throw new AppError(400, 'too_many_events', `Send at most ${EVENT_BATCH_MAX} events at once.`, [
        { max: EVENT_BATCH_MAX, received: body.events.length },
      ]);
    }
    const events = batch
      ? parseOrThrow(EventBatchInputSchema, body).events
      : [parseOrThrow(EventInputSchema, body)];
    const { results } = await sessions.ingestEvents({
      events,
      ip_address: clientIp(req),
      user_agent: (req.get('user-agent') ?? '').slice(0, EVENT_STRING_MAX),
    });
    if (batch) {
      const reply: EventBatchAccepted = {
        message: 'Events processed successfully',
        event_ids: results.map((result) => result.event_id),
        session_ids: results.map((result) => result.session_id),
      };
      res.json(reply);
      return;
    }
    const [only] = results;
    if (!only) throw new AppError(502, 'upstream_error', 'The session service did not store the event.');
    const reply: EventAccepted = { message: 'Event processed successfully', ...only };
    res.json(reply);
  });
  return router;
}

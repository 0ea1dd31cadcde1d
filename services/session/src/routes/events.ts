import { Router } from 'express';
import { EventIngestSchema } from '@ai-chef/contracts';
import { parseOrThrow } from '@ai-chef/platform';
import type { EventIngest } from '../event-ingest.js';

/** The internal events API: the gateway validated the events and adds the caller's IP and User-Agent. */
export function eventRoutes({ ingest }: { ingest: EventIngest }): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const { events, ip_address, user_agent } = parseOrThrow(EventIngestSchema, req.body);
    res.json({ results: await ingest.ingest(events, { ip_address, user_agent }) });
  });
  return router;
}

import { z } from 'zod';

/** docs/contract.md, Fridge and events: a batch holds 1 to 100 events, strings at most 2,048 characters, properties at most 4 KiB. */
export const EVENT_BATCH_MAX = 100;
export const EVENT_STRING_MAX = 2048;
export const EVENT_PROPERTIES_MAX_BYTES = 4096;
/** A visitor session ends after 30 minutes without events (docs/contract.md, Fridge and events). */
export const VISITOR_SESSION_IDLE_MS = 30 * 60 * 1000;

/** Visitor session ids are random (`vs_` + 16 bytes base64url), never derived from a user id. */
export const VISITOR_SESSION_ID_PATTERN = /^vs_[A-Za-z0-9_-]{22}$/;
export function isVisitorSessionId(value: string): boolean {
  return VISITOR_SESSION_ID_PATTERN.test(value);
}

const text = z.string().max(EVENT_STRING_MAX);
const jsonBytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * Why a properties value cannot be stored the same way on MongoDB and FerretDB, if it cannot:
 * BSON keys may not hold NUL, and FerretDB 1.x stores no array directly inside an array.
 */
function unstorable(value: unknown, insideArray = false): string | undefined {
  if (Array.isArray(value)) {
    if (insideArray) return 'arrays directly inside arrays are not supported';
    for (const item of value) {
      const problem = unstorable(item, true);
      if (problem) return problem;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\0')) return 'keys may not contain NUL characters';
      const problem = unstorable(item);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** One click-stream event as a caller sends it; every field optional, with the seed's defaults. */
export const EventInputSchema = z
  .object({
    user_id: text.min(1).optional(),
    session_id: text.min(1).optional(),
    event_type: text.min(1).default('page_view'),
    page_url: text.default(''),
    referrer: text.default(''),
    user_agent: text.optional(),
    properties: z
      .record(z.string(), z.unknown())
      .superRefine((value, ctx) => {
        if (jsonBytes(value) > EVENT_PROPERTIES_MAX_BYTES) {
          ctx.addIssue({
            code: 'custom',
            message: `properties may be at most ${EVENT_PROPERTIES_MAX_BYTES} bytes as JSON`,
          });
          return;
        }
        const problem = unstorable(value);
        if (problem) ctx.addIssue({ code: 'custom', message: `properties: ${problem}` });
      })
      .default({}),
  })
  .strict();
export type EventInput = z.input<typeof EventInputSchema>;
export type ParsedEventInput = z.output<typeof EventInputSchema>;

export const EventBatchInputSchema = z
  .object({ events: z.array(EventInputSchema).min(1).max(EVENT_BATCH_MAX) })
  .strict();

export const EventAcceptedSchema = z.object({
  message: z.string(),
  event_id: z.string(),
  session_id: z.string(),
  user_id: z.string(),
});
export type EventAccepted = z.infer<typeof EventAcceptedSchema>;

export const EventBatchAcceptedSchema = z.object({
  message: z.string(),
  event_ids: z.array(z.string()),
  session_ids: z.array(z.string()),
});
export type EventBatchAccepted = z.infer<typeof EventBatchAcceptedSchema>;

/** What the gateway sends the session service: validated events plus what only the edge knows. */
export const EventIngestSchema = z
  .object({
    events: z.array(EventInputSchema).min(1).max(EVENT_BATCH_MAX),
    ip_address: z.string().max(64),
    user_agent: text,
  })
  .strict();
export type EventIngest = z.input<typeof EventIngestSchema>;

export const EventIngestedSchema = z.object({
  results: z.array(z.object({ event_id: z.string(), session_id: z.string(), user_id: z.string() })),
});
export type EventIngested = z.infer<typeof EventIngestedSchema>;

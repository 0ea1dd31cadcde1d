import { z } from 'zod';

export const SessionStatsSchema = z.object({
  active_sessions: z.number().int().min(0), // recipe sessions not yet expired
  total_ingredients: z.number().int().min(0), // items in those sessions' fridges
  visitor_sessions: z.number().int().min(0), // visitor sessions online (an event in the last 30 minutes)
  events_last_hour: z.number().int().min(0),
  timestamp: z.string(),
});
export type SessionStats = z.infer<typeof SessionStatsSchema>;

export const CleanupResultSchema = z.object({ deleted: z.number().int().min(0) });
export type CleanupResult = z.infer<typeof CleanupResultSchema>;

export const VisitorEventViewSchema = z.object({
  event_id: z.string(),
  timestamp: z.number().int(),
  event_type: z.string(),
  page_url: z.string(),
});

export const VisitorSessionViewSchema = z.object({
  session_id: z.string(),
  user_id: z.string(),
  start_time: z.number().int(), // epoch ms, as every event time
  last_activity: z.number().int(),
  entry_page: z.string(),
  exit_page: z.string(),
  referrer: z.string(),
  total_events: z.number().int().min(0),
  session_duration: z.number().int().min(0), // ms from the first to the last event
  is_active: z.boolean(),
  events: z.array(VisitorEventViewSchema), // the latest events, oldest first
});
export type VisitorSessionView = z.infer<typeof VisitorSessionViewSchema>;

/** `from`/`to`: an ISO date or date-time, or epoch milliseconds; parsed to epoch ms. */
const instant = z
  .string()
  .max(40)
  .transform((value, ctx): number => {
    const ms = /^\d{1,15}$/.test(value)
      ? Number(value)
      : /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)
        ? Date.parse(value)
        : Number.NaN;
    if (!Number.isFinite(ms) || ms > 8.64e15) {
      ctx.addIssue({
        code: 'custom',
        message: 'an ISO date (2025-01-31 or 2025-01-31T09:00:00Z) or epoch milliseconds',
      });
      return z.NEVER;
    }
    return ms;
  });

/** The range is [from, to); whether from < to is checked where the defaults are known (400 invalid_range). */
export const AnalyticsQuerySchema = z.object({ from: instant.optional(), to: instant.optional() }).strict();
export type AnalyticsQuery = z.output<typeof AnalyticsQuerySchema>;

export const AnalyticsSummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  total_events: z.number().int().min(0),
  events_by_type: z.array(z.object({ event_type: z.string(), count: z.number().int().min(0) })),
  visitor_sessions: z.number().int().min(0), // visitor sessions that started in the range
  unique_users: z.number().int().min(0), // distinct user ids among the range's events
  average_session_duration: z.number().min(0), // ms, over the sessions that started in the range
  top_pages: z.array(z.object({ page_url: z.string(), views: z.number().int().min(0) })),
});
export type AnalyticsSummary = z.infer<typeof AnalyticsSummarySchema>;

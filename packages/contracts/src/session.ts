import { z } from 'zod';
import { FAILURE_PHASES, PLAN_DAY_STATUSES, REPORTED_PHASES, RUN_KINDS, SESSION_STATUSES } from './run-state.js';

/** `sess-<epoch ms>-<random>`: the random part is 16+ bytes of base64url (>= 128 bits). */
export const SESSION_ID_PATTERN = /^sess-\d{13}-[A-Za-z0-9_-]{22,64}$/;
export function isSessionId(value: string): boolean {
  return SESSION_ID_PATTERN.test(value);
}

export const PublicErrorSchema = z.object({ code: z.string(), message: z.string() });
export type PublicError = z.infer<typeof PublicErrorSchema>;

export const PlanDayStatusSchema = z.object({ day: z.number().int(), status: z.enum(PLAN_DAY_STATUSES) });
export type PlanDayStatus = z.infer<typeof PlanDayStatusSchema>;

export const SessionStatusViewSchema = z.object({
  sessionId: z.string(),
  status: z.enum(SESSION_STATUSES),
  phase: z.string().nullable(),
  progress: z.number().int().min(0).max(100),
  updatedAt: z.string(),
  error: PublicErrorSchema.optional(),
  /** A meal plan's days (docs/contract.md, Meal plans); absent for a recipe run. */
  days: z.array(PlanDayStatusSchema).optional(),
});
export type SessionStatusView = z.infer<typeof SessionStatusViewSchema>;

export const SessionViewSchema = SessionStatusViewSchema.extend({
  createdAt: z.string(),
  expiresAt: z.string(),
  runId: z.string().optional(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const SessionCreatedSchema = z.object({
  sessionId: z.string(),
  status: z.literal('idle'),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type SessionCreated = z.infer<typeof SessionCreatedSchema>;

export const SessionExtendedSchema = z.object({ sessionId: z.string(), expiresAt: z.string() });
export type SessionExtended = z.infer<typeof SessionExtendedSchema>;

export const ProcessAcceptedSchema = z.object({
  sessionId: z.string(),
  workflowId: z.string(),
  runId: z.string(),
  status: z.literal('processing'),
  kind: z.enum(RUN_KINDS),
});
export type ProcessAccepted = z.infer<typeof ProcessAcceptedSchema>;

/** One result of a session as its history lists it (GET /session/:id/results), newest first. */
export const ResultSummarySchema = z.object({
  runId: z.string(),
  kind: z.enum(RUN_KINDS),
  /** The dish of a recipe; null for a plan. */
  recipeName: z.string().nullable(),
  /** A plan's number of days; null for a recipe. */
  days: z.number().int().nullable(),
  totalCost: z.number().int(),
  generatedAt: z.string(),
});
export type ResultSummary = z.infer<typeof ResultSummarySchema>;

export const ResultListSchema = z.object({ items: z.array(ResultSummarySchema), total: z.number().int() });
export type ResultList = z.infer<typeof ResultListSchema>;

/** A query's whole number, written as digits only ("20"; not "2e1" or " 20"). */
export function wholeNumberParam(min: number, max: number, fallback: number) {
  return z
    .string()
    .regex(/^\d{1,6}$/, `a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback);
}

/** Paging of a list: at most 50 a page. */
export const PageQuerySchema = z
  .object({ limit: wholeNumberParam(1, 50, 20), offset: wholeNumberParam(0, 100_000, 0) })
  .strict();
export type PageQuery = z.output<typeof PageQuerySchema>;

export const CancelAcceptedSchema = z.object({
  sessionId: z.string(),
  status: z.literal('cancelling'),
});
export type CancelAccepted = z.infer<typeof CancelAcceptedSchema>;

/** What the activities report to the session service while a run goes on (`kind` absent: a recipe run). */
export const ProgressReportSchema = z
  .object({
    runId: z.string().min(1),
    phase: z.enum(REPORTED_PHASES),
    kind: z.enum(RUN_KINDS).optional(),
  })
  .strict();
export type ProgressReport = z.infer<typeof ProgressReportSchema>;

/** How a run ended when it did not complete. */
export const RunOutcomeSchema = z.discriminatedUnion('status', [
  z
    .object({
      runId: z.string().min(1),
      status: z.literal('failed'),
      phase: z.enum(FAILURE_PHASES),
      error: PublicErrorSchema,
    })
    .strict(),
  z.object({ runId: z.string().min(1), status: z.literal('cancelled') }).strict(),
]);
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;

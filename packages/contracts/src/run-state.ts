/** Run states and phases: plain constants, safe to import into the workflow sandbox. */
export const SESSION_STATUSES = ['idle', 'processing', 'completed', 'failed', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const TERMINAL_STATUSES: readonly SessionStatus[] = ['completed', 'failed', 'cancelled'];

/** Phases of a run and the progress each one stands for (docs/contract.md, Sessions and runs). */
export const PHASE_PROGRESS = {
  recipe_generation: 10,
  recipe_completed: 50,
  price_lookup: 60,
  price_completed: 80,
  combining_results: 90,
  finished: 100,
} as const;
export type ProgressPhase = keyof typeof PHASE_PROGRESS;

/**
 * Phases of a meal plan (docs/contract.md, Meal plans). `plan_writing` starts at 10 and moves with the days written:
 * 10 + floor(60 × written / days), so its progress is the session service's count, not a constant.
 */
export const PLAN_PHASE_PROGRESS = {
  plan_writing: 10,
  price_lookup: 70,
  price_completed: 80,
  combining_results: 90,
  finished: 100,
} as const;
export type PlanPhase = keyof typeof PLAN_PHASE_PROGRESS;

/** What a run is writing: one recipe, or a meal plan of several days. */
export const RUN_KINDS = ['recipe', 'plan'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/** A phase an activity reports, of either kind of run. */
export type ReportedPhase = ProgressPhase | PlanPhase;
export const REPORTED_PHASES = [...new Set([...Object.keys(PHASE_PROGRESS), ...Object.keys(PLAN_PHASE_PROGRESS)])] as [
  ReportedPhase,
  ...ReportedPhase[],
];

/** The progress a phase stands for in a run of this kind; undefined when the kind has no such phase. */
export function progressOf(kind: RunKind, phase: ReportedPhase): number | undefined {
  const table: Partial<Record<ReportedPhase, number>> = kind === 'plan' ? PLAN_PHASE_PROGRESS : PHASE_PROGRESS;
  return table[phase];
}

/** A plan's progress once `written` of its `days` days are written. */
export function planWritingProgress(written: number, days: number): number {
  return PLAN_PHASE_PROGRESS.plan_writing + Math.floor((60 * Math.min(written, days)) / days);
}

/** How far each day of a meal plan is: written (saved), writing, or not written when the run ended first. */
export const PLAN_DAY_STATUSES = ['writing', 'written', 'not_written'] as const;
export type PlanDayStatusName = (typeof PLAN_DAY_STATUSES)[number];

export const FAILURE_PHASES = ['recipe_failed', 'plan_failed', 'price_failed', 'combine_failed'] as const;
export type FailurePhase = (typeof FAILURE_PHASES)[number];
export type Phase = ReportedPhase | FailurePhase | 'cancelled';

/** Run states and phases: plain constants, safe to import into the workflow sandbox. */
export const SESSION_STATUSES = ['idle', 'processing', 'completed', 'failed', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const TERMINAL_STATUSES: readonly SessionStatus[] = ['completed', 'failed', 'cancelled'];

/** Phases of a run and the progress each one stands for (seed 001). */
export const PHASE_PROGRESS = {
  recipe_generation: 10,
  recipe_completed: 50,
  price_lookup: 60,
  price_completed: 80,
  combining_results: 90,
  finished: 100,
} as const;
export type ProgressPhase = keyof typeof PHASE_PROGRESS;
export const FAILURE_PHASES = ['recipe_failed', 'price_failed', 'combine_failed'] as const;
export type FailurePhase = (typeof FAILURE_PHASES)[number];
export type Phase = ProgressPhase | FailurePhase | 'cancelled';

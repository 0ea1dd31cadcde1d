import { defineQuery } from '@temporalio/workflow';
import type { ProfileSchema } from './profile.js';
import type { Phase, PlanDayStatusName, SessionStatus } from './run-state.js';
import type { z } from 'zod';

export const TASK_QUEUE = 'ai-chef';

/** The Claude model recipes are written with when ANTHROPIC_MODEL is not set. */
export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-5-5';
export const WORKFLOW_TYPE = 'recipeWorkflow';

/**
 * The reconciler (docs/contract.md, Sessions and runs): a Temporal Schedule per task queue runs
 * this workflow, whose one activity asks the session service to settle sessions with their runs.
 */
export const RECONCILE_WORKFLOW_TYPE = 'reconcileSessionsWorkflow';
export function reconcileScheduleId(taskQueue: string): string {
  return `reconcile-sessions@${taskQueue}`;
}

/** What one reconciliation pass found and did, by session. */
export interface ReconcileReport {
  /** Sessions `processing` that were looked at. */
  checked: number;
  /** Ended as their closed run ended (failed: terminated, timed out, failed outside its code; or cancelled, completed). */
  settled: number;
  /** Claimed with no workflow started: back to the status they had. */
  released: number;
  /** Following a newer run of their workflow (a reset), or a run whose id was never recorded. */
  followed: number;
}

/** The workflow id is the session id itself; a new run of a session gets a new run id. */
export function workflowIdForSession(sessionId: string): string {
  return sessionId;
}

/** Custom search attributes registered on the Temporal server, for the Web UI's filters. */
export const SEARCH_ATTRIBUTES = {
  target: 'AiChefTarget',
  status: 'AiChefStatus',
} as const;

export interface RecipeWorkflowInput {
  sessionId: string;
  profile: z.infer<typeof ProfileSchema>;
  /** Names of the session's earlier dishes: the new run serves another while one passes. */
  avoid?: string[];
  /** A library dish the person chose (`process` with `dish`), checked for the profile before the start. */
  dish?: string;
}

/** A meal plan (docs/contract.md, Meal plans): the parent workflow, whose id is the session id as a recipe run's. */
export const MEAL_PLAN_WORKFLOW_TYPE = 'mealPlanWorkflow';
/** One day of a plan: a child workflow of the plan, so each day shows, and is retried, on its own. */
export const PLAN_DAY_WORKFLOW_TYPE = 'planDayWorkflow';

/** The sizes a plan may take (docs/contract.md, Meal plans). */
export const PLAN_LIMITS = {
  days: { min: 1, max: 7, default: 3 },
  mealsPerDay: { min: 1, max: 3, default: 2 },
} as const;

export interface MealPlanWorkflowInput {
  sessionId: string;
  profile: z.infer<typeof ProfileSchema>;
  days: number;
  mealsPerDay: number;
  /** Names of the session's earlier dishes: the plan leaves them for last. */
  avoid?: string[];
  /** How many days are written at once (PLAN_DAYS_AT_ONCE); absent: every day at once. */
  daysAtOnce?: number;
}

/** One meal chosen for a day: the library dish, by id and by its name in the profile's language. */
export interface PlannedMeal {
  recipeId: string;
  recipeName: string;
}

export interface PlanDayWorkflowInput {
  sessionId: string;
  /** The plan's run: the session service knows the plan's writes by it, not by the day's own run. */
  planRunId: string;
  profile: z.infer<typeof ProfileSchema>;
  day: number;
  /** The plan's number of days (progress counts the days written of it). */
  days: number;
  meals: PlannedMeal[];
}

/** What a day's child workflow returns to the plan: names, not recipes (the day is saved by the session service). */
export interface PlanDaySummary {
  day: number;
  dishes: string[];
  /** How many meals the model wrote, and how many the built-in engine wrote (after the model failed, or without one). */
  byModel: number;
  byEngine: number;
}

/**
 * A day's workflow id: derived from the session id, the day and the plan's run, so a day of a later plan of
 * the same session (or of a reset run) never meets one still closing.
 */
export function planDayWorkflowId(sessionId: string, planRunId: string, day: number): string {
  return `${sessionId}/plan-${planRunId}/day-${day}`;
}

export interface RunProgress {
  status: SessionStatus;
  phase: Phase | null;
  progress: number;
  error?: { code: string; message: string };
  /** A plan's days as far as the workflow knows them (the session service's view is what clients read). */
  days?: Array<{ day: number; status: PlanDayStatusName }>;
}

export const progressQuery = defineQuery<RunProgress>('progress');

/**
 * ApplicationFailure types that no retry can mend. The workflow lists them as
 * non-retryable and maps them to the public error of a failed run.
 */
export const NON_RETRYABLE = {
  invalidProfile: 'InvalidProfile',
  noRecipePossible: 'NoRecipePossible',
  providerRejected: 'ProviderRejected',
  sessionGone: 'SessionGone',
  /** Fewer dishes pass the profile's rules (or a day's limits) than the plan needs. */
  noPlanPossible: 'NoPlanPossible',
  /** The session service refused INTERNAL_TOKEN: a deployment error, alerted on, never retried. */
  internalUnauthorized: 'InternalUnauthorized',
} as const;
export type NonRetryableType = (typeof NON_RETRYABLE)[keyof typeof NON_RETRYABLE];

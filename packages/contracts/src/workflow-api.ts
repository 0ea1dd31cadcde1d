import { defineQuery } from '@temporalio/workflow';
import type { ProfileSchema } from './profile.js';
import type { Phase, SessionStatus } from './run-state.js';
import type { z } from 'zod';

export const TASK_QUEUE = 'ai-chef';

/** The Claude model recipes are written with when ANTHROPIC_MODEL is not set. */
export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-5-5';
export const WORKFLOW_TYPE = 'recipeWorkflow';

/**
 * The reconciler (SPEC §3 "Run state follows Temporal"): a Temporal Schedule per task queue runs
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

/** The workflow id is the session id itself (SPEC §1); a new run of a session gets a new run id. */
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

export interface RunProgress {
  status: SessionStatus;
  phase: Phase | null;
  progress: number;
  error?: { code: string; message: string };
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
  /** The session service refused INTERNAL_TOKEN: a deployment error, alerted on, never retried. */
  internalUnauthorized: 'InternalUnauthorized',
} as const;
export type NonRetryableType = (typeof NON_RETRYABLE)[keyof typeof NON_RETRYABLE];

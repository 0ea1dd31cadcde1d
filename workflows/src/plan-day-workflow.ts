import {
  isCancellation,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import type { Activities } from '@ai-chef/activities';
import {
  SEARCH_ATTRIBUTES,
  PLAN_PHASE_PROGRESS,
  progressQuery,
  type PlanDaySummary,
  type PlanDayWorkflowInput,
  type RunProgress,
  type SessionStatus,
} from '@ai-chef/contracts/workflow';
import { slowStep } from './step-options.js';

const statusKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.status, SearchAttributeType.KEYWORD);

/** What the Web UI shows for a day: "day 2: 닭가슴살 샐러드, 두부 스테이크". */
export function daySummary(day: number, dishes: readonly string[]): string {
  return `day ${day}: ${dishes.join(', ')}`;
}

/**
 * One day of a meal plan, a child of mealPlanWorkflow: its one step writes the day's meals, checks them
 * against the day's limits and saves the day through the session service. A failed attempt is retried
 * here, for this day alone (the step's retry policy); the other days go on meanwhile.
 */
export async function planDayWorkflow(input: PlanDayWorkflowInput): Promise<PlanDaySummary> {
  const { day, meals } = input;
  let state: RunProgress = { status: 'processing', phase: 'plan_writing', progress: PLAN_PHASE_PROGRESS.plan_writing };
  setHandler(progressQuery, () => state);
  const finish = (status: SessionStatus, next: RunProgress): void => {
    state = next;
    upsertSearchAttributes([{ key: statusKey, value: status }]);
  };
  // A writing step's summary in the Web UI names the day and its dishes.
  const { writePlanDay } = proxyActivities<Activities>({
    ...slowStep,
    // A day writes up to three meals at once; each may take the model a repair or two.
    startToCloseTimeout: '120s',
    summary: `Write ${daySummary(day, meals.map((meal) => meal.recipeName))}`,
  });
  try {
    const summary = await writePlanDay(input);
    finish('completed', { status: 'completed', phase: 'finished', progress: 100 });
    return summary;
  } catch (err) {
    if (isCancellation(err)) finish('cancelled', { ...state, status: 'cancelled', phase: 'cancelled' });
    else finish('failed', { ...state, status: 'failed', phase: 'plan_failed' });
    throw err;
  }
}

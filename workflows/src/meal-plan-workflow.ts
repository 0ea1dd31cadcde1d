import {
  CancellationScope,
  executeChild,
  isCancellation,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import type { Activities } from '@ai-chef/activities';
import {
  PLAN_PHASE_PROGRESS,
  SEARCH_ATTRIBUTES,
  planDayWorkflowId,
  planWritingProgress,
  progressQuery,
  type MealPlanWorkflowInput,
  type PlanDayStatusName,
  type PlanDaySummary,
  type PlanPhase,
  type RunProgress,
  type SessionStatus,
} from '@ai-chef/contracts/workflow';
import { daySummary, planDayWorkflow } from './plan-day-workflow.js';
import { failurePhase, publicErrorOf, type Step } from './public-error.js';
import { combineStep, outcomeStep, slowStep } from './step-options.js';

const targetKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.target, SearchAttributeType.KEYWORD);
const statusKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.status, SearchAttributeType.KEYWORD);

const { choosePlanMeals } = proxyActivities<Activities>({
  ...slowStep,
  startToCloseTimeout: '30s',
  summary: "Choose the plan's dishes",
});
const { pricePlan } = proxyActivities<Activities>({
  ...slowStep,
  startToCloseTimeout: '60s',
  summary: 'Price every meal as one basket',
});
const { combinePlan } = proxyActivities<Activities>({ ...combineStep, summary: 'Combine and save the plan' });
const { reportRunOutcome } = proxyActivities<Activities>({ ...outcomeStep, summary: 'Record how the run ended' });

export interface MealPlanWorkflowResult {
  sessionId: string;
  days: number;
  meals: number;
  totalCost: number;
  costPerMeal: number;
}

/**
 * A meal plan (docs/contract.md, Meal plans): the dishes chosen at once (none twice, every day within its limits), one
 * child workflow per day writing that day's meals, all days at once, then ONE basket over every meal and
 * one result. The days' recipes go through the session service: this history holds names and totals only.
 */
export async function mealPlanWorkflow(input: MealPlanWorkflowInput): Promise<MealPlanWorkflowResult> {
  const { sessionId, profile, days, mealsPerDay, avoid } = input;
  const { runId } = workflowInfo();
  const dayStatus = new Map<number, PlanDayStatusName>();
  let state: RunProgress = { status: 'processing', phase: 'plan_writing', progress: PLAN_PHASE_PROGRESS.plan_writing };
  setHandler(progressQuery, () => ({ ...state, days: [...dayStatus].map(([day, status]) => ({ day, status })) }));

  const enter = (phase: PlanPhase, progress: number = PLAN_PHASE_PROGRESS[phase]): void => {
    state = { status: 'processing', phase, progress: Math.max(state.progress, progress) };
  };
  const finish = (status: SessionStatus, next: RunProgress): void => {
    state = next;
    for (const [day, was] of dayStatus) if (was === 'writing') dayStatus.set(day, 'not_written');
    upsertSearchAttributes([{ key: statusKey, value: status }]);
  };

  let step: Step = 'plan';
  try {
    const chosen = await choosePlanMeals({ sessionId, profile, days, mealsPerDay, ...(avoid !== undefined ? { avoid } : {}) });
    const summaries = chosen.days.map((day) => daySummary(day.day, day.meals.map((meal) => meal.recipeName)));
    upsertMemo({ plan: summaries.join('; ') });
    for (const day of chosen.days) dayStatus.set(day.day, 'writing');

    // The days run at once (at most `daysAtOnce` of them), each in its own child workflow. When one fails
    // for good the others are stopped (the plan fails either way); a cancel of the plan reaches every day.
    let written = 0;
    const dayScope = new CancellationScope();
    const writeDay = async (index: number): Promise<PlanDaySummary> => {
      const day = chosen.days[index]!;
      try {
        const summary = await executeChild(planDayWorkflow, {
          workflowId: planDayWorkflowId(sessionId, runId, day.day),
          args: [{ sessionId, planRunId: runId, profile, day: day.day, days, meals: day.meals }],
          staticSummary: summaries[index],
          typedSearchAttributes: [
            { key: targetKey, value: profile.target },
            { key: statusKey, value: 'processing' },
          ],
        });
        written += 1;
        dayStatus.set(day.day, 'written');
        enter('plan_writing', planWritingProgress(written, days));
        return summary;
      } catch (err) {
        if (!isCancellation(err)) dayScope.cancel();
        throw err;
      }
    };
    const settled: PromiseSettledResult<PlanDaySummary>[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < chosen.days.length) {
        const index = next++;
        settled[index] = await writeDay(index).then(
          (value) => ({ status: 'fulfilled', value }),
          (reason: unknown) => ({ status: 'rejected', reason }),
        );
      }
    };
    const lanes = Math.min(input.daysAtOnce ?? chosen.days.length, chosen.days.length);
    await dayScope.run(() => Promise.all(Array.from({ length: lanes }, lane)));
    const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    // A day's own failure says why the plan failed; when every failure is a cancellation, the plan was cancelled.
    const failure = failures.find((reason) => !isCancellation(reason)) ?? failures[0];
    if (failure !== undefined) throw failure;

    step = 'price';
    enter('price_lookup');
    await pricePlan({ sessionId, profile, days });
    enter('price_completed');

    step = 'combine';
    enter('combining_results');
    const summary = await combinePlan({ sessionId, profile, days, mealsPerDay });
    finish('completed', { status: 'completed', phase: 'finished', progress: PLAN_PHASE_PROGRESS.finished });
    return { sessionId, ...summary };
  } catch (err) {
    if (isCancellation(err)) {
      finish('cancelled', { ...state, status: 'cancelled', phase: 'cancelled' });
      await CancellationScope.nonCancellable(() => reportRunOutcome({ sessionId, outcome: { runId, status: 'cancelled' } }));
      throw err;
    }
    const error = publicErrorOf(err, step);
    const phase = failurePhase(step);
    finish('failed', { status: 'failed', phase, progress: state.progress, error });
    // Non-cancellable: a day may have failed while a cancel of the plan was under way.
    await CancellationScope.nonCancellable(() =>
      reportRunOutcome({ sessionId, outcome: { runId, status: 'failed', phase, error } }),
    );
    throw err;
  }
}

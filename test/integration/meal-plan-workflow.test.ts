import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { ApplicationFailure, CancelledFailure, SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import { Context } from '@temporalio/activity';
import { WorkflowFailedError } from '@temporalio/client';
import type { Activities } from '@ai-chef/activities';
import {
  NON_RETRYABLE,
  SEARCH_ATTRIBUTES,
  planDayWorkflowId,
  profileWithDefaults,
  progressQuery,
  type PlanDayWorkflowInput,
  type Profile,
  type RunOutcome,
} from '@ai-chef/contracts';
import { WORKFLOW_BUNDLE_PATH, workflowSinks } from '@ai-chef/worker';
import { quietTemporalRuntime, requiredEnv } from '../support/stack.js';

// The meal plan's orchestration alone, against the real dev server and the production bundle, with its
// activities scripted: days at once in child workflows, a day retried alone, a cancel reaching every day,
// a failed day stopping the others. The plan through the whole stack is meal-plan.test.ts.

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietTemporalRuntime();
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: requiredEnv('TEST_TEMPORAL_ADDRESS') });
});
afterAll(async () => {
  await env?.teardown();
});

const profile: Profile = profileWithDefaults({ target: 'keto' });
const DISHES = [
  ['삼겹살 구이', '연어 스테이크'],
  ['닭다리살 구이', '버섯 달걀말이'],
  ['소고기 샐러드', '고등어 구이'],
];
const statusKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.status, SearchAttributeType.KEYWORD);
const targetKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.target, SearchAttributeType.KEYWORD);

/** Heartbeats until cancelled; says whether the cancellation arrived. */
async function heartbeatUntilCancelled(seen: { cancelled: number }): Promise<never> {
  const ctx = Context.current();
  try {
    for (;;) {
      ctx.heartbeat();
      await ctx.sleep(200);
    }
  } catch (err) {
    if (err instanceof CancelledFailure) seen.cancelled += 1;
    throw err;
  }
}

async function runWith(script: Partial<Activities>, body: (taskQueue: string) => Promise<void>): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  const activities: Activities = {
    generateRecipe: async () => {
      throw new Error('a plan writes no single recipe');
    },
    fetchPrices: async () => {
      throw new Error('a plan prices no single recipe');
    },
    combineResults: async () => {
      throw new Error('a plan combines no single recipe');
    },
    reconcileSessions: async () => ({ checked: 0, settled: 0, released: 0, followed: 0 }),
    choosePlanMeals: async ({ days, mealsPerDay }) => ({
      days: DISHES.slice(0, days).map((names, i) => ({
        day: i + 1,
        meals: names.slice(0, mealsPerDay).map((recipeName, m) => ({ recipeId: `dish-${i}-${m}`, recipeName })),
      })),
    }),
    writePlanDay: async (input: PlanDayWorkflowInput) => ({
      day: input.day,
      dishes: input.meals.map((meal) => meal.recipeName),
      byModel: 0,
      byEngine: input.meals.length,
    }),
    pricePlan: async () => ({ totalCost: 54_000, withinBudget: true, lines: 20 }),
    combinePlan: async ({ days, mealsPerDay }) => ({ days, meals: days * mealsPerDay, totalCost: 54_000, costPerMeal: 9000 }),
    reportRunOutcome: async ({ outcome }) => {
      outcomes.push(outcome);
    },
    ...script,
  };
  const taskQueue = `plan-test-${randomBytes(4).toString('hex')}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
    sinks: workflowSinks(undefined),
    activities,
    maxHeartbeatThrottleInterval: '1s',
  });
  await worker.runUntil(body(taskQueue));
  return outcomes;
}

const newId = () => `sess-${Date.now()}-${randomBytes(16).toString('base64url')}`;

async function startPlan(taskQueue: string, sessionId: string, daysAtOnce?: number) {
  return env.client.workflow.start('mealPlanWorkflow', {
    taskQueue,
    workflowId: sessionId,
    args: [{ sessionId, profile, days: 3, mealsPerDay: 2, ...(daysAtOnce !== undefined ? { daysAtOnce } : {}) }],
  });
}

describe('mealPlanWorkflow', () => {
  it('when every day is written, then the days ran at once as child runs named for the day and its dishes, and one basket and one result followed', async () => {
    const sessionId = newId();
    let running = 0;
    let mostAtOnce = 0;
    const order: string[] = [];
    const outcomes = await runWith(
      {
        writePlanDay: async (input) => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          // Each day waits until every day has started: only days run at once get past this.
          for (let waited = 0; mostAtOnce < 3 && waited < 100; waited += 1) await Context.current().sleep(100);
          running -= 1;
          order.push(`day ${input.day}`);
          expect(input.planRunId).not.toBe(Context.current().info.workflowExecution?.runId);
          return { day: input.day, dishes: input.meals.map((meal) => meal.recipeName), byModel: 0, byEngine: 2 };
        },
        pricePlan: async () => {
          order.push('price');
          return { totalCost: 54_000, withinBudget: true, lines: 20 };
        },
      },
      async (taskQueue) => {
        const handle = await startPlan(taskQueue, sessionId);
        await expect(handle.result()).resolves.toEqual({ sessionId, days: 3, meals: 6, totalCost: 54_000, costPerMeal: 9000 });
        await expect(handle.query(progressQuery)).resolves.toEqual({
          status: 'completed',
          phase: 'finished',
          progress: 100,
          days: [1, 2, 3].map((day) => ({ day, status: 'written' })),
        });
        const runId = handle.firstExecutionRunId;
        for (const [i, dishes] of DISHES.entries()) {
          const child = env.client.workflow.getHandle(planDayWorkflowId(sessionId, runId, i + 1));
          const description = await child.describe();
          expect(description.status.name).toBe('COMPLETED');
          expect(description.type).toBe('planDayWorkflow');
          expect(description.parentExecution?.workflowId).toBe(sessionId);
          expect(await description.staticSummary()).toBe(`day ${i + 1}: ${dishes.join(', ')}`);
          expect(description.typedSearchAttributes.get(targetKey)).toBe('keto');
          expect(description.typedSearchAttributes.get(statusKey)).toBe('completed');
        }
        const parent = await handle.describe();
        expect(parent.memo?.plan).toBe(DISHES.map((dishes, i) => `day ${i + 1}: ${dishes.join(', ')}`).join('; '));
      },
    );
    expect(mostAtOnce).toBe(3);
    expect(order.at(-1)).toBe('price');
    expect(outcomes).toEqual([]);
  });

  it('when it may write one day at once (PLAN_DAYS_AT_ONCE=1), then the days are written one after another, and a day failing for good leaves the rest unwritten', async () => {
    const order: string[] = [];
    let running = 0;
    await runWith(
      {
        writePlanDay: async (input) => {
          running += 1;
          order.push(`start ${input.day} (${running} running)`);
          await Context.current().sleep(100);
          running -= 1;
          return { day: input.day, dishes: [], byModel: 0, byEngine: 2 };
        },
      },
      async (taskQueue) => {
        await (await startPlan(taskQueue, newId(), 1)).result();
      },
    );
    expect(order).toEqual(['start 1 (1 running)', 'start 2 (1 running)', 'start 3 (1 running)']);

    const sessionId = newId();
    const tried: number[] = [];
    const outcomes = await runWith(
      {
        writePlanDay: async (input) => {
          tried.push(input.day);
          if (input.day === 2) throw ApplicationFailure.create({ type: NON_RETRYABLE.noRecipePossible, message: 'no', nonRetryable: true });
          return { day: input.day, dishes: [], byModel: 0, byEngine: 2 };
        },
      },
      async (taskQueue) => {
        const handle = await startPlan(taskQueue, sessionId, 1);
        await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
        await expect(handle.query(progressQuery)).resolves.toMatchObject({
          status: 'failed',
          progress: 30,
          days: [
            { day: 1, status: 'written' },
            { day: 2, status: 'not_written' },
            { day: 3, status: 'not_written' },
          ],
        });
      },
    );
    expect(tried).toEqual([1, 2]);
    expect(outcomes).toEqual([expect.objectContaining({ status: 'failed', error: expect.objectContaining({ code: 'no_recipe_possible' }) })]);
  });

  it('when one day fails once, then that day alone is tried again and the plan completes', async () => {
    const sessionId = newId();
    const attempts = new Map<number, number>();
    await runWith(
      {
        writePlanDay: async (input) => {
          attempts.set(input.day, (attempts.get(input.day) ?? 0) + 1);
          if (input.day === 2 && Context.current().info.attempt === 1) throw ApplicationFailure.retryable('model overloaded', 'ProviderUnavailable');
          return { day: input.day, dishes: [], byModel: 0, byEngine: 2 };
        },
      },
      async (taskQueue) => {
        const handle = await startPlan(taskQueue, sessionId);
        await handle.result();
      },
    );
    expect(Object.fromEntries(attempts)).toEqual({ 1: 1, 2: 2, 3: 1 });
  });

  it('when too few dishes pass, then the plan fails once, without retries, with no_plan_possible naming the rule', async () => {
    const sessionId = newId();
    let attempts = 0;
    const outcomes = await runWith(
      {
        choosePlanMeals: async () => {
          attempts += 1;
          throw ApplicationFailure.create({
            type: NON_RETRYABLE.noPlanPossible,
            message: 'No 2 dishes left for day 3 keep the day\'s limits (net carbs a day).',
            nonRetryable: true,
          });
        },
      },
      async (taskQueue) => {
        const handle = await startPlan(taskQueue, sessionId);
        await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
        await expect(handle.query(progressQuery)).resolves.toMatchObject({ status: 'failed', phase: 'plan_failed', progress: 10 });
      },
    );
    expect(attempts).toBe(1);
    expect(outcomes).toEqual([
      expect.objectContaining({
        status: 'failed',
        phase: 'plan_failed',
        error: { code: 'no_plan_possible', message: expect.stringContaining('net carbs a day') },
      }),
    ]);
  });

  it('when a day fails for good, then the other days are stopped and the plan fails with that day’s reason', async () => {
    const sessionId = newId();
    const seen = { cancelled: 0 };
    const outcomes = await runWith(
      {
        writePlanDay: async (input) => {
          if (input.day !== 1) return heartbeatUntilCancelled(seen);
          await Context.current().sleep(500);
          throw ApplicationFailure.create({ type: NON_RETRYABLE.noRecipePossible, message: 'the chosen dish does not suit', nonRetryable: true });
        },
      },
      async (taskQueue) => {
        const handle = await startPlan(taskQueue, sessionId);
        await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
        const runId = handle.firstExecutionRunId;
        const statuses = await Promise.all(
          [1, 2, 3].map(async (day) => (await env.client.workflow.getHandle(planDayWorkflowId(sessionId, runId, day)).describe()).status.name),
        );
        expect(statuses).toEqual(['FAILED', 'CANCELLED', 'CANCELLED']);
      },
    );
    expect(seen.cancelled).toBe(2);
    expect(outcomes).toEqual([
      expect.objectContaining({ status: 'failed', phase: 'plan_failed', error: { code: 'no_recipe_possible', message: 'the chosen dish does not suit' } }),
    ]);
  });

  it('when the plan is cancelled while its days are written, then every day is cancelled and the plan reports cancelled', async () => {
    const sessionId = newId();
    const seen = { cancelled: 0 };
    let started = 0;
    const outcomes = await runWith(
      {
        writePlanDay: async () => {
          started += 1;
          return heartbeatUntilCancelled(seen);
        },
      },
      async (taskQueue) => {
        const handle = await startPlan(taskQueue, sessionId);
        for (let i = 0; started < 3 && i < 200; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
        await handle.cancel();
        await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
        expect((await handle.describe()).status.name).toBe('CANCELLED');
        await expect(handle.query(progressQuery)).resolves.toMatchObject({
          status: 'cancelled',
          phase: 'cancelled',
          days: [1, 2, 3].map((day) => ({ day, status: 'not_written' })),
        });
        const runId = handle.firstExecutionRunId;
        for (const day of [1, 2, 3]) {
          const child = await env.client.workflow.getHandle(planDayWorkflowId(sessionId, runId, day)).describe();
          expect(child.status.name).toBe('CANCELLED');
          expect(child.typedSearchAttributes.get(statusKey)).toBe('cancelled');
        }
      },
    );
    expect(seen.cancelled).toBe(3);
    expect(outcomes).toEqual([expect.objectContaining({ status: 'cancelled' })]);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { Context } from '@temporalio/activity';
import { WorkflowFailedError } from '@temporalio/client';
import type { Activities } from '@ai-chef/activities';
import { NON_RETRYABLE, progressQuery, type Profile, type RecipeOutcome, type RunOutcome, profileWithDefaults } from '@ai-chef/contracts';
import { WORKFLOW_BUNDLE_PATH, workflowSinks } from '@ai-chef/worker';
import { quietTemporalRuntime, requiredEnv } from '../support/stack.js';

// The workflow alone, against the real dev server and the production bundle, with activities
// replaced by scripted ones: what is under test is orchestration, retries and cancellation.

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietTemporalRuntime();
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: requiredEnv('TEST_TEMPORAL_ADDRESS') });
});
afterAll(async () => {
  await env?.teardown();
});

const profile: Profile = profileWithDefaults({ target: 'keto' });

const recipe = {
  recipe: { recipeName: '삼겹살 구이', ingredients: [], servings: 2, cookingTime: 20, difficulty: 'easy' },
  nutrition: {},
  source: 'offline',
} as unknown as RecipeOutcome;

type Script = Partial<Activities>;

async function runWith(script: Script, body: (taskQueue: string) => Promise<void>): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  const activities: Activities = {
    generateRecipe: async () => recipe,
    fetchPrices: async () => ({}) as never,
    combineResults: async () => ({ recipeName: '삼겹살 구이', totalCost: 12000, costPerServing: 6000 }),
    reportRunOutcome: async ({ outcome }) => {
      outcomes.push(outcome);
    },
    reconcileSessions: async () => ({ checked: 0, settled: 0, released: 0, followed: 0 }),
    choosePlanMeals: async () => ({ days: [] }),
    writePlanDay: async () => ({ day: 1, dishes: [], byModel: 0, byEngine: 0 }),
    pricePlan: async () => ({ totalCost: 0, withinBudget: true, lines: 0 }),
    combinePlan: async () => ({ days: 0, meals: 0, totalCost: 0, costPerMeal: 0 }),
    ...script,
  };
  const taskQueue = `wf-test-${randomBytes(4).toString('hex')}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
    // The bundle's tracing interceptor hands its spans to this sink (nowhere: tracing is off here).
    sinks: workflowSinks(undefined),
    activities,
    maxHeartbeatThrottleInterval: '2s',
  });
  await worker.runUntil(body(taskQueue));
  return outcomes;
}

const newId = () => `sess-${Date.now()}-${randomBytes(16).toString('base64url')}`;

describe('reconcileSessionsWorkflow', () => {
  it('when a pass runs, then the workflow returns what the session service reported', async () => {
    const report = { checked: 3, settled: 1, released: 1, followed: 0 };
    await runWith({ reconcileSessions: async () => report }, async (taskQueue) => {
      const result = await env.client.workflow.execute('reconcileSessionsWorkflow', { taskQueue, workflowId: `reconcile-${newId()}` });
      expect(result).toEqual(report);
    });
  });
});

describe('recipeWorkflow', () => {
  it('when every step succeeds, then it returns the summary and the query says finished', async () => {
    const sessionId = newId();
    const outcomes = await runWith({}, async (taskQueue) => {
      const handle = await env.client.workflow.start('recipeWorkflow', {
        taskQueue,
        workflowId: sessionId,
        args: [{ sessionId, profile }],
      });
      await expect(handle.result()).resolves.toEqual({
        sessionId,
        recipeName: '삼겹살 구이',
        totalCost: 12000,
        costPerServing: 6000,
      });
      await expect(handle.query(progressQuery)).resolves.toEqual({ status: 'completed', phase: 'finished', progress: 100 });
    });
    expect(outcomes).toEqual([]);
  });

  it('when the price step fails twice with a retryable error, then the third attempt completes the run', async () => {
    const sessionId = newId();
    let attempts = 0;
    await runWith(
      {
        fetchPrices: async () => {
          attempts++;
          if (Context.current().info.attempt < 3) throw ApplicationFailure.retryable('shop timeout', 'ProviderUnavailable');
          return {} as never;
        },
      },
      async (taskQueue) => {
        const handle = await env.client.workflow.start('recipeWorkflow', { taskQueue, workflowId: sessionId, args: [{ sessionId, profile }] });
        await handle.result();
      },
    );
    expect(attempts).toBe(3);
  });

  it('when no recipe is possible, then the run fails once, without retries, and reports a public error', async () => {
    const sessionId = newId();
    let attempts = 0;
    const outcomes = await runWith(
      {
        generateRecipe: async () => {
          attempts++;
          throw ApplicationFailure.create({ type: NON_RETRYABLE.noRecipePossible, message: 'allergies exclude every keto recipe', nonRetryable: true });
        },
      },
      async (taskQueue) => {
        const handle = await env.client.workflow.start('recipeWorkflow', { taskQueue, workflowId: sessionId, args: [{ sessionId, profile }] });
        await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
        await expect(handle.query(progressQuery)).resolves.toMatchObject({ status: 'failed', phase: 'recipe_failed', progress: 10 });
      },
    );
    expect(attempts).toBe(1);
    expect(outcomes).toEqual([
      expect.objectContaining({
        status: 'failed',
        phase: 'recipe_failed',
        error: { code: 'no_recipe_possible', message: 'allergies exclude every keto recipe' },
      }),
    ]);
  });

  it('when cancelled during a heartbeating activity, then the activity sees it and the run reports cancelled', async () => {
    const sessionId = newId();
    let activityCancelled = false;
    const outcomes = await runWith(
      {
        fetchPrices: async () => {
          const ctx = Context.current();
          try {
            for (;;) {
              ctx.heartbeat();
              await ctx.sleep(200);
            }
          } catch (err) {
            activityCancelled = err instanceof CancelledFailure;
            throw err;
          }
        },
      },
      async (taskQueue) => {
        const handle = await env.client.workflow.start('recipeWorkflow', { taskQueue, workflowId: sessionId, args: [{ sessionId, profile }] });
        for (;;) {
          const state = await handle.query(progressQuery);
          if (state.phase === 'price_lookup') break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await handle.cancel();
        await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
        await expect(handle.query(progressQuery)).resolves.toMatchObject({ status: 'cancelled', phase: 'cancelled', progress: 60 });
      },
    );
    expect(activityCancelled).toBe(true);
    expect(outcomes).toEqual([expect.objectContaining({ status: 'cancelled' })]);
  });
});

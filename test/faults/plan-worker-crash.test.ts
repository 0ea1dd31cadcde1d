// A worker SIGKILLed while a meal plan's days are being written, then a new one started: every day is
// written again on the new worker (its step's heartbeat times out and its retry runs there), the plan
// prices one basket and completes with one result; progress never goes back; each day is saved once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { planDayWorkflowId, type PlanResult } from '@ai-chef/contracts';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { buildProfile } from '../support/factories.js';
import { call, eventually } from '../support/http.js';
import { startProcessStack, type ProcessStack } from '../support/process-stack.js';
import { newSession, pause, progressDrops, resultDocumentCount, sampleStatus, settled, withDatabase } from './run-watch.js';

const MODEL_MS = 4000;
let anthropic: AnthropicFake;
let stack: ProcessStack;
let temporal: Client;

beforeAll(async () => {
  // Every meal takes the model 4 s: the days are still being written when the worker dies.
  anthropic = await startAnthropicFake({
    apiKey: 'sk-ant-plan-faults',
    behaviour: () => ({ kind: 'delay', ms: MODEL_MS, then: { kind: 'recipe' } }),
  });
  stack = await startProcessStack({ workerEnv: { ANTHROPIC_API_KEY: anthropic.apiKey, ANTHROPIC_BASE_URL: anthropic.url } });
  temporal = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
}, 120_000);

afterAll(async () => {
  await temporal?.connection.close();
  await stack?.stop();
  await anthropic?.close();
});

describe('a worker killed while a plan writes its days', () => {
  it('when it is SIGKILLed and a new worker starts, then the days are written again there and the plan completes once', async () => {
    const sessionId = await newSession(stack.gatewayUrl);
    const sampler = sampleStatus(stack.gatewayUrl, sessionId, 50);
    const accepted = await call<{ runId: string }>(stack.gatewayUrl, 'POST', `/session/${sessionId}/plan`, {
      profile: buildProfile({ target: 'general', cookingLevel: 'advanced' }),
      days: 3,
      mealsPerDay: 2,
    });
    expect(accepted.status).toBe(202);
    const runId = accepted.body.runId;

    // All six meals are with the model: every day is in the middle of its step.
    await eventually(async () => (anthropic.messageCount >= 6 ? true : undefined), { what: 'six meals asked of the model', intervalMs: 20 });
    const askedBeforeKill = anthropic.messageCount;
    await stack.killWorker();
    const status = await call<{ status: string; phase: string; progress: number }>(stack.gatewayUrl, 'GET', `/session/${sessionId}/status`);
    expect(status.body).toMatchObject({ status: 'processing', phase: 'plan_writing', progress: 10 });

    await pause(1000);
    await stack.startWorker();
    const final = await settled(stack.gatewayUrl, sessionId);
    const samples = await sampler.stop();

    expect(final).toMatchObject({ status: 'completed', phase: 'finished', progress: 100 });
    expect(progressDrops(samples)).toEqual([]);
    expect(samples.filter((sample) => sample.httpStatus !== 200)).toEqual([]);
    const result = (await call<PlanResult>(stack.gatewayUrl, 'GET', `/session/${sessionId}/result`)).body;
    expect(result).toMatchObject({ runId, kind: 'plan', sources: { recipe: 'claude' } });
    expect(new Set(result.days.flatMap((day) => day.meals.map((meal) => meal.recipe.recipeName))).size).toBe(6);
    expect(await resultDocumentCount(stack.mongoUrl, stack.mongoDb, { _id: runId })).toBe(1);
    expect(await resultDocumentCount(stack.mongoUrl, stack.mongoDb, { sessionId })).toBe(1);
    // Each day and the basket saved once.
    const parts = await withDatabase(stack.mongoUrl, stack.mongoDb, (client) =>
      client.db(stack.mongoDb).collection('plan_parts').find({ runId }).project({ _id: 1 }).toArray(),
    );
    expect(parts.map((part) => String(part._id)).sort()).toEqual([`${runId}/day-1`, `${runId}/day-2`, `${runId}/day-3`, `${runId}/pricing`]);

    // The days were written again on the new worker, each day's step retried in its own child run.
    expect(askedBeforeKill).toBe(6);
    expect(anthropic.messageCount).toBeGreaterThanOrEqual(12);
    for (const day of [1, 2, 3]) {
      const child = temporal.workflow.getHandle(planDayWorkflowId(sessionId, runId, day));
      expect((await child.describe()).status.name).toBe('COMPLETED');
      const attempts = (await child.fetchHistory()).events?.flatMap((event) => event.activityTaskStartedEventAttributes?.attempt ?? []);
      // Temporal records the start of the attempt that completed: a later one than the killed worker's.
      expect(attempts).toHaveLength(1);
      expect(attempts?.[0]).toBeGreaterThanOrEqual(2);
    }
    expect(stack.unexpectedExits()).toEqual([]);
    console.log(
      `plan worker crash: ${samples.length} status samples, ${anthropic.messageCount} model calls ` +
        `(${askedBeforeKill} before the kill), progress ${[...new Set(samples.map((sample) => sample.progress))].join(' → ')}`,
    );
  }, 300_000);
});

// Meal plans through the whole stack (gateway, session service, worker, the Temporal dev server, the
// MongoDB-wire server): a 3 × 2 keto plan written, checked day by day and priced as one basket; a plan
// cancelled while its days are written; the route's refusals.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import {
  planDayWorkflowId,
  type PlanResult,
  type ProfileInput,
  type ResultList,
  type SessionStatusView,
} from '@ai-chef/contracts';
import { brokenRules as brokenChecks } from '@ai-chef/kitchen';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { buildProfile } from '../support/factories.js';
import { call, eventually } from '../support/http.js';
import { startStack, type TestStack } from '../support/stack.js';
import { progressDrops, sampleStatus, settled } from '../faults/run-watch.js';

let stack: TestStack;
let slowModel: TestStack;
let fake: AnthropicFake;
let temporal: Client;

beforeAll(async () => {
  stack = await startStack();
  // A model that takes a minute a meal: the plan is still writing its days when it is cancelled.
  fake = await startAnthropicFake({ behaviour: () => ({ kind: 'delay', ms: 60_000, then: { kind: 'recipe' } }) });
  // Its reconciler passes every 2 s: a plan terminated by an operator shows at once.
  slowModel = await startStack({ ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.url, RECONCILE_INTERVAL_SECONDS: '2' });
  temporal = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
});
afterAll(async () => {
  await temporal?.connection.close();
  await slowModel?.stop();
  await stack?.stop();
  await fake?.close();
});

async function newSession(target: TestStack): Promise<string> {
  return (await call<{ sessionId: string }>(target.gatewayUrl, 'POST', '/session/start')).body.sessionId;
}

function plan(target: TestStack, id: string, body: { profile: ProfileInput; days?: number; mealsPerDay?: number } | Record<string, unknown>) {
  return call<{ runId: string; kind: string; status: string; error?: { code: string } }>(target.gatewayUrl, 'POST', `/session/${id}/plan`, body);
}

describe('POST /session/:id/plan', () => {
  it('a 3 × 2 keto plan: six different dishes, every meal and every day within the rules, each ingredient once in the basket, progress forward only', async () => {
    const id = await newSession(stack);
    const sampler = sampleStatus(stack.gatewayUrl, id, 25);
    const accepted = await plan(stack, id, { profile: { target: 'keto', cookingLevel: 'advanced', servings: 2 }, days: 3, mealsPerDay: 2 });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ sessionId: id, workflowId: id, status: 'processing', kind: 'plan' });
    const final = await settled(stack.gatewayUrl, id, 120_000);
    const samples = await sampler.stop();
    expect(final).toMatchObject({ status: 'completed', phase: 'finished', progress: 100 });
    expect(final.days).toEqual([1, 2, 3].map((day) => ({ day, status: 'written' })));

    // Progress as docs/contract.md counts it (Meal plans), never going back: idle 0, then 10, 30, 50, 70 (three days), 70, 80, 90, 100.
    expect(progressDrops(samples)).toEqual([]);
    const seen = samples.flatMap((sample) => (sample.progress === undefined ? [] : [`${sample.phase}:${sample.progress}`]));
    for (const state of new Set(seen))
      expect(['null:0', 'plan_writing:10', 'plan_writing:30', 'plan_writing:50', 'plan_writing:70', 'price_lookup:70', 'price_completed:80', 'combining_results:90', 'finished:100']).toContain(state);

    const { status, body: result } = await call<PlanResult>(stack.gatewayUrl, 'GET', `/session/${id}/result`);
    expect(status).toBe(200);
    expect(result).toMatchObject({ sessionId: id, runId: accepted.body.runId, kind: 'plan', sources: { recipe: 'offline', prices: 'estimate' } });
    expect(result.days.map((day) => day.day)).toEqual([1, 2, 3]);
    const meals = result.days.flatMap((day) => day.meals);
    expect(meals).toHaveLength(6);
    expect(new Set(meals.map((meal) => meal.recipe.recipeName)).size).toBe(6);
    for (const meal of meals) {
      expect(brokenChecks(meal.nutrition.checks)).toEqual([]);
      expect(meal.nutrition.checks.map((check) => check.rule)).toContain('keto.net_carbs');
    }
    for (const day of result.days) {
      expect(day.nutrition.checks.map((check) => check.rule).sort()).toEqual(['day.keto.net_carbs', 'day.sodium']);
      expect(brokenChecks(day.nutrition.checks)).toEqual([]);
      const netCarbs = day.meals.reduce((sum, meal) => sum + meal.nutrition.perServing.netCarbs, 0);
      expect(day.nutrition.total.netCarbs).toBeCloseTo(netCarbs, 0);
      expect(day.nutrition.total.netCarbs).toBeLessThanOrEqual(20);
    }

    // One basket: each ingredient once, its grams the sum over every meal that uses it.
    const ids = result.pricing.items.map((item) => item.ingredientId);
    expect(new Set(ids).size).toBe(ids.length);
    const grams = new Map<string, number>();
    for (const meal of meals) for (const line of meal.recipe.ingredients) grams.set(line.ingredientId, (grams.get(line.ingredientId) ?? 0) + line.grams);
    expect(new Set(ids)).toEqual(new Set(grams.keys()));
    expect(Object.keys(result.pricing.vendorBreakdown)).toEqual(['estimate']);
    expect(result.summary).toEqual({
      totalCost: result.pricing.totalEstimatedCost,
      costPerMeal: Math.round(result.pricing.totalEstimatedCost / 6),
      usedCostPerMeal: Math.round(result.pricing.usedCost / 6),
      withinBudget: result.pricing.totalEstimatedCost <= 90_000,
      // No budget in the profile: 30,000 a day for the plan's three days.
      budget: 90_000,
    });

    // The history lists the plan by its days; the plan's run and each day's child run are in Temporal.
    const history = await call<ResultList>(stack.gatewayUrl, 'GET', `/session/${id}/results`);
    expect(history.body).toEqual({
      items: [{ runId: accepted.body.runId, kind: 'plan', recipeName: null, days: 3, totalCost: result.summary.totalCost, generatedAt: result.generatedAt }],
      total: 1,
    });
    const byRun = await call<PlanResult>(stack.gatewayUrl, 'GET', `/session/${id}/results/${accepted.body.runId}`);
    expect(byRun.body.runId).toBe(accepted.body.runId);
    for (const day of result.days) {
      const child = await temporal.workflow.getHandle(planDayWorkflowId(id, accepted.body.runId, day.day)).describe();
      expect(child.status.name).toBe('COMPLETED');
      expect(await child.staticSummary()).toBe(`day ${day.day}: ${day.meals.map((meal) => meal.recipe.recipeName).join(', ')}`);
    }
    // The plan's own history carries names and totals, not the recipes: no step of any meal is in it.
    const parentHistory = JSON.stringify(await temporal.workflow.getHandle(id, accepted.body.runId).fetchHistory());
    for (const meal of meals) expect(parentHistory).not.toContain(JSON.stringify(meal.recipe.instructions[0]).slice(1, -1));

    // The next plan of the session leaves these dishes for last, and the session processes again.
    const again = await plan(stack, id, { profile: buildProfile({ target: 'keto', cookingLevel: 'advanced', budget: 200_000 }), days: 1, mealsPerDay: 3 });
    expect(again.status).toBe(202);
    expect((await settled(stack.gatewayUrl, id, 120_000)).status).toBe('completed');
    const second = (await call<PlanResult>(stack.gatewayUrl, 'GET', `/session/${id}/result`)).body;
    expect(second.summary.budget).toBe(200_000);
    const earlier = new Set(meals.map((meal) => meal.recipe.recipeName));
    expect(second.days[0]!.meals.filter((meal) => earlier.has(meal.recipe.recipeName))).toEqual([]);
  });

  it('a plan cancelled while its days are written: every day is cancelled, the session shows cancelled and plans again', async () => {
    const id = await newSession(slowModel);
    const accepted = await plan(slowModel, id, { profile: buildProfile({ target: 'diet' }), days: 2, mealsPerDay: 2 });
    expect(accepted.status).toBe(202);
    const runId = accepted.body.runId;
    // Both days are writing: their model calls are under way.
    await eventually(async () => (fake.messageCount >= 4 ? true : undefined), { what: 'the four meals to be asked of the model' });
    const writing = await call<SessionStatusView>(slowModel.gatewayUrl, 'GET', `/session/${id}/status`);
    expect(writing.body).toMatchObject({ status: 'processing', phase: 'plan_writing', progress: 10, days: [{ day: 1, status: 'writing' }, { day: 2, status: 'writing' }] });
    expect((await plan(slowModel, id, { profile: buildProfile() })).status).toBe(409);
    expect((await call(slowModel.gatewayUrl, 'POST', `/session/${id}/process`, { profile: buildProfile() })).status).toBe(409);

    expect((await call(slowModel.gatewayUrl, 'POST', `/session/${id}/cancel`)).status).toBe(202);
    const final = await settled(slowModel.gatewayUrl, id, 60_000);
    expect(final).toMatchObject({ status: 'cancelled', phase: 'cancelled', progress: 10, days: [{ day: 1, status: 'not_written' }, { day: 2, status: 'not_written' }] });
    for (const day of [1, 2]) {
      const child = await temporal.workflow.getHandle(planDayWorkflowId(id, runId, day)).describe();
      expect(child.status.name).toBe('CANCELLED');
    }
    await eventually(async () => ((await temporal.workflow.getHandle(id, runId).describe()).status.name === 'CANCELLED' ? true : undefined), {
      what: 'the plan to close cancelled',
    });
    expect((await call(slowModel.gatewayUrl, 'GET', `/session/${id}/result`)).status).toBe(404);
    expect((await call(slowModel.gatewayUrl, 'POST', `/session/${id}/cancel`)).status).toBe(409);

    // The session plans again at once; its days are new child runs.
    const again = await plan(slowModel, id, { profile: buildProfile({ target: 'diet' }), days: 1, mealsPerDay: 1 });
    expect(again.status).toBe(202);
    await eventually(async () => ((await call<SessionStatusView>(slowModel.gatewayUrl, 'GET', `/session/${id}/status`)).body.days?.[0]?.status === 'writing' ? true : undefined), {
      what: 'the second plan to write its day',
    });
    expect((await call(slowModel.gatewayUrl, 'POST', `/session/${id}/cancel`)).status).toBe(202);
    expect(await settled(slowModel.gatewayUrl, id, 60_000)).toMatchObject({ status: 'cancelled', days: [{ day: 1, status: 'not_written' }] });
  });

  it('a plan an operator terminates while its days are written: its days end with it, and the session shows failed, run_terminated', async () => {
    const id = await newSession(slowModel);
    const asked = fake.messageCount;
    const accepted = await plan(slowModel, id, { profile: buildProfile({ target: 'general' }), days: 2, mealsPerDay: 1 });
    expect(accepted.status).toBe(202);
    await eventually(async () => (fake.messageCount >= asked + 2 ? true : undefined), { what: 'both days asking the model' });
    await temporal.workflow.getHandle(id, accepted.body.runId).terminate('an operator stops it');
    const final = await settled(slowModel.gatewayUrl, id, 60_000);
    expect(final).toMatchObject({ status: 'failed', phase: 'plan_writing', progress: 10, error: { code: 'run_terminated' } });
    for (const day of [1, 2]) {
      await eventually(
        async () => {
          const child = await temporal.workflow.getHandle(planDayWorkflowId(id, accepted.body.runId, day)).describe();
          return child.status.name === 'TERMINATED' ? true : undefined;
        },
        { what: `day ${day} to end with its plan` },
      );
    }
  });

  it('refuses what it cannot plan before any run: sizes out of range, unknown fields, an empty fridge, an unknown session', async () => {
    const id = await newSession(stack);
    for (const body of [
      { profile: {}, days: 0 },
      { profile: {}, days: 8 },
      { profile: {}, mealsPerDay: 4 },
      { profile: {}, days: '3' },
      { profile: {}, days: 2.5 },
      { profile: {}, dish: '김치찌개' },
      { profile: { target: 'paleo' } },
    ]) {
      const reply = await plan(stack, id, body);
      expect([reply.status, reply.body.error?.code]).toEqual([400, 'validation_error']);
    }
    const fridge = await plan(stack, id, { profile: { target: 'fridge' } });
    expect([fridge.status, fridge.body.error?.code]).toEqual([400, 'fridge_empty']);
    const unknown = await plan(stack, 'sess-1700000000000-AAAAAAAAAAAAAAAAAAAAAA', { profile: {} });
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'session_not_found']);
    expect((await call<SessionStatusView>(stack.gatewayUrl, 'GET', `/session/${id}/status`)).body).toMatchObject({ status: 'idle', progress: 0 });
  });
});

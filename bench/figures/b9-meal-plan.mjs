// B9: meal plans. (a) A 7 × 3 plan through the public API against 21 recipe runs of the same dishes
// (`process` with each dish), in the same bench run with zero-latency fakes: what the plan's one basket
// costs against the 21 baskets (packs shared, one shipping), and the wall time of each. (b) The same
// plan with the model answering in 3 s a meal: its days written all at once against one after another
// (PLAN_DAYS_AT_ONCE=1), both started the same way on the same worker.
import { performance } from 'node:perf_hooks';
import { DEFAULT_PROFILE, MEAL_PLAN_WORKFLOW_TYPE, ProfileSchema, TASK_QUEUE } from '@ai-chef/contracts';
import { connectMongo } from '@ai-chef/platform';
import { round } from '../latency-stats.mjs';
import { call } from '../run-driver.mjs';

const DAYS = 7;
const MEALS = 3;
const MODEL_MS = 3000;
const PROFILE_INPUT = { target: 'general', cookingLevel: 'intermediate', servings: 2 };
/** The plan's budget when the profile sets none (docs/contract.md, Meal plans): 30,000 a day. */
const PLAN_BUDGET = 30_000 * DAYS;


/**
 * One run through the public API from `POST /session/:id/<route>` to its result: the end is the
 * session's completion time, learnt from Temporal's long poll on the workflow (no polling load).
 */
async function runThroughApi(stack, route, body) {
  const { sessionId } = await call('POST', `${stack.gatewayUrl}/session/start`);
  const sentAt = Date.now();
  const { runId } = await call('POST', `${stack.gatewayUrl}/session/${sessionId}/${route}`, body);
  await stack.temporalClient.workflow
    .getHandle(sessionId, runId)
    .result()
    .catch(() => undefined);
  const status = await call('GET', `${stack.gatewayUrl}/session/${sessionId}/status`);
  if (status.status !== 'completed')
    throw new Error(`a ${route} run ended ${status.status}: ${JSON.stringify(status.error)}`);
  const result = await call('GET', `${stack.gatewayUrl}/session/${sessionId}/result`);
  return { sessionId, runId, ms: Date.parse(status.updatedAt) - sentAt, result };
}

/**
 * The plan's workflow started on the stack's worker as the session service starts it, with the days it
 * may write at once given: the run's own time, from its start to its close, as Temporal recorded them.
 */
async function planOnWorker(stack, profile, daysAtOnce) {
  const { sessionId } = await call('POST', `${stack.gatewayUrl}/session/start`);
  const started = performance.now();
  const handle = await stack.temporalClient.workflow.start(MEAL_PLAN_WORKFLOW_TYPE, {
    taskQueue: TASK_QUEUE,
    workflowId: sessionId,
    args: [
      { sessionId, profile, days: DAYS, mealsPerDay: MEALS, ...(daysAtOnce < DAYS ? { daysAtOnce } : {}) },
    ],
  });
  const summary = await handle.result();
  const wallMs = performance.now() - started;
  const description = await handle.describe();
  return {
    daysAtOnce,
    wallMs: round(wallMs),
    workflowMs: description.closeTime - description.startTime,
    totalCost: summary.totalCost,
    workflowId: sessionId,
    runId: handle.firstExecutionRunId,
  };
}

/** Both parts of the figure; the price cache is emptied before each side is measured. */
async function measure(stack, quick, log, emptyPriceCache) {
  const { model } = stack.fakes;
  // (a) zero-latency fakes: the plan, then each of its dishes as a recipe run of its own, one after another.
  log(`B9: a ${DAYS} × ${MEALS} plan, then its ${DAYS * MEALS} dishes as separate recipe runs`);
  await emptyPriceCache();
  const plan = await runThroughApi(stack, 'plan', { profile: PROFILE_INPUT, days: DAYS, mealsPerDay: MEALS });
  stack.completedRuns += 1;
  const dishes = plan.result.days.flatMap((day) => day.meals.map((meal) => meal.recipe.recipeName));
  const single = [];
  await emptyPriceCache();
  for (const dish of dishes) {
    const run = await runThroughApi(stack, 'process', { profile: PROFILE_INPUT, dish });
    stack.completedRuns += 1;
    single.push({
      dish,
      served: run.result.recipe.recipeName,
      ms: run.ms,
      totalCost: run.result.summary.totalCost,
      packs: run.result.pricing.items.reduce((sum, item) => sum + (item.chosen?.packs ?? 0), 0),
      shipping: run.result.pricing.shippingCost,
    });
  }
  const separately = single.reduce((sum, run) => sum + run.totalCost, 0);
  const separateMs = single.reduce((sum, run) => sum + run.ms, 0);
  const costRatio = round(plan.result.summary.totalCost / separately, 3);
  const wallRatio = round(plan.ms / separateMs, 3);
  const planPacks = plan.result.pricing.items.reduce((sum, item) => sum + (item.chosen?.packs ?? 0), 0);

  // (b) the model answers in 3 s a meal: the days at once, and one after another, on the same worker.
  const rounds = quick ? 1 : 3;
  const profile = ProfileSchema.parse({ ...DEFAULT_PROFILE, ...PROFILE_INPUT, budget: PLAN_BUDGET });
  const parallel = [];
  const sequence = [];
  const callsBefore = model.calls;
  model.configure({ latencyMs: MODEL_MS });
  try {
    for (let i = 0; i < rounds; i++) {
      log(
        `B9: model ${MODEL_MS} ms a meal, round ${i + 1} of ${rounds}: 7 days at once, then one after another`,
      );
      await emptyPriceCache();
      parallel.push(await planOnWorker(stack, profile, DAYS));
      await emptyPriceCache();
      sequence.push(await planOnWorker(stack, profile, 1));
      stack.completedRuns += 2;
    }
  } finally {
    model.configure({ latencyMs: 0 });
  }
  const median = (runs) =>
    [...runs].map((run) => run.workflowMs).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const parallelMs = median(parallel);
  const sequenceMs = median(sequence);
  const speedup = round(sequenceMs / parallelMs, 2);
  return {
    value:
      `plan ${plan.result.summary.totalCost.toLocaleString('en-US')} KRW (${planPacks} packs, ${plan.result.pricing.shippingCost} shipping) in ${round(plan.ms / 1000, 2)} s; ` +
      `model 3 s: days at once ${round(parallelMs / 1000, 2)} s`,
    reference:
      `21 runs ${separately.toLocaleString('en-US')} KRW (${single.reduce((sum, run) => sum + run.packs, 0)} packs, ${single.reduce((sum, run) => sum + run.shipping, 0)} shipping) in ${round(separateMs / 1000, 2)} s; ` +
      `days in sequence ${round(sequenceMs / 1000, 2)} s`,
    ratio: `cost ${costRatio} (goal ≤ 1); wall ${wallRatio}; days at once ${speedup}× faster`,
    met: costRatio <= 1 && speedup > 1,
    data: {
      days: DAYS,
      mealsPerDay: MEALS,
      profile: PROFILE_INPUT,
      plan: {
        runId: plan.runId,
        ms: plan.ms,
        totalCost: plan.result.summary.totalCost,
        costPerMeal: plan.result.summary.costPerMeal,
        lines: plan.result.pricing.items.length,
        packs: planPacks,
        shipping: plan.result.pricing.shippingCost,
        sources: plan.result.sources,
      },
      separately: {
        totalCost: separately,
        ms: separateMs,
        runs: single,
        sameDish: single.filter((run) => run.served === run.dish).length,
      },
      costRatio,
      wallRatio,
      modelLatencyMs: MODEL_MS,
      modelCalls: model.calls - callsBefore,
      parallel,
      sequence,
      parallelMs,
      sequenceMs,
      speedup,
    },
  };
}

export const figure = {
  id: 'B9',
  title: 'meal plan 7 × 3: one basket vs 21 recipe runs; days at once vs in sequence (model 3 s)',
  needs: 'stack',
  async run({ stack, quick, log }) {
    // Each side starts with the worker's price cache empty: the shop's call rate (NAVER_CALLS_PER_SECOND)
    // is paid by whichever looks an ingredient up first, and the other must not ride on its lookups.
    const mongo = await connectMongo(stack.mongoUrl, stack.mongoDb);
    const emptyPriceCache = () => mongo.db.collection('price_cache').deleteMany({});
    try {
      return await measure(stack, quick, log, emptyPriceCache);
    } finally {
      await mongo.close();
    }
  },
};

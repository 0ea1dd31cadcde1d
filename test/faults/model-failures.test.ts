// The model provider overloaded (529) or rate limiting (429, retry-after: 1) on 30 % of calls, and
// failing every call: runs still complete, each retry waits its retry-after, and a run never sends
// more than its three attempts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ResultDocument } from '@ai-chef/contracts';
import {
  goodRecipe,
  overloaded,
  rateLimited,
  requestText,
  serverError,
  startAnthropicFake,
  type AnthropicFake,
  type FakeBehaviour,
  type RecordedRequest,
} from '../fakes/anthropic-fake.js';
import { buildProfile } from '../support/factories.js';
import { startProcessStack, type ProcessStack } from '../support/process-stack.js';
import { clientRetries, newSession, resultOf, settled, startRun } from './run-watch.js';

const RUNS = 100;
const RETRY_AFTER_SECONDS = 1;

let anthropic: AnthropicFake;
let stack: ProcessStack;

/** What the fake answered to each request, by the request. */
const answers = new Map<RecordedRequest, FakeBehaviour>();

beforeAll(async () => {
  anthropic = await startAnthropicFake({ apiKey: 'sk-ant-faults' });
  stack = await startProcessStack({
    workerEnv: { ANTHROPIC_API_KEY: anthropic.apiKey, ANTHROPIC_BASE_URL: anthropic.url },
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await anthropic?.close();
});

/**
 * Each run's profile carries its number in its budget (200 000 KRW + the run), which the prompt's
 * <profile> block repeats: requests group by run. (Free-text health conditions never reach the model.)
 */
const BUDGET_BASE = 200_000;
const budgetOf = (run: number): number => BUDGET_BASE + run;
function runOf(request: RecordedRequest): number | undefined {
  const match = /<profile>[^<]*"budget":(\d+)/.exec(requestText(request));
  return match ? Number(match[1]) - BUDGET_BASE : undefined;
}

const messageCount = (request: RecordedRequest): number =>
  ((request.body as { messages?: unknown[] } | undefined)?.messages ?? []).length;

const statusOf = (behaviour: FakeBehaviour | undefined): number => (behaviour?.kind === 'error' ? behaviour.status : 200);

/** Requests of one run in arrival order, with what each got. */
function requestsByRun(): Map<number, Array<{ at: number; status: number; messages: number }>> {
  const byRun = new Map<number, Array<{ at: number; status: number; messages: number }>>();
  for (const request of anthropic.requests) {
    const run = runOf(request);
    if (run === undefined) continue;
    const list = byRun.get(run) ?? [];
    list.push({ at: request.at, status: statusOf(answers.get(request)), messages: messageCount(request) });
    byRun.set(run, list);
  }
  for (const list of byRun.values()) list.sort((a, b) => a.at - b.at);
  return byRun;
}

/** Records what the fake answers, so the test can tell a rate-limited request from a good one. */
function recording(choose: (index: number) => FakeBehaviour) {
  return (request: RecordedRequest, index: number): FakeBehaviour => {
    const behaviour = choose(index);
    answers.set(request, behaviour);
    return behaviour;
  };
}

async function runAll(first: number, count: number): Promise<Array<{ run: number; status: string; result?: ResultDocument }>> {
  const sessions = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const run = first + i;
      const sessionId = await newSession(stack.gatewayUrl);
      await startRun(stack.gatewayUrl, sessionId, buildProfile({ target: 'general', budget: budgetOf(run) }));
      return { run, sessionId };
    }),
  );
  return Promise.all(
    sessions.map(async ({ run, sessionId }) => {
      const final = await settled(stack.gatewayUrl, sessionId, 600_000);
      return final.status === 'completed'
        ? { run, status: final.status, result: await resultOf(stack.gatewayUrl, sessionId) }
        : { run, status: final.status };
    }),
  );
}

describe('a model provider that is overloaded or rate limiting', () => {
  it('when 30 % of calls answer 529 or 429 with retry-after: 1, then 100 of 100 runs complete and every retry waits', async () => {
    // Three of every ten calls fail, by arrival order: 529, 429, 529, 429, …
    let failures = 0;
    anthropic.setBehaviour(
      recording((index) => {
        if (![1, 4, 7].includes(index % 10)) return goodRecipe();
        failures += 1;
        return failures % 2 === 1 ? overloaded(RETRY_AFTER_SECONDS) : rateLimited(RETRY_AFTER_SECONDS);
      }),
    );
    const started = Date.now();
    const outcomes = await runAll(0, RUNS);
    const seconds = (Date.now() - started) / 1000;

    const completed = outcomes.filter((outcome) => outcome.status === 'completed');
    // Every run completes: from the model when one attempt got through, else from the offline engine.
    expect(completed.length).toBe(RUNS);

    const byRun = requestsByRun();
    expect(byRun.size).toBe(RUNS);
    const waits: number[] = [];
    for (const [run, requests] of byRun) {
      // The SDK retries nothing: at most the three Temporal attempts, and no repairs (every answer was good).
      const attempts = requests.filter((request) => request.messages === 1);
      expect([run, attempts.length <= 3]).toEqual([run, true]);
      expect([run, requests.length - attempts.length]).toEqual([run, 0]);
      for (let i = 1; i < requests.length; i += 1) {
        const previous = requests[i - 1];
        const current = requests[i];
        if (!previous || !current || ![429, 529].includes(previous.status)) continue;
        waits.push(current.at - previous.at);
      }
      // A run's recipe comes from the model when one attempt got through, else from the offline engine.
      const outcome = outcomes.find((o) => o.run === run);
      const gotThrough = requests.some((request) => request.status === 200);
      if (outcome?.result) expect([run, outcome.result.sources.recipe]).toEqual([run, gotThrough ? 'claude' : 'offline_fallback']);
    }
    expect(failures).toBeGreaterThan(0);
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000);
    console.log(
      `model 429/529 on 30 %: ${completed.length}/${RUNS} runs completed in ${seconds.toFixed(1)} s; ` +
        `${anthropic.messageCount} model requests, ${failures} refused; ${waits.length} retries, ` +
        `shortest wait ${Math.min(...waits)} ms; ` +
        `${completed.filter((o) => o.result?.sources.recipe === 'offline_fallback').length} offline fallbacks; ` +
        `${clientRetries.busy} gateway answers were 503 and tried again`,
    );
  }, 900_000);
});

describe('a model provider that always fails', () => {
  it.each([
    { name: '529 overloaded', status: 529, failure: overloaded(RETRY_AFTER_SECONDS), minWait: RETRY_AFTER_SECONDS * 1000 },
    { name: '500 server error', status: 500, failure: serverError(), minWait: 0 },
  ])('when every call answers $name, then the run completes from the offline engine after three attempts', async ({ status, failure, minWait }) => {
    anthropic.setBehaviour(recording(() => failure));
    const run = 1000 + status;
    const [outcome] = await runAll(run, 1);

    expect(outcome?.status).toBe('completed');
    expect(outcome?.result?.sources.recipe).toBe('offline_fallback');
    expect(outcome?.result?.nutrition.checks.every((check) => check.ok)).toBe(true);
    const requests = requestsByRun().get(run) ?? [];
    expect(requests.map((request) => request.status)).toEqual([status, status, status]);
    for (let i = 1; i < requests.length; i += 1) {
      expect((requests[i]?.at ?? 0) - (requests[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(minWait);
    }
  }, 300_000);
});

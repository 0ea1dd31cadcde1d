// 200 sessions processed at once on one worker: every run completes, none is lost or stuck, and
// each has exactly one result document.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProfileInput } from '@ai-chef/contracts';
import { buildProfile } from '../support/factories.js';
import { call, eventually } from '../support/http.js';
import { startProcessStack, type ProcessStack } from '../support/process-stack.js';
import { clientRetries, newSession, startRun, withDatabase } from './run-watch.js';

const SESSIONS = 200;
const TARGETS: ProfileInput[] = [
  buildProfile({ target: 'general' }),
  buildProfile({ target: 'keto' }),
  buildProfile({ target: 'diet', allergies: ['milk'] }),
  buildProfile({ target: 'diabetes', servings: 3 }),
  buildProfile({ target: 'baby_food', babyAgeMonths: 10, servings: 1 }),
];

let stack: ProcessStack;

beforeAll(async () => {
  stack = await startProcessStack();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('200 sessions processed at once', () => {
  it('when 200 runs start together, then all 200 complete with one result each', async () => {
    const started = Date.now();
    const sessions = await Promise.all(Array.from({ length: SESSIONS }, () => newSession(stack.gatewayUrl)));
    const runs = await Promise.all(
      sessions.map(async (sessionId, i) => ({ sessionId, runId: await startRun(stack.gatewayUrl, sessionId, TARGETS[i % TARGETS.length] ?? {}) })),
    );
    const accepted = Date.now();

    // Waits until no run is left processing; the limit only turns a hang into a failure.
    const statuses = await eventually(
      async () => {
        const views = await Promise.all(
          runs.map(async ({ sessionId }) => (await call<{ status: string }>(stack.gatewayUrl, 'GET', `/session/${sessionId}/status`)).body.status),
        );
        return views.includes('processing') ? undefined : views;
      },
      { timeoutMs: 900_000, intervalMs: 1000, what: `${SESSIONS} runs to finish` },
    );
    const finished = Date.now();

    expect(new Set(runs.map((run) => run.runId)).size).toBe(SESSIONS);
    expect(statuses.filter((status) => status !== 'completed')).toEqual([]);
    const results = await withDatabase(stack.mongoUrl, stack.mongoDb, async (client) =>
      client
        .db(stack.mongoDb)
        .collection<{ _id: string }>('results')
        .find({}, { projection: { _id: 1 } })
        .toArray(),
    );
    expect(results.map((result) => result._id).sort()).toEqual(runs.map((run) => run.runId).sort());
    expect(stack.unexpectedExits()).toEqual([]);
    console.log(
      `${SESSIONS} concurrent runs: accepted in ${((accepted - started) / 1000).toFixed(1)} s, ` +
        `all completed ${((finished - started) / 1000).toFixed(1)} s after the first request; ` +
        `${clientRetries.busy} requests answered 503 (tried again after Retry-After), ` +
        `${clientRetries.startedByEarlierTry} of them had started the run anyway`,
    );
  }, 1_200_000);
});

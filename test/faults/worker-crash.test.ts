// A worker SIGKILLed in the middle of the price step, then a new one started: the run finishes on
// the new worker with one result, progress never goes back, and the model is asked at most once more.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { startNaverFake, type NaverFake } from '../fakes/naver-fake.js';
import { buildProfile } from '../support/factories.js';
import { eventually } from '../support/http.js';
import { startProcessStack, type ProcessStack } from '../support/process-stack.js';
import {
  newSession,
  pause,
  progressDrops,
  resultDocumentCount,
  resultOf,
  sampleStatus,
  settled,
  startRun,
  statusOf,
} from './run-watch.js';

let anthropic: AnthropicFake;
let naver: NaverFake;
let stack: ProcessStack;

beforeAll(async () => {
  anthropic = await startAnthropicFake({ apiKey: 'sk-ant-faults' });
  // Every search takes 1.5 s, two at a time: the price step lasts long enough to die in.
  naver = await startNaverFake({ behaviour: { latencyMs: 1500 } });
  stack = await startProcessStack({
    workerEnv: {
      ANTHROPIC_API_KEY: anthropic.apiKey,
      ANTHROPIC_BASE_URL: anthropic.url,
      NAVER_CLIENT_ID: naver.clientId,
      NAVER_CLIENT_SECRET: naver.clientSecret,
      NAVER_API_BASE_URL: naver.url,
      PRICE_CONCURRENCY: '2',
    },
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await naver?.close();
  await anthropic?.close();
});

describe('a worker killed during the price step', () => {
  it('when it is SIGKILLed and a new worker starts, then the run completes once, never going back', async () => {
    const sessionId = await newSession(stack.gatewayUrl);
    const sampler = sampleStatus(stack.gatewayUrl, sessionId, 50);
    const runId = await startRun(stack.gatewayUrl, sessionId, buildProfile({ target: 'general', servings: 2 }));

    await eventually(async () => ((await statusOf(stack.gatewayUrl, sessionId)).phase === 'price_lookup' ? true : undefined), {
      timeoutMs: 120_000,
      intervalMs: 50,
      what: 'the price step',
    });
    await eventually(async () => (naver.stats.inFlight > 0 ? true : undefined), { what: 'a search in flight', intervalMs: 20 });
    const modelCallsBeforeKill = anthropic.messageCount;
    const searchesBeforeKill = naver.stats.log.length;
    await stack.killWorker();
    const killedAt = performance.now();
    expect((await statusOf(stack.gatewayUrl, sessionId)).status).toBe('processing');

    await pause(1000);
    await stack.startWorker();
    const final = await settled(stack.gatewayUrl, sessionId);
    const samples = await sampler.stop();

    expect(final).toMatchObject({ status: 'completed', phase: 'finished', progress: 100 });
    const result = await resultOf(stack.gatewayUrl, sessionId);
    expect(result.runId).toBe(runId);
    expect(result.sources.prices).toBe('naver');
    expect(await resultDocumentCount(stack.mongoUrl, stack.mongoDb, { _id: runId })).toBe(1);
    expect(await resultDocumentCount(stack.mongoUrl, stack.mongoDb, { sessionId })).toBe(1);

    // The client watched the whole run: 10 → … → 100, with no step back across the crash.
    const answered = samples.filter((sample) => sample.httpStatus === 200);
    expect(samples.filter((sample) => sample.httpStatus !== 200)).toEqual([]);
    expect(progressDrops(samples)).toEqual([]);
    expect(answered.some((sample) => sample.progress === 60)).toBe(true);
    expect(answered.at(-1)?.progress).toBe(100);

    // The recipe was written before the crash; the retried price step does not ask the model again.
    expect(modelCallsBeforeKill).toBe(1);
    expect(anthropic.messageCount).toBeLessThanOrEqual(modelCallsBeforeKill + 1);
    // The price step really resumed on the new worker.
    expect(searchesBeforeKill).toBeGreaterThan(0);
    expect(naver.stats.log.filter((request) => request.at > killedAt).length).toBeGreaterThan(0);
    expect(stack.unexpectedExits()).toEqual([]);
    console.log(
      `worker crash: ${samples.length} status samples, ${anthropic.messageCount} model call(s), ` +
        `${searchesBeforeKill} searches before the kill and ${naver.stats.log.filter((r) => r.at > killedAt).length} after`,
    );
  }, 300_000);
});

// The Temporal dev server stopped (SIGTERM) in the middle of a run and started again on the same
// port and database file: the services reconnect by themselves and the run completes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startNaverFake, type NaverFake } from '../fakes/naver-fake.js';
import { buildProfile } from '../support/factories.js';
import { call, eventually } from '../support/http.js';
import { loadInfra, startProcessStack, type Infra, type ManagedProcess, type ProcessStack } from '../support/process-stack.js';
import { requiredEnv } from '../support/stack.js';
import { newSession, pause, progressDrops, resultDocumentCount, resultOf, sampleStatus, settled, startRun, statusOf } from './run-watch.js';

let infra: Infra;
let naver: NaverFake;
let stack: ProcessStack;
let temporal: ManagedProcess & { address: string };
let dir: string;
let port: number;

function startOwnTemporal(): Promise<ManagedProcess & { address: string }> {
  return infra.startTemporal({
    bin: requiredEnv('TEST_TEMPORAL_BIN'),
    port,
    dbFile: join(dir, 'temporal.db'),
    headless: true,
    logFile: join(dir, 'temporal.log'),
  });
}

beforeAll(async () => {
  infra = await loadInfra();
  dir = mkdtempSync(join(tmpdir(), 'ai-chef-temporal-restart-'));
  port = await infra.freePort();
  temporal = await startOwnTemporal();
  naver = await startNaverFake({ behaviour: { latencyMs: 1000 } });
  stack = await startProcessStack({
    temporalAddress: temporal.address,
    workerEnv: {
      NAVER_CLIENT_ID: naver.clientId,
      NAVER_CLIENT_SECRET: naver.clientSecret,
      NAVER_API_BASE_URL: naver.url,
      PRICE_CONCURRENCY: '2',
    },
  });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await naver?.close();
  await temporal?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the Temporal server restarted mid-run', () => {
  it('when it stops during the price step and comes back on the same port and file, then the run completes', async () => {
    const sessionId = await newSession(stack.gatewayUrl);
    const sampler = sampleStatus(stack.gatewayUrl, sessionId, 50);
    const runId = await startRun(stack.gatewayUrl, sessionId, buildProfile({ target: 'keto', servings: 2 }));
    await eventually(async () => ((await statusOf(stack.gatewayUrl, sessionId)).phase === 'price_lookup' ? true : undefined), {
      timeoutMs: 120_000,
      intervalMs: 50,
      what: 'the price step',
    });

    await temporal.stop();
    const down = await statusOf(stack.gatewayUrl, sessionId); // reads need MongoDB only
    // Routes that need Temporal say so: 503 with Retry-After, never 500; the session is unchanged.
    const idle = await newSession(stack.gatewayUrl);
    const [cancel, process] = await Promise.all([
      call(stack.gatewayUrl, 'POST', `/session/${sessionId}/cancel`),
      call(stack.gatewayUrl, 'POST', `/session/${idle}/process`, { profile: buildProfile() }),
    ]);
    const outage = [cancel, process].map((reply) => [reply.status, reply.headers.get('retry-after'), (reply.body as { error?: { code?: string } }).error?.code]);
    await pause(2000);
    temporal = await startOwnTemporal();

    const final = await settled(stack.gatewayUrl, sessionId);
    const samples = await sampler.stop();
    expect(down.status).toBe('processing');
    expect(outage).toEqual([
      [503, '5', 'service_unavailable'],
      [503, '5', 'service_unavailable'],
    ]);
    expect((await statusOf(stack.gatewayUrl, idle)).status).toBe('idle');
    expect(final).toMatchObject({ status: 'completed', phase: 'finished', progress: 100 });
    expect((await resultOf(stack.gatewayUrl, sessionId)).runId).toBe(runId);
    expect(await resultDocumentCount(stack.mongoUrl, stack.mongoDb, { _id: runId })).toBe(1);
    expect(progressDrops(samples)).toEqual([]);
    expect(samples.filter((sample) => sample.httpStatus !== 200)).toEqual([]);
    expect(stack.unexpectedExits()).toEqual([]);

    // And the restarted server takes new runs.
    const next = await newSession(stack.gatewayUrl);
    await startRun(stack.gatewayUrl, next, buildProfile({ target: 'general' }));
    expect((await settled(stack.gatewayUrl, next)).status).toBe('completed');
    console.log(`temporal restart: ${samples.length} status samples, all 200, progress monotonic`);
  }, 300_000);
});

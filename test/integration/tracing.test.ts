import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { SessionStatusView } from '@ai-chef/contracts';
import { startProcessStack, type ProcessStack } from '../support/process-stack.js';
import { call, eventually } from '../support/http.js';
import { buildProfile } from '../support/factories.js';
import { renderTree, startOtlpCollector, type CollectedSpan, type OtlpCollector } from '../support/otlp-collector.js';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { startNaverFake, type NaverFake } from '../fakes/naver-fake.js';

// README, Configuration: with OTEL_EXPORTER_OTLP_ENDPOINT set, one request is one trace through every hop. The
// three services run as processes from their build (as deployed) and export over OTLP to a
// collector this test holds in memory; the model and the shop are the local fakes.

let collector: OtlpCollector;
let anthropic: AnthropicFake;
let naver: NaverFake;
let stack: ProcessStack;
let sdkMetricsAddress: string;

async function freeAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

beforeAll(async () => {
  collector = await startOtlpCollector();
  anthropic = await startAnthropicFake();
  naver = await startNaverFake();
  sdkMetricsAddress = await freeAddress();
  stack = await startProcessStack({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      LOG_LEVEL: 'info',
    },
    workerEnv: {
      TEMPORAL_METRICS_ADDRESS: sdkMetricsAddress,
      ANTHROPIC_API_KEY: anthropic.apiKey,
      ANTHROPIC_BASE_URL: anthropic.url,
      NAVER_CLIENT_ID: naver.clientId,
      NAVER_CLIENT_SECRET: naver.clientSecret,
      NAVER_API_BASE_URL: naver.url,
    },
  });
});
afterAll(async () => {
  await stack?.stop();
  await Promise.all([collector?.close(), anthropic?.close(), naver?.close()]);
});

function logLines(service: string): Record<string, unknown>[] {
  return readdirSync(stack.logDir)
    .filter((file) => file.startsWith(`${service}-`))
    .flatMap((file) => readFileSync(join(stack.logDir, file), 'utf8').split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

it('when a run is processed, then one trace goes from the gateway through the session service, the workflow and each activity to the model, the shop and the database', async () => {
  const { body: session } = await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', '/session/start');
  const accepted = await call(stack.gatewayUrl, 'POST', `/session/${session.sessionId}/process`, { profile: buildProfile({ target: 'keto' }) }, {
    'x-request-id': 'req-trace-check-0001',
  });
  expect(accepted.status).toBe(202);
  await eventually(async () => {
    const status = await call<SessionStatusView>(stack.gatewayUrl, 'GET', `/session/${session.sessionId}/status`);
    return status.body.status === 'completed' ? true : undefined;
  });

  const root = await eventually(async () =>
    collector.spans.find((span) => span.service === 'ai-chef-gateway' && span.name === 'POST /session/:id/process'),
  );
  const expected = [
    ['ai-chef-session', 'POST /internal/sessions/:id/process'],
    ['ai-chef-session', 'StartWorkflow:recipeWorkflow'],
    ['ai-chef-worker', 'RunWorkflow:recipeWorkflow'],
    ['ai-chef-worker', 'RunActivity:generateRecipe'],
    ['ai-chef-worker', 'RunActivity:fetchPrices'],
    ['ai-chef-worker', 'RunActivity:combineResults'],
    ['ai-chef-session', 'PUT /internal/sessions/:id/run/result'],
  ] as const;
  const trace = await eventually(async () => {
    const spans = collector.spans.filter((span) => span.traceId === root.traceId);
    const complete = expected.every(([service, name]) => spans.some((span) => span.service === service && span.name === name));
    // The session service's write of the result, and its database call, are the last to be exported.
    return complete && spans.some((span) => span.name.startsWith('mongodb.insert')) ? spans : undefined;
  }, { what: 'the whole trace', timeoutMs: 30_000 });
  console.log(`one run, ${trace.length} spans:\n${renderTree(trace)}`);
  // The worker's SDK metrics that the alerts and the dashboard use (monitoring/) are served.
  const sdkMetrics = await (await fetch(`http://${sdkMetricsAddress}/metrics`)).text();
  for (const name of [
    'temporal_workflow_completed',
    'temporal_worker_task_slots_available',
    'temporal_worker_task_slots_used',
    'temporal_workflow_task_schedule_to_start_latency_bucket',
    'temporal_activity_schedule_to_start_latency_bucket',
    'temporal_activity_execution_latency_bucket',
  ]) {
    expect(sdkMetrics).toMatch(new RegExp(`^${name}\\{`, 'm'));
  }

  const byId = new Map(trace.map((span) => [span.spanId, span]));
  const ancestors = (span: CollectedSpan): string[] => {
    const names: string[] = [];
    for (let parent = span.parentSpanId && byId.get(span.parentSpanId); parent; parent = parent.parentSpanId && byId.get(parent.parentSpanId)) {
      names.push(parent.name);
    }
    return names;
  };
  const one = (service: string, name: string) => {
    const span = trace.find((candidate) => candidate.service === service && candidate.name === name);
    if (!span) throw new Error(`no ${name} span from ${service}`);
    return span;
  };

  // Every hop hangs from the gateway's request, unbroken.
  expect(root.parentSpanId).toBeUndefined();
  for (const activity of ['generateRecipe', 'fetchPrices', 'combineResults']) {
    expect(ancestors(one('ai-chef-worker', `RunActivity:${activity}`))).toEqual(
      expect.arrayContaining([`StartActivity:${activity}`, 'RunWorkflow:recipeWorkflow', 'StartWorkflow:recipeWorkflow', 'POST /session/:id/process']),
    );
  }
  expect(ancestors(one('ai-chef-session', 'PUT /internal/sessions/:id/run/result'))).toContain('RunActivity:combineResults');
  // The model's call and the shop's searches are client spans of the worker, inside the recipe or price step.
  const outgoing = (port: string) =>
    trace.filter((span) => span.service === 'ai-chef-worker' && span.kind === 3 && JSON.stringify(span.attributes).includes(`:${port}`));
  const model = outgoing(new URL(anthropic.url).port);
  const shop = outgoing(new URL(naver.url).port);
  expect(model.length).toBeGreaterThanOrEqual(1);
  expect(shop.length).toBeGreaterThanOrEqual(1);
  for (const span of [...model, ...shop]) expect(ancestors(span)).toContain('RunWorkflow:recipeWorkflow');
  // The writes reach MongoDB inside the session service's request spans.
  const writes = trace.filter((span) => span.service === 'ai-chef-session' && span.name.startsWith('mongodb.'));
  expect(writes.length).toBeGreaterThan(0);

  // Logs carry the trace: the session service's line for the result write names the trace, the
  // request that started the run, and which activity attempt of which run wrote it.
  const resultWrite = await eventually(async () =>
    logLines('session').find((line) => (line.req as { url?: string } | undefined)?.url?.endsWith('/run/result')),
  );
  expect(resultWrite).toMatchObject({
    trace_id: root.traceId,
    req: { id: 'req-trace-check-0001', method: 'PUT' },
    res: { statusCode: 204 },
    runId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    activity: 'combineResults',
    attempt: 1,
  });
  expect(resultWrite.req).not.toHaveProperty('headers');
  // Temporal core's own lines (Rust) come through the SDK's logger as JSON too: no bare or coloured text.
  const workerOutput = readdirSync(stack.logDir)
    .filter((file) => file.startsWith('worker-'))
    .flatMap((file) => readFileSync(join(stack.logDir, file), 'utf8').split('\n'))
    .filter((line) => line.trim().length > 0);
  expect(workerOutput.filter((line) => !line.startsWith('{'))).toEqual([]);
  expect(logLines('worker').some((line) => line.service === 'worker-sdk')).toBe(true);
  expect(resultWrite.res).not.toHaveProperty('headers');
});

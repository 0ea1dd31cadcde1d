import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionStatusView } from '@ai-chef/contracts';
import { startStack, type TestStack } from '../support/stack.js';
import { call, eventually } from '../support/http.js';
import { buildProfile } from '../support/factories.js';
import { metricValue } from '../support/metrics.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const gatewayMain = fileURLToPath(new URL('../../services/gateway/dist/main.js', import.meta.url));

async function metricsOf(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

/** Runs the built gateway as a process; resolves with its output once `until` appears or it exits. */
function runGateway(
  env: Record<string, string>,
  until?: RegExp,
): Promise<{ code: number | null; readonly output: string; stop(): void; exited: Promise<number | null> }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [gatewayMain], { env: { PATH: process.env.PATH ?? '', ...env } });
    let output = '';
    const stop = () => child.kill('SIGTERM');
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) resolve({ code: null, get output() { return output; }, stop, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => resolve({ code, output, stop, exited }));
  });
}

describe('metrics', () => {
  it('when a keto run completes, then runs, activities and recipe sources are counted', async () => {
    const { body } = await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', '/session/start');
    await call(stack.gatewayUrl, 'POST', `/session/${body.sessionId}/process`, { profile: buildProfile({ target: 'keto' }) });
    await eventually(async () => {
      const status = await call<SessionStatusView>(stack.gatewayUrl, 'GET', `/session/${body.sessionId}/status`);
      return status.body.status === 'completed' ? true : undefined;
    });

    const session = await metricsOf(stack.sessionUrl);
    expect(metricValue(session, 'ai_chef_runs_started_total', { target: 'keto' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(session, 'ai_chef_runs_ended_total', { target: 'keto', status: 'completed' })).toBeGreaterThanOrEqual(1);
    const worker = await metricsOf(stack.worker.url);
    for (const activity of ['generateRecipe', 'fetchPrices', 'combineResults']) {
      expect(metricValue(worker, 'ai_chef_activity_duration_seconds_count', { activity, outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    }
    expect(metricValue(worker, 'ai_chef_recipes_total', { source: 'offline' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(worker, 'ai_chef_price_lookups_total', { source: 'estimate', reason: 'no_client' })).toBeGreaterThanOrEqual(1);
    const gateway = await metricsOf(stack.gatewayUrl);
    expect(
      metricValue(gateway, 'http_request_duration_seconds_count', { method: 'POST', route: '/session/:id/process', status: '202' }),
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('route labels', () => {
  it('when requests to one route end in 202, 400, 409, 413 and 415, then every one is counted under the same route template', async () => {
    const { body } = await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', `/session/start`);
    const path = `/session/${body.sessionId}/process`;
    const profile = { profile: buildProfile({ target: 'keto' }) };
    expect((await call(stack.gatewayUrl, 'POST', path, profile)).status).toBe(202);
    expect((await call(stack.gatewayUrl, 'POST', path, profile)).status).toBe(409);
    expect((await call(stack.gatewayUrl, 'POST', path, '{"profile":', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await call(stack.gatewayUrl, 'POST', path, 'profile=keto', { 'content-type': 'text/plain' })).status).toBe(415);
    const big = JSON.stringify({ profile: { target: 'x'.repeat(2 * 1024 * 1024) } });
    expect((await call(stack.gatewayUrl, 'POST', path, big)).status).toBe(413);

    const gateway = await metricsOf(stack.gatewayUrl);
    for (const status of ['202', '409', '400', '415', '413']) {
      expect(metricValue(gateway, 'http_request_duration_seconds_count', { method: 'POST', route: '/session/:id/process', status })).toBeGreaterThanOrEqual(1);
    }
    expect(gateway).not.toMatch(/route="\/:id\/process"/);
    const session = await metricsOf(stack.sessionUrl);
    expect(metricValue(session, 'http_request_duration_seconds_count', { method: 'POST', route: '/internal/sessions/:id/process', status: '409' })).toBeGreaterThanOrEqual(1);
  });
});

/** A gateway process of this stack: its session service, token and database. */
const edgeEnv = (): Record<string, string> => ({
  PORT: '0',
  SESSION_SERVICE_URL: stack.sessionUrl,
  INTERNAL_TOKEN: stack.internalToken,
  MONGO_URL: stack.mongoUrl,
  MONGO_DB: stack.mongoDb,
});

describe('request ids and logs', () => {
  it('when a caller sends X-Request-Id, then it comes back; a malformed one is replaced', async () => {
    const kept = await call(stack.gatewayUrl, 'GET', '/healthz', undefined, { 'x-request-id': 'req-12345678' });
    expect(kept.headers.get('x-request-id')).toBe('req-12345678');
    const replaced = await call(stack.gatewayUrl, 'GET', '/healthz', undefined, { 'x-request-id': 'bad id!' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when a request carries the admin token, then the JSON log line has the request and session ids but never the token', async () => {
    const token = 'admin-token-that-must-not-leak-0123';
    const gateway = await runGateway(
      { ...edgeEnv(), ADMIN_TOKEN: token, LOG_LEVEL: 'info' },
      /gateway listening/,
    );
    try {
      const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(gateway.output)?.[1];
      if (!url) throw new Error(`no URL in gateway output: ${gateway.output}`);
      const { body } = await call<{ sessionId: string }>(url, 'POST', '/session/start');
      await call(url, 'GET', `/session/${body.sessionId}/status`, undefined, { 'x-request-id': 'req-log-check-1' });
      await call(url, 'GET', '/admin/session-stats', undefined, { authorization: `Bearer ${token}` });
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      gateway.stop();
    }
    const lines = gateway.output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const statusLine = lines.find((line) => (line.req as { id?: string } | undefined)?.id === 'req-log-check-1');
    expect(statusLine).toMatchObject({ service: 'gateway', sessionId: expect.stringMatching(/^sess-/), workflowId: expect.stringMatching(/^sess-/) });
    expect(gateway.output).not.toContain(token);
    // Request lines are trimmed: no request or response headers (they were most of each line).
    for (const line of lines.filter((l) => l.req)) {
      expect(line.req).not.toHaveProperty('headers');
      expect(line.res).not.toHaveProperty('headers');
    }
    expect(Math.max(...lines.filter((l) => l.req).map((l) => JSON.stringify(l).length))).toBeLessThan(600);
  });

  it('when a setting is invalid, then the process stops with a message naming it', async () => {
    const result = await runGateway({ PORT: 'not-a-port', RATE_LIMIT_PER_MINUTE: '-1' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('PORT');
    expect(result.output).toContain('RATE_LIMIT_PER_MINUTE');
  });
});

describe('graceful shutdown', () => {
  it('when the gateway gets SIGTERM, then readiness turns false while it drains, then it exits cleanly', async () => {
    const gateway = await runGateway({ ...edgeEnv(), LOG_LEVEL: 'info' }, /gateway listening/);
    const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(gateway.output)?.[1];
    if (!url) throw new Error(`no URL in gateway output: ${gateway.output}`);
    expect((await call(url, 'GET', '/readyz')).status).toBe(200);
    gateway.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const draining = await call(url, 'GET', '/readyz');
    expect(draining.status).toBe(503);
    expect(draining.body).toMatchObject({ status: 'draining' });
    expect(draining.headers.get('retry-after')).toBe('5');
    await expect(gateway.exited).resolves.toBe(0);
    expect(gateway.output).toContain('gateway stopped');
  });
});

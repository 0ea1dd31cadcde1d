import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionStatusView } from '@ai-chef/contracts';
import { startGateway } from '@ai-chef/gateway';
import { startStack, type TestStack } from '../support/stack.js';
import { call } from '../support/http.js';
import { readEvents, type SseMessage } from '../support/sse.js';
import { metricValue } from '../support/metrics.js';
import { buildProfile } from '../support/factories.js';

let stack: TestStack;

beforeAll(async () => {
  // A short maximum age, so the test of it does not wait the default 300 s.
  stack = await startStack({ STREAM_MAX_SECONDS: '5' });
});
afterAll(async () => {
  await stack?.stop();
});

/** A stream that is read as it goes and can be dropped. */
function openStream(url: string): { events: SseMessage[]; status: Promise<number>; ended: Promise<void>; close(): void } {
  const controller = new AbortController();
  const events: SseMessage[] = [];
  let status: (code: number) => void = () => undefined;
  const statusPromise = new Promise<number>((resolve) => (status = resolve));
  const ended = (async () => {
    try {
      const response = await fetch(url, { signal: controller.signal });
      status(response.status);
      if (!response.body) return;
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) continue;
          events.push({ event: /^event: (.*)$/m.exec(block)?.[1] ?? 'message', data: /^data: (.*)$/m.exec(block)?.[1] ?? '' });
        }
      }
    } catch {
      // Dropped by the test.
    }
  })();
  return { events, status: statusPromise, ended, close: () => controller.abort() };
}

async function statusReadsOfSessionService(): Promise<number> {
  const text = await (await fetch(`${stack.sessionUrl}/metrics`)).text();
  return metricValue(text, 'http_request_duration_seconds_count', { route: '/internal/sessions/:id/status', status: '200' }) ?? 0;
}

describe('GET /session/:id/stream', () => {
  it('when a run goes on, then it sends the state at once, one event per change, and closes when completed', async () => {
    const { body } = await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', '/session/start');
    const id = body.sessionId;
    const streaming = readEvents(`${stack.gatewayUrl}/session/${id}/stream`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await call(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile: buildProfile({ target: 'keto' }) });
    const stream = await streaming;

    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const views = stream.events.map((event) => {
      expect(event.event).toBe('progress');
      return JSON.parse(event.data) as SessionStatusView;
    });
    expect(views[0]).toMatchObject({ sessionId: id, status: 'idle', progress: 0 });
    expect(views.at(-1)).toMatchObject({ status: 'completed', phase: 'finished', progress: 100 });
    const running = views.filter((view) => view.status === 'processing').map((view) => view.progress);
    expect(running).toEqual([...running].sort((a, b) => a - b));
    for (let i = 1; i < views.length; i++) expect(views[i]).not.toEqual(views[i - 1]);
  });

  it('when the session is already terminal, then it sends one event and closes', async () => {
    const { body } = await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', '/session/start');
    const id = body.sessionId;
    await call(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile: buildProfile({ target: 'general' }) });
    for (;;) {
      const status = await call<SessionStatusView>(stack.gatewayUrl, 'GET', `/session/${id}/status`);
      if (status.body.status !== 'processing') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stream = await readEvents(`${stack.gatewayUrl}/session/${id}/stream`);
    expect(stream.events).toHaveLength(1);
    expect(JSON.parse(stream.events[0]?.data ?? '{}')).toMatchObject({ status: 'completed' });
  });

  it('when the id is unknown, then 404 in the error shape and no stream', async () => {
    const reply = await call(stack.gatewayUrl, 'GET', `/session/sess-${Date.now()}-BBBBBBBBBBBBBBBBBBBBBB/stream`);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ error: { code: 'session_not_found' } });
  });

  it('when a fourth stream opens on one session, then 429 too_many_streams; the three share one watcher', async () => {
    const { body } = await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', '/session/start');
    const url = `${stack.gatewayUrl}/session/${body.sessionId}/stream`;
    const before = await statusReadsOfSessionService();
    const streams = [openStream(url), openStream(url), openStream(url)];
    expect(await Promise.all(streams.map((stream) => stream.status))).toEqual([200, 200, 200]);
    const fourth = await call<{ error: { code: string } }>(stack.gatewayUrl, 'GET', `/session/${body.sessionId}/stream`);
    expect([fourth.status, fourth.body.error.code]).toEqual([429, 'too_many_streams']);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    const watchedFrom = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const reads = (await statusReadsOfSessionService()) - before;
    const watchedSeconds = (Date.now() - watchedFrom) / 1000;
    for (const stream of streams) stream.close();
    // One watcher polls every 250 ms: about 4 reads a second, plus each stream's first read; three would be 12.
    expect(reads).toBeLessThanOrEqual(3 + 5 * (watchedSeconds + 1));
    // A slot is free again once a stream is dropped.
    await Promise.all(streams.map((stream) => stream.ended));
    const again = openStream(url);
    expect(await again.status).toBe(200);
    again.close();
  });

  it('when a stream reaches STREAM_MAX_SECONDS (5 here), then it sends end {reason: max_age} and closes', async () => {
    const { body } = await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', '/session/start');
    const opened = Date.now();
    const stream = await readEvents(`${stack.gatewayUrl}/session/${body.sessionId}/stream`);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(4_500);
    expect(stream.events.map((event) => event.event)).toEqual(['progress', 'end']);
    expect(JSON.parse(stream.events[1]?.data ?? '{}')).toEqual({ reason: 'max_age' });
  }, 30_000);

  it('when the session has no run in progress, then the stream ends 30 s after it opened with end {reason: idle}', async () => {
    // A gateway with the default maximum age (300 s): the idle rule ends the stream first.
    const gateway = await startGateway({
      PORT: '0',
      SESSION_SERVICE_URL: stack.sessionUrl,
      INTERNAL_TOKEN: stack.internalToken,
      RATE_LIMIT_PER_MINUTE: '0',
      PROCESS_RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'silent',
    });
    try {
      const { body } = await call<{ sessionId: string }>(gateway.url, 'POST', '/session/start');
      const opened = Date.now();
      const stream = await readEvents(`${gateway.url}/session/${body.sessionId}/stream`);
      expect(Date.now() - opened).toBeGreaterThanOrEqual(29_000);
      expect(stream.events.map((event) => event.event)).toEqual(['progress', 'end']);
      expect(JSON.parse(stream.events[1]?.data ?? '{}')).toEqual({ reason: 'idle' });
    } finally {
      await gateway.stop();
    }
  }, 60_000);
});

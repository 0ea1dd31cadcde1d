import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionStatusView } from '@ai-chef/contracts';
import { startStack, type TestStack } from '../support/stack.js';
import { call } from '../support/http.js';
import { readEvents } from '../support/sse.js';
import { buildProfile } from '../support/factories.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

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
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ResultDocument, SessionStatusView } from '@ai-chef/contracts';
import { gzipSync } from 'node:zlib';
import { MongoClient } from 'mongodb';
import { Client, Connection } from '@temporalio/client';
import { startStack, type TestStack } from '../support/stack.js';
import { call, eventually } from '../support/http.js';
import { NO_KETO_POSSIBLE, buildProfile } from '../support/factories.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function newSession(): Promise<string> {
  const reply = await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', '/session/start');
  expect(reply.status).toBe(201);
  return reply.body.sessionId;
}

async function settled(sessionId: string): Promise<SessionStatusView> {
  return eventually(
    async () => {
      const { body } = await call<SessionStatusView>(stack.gatewayUrl, 'GET', `/session/${sessionId}/status`);
      return body.status === 'processing' ? undefined : body;
    },
    { what: `session ${sessionId} to settle` },
  );
}

describe('session lifecycle', () => {
  it('when a session starts, then it is idle with a 2 h expiry and an unguessable id', async () => {
    const reply = await call<Record<string, string>>(stack.gatewayUrl, 'POST', '/session/start');
    expect(reply.status).toBe(201);
    expect(reply.body.sessionId).toMatch(/^sess-\d{13}-[A-Za-z0-9_-]{22}$/);
    expect(reply.body.status).toBe('idle');
    const lifetime = Date.parse(reply.body.expiresAt as string) - Date.parse(reply.body.createdAt as string);
    expect(lifetime).toBe(7200 * 1000);

    const view = await call<Record<string, unknown>>(stack.gatewayUrl, 'GET', `/session/${reply.body.sessionId}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'idle', phase: null, progress: 0 });
  });

  it('when a session is extended, then expiresAt becomes now + 24 h and never shrinks', async () => {
    const id = await newSession();
    const before = Date.now();
    const first = await call<{ expiresAt: string }>(stack.gatewayUrl, 'POST', `/session/${id}/extend`);
    expect(first.status).toBe(200);
    expect(Date.parse(first.body.expiresAt)).toBeGreaterThanOrEqual(before + 86400 * 1000 - 1000);
    const second = await call<{ expiresAt: string }>(stack.gatewayUrl, 'POST', `/session/${id}/extend`);
    expect(Date.parse(second.body.expiresAt)).toBeGreaterThanOrEqual(Date.parse(first.body.expiresAt));
  });

  it('when the id is malformed or unknown, then both get the same 404', async () => {
    const malformed = await call(stack.gatewayUrl, 'GET', '/session/not-an-id/status');
    const unknown = await call(stack.gatewayUrl, 'GET', `/session/sess-${Date.now()}-AAAAAAAAAAAAAAAAAAAAAA/status`);
    expect(malformed.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(malformed.body).toEqual(unknown.body);
    expect(malformed.body).toEqual({ error: { code: 'session_not_found', message: expect.any(String) } });
  });
});

describe.each([
  ['keto', buildProfile({ target: 'keto', servings: 2 })],
  ['diabetes', buildProfile({ target: 'diabetes', servings: 3, allergies: ['milk'] })],
  ['baby_food', buildProfile({ target: 'baby_food', babyAgeMonths: 8, servings: 1 })],
])('a %s run', (target, profile) => {
  it('when processed, then it completes with a result that honours the target', async () => {
    const id = await newSession();
    const accepted = await call<Record<string, string>>(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ sessionId: id, workflowId: id, status: 'processing' });
    expect(accepted.body.runId).toEqual(expect.any(String));

    const final = await settled(id);
    expect(final).toMatchObject({ status: 'completed', phase: 'finished', progress: 100 });

    const result = await call<ResultDocument>(stack.gatewayUrl, 'GET', `/session/${id}/result`);
    expect(result.status).toBe(200);
    const doc = result.body;
    expect(doc.runId).toBe(accepted.body.runId);
    expect(doc.profile.target).toBe(target);
    expect(doc.recipe.ingredients.length).toBeGreaterThan(0);
    expect(doc.nutrition.checks.length).toBeGreaterThan(0);
    expect(doc.nutrition.checks.every((check) => check.ok)).toBe(true);
    expect(doc.sources).toEqual({ recipe: 'offline', prices: 'estimate' });
    expect(doc.summary.totalCost).toBe(doc.pricing.totalEstimatedCost);
    expect(doc.summary.costPerServing).toBe(Math.round(doc.summary.totalCost / doc.recipe.servings));
    expect(doc.pricing.items).toHaveLength(doc.recipe.ingredients.length);
  });
});

describe('processing rules', () => {
  it('when a run is in progress, then a second process gets 409 already_processing', async () => {
    const id = await newSession();
    const profile = buildProfile({ target: 'diet' });
    const [first, second] = await Promise.all([
      call(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile }),
      call(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile }),
    ]);
    expect([first.status, second.status].sort()).toEqual([202, 409]);
    const conflict = first.status === 409 ? first : second;
    expect(conflict.body).toEqual({ error: { code: 'already_processing', message: expect.any(String) } });
    await settled(id);
  });

  it('when a run ended, then the session may process again and gets a new run id', async () => {
    const id = await newSession();
    const profile = buildProfile({ target: 'general' });
    const first = await call<{ runId: string }>(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile });
    await settled(id);
    const second = await call<{ runId: string }>(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile });
    expect(second.status).toBe(202);
    expect(second.body.runId).not.toBe(first.body.runId);
    await settled(id);
    const result = await call<ResultDocument>(stack.gatewayUrl, 'GET', `/session/${id}/result`);
    expect(result.body.runId).toBe(second.body.runId);
  });

  it('when the session is processed again the moment each run ends, 20 times in a row, then every process is 202', async () => {
    // The session shows the end as soon as the run reports it, a moment before the workflow closes:
    // a process in that moment must start the next run, not meet 409 (docs/contract.md, Sessions and runs: "thet once").
    const id = await newSession();
    const profile = buildProfile({ target: 'general' });
    const runIds = new Set<string>();
    for (let round = 0; round < 20; round += 1) {
      const reply = await call<{ runId: string; error?: unknown }>(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile });
      expect([round, reply.status, reply.body.error]).toEqual([round, 202, undefined]);
      runIds.add(reply.body.runId);
      await eventually(
        async () => {
          const { body } = await call<SessionStatusView>(stack.gatewayUrl, 'GET', `/session/${id}/status`);
          return body.status === 'processing' ? undefined : body;
        },
        { intervalMs: 5, what: `run ${round} to end` },
      );
    }
    expect(runIds.size).toBe(20);
  });

  it('when no recipe can satisfy the profile, then the run fails with a public error and keeps its progress', async () => {
    const id = await newSession();
    const profile = buildProfile({
      target: 'keto',
      allergies: NO_KETO_POSSIBLE,
    });
    await call(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile });
    const final = await settled(id);
    expect(final.status).toBe('failed');
    expect(final.phase).toBe('recipe_failed');
    expect(final.progress).toBe(10);
    expect(final.error).toEqual({ code: 'no_recipe_possible', message: expect.any(String) });
    const result = await call(stack.gatewayUrl, 'GET', `/session/${id}/result`);
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ error: { code: 'result_not_found', details: [{ status: 'failed' }] } });
  });

  it('when nothing runs, then cancel answers 409 not_processing and result 404 result_not_found', async () => {
    const id = await newSession();
    const cancel = await call(stack.gatewayUrl, 'POST', `/session/${id}/cancel`);
    expect(cancel.status).toBe(409);
    expect(cancel.body).toMatchObject({ error: { code: 'not_processing' } });
    const result = await call(stack.gatewayUrl, 'GET', `/session/${id}/result`);
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ error: { code: 'result_not_found', details: [{ status: 'idle' }] } });
  });

  it('when the profile has an unknown field, a string number or an unknown allergen, then 400 in the error shape', async () => {
    const id = await newSession();
    const cases: [unknown, string][] = [
      [{ profile: { target: 'keto', colour: 'red' } }, 'validation_error'],
      [{ profile: { target: 'keto', servings: '2' } }, 'validation_error'],
      [{ profile: { target: 'baby_food' } }, 'validation_error'],
      [{ profile: { allergies: ['dragonfruit-dust'] } }, 'unknown_allergen'],
      [{ profile: { target: 'fridge' } }, 'fridge_empty'],
      [{ profile: { $where: '1' } }, 'invalid_key'],
    ];
    for (const [body, code] of cases) {
      const reply = await call<{ error: { code: string } }>(stack.gatewayUrl, 'POST', `/session/${id}/process`, body);
      expect([reply.status, reply.body.error.code]).toEqual([400, code]);
    }
    const status = await call<SessionStatusView>(stack.gatewayUrl, 'GET', `/session/${id}/status`);
    expect(status.body.status).toBe('idle');
  });
});

describe('forget me: DELETE /session/:id', () => {
  it('when a session with a fridge and a result is deleted, then 204 and every read of it is 404, its data gone', async () => {
    const id = await newSession();
    expect((await call(stack.gatewayUrl, 'POST', `/session/${id}/fridge`, { ingredients: ['onion'] })).status).toBe(200);
    await call(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile: buildProfile({ healthConditions: ['고혈압'] }) });
    expect((await settled(id)).status).toBe('completed');

    const deleted = await call(stack.gatewayUrl, 'DELETE', `/session/${id}`);
    expect(deleted.status).toBe(204);
    for (const path of ['', '/status', '/result', '/fridge']) {
      const reply = await call(stack.gatewayUrl, 'GET', `/session/${id}${path}`);
      expect([path, reply.status]).toEqual([path, 404]);
    }
    const client = await MongoClient.connect(stack.mongoUrl);
    try {
      const db = client.db(stack.mongoDb);
      const left = await Promise.all(
        ['sessions', 'results', 'fridge_items'].map((name) => db.collection(name).countDocuments({ $or: [{ _id: id as never }, { sessionId: id }] })),
      );
      expect(left).toEqual([0, 0, 0]);
    } finally {
      await client.close();
    }
    expect((await call(stack.gatewayUrl, 'DELETE', `/session/${id}`)).status).toBe(404);
  });

  it('when a session is deleted while its run goes on, then the run is stopped and no result of it is kept', async () => {
    const id = await newSession();
    await call(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile: buildProfile() });
    expect((await call(stack.gatewayUrl, 'DELETE', `/session/${id}`)).status).toBe(204);
    const client = await MongoClient.connect(stack.mongoUrl);
    const temporal = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
    try {
      // The run's workflow closes: cancelled, or failed at its next write to the gone session.
      const closed = await eventually(
        async () => {
          const { status } = await temporal.workflow.getHandle(id).describe();
          return status.name === 'RUNNING' ? undefined : status.name;
        },
        { what: 'the run of the deleted session to close' },
      );
      expect(['CANCELLED', 'FAILED']).toContain(closed);
      expect(await client.db(stack.mongoDb).collection('results').countDocuments({ sessionId: id })).toBe(0);
      expect(await client.db(stack.mongoDb).collection('sessions').countDocuments({ _id: id as never })).toBe(0);
    } finally {
      await client.close();
      await temporal.connection.close();
    }
  });
});

describe('the HTTP edge', () => {
  it('when a body is compressed, nested deeper than 32, or over its route\'s 16 KiB, then 415, 400 and 413 before any parsing', async () => {
    const id = await newSession();
    const gzip = await fetch(`${stack.gatewayUrl}/session/${id}/process`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ profile: buildProfile() })),
    });
    expect([gzip.status, ((await gzip.json()) as { error: { code: string } }).error.code]).toEqual([415, 'unsupported_encoding']);
    const deep = await call<{ error: { code: string } }>(stack.gatewayUrl, 'POST', `/session/${id}/process`, `${'['.repeat(33)}${']'.repeat(33)}`);
    expect([deep.status, deep.body.error.code]).toEqual([400, 'too_deep']);
    const fits = await call<{ error: { code: string } }>(stack.gatewayUrl, 'POST', `/session/${id}/process`, `${'['.repeat(32)}${']'.repeat(32)}`);
    expect(fits.body.error.code).not.toBe('too_deep');
    const large = await call(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile: { healthConditions: ['x'.repeat(17 * 1024)] } });
    expect(large.status).toBe(413);
    const events = await call(stack.gatewayUrl, 'POST', '/events', { events: [{ properties: { note: 'x'.repeat(20 * 1024) } }] });
    expect(events.status).not.toBe(413); // 256 KiB for events
  });

  it("when a response carries a session's data, then it says Cache-Control: no-store", async () => {
    const id = await newSession();
    for (const path of ['', '/status', '/result', '/fridge']) {
      const reply = await call(stack.gatewayUrl, 'GET', `/session/${id}${path}`);
      expect([path, reply.headers.get('cache-control')]).toEqual([path, 'no-store']);
    }
  });

  it('when the body is not JSON, then 415; when it is too large, then 413', async () => {
    const id = await newSession();
    const text = await call(stack.gatewayUrl, 'POST', `/session/${id}/process`, 'profile=keto', {
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const big = await call(stack.gatewayUrl, 'POST', `/session/${id}/process`, { profile: { dislikes: ['x'.repeat(2 * 1024 * 1024)] } });
    expect(big.status).toBe(413);
  });

  it('when the gateway answers, then it carries security headers and a request id', async () => {
    const reply = await call(stack.gatewayUrl, 'GET', '/healthz');
    expect(reply.headers.get('x-powered-by')).toBeNull();
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('x-request-id')).toEqual(expect.any(String));
  });

  it('when everything is up, then readyz reports MongoDB and Temporal ready', async () => {
    const reply = await call(stack.gatewayUrl, 'GET', '/readyz');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'ready', checks: { mongo: true, temporal: true } });
  });
});

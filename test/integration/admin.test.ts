import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnalyticsSummary, EventAccepted, SessionStats, VisitorSessionView } from '@ai-chef/contracts';
import { startGateway, type RunningGateway } from '@ai-chef/gateway';
import { startSessionService, type RunningSessionService } from '@ai-chef/session';
import { requiredEnv } from '../support/stack.js';
import { call } from '../support/http.js';

// A clock the tests move: sessions expire and hours pass without waiting.
let nowMs = Date.now();
const advance = (ms: number): void => {
  nowMs += ms;
};

const ADMIN_TOKEN = randomBytes(24).toString('base64url');
const INTERNAL_TOKEN = randomBytes(24).toString('base64url');
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
let session: RunningSessionService;
let gateway: RunningGateway;
let closed: RunningGateway; // a gateway without ADMIN_TOKEN

beforeAll(async () => {
  session = await startSessionService(
    {
      MONGO_URL: requiredEnv('TEST_MONGO_URL'),
      MONGO_DB: `test_admin_${randomBytes(4).toString('hex')}`,
      TEMPORAL_ADDRESS: requiredEnv('TEST_TEMPORAL_ADDRESS'),
      LOG_LEVEL: 'silent',
      PORT: '0',
      INTERNAL_TOKEN,
    },
    { now: () => new Date(nowMs) },
  );
  const edge = {
    SESSION_SERVICE_URL: session.url,
    INTERNAL_TOKEN,
    PROCESS_RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    PORT: '0',
  };
  gateway = await startGateway({ ...edge, ADMIN_TOKEN });
  closed = await startGateway(edge);
});
afterAll(async () => {
  await closed?.stop();
  await gateway?.stop();
  await session?.stop();
});

type ErrorReply = { error: { code: string; message: string; details?: unknown[] } };

async function stats(): Promise<SessionStats> {
  const reply = await call<SessionStats>(
    gateway.url,
    'GET',
    '/admin/session-stats',
    undefined,
    auth(ADMIN_TOKEN),
  );
  expect(reply.status).toBe(200);
  return reply.body;
}

async function newSessionWithFridge(ingredients: string[]): Promise<string> {
  const started = await call<{ sessionId: string }>(gateway.url, 'POST', '/session/start');
  const id = started.body.sessionId;
  expect((await call(gateway.url, 'POST', `/session/${id}/fridge`, { ingredients })).status).toBe(200);
  return id;
}

async function event(body: Record<string, unknown>): Promise<EventAccepted> {
  const reply = await call<EventAccepted>(gateway.url, 'POST', '/events', body);
  expect(reply.status).toBe(200);
  return reply.body;
}

describe('admin authentication', () => {
  it('when no ADMIN_TOKEN is configured, then every admin route is an ordinary 404', async () => {
    for (const [method, path] of [
      ['GET', '/admin/session-stats'],
      ['POST', '/admin/cleanup-sessions'],
      ['GET', '/admin/analytics/summary'],
    ] as const) {
      const reply = await call<ErrorReply>(closed.url, method, path, undefined, auth(ADMIN_TOKEN));
      expect([reply.status, reply.body.error.code]).toEqual([404, 'not_found']);
    }
  });

  it.each([
    ['no header', {}],
    ['a wrong token', auth(`${ADMIN_TOKEN.slice(0, -1)}${ADMIN_TOKEN.endsWith('x') ? 'y' : 'x'}`)],
    ['a token of another length', auth('short')],
    ['another scheme', { authorization: `Basic ${ADMIN_TOKEN}` }],
  ])('when the request has %s, then 401 unauthorized', async (_what, headers) => {
    const reply = await call<ErrorReply>(gateway.url, 'GET', '/admin/session-stats', undefined, headers);
    expect([reply.status, reply.body.error.code]).toEqual([401, 'unauthorized']);
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('when the token is right, then 200', async () => {
    const reply = await call(gateway.url, 'GET', '/admin/session-stats', undefined, {
      authorization: `bearer ${ADMIN_TOKEN}`,
    });
    expect(reply.status).toBe(200);
  });
});

describe('session stats and cleanup', () => {
  it('when sessions, fridge items and events exist, then the stats count them; cleanup removes the expired', async () => {
    const before = await stats();
    const kept = await newSessionWithFridge(['onion', 'egg']);
    const gone = await newSessionWithFridge(['potato']);
    await event({ page_url: '/stats' });
    const during = await stats();
    expect(during).toEqual({
      active_sessions: before.active_sessions + 2,
      total_ingredients: before.total_ingredients + 3,
      visitor_sessions: before.visitor_sessions + 1,
      events_last_hour: before.events_last_hour + 1,
      timestamp: new Date(nowMs).toISOString(),
    });

    // Fridge writes extended both sessions to 24 h; keep one alive past that.
    advance(23 * 3600_000);
    expect((await call(gateway.url, 'POST', `/session/${kept}/extend`)).status).toBe(200);
    advance(2 * 3600_000);
    // Expired but not yet swept: every read already answers as if it were gone.
    for (const path of [`/session/${gone}`, `/session/${gone}/status`, `/session/${gone}/result`, `/session/${gone}/fridge`]) {
      const reply = await call<{ error: { code: string } }>(gateway.url, 'GET', path);
      expect([path, reply.status, reply.body.error.code]).toEqual([path, 404, 'session_not_found']);
    }
    expect((await call(gateway.url, 'GET', `/session/${kept}/status`)).status).toBe(200);
    const later = await stats();
    expect(later).toMatchObject({
      active_sessions: 1,
      total_ingredients: 2,
      visitor_sessions: 0,
      events_last_hour: 0,
    });

    const cleanup = await call<{ deleted: number }>(
      gateway.url,
      'POST',
      '/admin/cleanup-sessions',
      undefined,
      auth(ADMIN_TOKEN),
    );
    expect(cleanup.status).toBe(200);
    expect(cleanup.body).toEqual({ deleted: 1 });
    const again = await call<{ deleted: number }>(
      gateway.url,
      'POST',
      '/admin/cleanup-sessions',
      undefined,
      auth(ADMIN_TOKEN),
    );
    expect(again.body).toEqual({ deleted: 0 });
    expect(await stats()).toMatchObject({ active_sessions: 1, total_ingredients: 2 });
    const fridge = await call<{ items: unknown[] }>(gateway.url, 'GET', `/session/${kept}/fridge`);
    expect(fridge.body.items).toHaveLength(2);
  });

  it('when cleanup gets a body, then 400 unexpected_body', async () => {
    const reply = await call<ErrorReply>(
      gateway.url,
      'POST',
      '/admin/cleanup-sessions',
      { all: true },
      auth(ADMIN_TOKEN),
    );
    expect([reply.status, reply.body.error.code]).toEqual([400, 'unexpected_body']);
  });
});

describe('visitor sessions and analytics', () => {
  it('when a visitor session is asked for by a malformed or unknown id, then 404 visitor_session_not_found', async () => {
    for (const id of ['nope', `vs_${randomBytes(16).toString('base64url')}`]) {
      const reply = await call<ErrorReply>(
        gateway.url,
        'GET',
        `/admin/visitor-sessions/${id}`,
        undefined,
        auth(ADMIN_TOKEN),
      );
      expect([reply.status, reply.body.error.code]).toEqual([404, 'visitor_session_not_found']);
    }
  });

  it('when events were sent in a period, then the summary counts types, sessions, durations and pages', async () => {
    advance(48 * 3600_000); // a fresh day: earlier tests' events fall outside the default range
    const from = nowMs;
    const a = await event({ user_id: 'reader-1', page_url: '/home' });
    advance(60_000);
    await event({ session_id: a.session_id, page_url: '/recipes' });
    advance(60_000);
    await event({ session_id: a.session_id, page_url: '/recipes', event_type: 'click' });
    const b = await event({ user_id: 'reader-2', page_url: '/recipes' });
    advance(1);

    const view = await call<VisitorSessionView>(
      gateway.url,
      'GET',
      `/admin/visitor-sessions/${a.session_id}`,
      undefined,
      auth(ADMIN_TOKEN),
    );
    expect(view.body).toMatchObject({ total_events: 3, session_duration: 120_000, exit_page: '/recipes' });

    const expected = {
      total_events: 4,
      events_by_type: [
        { event_type: 'page_view', count: 3 },
        { event_type: 'click', count: 1 },
      ],
      visitor_sessions: 2,
      unique_users: 2,
      average_session_duration: 60_000,
      top_pages: [
        { page_url: '/recipes', views: 2 },
        { page_url: '/home', views: 1 },
      ],
    };
    const byDefault = await call<AnalyticsSummary>(
      gateway.url,
      'GET',
      '/admin/analytics/summary',
      undefined,
      auth(ADMIN_TOKEN),
    );
    expect(byDefault.status).toBe(200);
    expect(byDefault.body).toMatchObject(expected);
    expect(Date.parse(byDefault.body.to) - Date.parse(byDefault.body.from)).toBe(24 * 3600_000);

    const iso = `from=${new Date(from).toISOString()}&to=${new Date(nowMs).toISOString()}`;
    const byIso = await call<AnalyticsSummary>(
      gateway.url,
      'GET',
      `/admin/analytics/summary?${iso}`,
      undefined,
      auth(ADMIN_TOKEN),
    );
    expect(byIso.body).toMatchObject(expected);
    const byMs = await call<AnalyticsSummary>(
      gateway.url,
      'GET',
      `/admin/analytics/summary?from=${from}&to=${nowMs}`,
      undefined,
      auth(ADMIN_TOKEN),
    );
    expect(byMs.body).toMatchObject(expected);
    const before = await call<AnalyticsSummary>(
      gateway.url,
      'GET',
      `/admin/analytics/summary?to=${from}`,
      undefined,
      auth(ADMIN_TOKEN),
    );
    expect(before.body).toMatchObject({
      total_events: 0,
      visitor_sessions: 0,
      average_session_duration: 0,
      top_pages: [],
    });
    expect(b.session_id).not.toBe(a.session_id);
  });

  it.each([
    ['from=yesterday', 'validation_error'],
    ['from=2025-13-45', 'validation_error'],
    ['to=12.5', 'validation_error'],
    ['from=1&from=2', 'validation_error'],
    ['since=1', 'validation_error'],
    ['from=2025-02-01&to=2025-01-01', 'invalid_range'],
    ['from=1000&to=1000', 'invalid_range'],
  ])('when the summary query is %s, then 400 %s', async (query, code) => {
    const reply = await call<ErrorReply>(
      gateway.url,
      'GET',
      `/admin/analytics/summary?${query}`,
      undefined,
      auth(ADMIN_TOKEN),
    );
    expect([reply.status, reply.body.error.code]).toEqual([400, code]);
  });
});

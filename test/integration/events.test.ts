import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MongoClient, type Db } from 'mongodb';
import type { EventAccepted, EventBatchAccepted, VisitorSessionView } from '@ai-chef/contracts';
import { startGateway, type RunningGateway } from '@ai-chef/gateway';
import { startSessionService, type RunningSessionService } from '@ai-chef/session';
import { requiredEnv } from '../support/stack.js';
import { call } from '../support/http.js';

// The session service runs on a clock the tests move, to cross the 30-minute edge without waiting.
let nowMs = Date.now();
const advance = (ms: number): void => {
  nowMs += ms;
};

const ADMIN_TOKEN = randomBytes(24).toString('base64url');
const INTERNAL_TOKEN = randomBytes(24).toString('base64url');
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
let session: RunningSessionService;
let gateway: RunningGateway;
let proxied: RunningGateway; // a gateway behind a trusted proxy on loopback
let mongo: MongoClient;
let db: Db;

beforeAll(async () => {
  const mongoUrl = requiredEnv('TEST_MONGO_URL');
  const mongoDb = `test_events_${randomBytes(4).toString('hex')}`;
  session = await startSessionService(
    {
      MONGO_URL: mongoUrl,
      MONGO_DB: mongoDb,
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
    ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    PORT: '0',
  };
  gateway = await startGateway(edge);
  proxied = await startGateway({ ...edge, TRUST_PROXY: 'loopback' });
  mongo = await MongoClient.connect(mongoUrl);
  db = mongo.db(mongoDb);
});
afterAll(async () => {
  await proxied?.stop();
  await gateway?.stop();
  await session?.stop();
  await mongo?.close();
});

type ErrorReply = { error: { code: string; message: string; details?: unknown[] } };

async function send(event: Record<string, unknown>, headers: Record<string, string> = {}, url = gateway.url) {
  const reply = await call<EventAccepted>(url, 'POST', '/events', event, headers);
  expect(reply.status).toBe(200);
  return reply.body;
}

async function visitorSession(id: string): Promise<VisitorSessionView> {
  const reply = await call<VisitorSessionView>(
    gateway.url,
    'GET',
    `/admin/visitor-sessions/${id}`,
    undefined,
    admin,
  );
  expect(reply.status).toBe(200);
  return reply.body;
}

describe('one event', () => {
  it('when an event names no user or session, then both are made up, random and unrelated', async () => {
    const reply = await send({ page_url: 'https://example.com/home', referrer: 'https://google.com' });
    expect(reply).toEqual({
      message: 'Event processed successfully',
      event_id: expect.stringMatching(/^evt_\d{13}_[A-Za-z0-9_-]{16}$/),
      session_id: expect.stringMatching(/^vs_[A-Za-z0-9_-]{22}$/),
      user_id: expect.stringMatching(/^user_[A-Za-z0-9_-]{22}$/),
    });
    const visitor = await visitorSession(reply.session_id);
    expect(visitor).toMatchObject({
      session_id: reply.session_id,
      user_id: reply.user_id,
      start_time: nowMs,
      last_activity: nowMs,
      entry_page: 'https://example.com/home',
      exit_page: 'https://example.com/home',
      referrer: 'https://google.com',
      total_events: 1,
      session_duration: 0,
      is_active: true,
    });
  });

  it('when a user id is given, then the session id is still random', async () => {
    const a = await send({ user_id: 'test_user_1' });
    const b = await send({ user_id: 'test_user_1' });
    expect(a.user_id).toBe('test_user_1');
    expect(a.session_id).not.toBe(b.session_id);
    expect(a.session_id).not.toContain('test_user');
  });

  it('when the given session is unknown, then a new one starts', async () => {
    for (const unknown of ['sess_123', `vs_${randomBytes(16).toString('base64url')}`]) {
      const reply = await send({ session_id: unknown, user_id: 'u-unknown' });
      expect(reply.session_id).not.toBe(unknown);
      expect((await visitorSession(reply.session_id)).total_events).toBe(1);
    }
  });

  it('when the body names a user agent it is kept, else the header is; the IP is the socket’s', async () => {
    const own = await send(
      { user_agent: 'my-sdk/1.0' },
      { 'user-agent': 'header-agent', 'x-forwarded-for': '203.0.113.9' },
    );
    const fromHeader = await send({}, { 'user-agent': 'header-agent' });
    const stored = await db
      .collection('events')
      .find({ event_id: { $in: [own.event_id, fromHeader.event_id] } })
      .toArray();
    const byId = new Map(stored.map((doc) => [doc.event_id as string, doc]));
    expect(byId.get(own.event_id)).toMatchObject({ user_agent: 'my-sdk/1.0', ip_address: '127.0.0.1' });
    expect(byId.get(fromHeader.event_id)).toMatchObject({
      user_agent: 'header-agent',
      ip_address: '127.0.0.1',
      event_type: 'page_view',
      page_url: '',
      referrer: '',
      properties: {},
      timestamp: nowMs,
    });
  });

  it('when an event is stored, then it and its visitor session are kept EVENT_TTL_SECONDS (90 days) after it', async () => {
    const reply = await send({ page_url: '/kept' });
    const event = await db.collection('events').findOne({ event_id: reply.event_id });
    const visitor = await db.collection('visitor_sessions').findOne({ _id: reply.session_id as never });
    const ninetyDays = 7_776_000 * 1000;
    expect((event?.expiresAt as Date).getTime()).toBe(nowMs + ninetyDays);
    expect((visitor?.expiresAt as Date).getTime()).toBe(nowMs + ninetyDays);
  });

  it('when behind a trusted proxy, then the IP comes from X-Forwarded-For', async () => {
    const reply = await send({}, { 'x-forwarded-for': '203.0.113.9' }, proxied.url);
    const stored = await db.collection('events').findOne({ event_id: reply.event_id });
    expect(stored?.ip_address).toBe('203.0.113.9');
  });
});

describe('visitor sessions', () => {
  it('when the next event comes 29:59 later it continues the session; 30:01 after that a new one starts', async () => {
    const first = await send({ user_id: 'edge-user', page_url: '/a', referrer: 'https://search.example' });
    advance(29 * 60_000 + 59_000);
    const second = await send({ session_id: first.session_id, page_url: '/b' });
    expect(second.session_id).toBe(first.session_id);
    expect(second.user_id).toBe('edge-user');
    advance(30 * 60_000 + 1_000);
    const third = await send({ session_id: first.session_id, page_url: '/c' });
    expect(third.session_id).not.toBe(first.session_id);
    expect(third.user_id).toBe('edge-user');

    const old = await visitorSession(first.session_id);
    expect(old).toMatchObject({
      total_events: 2,
      session_duration: 29 * 60_000 + 59_000,
      entry_page: '/a',
      exit_page: '/b',
      referrer: 'https://search.example',
      is_active: false,
    });
    expect(old.events.map((event) => event.page_url)).toEqual(['/a', '/b']);
    expect(await visitorSession(third.session_id)).toMatchObject({
      total_events: 1,
      entry_page: '/c',
      is_active: true,
    });
  });

  it('when 30 events for one session arrive at once, then the session counts exactly 31', async () => {
    const first = await send({ page_url: '/start' });
    advance(1000);
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        send({
          session_id: first.session_id,
          user_id: first.user_id,
          page_url: `/p${i}`,
          event_type: 'click',
        }),
      ),
    );
    expect(new Set(replies.map((reply) => reply.session_id))).toEqual(new Set([first.session_id]));
    const visitor = await visitorSession(first.session_id);
    expect(visitor.total_events).toBe(31);
    expect(visitor.session_duration).toBe(1000);
    expect(visitor.events).toHaveLength(31);
    expect(await db.collection('events').countDocuments({ session_id: first.session_id })).toBe(31);
  });

  it('when a visitor is online, then the active-session collection shows the current page until 30 minutes pass', async () => {
    const reply = await send({ page_url: '/online' });
    const active = await db.collection('active_sessions').findOne({ session_id: reply.session_id });
    expect(active).toMatchObject({ user_id: reply.user_id, current_page: '/online', last_activity: nowMs });
    expect((active?.expiresAt as Date).getTime()).toBe(nowMs + 30 * 60_000);
  });
});

describe('batches', () => {
  it('when 100 events come at once, then each gets an id and a session, in input order', async () => {
    const events = Array.from({ length: 100 }, (_, i) => ({
      user_id: `batch-user-${i % 4}`,
      page_url: `/page/${i}`,
    }));
    const reply = await call<EventBatchAccepted>(gateway.url, 'POST', '/events', { events });
    expect(reply.status).toBe(200);
    expect(reply.body.message).toEqual(expect.any(String));
    expect(reply.body.event_ids).toHaveLength(100);
    expect(new Set(reply.body.event_ids).size).toBe(100);
    expect(reply.body.session_ids).toHaveLength(100);
    // One request's events of one user form one visitor session.
    expect(new Set(reply.body.session_ids).size).toBe(4);
    const stored = await db
      .collection('events')
      .find({ event_id: { $in: reply.body.event_ids } })
      .toArray();
    const pageOf = new Map(stored.map((doc) => [doc.event_id as string, doc.page_url as string]));
    expect(reply.body.event_ids.map((id) => pageOf.get(id))).toEqual(events.map((event) => event.page_url));
    const sessionOfUser0 = reply.body.session_ids[0] ?? '';
    // The batch's 25 events of user 0 change that session once: first page in, last page out.
    expect(await visitorSession(sessionOfUser0)).toMatchObject({ total_events: 25, entry_page: '/page/0', exit_page: '/page/96' });
  });

  it('when 101 events come at once, then 400 too_many_events and none is stored', async () => {
    const before = await db.collection('events').countDocuments();
    const events = Array.from({ length: 101 }, () => ({ page_url: '/too-many' }));
    const reply = await call<ErrorReply>(gateway.url, 'POST', '/events', { events });
    expect([reply.status, reply.body.error.code]).toEqual([400, 'too_many_events']);
    expect(await db.collection('events').countDocuments()).toBe(before);
  });
});

describe('validation', () => {
  it.each<[string, string, unknown]>([
    ['an unknown field', 'validation_error', { page_url: '/x', colour: 'red' }],
    ['a number for a string', 'validation_error', { user_id: 42 }],
    ['a null', 'validation_error', { session_id: null }],
    ['a string over 2048 characters', 'validation_error', { page_url: 'x'.repeat(2049) }],
    ['an empty event type', 'validation_error', { event_type: '' }],
    ['properties that are a list', 'validation_error', { properties: [1, 2] }],
    ['properties over 4 KiB', 'validation_error', { properties: { blob: 'x'.repeat(4100) } }],
    ['a $ key in properties', 'invalid_key', { properties: { $where: '1' } }],
    ['a dotted key in properties', 'invalid_key', { properties: { 'a.b': 1 } }],
    ['a NUL in a properties key', 'invalid_key', { properties: { 'a\0b': 1 } }],
    ['a NUL in a string', 'invalid_string', { events: [{ session_id: '\0' }] }],
    ['an array inside an array in properties', 'validation_error', { properties: { grid: [[1, 2]] } }],
    ['an empty batch', 'validation_error', { events: [] }],
    ['a batch with a bad event', 'validation_error', { events: [{ page_url: '/ok' }, { page_url: 7 }] }],
    ['a batch with another field', 'validation_error', { events: [{}], extra: true }],
    ['a list instead of an object', 'validation_error', [{ page_url: '/x' }]],
  ])('when the body has %s, then 400 %s', async (_what, code, body) => {
    const reply = await call<ErrorReply>(gateway.url, 'POST', '/events', body);
    expect([reply.status, reply.body.error.code]).toEqual([400, code]);
  });

  it('when the body is not JSON, then 415', async () => {
    const reply = await call<ErrorReply>(gateway.url, 'POST', '/events', 'page_url=/x', {
      'content-type': 'text/plain',
    });
    expect(reply.status).toBe(415);
  });

  it('when properties are exactly 4 KiB, then the event is accepted', async () => {
    const blob = 'x'.repeat(4096 - JSON.stringify({ blob: '' }).length);
    const reply = await call(gateway.url, 'POST', '/events', { properties: { blob } });
    expect(reply.status).toBe(200);
  });
});

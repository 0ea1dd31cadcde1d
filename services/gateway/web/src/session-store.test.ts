import { describe, expect, it } from '@jest/globals';
import type { SessionCreated, SessionExtended, SessionView } from '@ai-chef/contracts';
import { ApiError } from './api-client.js';
import {
  SESSION_EXPIRY_KEY,
  SESSION_ID_KEY,
  SessionStore,
  type KeyValueStore,
  type SessionApi,
} from './session-store.js';

const NOW = Date.parse('2025-03-01T12:00:00.000Z');
const iso = (offsetMs: number): string => new Date(NOW + offsetMs).toISOString();

class MemoryStore implements KeyValueStore {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

interface Script {
  start?: (ApiError | SessionCreated)[];
  get?: ApiError | SessionView;
  extend?: ApiError | SessionExtended;
}

function fakeApi(script: Script) {
  const calls: string[] = [];
  const timeouts: number[] = [];
  const api: SessionApi = {
    async startSession(timeoutMs) {
      calls.push('start');
      timeouts.push(timeoutMs);
      const next = script.start?.shift();
      if (next === undefined) throw new Error('unexpected start');
      if (next instanceof ApiError) throw next;
      return next;
    },
    async getSession(id) {
      calls.push(`get ${id}`);
      if (script.get === undefined) throw new Error('unexpected get');
      if (script.get instanceof ApiError) throw script.get;
      return script.get;
    },
    async extend(id) {
      calls.push(`extend ${id}`);
      if (script.extend === undefined) throw new Error('unexpected extend');
      if (script.extend instanceof ApiError) throw script.extend;
      return script.extend;
    },
  };
  return { api, calls, timeouts };
}

const created = (id: string): SessionCreated => ({
  sessionId: id,
  status: 'idle',
  createdAt: iso(0),
  expiresAt: iso(7_200_000),
});
const view = (id: string, expiresInMs: number): SessionView => ({
  sessionId: id,
  status: 'idle',
  phase: null,
  progress: 0,
  createdAt: iso(-1000),
  updatedAt: iso(-1000),
  expiresAt: iso(expiresInMs),
});

function storeWith(script: Script, stored: Record<string, string> = {}) {
  const storage = new MemoryStore();
  for (const [key, value] of Object.entries(stored)) storage.setItem(key, value);
  const fake = fakeApi(script);
  const sleeps: number[] = [];
  const store = new SessionStore({
    api: fake.api,
    storage,
    now: () => NOW,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { store, storage, sleeps, ...fake };
}

describe('SessionStore.restoreOrStart', () => {
  it('when nothing is stored, then it starts a session with a 10 s timeout and stores id and expiry', async () => {
    const { store, storage, calls, timeouts } = storeWith({ start: [created('sess-new')] });
    const opened = await store.restoreOrStart();
    expect(opened).toMatchObject({ restored: false, session: { id: 'sess-new', expiresAt: iso(7_200_000) } });
    expect(calls).toEqual(['start']);
    expect(timeouts).toEqual([10_000]);
    expect(storage.getItem(SESSION_ID_KEY)).toBe('sess-new');
    expect(storage.getItem(SESSION_EXPIRY_KEY)).toBe(iso(7_200_000));
  });

  it('when a stored session is still valid, then it is verified with the server and kept', async () => {
    const { store, calls, storage } = storeWith(
      { get: view('sess-old', 3_600_000) },
      { [SESSION_ID_KEY]: 'sess-old', [SESSION_EXPIRY_KEY]: iso(60_000) },
    );
    const opened = await store.restoreOrStart();
    expect(opened).toMatchObject({ restored: true, session: { id: 'sess-old' } });
    expect(calls).toEqual(['get sess-old']);
    // The server's expiry wins over the stored one.
    expect(storage.getItem(SESSION_EXPIRY_KEY)).toBe(iso(3_600_000));
  });

  it('when the stored expiry has passed, then the server is not asked about it and a new session starts', async () => {
    const { store, calls } = storeWith(
      { start: [created('sess-new')] },
      { [SESSION_ID_KEY]: 'sess-old', [SESSION_EXPIRY_KEY]: iso(-1) },
    );
    expect((await store.restoreOrStart()).session.id).toBe('sess-new');
    expect(calls).toEqual(['start']);
  });

  it('when the server no longer knows the stored session, then a new one starts', async () => {
    const { store, calls, storage } = storeWith(
      { get: new ApiError(404, 'session_not_found', 'gone'), start: [created('sess-new')] },
      { [SESSION_ID_KEY]: 'sess-old', [SESSION_EXPIRY_KEY]: iso(60_000) },
    );
    expect((await store.restoreOrStart()).session.id).toBe('sess-new');
    expect(calls).toEqual(['get sess-old', 'start']);
    expect(storage.getItem(SESSION_ID_KEY)).toBe('sess-new');
  });

  it('when the check fails for another reason, then the error surfaces and the stored session is kept', async () => {
    const { store, storage } = storeWith(
      { get: new ApiError(503, 'service_unavailable', 'down') },
      { [SESSION_ID_KEY]: 'sess-old', [SESSION_EXPIRY_KEY]: iso(60_000) },
    );
    await expect(store.restoreOrStart()).rejects.toMatchObject({ status: 503 });
    expect(storage.getItem(SESSION_ID_KEY)).toBe('sess-old');
  });
});

describe('SessionStore.start', () => {
  it('when the first two tries fail transiently, then it tries a third time, 2 s apart', async () => {
    const { store, calls, sleeps } = storeWith({
      start: [
        new ApiError(0, 'timeout', 'slow'),
        new ApiError(503, 'service_unavailable', 'down'),
        created('sess-3'),
      ],
    });
    expect((await store.start()).session.id).toBe('sess-3');
    expect(calls).toEqual(['start', 'start', 'start']);
    expect(sleeps).toEqual([2000, 2000]);
  });

  it('when all three tries fail, then the last error surfaces', async () => {
    const { store, calls } = storeWith({
      start: [
        new ApiError(0, 'network_error', 'a'),
        new ApiError(0, 'network_error', 'b'),
        new ApiError(500, 'internal_error', 'c'),
      ],
    });
    await expect(store.start()).rejects.toMatchObject({ message: 'c' });
    expect(calls).toHaveLength(3);
  });

  it('when the failure is not transient, then it does not try again', async () => {
    const { store, calls } = storeWith({ start: [new ApiError(400, 'unexpected_body', 'no')] });
    await expect(store.start()).rejects.toMatchObject({ status: 400 });
    expect(calls).toHaveLength(1);
  });
});

describe('SessionStore.extendIfNeeded', () => {
  it('when less than 30 minutes are left, then it extends and stores the new expiry', async () => {
    const { store, storage, calls } = storeWith(
      {
        get: view('sess-a', 29 * 60_000),
        extend: { sessionId: 'sess-a', expiresAt: iso(86_400_000) },
      },
      { [SESSION_ID_KEY]: 'sess-a', [SESSION_EXPIRY_KEY]: iso(60_000) },
    );
    await store.restoreOrStart();
    expect(await store.extendIfNeeded()).toBe(true);
    expect(calls).toEqual(['get sess-a', 'extend sess-a']);
    expect(storage.getItem(SESSION_EXPIRY_KEY)).toBe(iso(86_400_000));
  });

  it('when 30 minutes or more are left, then it leaves the session alone', async () => {
    const { store, calls } = storeWith({ start: [created('sess-b')] });
    await store.start();
    expect(await store.extendIfNeeded()).toBe(false);
    expect(calls).toEqual(['start']);
  });
});

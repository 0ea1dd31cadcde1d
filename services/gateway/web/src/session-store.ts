import type { SessionCreated, SessionExtended, SessionView } from '@ai-chef/contracts';
import { ApiError } from './api-client.js';

/** The page remembers its session under these keys (docs/contract.md, Sessions and runs: ids and lifetimes). */
export const SESSION_ID_KEY = 'sessionId';
export const SESSION_EXPIRY_KEY = 'sessionExpiry';
export const START_TIMEOUT_MS = 10_000;
export const START_ATTEMPTS = 3;
export const START_RETRY_DELAY_MS = 2_000;
/** A user action extends a session that has less than this left. */
export const EXTEND_BELOW_MS = 30 * 60_000;

export interface StoredSession {
  id: string;
  expiresAt: string;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SessionApi {
  startSession(timeoutMs: number): Promise<SessionCreated>;
  getSession(id: string, timeoutMs?: number): Promise<SessionView>;
  extend(id: string): Promise<SessionExtended>;
}

export interface SessionStoreDeps {
  api: SessionApi;
  storage: KeyValueStore;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told before each try to create a session (1, 2, 3). */
  onAttempt?: (attempt: number) => void;
}

export type Opened =
  | { restored: true; session: StoredSession; view: SessionView }
  | { restored: false; session: StoredSession; view: SessionCreated };

/** Restores, creates and extends the page's session (docs/api.md: `POST /session/start`, `GET /session/:id`, `extend`). */
export class SessionStore {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  current: StoredSession | undefined;

  constructor(private readonly deps: SessionStoreDeps) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** A stored session still valid by its expiry is checked with the server; a 404 or an expired one starts anew. */
  async restoreOrStart(): Promise<Opened> {
    const id = this.read(SESSION_ID_KEY);
    const expiry = this.read(SESSION_EXPIRY_KEY);
    if (id && expiry && Date.parse(expiry) > this.now()) {
      try {
        const view = await this.deps.api.getSession(id, START_TIMEOUT_MS);
        this.save({ id: view.sessionId, expiresAt: view.expiresAt });
        return { restored: true, session: { id: view.sessionId, expiresAt: view.expiresAt }, view };
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 404)) throw err;
      }
    }
    this.forget();
    return this.start();
  }

  /** POST /session/start: 10 s each, up to 3 tries 2 s apart while the failure is transient. */
  async start(): Promise<Opened & { restored: false }> {
    for (let attempt = 1; ; attempt += 1) {
      this.deps.onAttempt?.(attempt);
      try {
        const view = await this.deps.api.startSession(START_TIMEOUT_MS);
        const session = { id: view.sessionId, expiresAt: view.expiresAt };
        this.save(session);
        return { restored: false, session, view };
      } catch (err) {
        const transient = err instanceof ApiError && err.transient;
        if (!transient || attempt >= START_ATTEMPTS) throw err;
        await this.sleep(START_RETRY_DELAY_MS);
      }
    }
  }

  /** Extends the session when it has less than 30 minutes left; a 404 is thrown for the caller to start anew. */
  async extendIfNeeded(): Promise<boolean> {
    const session = this.current;
    if (!session || Date.parse(session.expiresAt) - this.now() >= EXTEND_BELOW_MS) return false;
    const extended = await this.deps.api.extend(session.id);
    this.save({ id: extended.sessionId, expiresAt: extended.expiresAt });
    return true;
  }

  forget(): void {
    this.current = undefined;
    this.remove(SESSION_ID_KEY);
    this.remove(SESSION_EXPIRY_KEY);
  }

  private save(session: StoredSession): void {
    this.current = session;
    try {
      this.deps.storage.setItem(SESSION_ID_KEY, session.id);
      this.deps.storage.setItem(SESSION_EXPIRY_KEY, session.expiresAt);
    } catch {
      // Storage full or disabled: the session still works for this page.
    }
  }

  private read(key: string): string | null {
    try {
      return this.deps.storage.getItem(key);
    } catch {
      return null;
    }
  }

  private remove(key: string): void {
    try {
      this.deps.storage.removeItem(key);
    } catch {
      // Nothing stored to remove.
    }
  }
}

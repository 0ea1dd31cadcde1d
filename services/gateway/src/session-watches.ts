import type { SessionStatusView } from '@ai-chef/contracts';
import type { SessionServiceClient } from '@ai-chef/platform';

export type WatchEvent = { kind: 'status'; view: SessionStatusView } | { kind: 'gone' };
type Listener = (event: WatchEvent) => void;

interface Watch {
  listeners: Set<Listener>;
  timer?: NodeJS.Timeout;
}

/**
 * One watcher per session in this gateway process, shared by all of that session's streams (README,
 * Limits): it reads the session's status every `pollMs` while at least one stream listens, and hands
 * every answer to each of them. Twenty streams on one session cost the session service what one
 * does. It polls rather than relying on change streams, which FerretDB lacks.
 */
export class SessionWatches {
  private readonly watches = new Map<string, Watch>();

  constructor(
    private readonly sessions: Pick<SessionServiceClient, 'getStatus'>,
    private readonly pollMs: number,
  ) {}

  /** Listens to the session's status until the returned function is called. */
  subscribe(sessionId: string, listener: Listener): () => void {
    let watch = this.watches.get(sessionId);
    if (!watch) {
      watch = { listeners: new Set() };
      this.watches.set(sessionId, watch);
      this.schedule(sessionId, watch);
    }
    watch.listeners.add(listener);
    return () => {
      watch.listeners.delete(listener);
      if (watch.listeners.size === 0) this.end(sessionId, watch);
    };
  }

  /** Sessions watched now (for tests and metrics). */
  get size(): number {
    return this.watches.size;
  }

  private end(sessionId: string, watch: Watch): void {
    clearTimeout(watch.timer);
    if (this.watches.get(sessionId) === watch) this.watches.delete(sessionId);
  }

  private schedule(sessionId: string, watch: Watch): void {
    watch.timer = setTimeout(() => void this.poll(sessionId, watch), this.pollMs);
  }

  private async poll(sessionId: string, watch: Watch): Promise<void> {
    let event: WatchEvent | undefined;
    try {
      event = { kind: 'status', view: await this.sessions.getStatus(sessionId) };
    } catch (err) {
      // The session expired or was deleted: say so; an outage is tried again at the next poll.
      if ((err as { status?: number }).status === 404) event = { kind: 'gone' };
    }
    if (this.watches.get(sessionId) !== watch) return; // every stream left meanwhile
    if (event) for (const listener of [...watch.listeners]) listener(event);
    if (event?.kind === 'gone') this.end(sessionId, watch);
    else if (this.watches.get(sessionId) === watch) this.schedule(sessionId, watch);
  }
}

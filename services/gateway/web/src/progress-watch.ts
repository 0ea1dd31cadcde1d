import type { SessionStatusView } from '@ai-chef/contracts';
import { ApiError, type Api } from './api-client.js';

export type WatchMode = 'stream' | 'polling';

export interface ProgressHandlers {
  onStatus(view: SessionStatusView): void;
  /** The session expired or was removed while the run was watched. */
  onGone(): void;
  onMode?(mode: WatchMode): void;
}

export interface ProgressWatch {
  stop(): void;
}

/** README, Limits: a client the stream refused (429) or ended (`end`) polls `/status` at most every 2 s. */
export const POLL_INTERVAL_MS = 2_000;
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export function isTerminal(view: Pick<SessionStatusView, 'status'>): boolean {
  return TERMINAL.has(view.status);
}

function parseStatus(data: unknown): SessionStatusView | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const view: unknown = JSON.parse(data);
    if (typeof view === 'object' && view !== null && 'status' in view && 'progress' in view)
      return view as SessionStatusView;
  } catch {
    // A malformed event is ignored; the next one or the poll carries the state.
  }
  return undefined;
}

/**
 * Follows a run: the SSE stream while it works, polling `/status` every 2 s once it fails, is refused
 * (429: too many streams) or is ended by the gateway (`event: end`: its age, an idle session, a
 * restart). Stops by itself at a terminal status, after handing it over.
 */
export function watchProgress(
  sessionId: string,
  api: Pick<Api, 'getStatus'>,
  handlers: ProgressHandlers,
): ProgressWatch {
  let stopped = false;
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = (): void => {
    stopped = true;
    source?.close();
    source = undefined;
    if (timer !== undefined) clearTimeout(timer);
  };

  const deliver = (view: SessionStatusView): void => {
    if (stopped) return;
    if (isTerminal(view)) stop();
    handlers.onStatus(view);
  };

  const poll = async (): Promise<void> => {
    if (stopped) return;
    try {
      deliver(await api.getStatus(sessionId));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        stop();
        handlers.onGone();
        return;
      }
      // Anything else (offline, 503): keep trying at the same pace.
    }
    if (!stopped) timer = setTimeout(() => void poll(), POLL_INTERVAL_MS);
  };

  const startPolling = (): void => {
    source?.close();
    source = undefined;
    if (stopped) return;
    handlers.onMode?.('polling');
    void poll();
  };

  if (typeof EventSource === 'function') {
    handlers.onMode?.('stream');
    source = new EventSource(`/session/${encodeURIComponent(sessionId)}/stream`);
    source.addEventListener('progress', (event) => {
      const view = parseStatus((event as MessageEvent<unknown>).data);
      if (view) deliver(view);
    });
    // The gateway closes a stream for its age, an idle session or its own restart: carry on by polling.
    source.addEventListener('end', () => {
      if (!stopped) startPolling();
    });
    source.addEventListener('error', (event) => {
      if (stopped) return;
      // The gateway names its "session gone" message `error` too; a bare Event is a broken connection.
      if (event instanceof MessageEvent && typeof event.data === 'string') {
        stop();
        handlers.onGone();
        return;
      }
      startPolling();
    });
  } else {
    startPolling();
  }

  return { stop };
}

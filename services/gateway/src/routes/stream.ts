import { Router } from 'express';
import { TERMINAL_STATUSES, isSessionId, type SessionStatusView } from '@ai-chef/contracts';
import { AppError, sessionNotFound, type SessionServiceClient } from '@ai-chef/platform';
import { clientIp } from '../edge.js';
import { SessionWatches } from '../session-watches.js';
import { StreamLimits } from '../stream-limits.js';

/** README, Limits: at most this many open streams per session, per gateway process. */
export const STREAMS_PER_SESSION = 3;
/** A ceiling for the whole process, whatever the number of clients. */
export const STREAMS_IN_ALL = 1_000;
/** A client refused a stream polls `/status` instead; it may try a stream again after this. */
const REFUSED_RETRY_AFTER_SECONDS = 30;

export interface StreamOptions {
  /** How often a session's watcher reads its state while a stream is open. */
  pollMs: number;
  /** A comment line keeps proxies from closing an idle stream. */
  keepAliveMs: number;
  /** STREAM_LIMIT_PER_IP. */
  perIp: number;
  /** STREAM_MAX_SECONDS: no stream lives longer. */
  maxSeconds: number;
  /** On a session with no run in progress, a stream closes this long after it opened. */
  idleCloseMs: number;
}

/** Why a stream closed early; sent as `event: end` so the client knows to poll `/status` instead. */
export type StreamEndReason = 'max_age' | 'idle' | 'shutdown';

export interface StreamRoutes {
  router: Router;
  /** Ends every open stream with `event: end` (the gateway is stopping). */
  closeAll(reason: StreamEndReason): void;
}

const isTerminal = (view: SessionStatusView): boolean => TERMINAL_STATUSES.includes(view.status);
const changed = (a: SessionStatusView, b: SessionStatusView): boolean =>
  a.status !== b.status || a.phase !== b.phase || a.progress !== b.progress || a.updatedAt !== b.updatedAt;

/**
 * `GET /session/:id/stream`: Server-Sent Events of the session's status. The current state goes out
 * at once, then one `progress` event per change, until a terminal status closes the stream. Bounded
 * (README, Limits): per session, per client and in all (429 `too_many_streams`), in age, and on a session
 * with no run in progress; each of those closes with `event: end` and its reason.
 */
export function streamRoutes(sessions: SessionServiceClient, options: StreamOptions): StreamRoutes {
  const router = Router();
  const watches = new SessionWatches(sessions, options.pollMs);
  const limits = new StreamLimits({ perSession: STREAMS_PER_SESSION, perIp: options.perIp, total: STREAMS_IN_ALL });
  const open = new Set<(end?: { reason: StreamEndReason }) => void>();

  router.get('/:id/stream', async (req, res) => {
    const id = req.params.id;
    if (typeof id !== 'string' || !isSessionId(id)) throw sessionNotFound();
    const first = await sessions.getStatus(id); // 404 before any stream headers go out
    const slot = limits.acquire(id, clientIp(req));
    if ('full' in slot) {
      throw new AppError(
        429,
        'too_many_streams',
        'Too many open streams; poll /status every few seconds instead.',
        [{ limit: slot.full }],
        REFUSED_RETRY_AFTER_SECONDS,
      );
    }

    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();

    let last = first;
    let closed = false;
    let unsubscribe = (): void => undefined;
    const timers: NodeJS.Timeout[] = [];
    const send = (view: SessionStatusView): void => {
      res.write(`event: progress\ndata: ${JSON.stringify(view)}\n\n`);
    };
    const finish = (end?: { reason: StreamEndReason }): void => {
      if (closed) return;
      closed = true;
      if (end) res.write(`event: end\ndata: ${JSON.stringify(end)}\n\n`);
      for (const timer of timers) clearTimeout(timer);
      unsubscribe();
      slot.release();
      open.delete(finish);
      res.end();
    };
    req.on('close', () => finish());

    send(first);
    if (isTerminal(first)) {
      finish();
      return;
    }
    open.add(finish);
    unsubscribe = watches.subscribe(id, (event) => {
      if (closed) return;
      if (event.kind === 'gone') {
        res.write(`event: error\ndata: ${JSON.stringify({ error: { code: 'session_not_found', message: 'The session is gone.' } })}\n\n`);
        finish();
        return;
      }
      if (changed(event.view, last)) {
        last = event.view;
        send(event.view);
      }
      if (isTerminal(event.view)) finish();
    });
    const keepAlive = setInterval(() => res.write(`: keep-alive ${Date.now()}\n\n`), options.keepAliveMs);
    timers.push(
      keepAlive,
      setTimeout(() => finish({ reason: 'max_age' }), options.maxSeconds * 1000),
      setTimeout(() => {
        if (last.status !== 'processing') finish({ reason: 'idle' });
      }, options.idleCloseMs),
    );
  });

  return {
    router,
    closeAll(reason) {
      for (const finish of [...open]) finish({ reason });
    },
  };
}

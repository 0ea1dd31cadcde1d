import { Router } from 'express';
import { TERMINAL_STATUSES, isSessionId, type SessionStatusView } from '@ai-chef/contracts';
import { sessionNotFound, type SessionServiceClient } from '@ai-chef/platform';

export interface StreamOptions {
  /** How often the session's state is read while the stream is open. */
  pollMs: number;
  /** A comment line keeps proxies from closing an idle stream. */
  keepAliveMs: number;
}

/**
 * `GET /session/:id/stream`: Server-Sent Events of the session's status. The current state goes out at
 * once, then one `progress` event per change, until a terminal status closes the stream. It polls
 * the session service rather than relying on change streams, which FerretDB lacks.
 */
export function streamRoutes(sessions: SessionServiceClient, options: StreamOptions): Router {
  const router = Router();

  router.get('/:id/stream', async (req, res) => {
    const id = req.params.id;
    if (typeof id !== 'string' || !isSessionId(id)) throw sessionNotFound();
    let last = await sessions.getStatus(id); // 404 before any stream headers go out

    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();

    let closed = false;
    const send = (view: SessionStatusView): void => {
      res.write(`event: progress\ndata: ${JSON.stringify(view)}\n\n`);
    };
    const isTerminal = (view: SessionStatusView): boolean => TERMINAL_STATUSES.includes(view.status);
    const finish = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(keepAlive);
      clearTimeout(timer);
      res.end();
    };
    req.on('close', finish);
    const keepAlive = setInterval(() => res.write(`: keep-alive ${Date.now()}\n\n`), options.keepAliveMs);
    let timer: NodeJS.Timeout | undefined;

    send(last);
    if (isTerminal(last)) {
      finish();
      return;
    }
    const poll = async (): Promise<void> => {
      if (closed) return;
      try {
        const next = await sessions.getStatus(id);
        const changed =
          next.status !== last.status || next.phase !== last.phase || next.progress !== last.progress || next.updatedAt !== last.updatedAt;
        if (changed) {
          last = next;
          send(next);
        }
        if (isTerminal(next)) {
          finish();
          return;
        }
      } catch (err) {
        // The session expired or was removed mid-stream: say so and close; an outage is retried.
        const status = (err as { status?: number }).status;
        if (status === 404) {
          res.write(`event: error\ndata: ${JSON.stringify({ error: { code: 'session_not_found', message: 'The session is gone.' } })}\n\n`);
          finish();
          return;
        }
      }
      if (!closed) timer = setTimeout(() => void poll(), options.pollMs);
    };
    timer = setTimeout(() => void poll(), options.pollMs);
  });

  return router;
}

import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const SESSION_IN_PATH = /\/(sess-\d{13}-[A-Za-z0-9_-]{22,64})(?:\/|$|\?)/;

/**
 * One JSON line per request with the request id (the caller's well-formed X-Request-Id, else a new
 * one, echoed back) and, where the path names a session, its session id and workflow id (the same).
 */
export function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      req.headers['x-request-id'] = id;
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customProps: (req) => {
      const sessionId = SESSION_IN_PATH.exec(req.url ?? '')?.[1];
      return sessionId ? { sessionId, workflowId: sessionId } : {};
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' || req.url === '/readyz' },
  });
}

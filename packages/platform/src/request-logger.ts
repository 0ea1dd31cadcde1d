import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { CALL_CONTEXT_HEADERS } from '@ai-chef/contracts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const SESSION_IN_PATH = /\/(sess-\d{13}-[A-Za-z0-9_-]{22,64})(?:\/|$|\?)/;
const RUN_ID = /^[0-9a-f-]{36}$/;
const ACTIVITY = /^[A-Za-z]{1,64}$/;
const ATTEMPT = /^\d{1,4}$/;

function header(req: IncomingMessage, name: string, shape: RegExp): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && shape.test(value) ? value : undefined;
}

/** What a request line says of the request: no headers (they are most of a line's size and may carry secrets). */
function requestFields(req: IncomingMessage & { id?: unknown; raw?: IncomingMessage }) {
  const raw = req.raw ?? req;
  return { id: req.id, method: raw.method, url: raw.url, remoteAddress: raw.socket?.remoteAddress };
}

function responseFields(res: ServerResponse & { raw?: ServerResponse }) {
  return { statusCode: (res.raw ?? res).statusCode };
}

/**
 * One JSON line per request with the request id (the caller's well-formed X-Request-Id, else a new
 * one, echoed back) and, where the path names a session, its session id and workflow id (the same);
 * a call from an activity adds the run id, the activity and its attempt.
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
    serializers: { req: requestFields, res: responseFields },
    customProps: (req) => {
      const sessionId = SESSION_IN_PATH.exec(req.url ?? '')?.[1];
      const runId = header(req, CALL_CONTEXT_HEADERS.runId, RUN_ID);
      const activity = header(req, CALL_CONTEXT_HEADERS.activity, ACTIVITY);
      const attempt = header(req, CALL_CONTEXT_HEADERS.attempt, ATTEMPT);
      return {
        ...(sessionId ? { sessionId, workflowId: sessionId } : {}),
        ...(runId ? { runId } : {}),
        ...(activity ? { activity } : {}),
        ...(attempt ? { attempt: Number(attempt) } : {}),
      };
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' || req.url === '/readyz' },
  });
}

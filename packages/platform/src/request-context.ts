import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Keeps the request id for the rest of the request, so calls to other services carry it. */
export const requestContext: RequestHandler = (req, _res, next) => {
  const requestId = req.headers['x-request-id'];
  if (typeof requestId === 'string') storage.run({ requestId }, next);
  else next();
};

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import { CALL_CONTEXT_HEADERS } from '@ai-chef/contracts';

/** Who a piece of work is for: the request that caused it and, inside an activity, its run and attempt. */
export interface CallContext {
  requestId: string;
  runId?: string;
  activity?: string;
  attempt?: number;
}

const storage = new AsyncLocalStorage<CallContext>();

/** Keeps the request id for the rest of the request, so calls to other services carry it. */
export const requestContext: RequestHandler = (req, _res, next) => {
  const requestId = req.headers['x-request-id'];
  if (typeof requestId === 'string') storage.run({ requestId }, next);
  else next();
};

/** Runs `work` with this context: the worker runs each activity in one. */
export function runInCallContext<T>(context: CallContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The headers an outgoing call to another service carries, so both sides' log lines share them. */
export function callContextHeaders(): Record<string, string> {
  const context = storage.getStore();
  if (!context) return {};
  const headers: Record<string, string> = { [CALL_CONTEXT_HEADERS.requestId]: context.requestId };
  if (context.runId) headers[CALL_CONTEXT_HEADERS.runId] = context.runId;
  if (context.activity) headers[CALL_CONTEXT_HEADERS.activity] = context.activity;
  if (context.attempt !== undefined) headers[CALL_CONTEXT_HEADERS.attempt] = String(context.attempt);
  return headers;
}

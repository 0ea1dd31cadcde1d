import { APIConnectionError, APIError, APIUserAbortError, AnthropicError } from '@anthropic-ai/sdk';
import { ApplicationFailure } from '@temporalio/common';
import { NON_RETRYABLE } from '@ai-chef/contracts';

export const PROVIDER_RATE_LIMITED = 'ProviderRateLimited';
export const PROVIDER_UNAVAILABLE = 'ProviderUnavailable';

/** Temporal waits at least this long after a 429/529, even when the provider asks for less. */
const MIN_RETRY_DELAY_MS = 1000;
/** A retry-after beyond this is treated as this: a run should not sleep for hours on one header. */
const MAX_RETRY_DELAY_MS = 10 * 60 * 1000;

/** 429 rate limited, 529 overloaded: the provider tells us when to come back. */
const RATE_LIMIT_STATUSES = new Set([429, 529]);
/** 4xx statuses that a later attempt can mend: a request timeout and a lock conflict. */
const TRANSIENT_CLIENT_STATUSES = new Set([408, 409]);

type HeaderSource = Pick<Headers, 'get'> | undefined;

/**
 * The delay a 429/529 response asks for, in ms: `retry-after-ms`, else `retry-after` in seconds
 * or as an HTTP date; undefined when neither header is usable.
 */
export function retryAfterMs(headers: HeaderSource, now: number = Date.now()): number | undefined {
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return millis;
  const raw = headers?.get('retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number.parseFloat(raw) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function detailsOf(error: APIError): Array<{ status: number | null; requestId: string | null }> {
  return [{ status: error.status ?? null, requestId: error.requestID ?? null }];
}

/**
 * Maps an error from the Anthropic SDK to the ApplicationFailure Temporal acts on: 429/529 wait
 * at least their retry-after; 5xx, connection errors and timeouts are retried; any other 4xx
 * (bad request, bad key, no access, unknown model, too large) is not, since no retry mends it.
 * An abort (the activity was cancelled) and errors that do not come from the SDK are returned
 * unchanged.
 */
export function toProviderFailure(error: unknown): unknown {
  if (error instanceof ApplicationFailure || error instanceof APIUserAbortError) return error;
  if (error instanceof APIConnectionError) {
    return ApplicationFailure.create({
      type: PROVIDER_UNAVAILABLE,
      message: `The model provider could not be reached: ${error.message}`,
      cause: error,
    });
  }
  if (error instanceof APIError) {
    // An `error` event inside a stream (e.g. overloaded_error half way) carries no HTTP status: retried.
    if (error.status === undefined) {
      return ApplicationFailure.create({
        type: PROVIDER_UNAVAILABLE,
        message: `The model provider broke off its answer: ${error.message}`,
        details: detailsOf(error),
      });
    }
    const status = error.status;
    if (RATE_LIMIT_STATUSES.has(status)) {
      const wanted = retryAfterMs(error.headers);
      return ApplicationFailure.create({
        type: PROVIDER_RATE_LIMITED,
        message: `The model provider is ${status === 529 ? 'overloaded' : 'rate limiting'} (${status}): ${error.message}`,
        details: detailsOf(error),
        nextRetryDelay:
          wanted === undefined
            ? undefined
            : Math.min(MAX_RETRY_DELAY_MS, Math.max(MIN_RETRY_DELAY_MS, Math.ceil(wanted))),
      });
    }
    if (status >= 500 || TRANSIENT_CLIENT_STATUSES.has(status)) {
      return ApplicationFailure.create({
        type: PROVIDER_UNAVAILABLE,
        message: `The model provider failed (${status}): ${error.message}`,
        details: detailsOf(error),
      });
    }
    return ApplicationFailure.create({
      type: NON_RETRYABLE.providerRejected,
      message: `The model provider rejected the request (${status}): ${error.message}`,
      details: detailsOf(error),
      nonRetryable: true,
    });
  }
  // Client-side SDK errors (no credentials, bad options) are configuration: no retry mends them.
  if (error instanceof AnthropicError) {
    return ApplicationFailure.create({
      type: NON_RETRYABLE.providerRejected,
      message: `The model client failed: ${error.message}`,
      nonRetryable: true,
    });
  }
  return error;
}

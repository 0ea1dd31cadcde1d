import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AnthropicError,
} from '@anthropic-ai/sdk';
import { ApplicationFailure } from '@temporalio/common';
import { NON_RETRYABLE } from '@ai-chef/contracts';
import {
  PROVIDER_RATE_LIMITED,
  PROVIDER_UNAVAILABLE,
  retryAfterMs,
  toProviderFailure,
} from './provider-failure.js';

function apiError(status: number, headers: Record<string, string> = {}, type = 'api_error'): APIError {
  return APIError.generate(
    status,
    { type: 'error', error: { type, message: `status ${status}` } },
    undefined,
    new Headers(headers),
  );
}

function asFailure(error: unknown): ApplicationFailure {
  const mapped = toProviderFailure(error);
  if (!(mapped instanceof ApplicationFailure))
    throw new Error(`expected an ApplicationFailure, got ${String(mapped)}`);
  return mapped;
}

describe('toProviderFailure', () => {
  it('when the provider is overloaded (529) with retry-after, then it is retryable and waits that long', () => {
    const failure = asFailure(apiError(529, { 'retry-after': '3' }, 'overloaded_error'));
    expect(failure.type).toBe(PROVIDER_RATE_LIMITED);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.nextRetryDelay).toBe(3000);
    expect(failure.message).toContain('overloaded');
  });

  it('when rate limited (429) with retry-after-ms below a second, then it waits at least a second', () => {
    const failure = asFailure(apiError(429, { 'retry-after-ms': '250' }, 'rate_limit_error'));
    expect(failure.type).toBe(PROVIDER_RATE_LIMITED);
    expect(failure.nextRetryDelay).toBe(1000);
  });

  it('when retry-after-ms and retry-after are both sent, then the milliseconds win', () => {
    expect(asFailure(apiError(429, { 'retry-after-ms': '4500', 'retry-after': '9' })).nextRetryDelay).toBe(
      4500,
    );
  });

  it('when rate limited without retry-after, then the retry policy decides the delay', () => {
    const failure = asFailure(apiError(429));
    expect(failure.type).toBe(PROVIDER_RATE_LIMITED);
    expect(failure.nextRetryDelay).toBeUndefined();
  });

  it('when retry-after is an HTTP date, then the delay runs until that date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const headers = new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' });
    expect(retryAfterMs(headers, now)).toBe(7000);
  });

  it('when retry-after is absurdly long, then the delay is capped at ten minutes', () => {
    expect(asFailure(apiError(529, { 'retry-after': '86400' })).nextRetryDelay).toBe(600_000);
  });

  it('for any retry-after up to ten minutes, the delay is at least retry-after and at least one second', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.constantFrom(429, 529), (seconds, status) => {
        const delay = asFailure(apiError(status, { 'retry-after': String(seconds) })).nextRetryDelay;
        expect(delay).toBe(Math.max(1000, seconds * 1000));
      }),
    );
  });

  it.each([500, 502, 503, 504])(
    'when the provider answers %i, then it is retryable ProviderUnavailable',
    (status) => {
      const failure = asFailure(apiError(status));
      expect(failure.type).toBe(PROVIDER_UNAVAILABLE);
      expect(failure.nonRetryable).toBe(false);
    },
  );

  it('when the connection fails or times out, then it is retryable ProviderUnavailable', () => {
    for (const error of [
      new APIConnectionError({ message: 'ECONNREFUSED' }),
      new APIConnectionTimeoutError(),
    ]) {
      const failure = asFailure(error);
      expect(failure.type).toBe(PROVIDER_UNAVAILABLE);
      expect(failure.nonRetryable).toBe(false);
    }
  });

  it.each([400, 401, 403, 404, 413, 422])(
    'when the provider answers %i, then no retry is attempted',
    (status) => {
      const failure = asFailure(apiError(status));
      expect(failure.type).toBe(NON_RETRYABLE.providerRejected);
      expect(failure.nonRetryable).toBe(true);
      expect(failure.message).toContain(String(status));
    },
  );

  it('when the SDK itself fails (no credentials), then it is a non-retryable rejection', () => {
    const failure = asFailure(new AnthropicError('Could not resolve authentication method'));
    expect(failure.type).toBe(NON_RETRYABLE.providerRejected);
    expect(failure.nonRetryable).toBe(true);
  });

  it('leaves cancellations, ApplicationFailures and foreign errors unchanged', () => {
    const abort = new APIUserAbortError();
    const existing = ApplicationFailure.create({ type: 'Other', message: 'x' });
    const foreign = new TypeError('bug');
    expect(toProviderFailure(abort)).toBe(abort);
    expect(toProviderFailure(existing)).toBe(existing);
    expect(toProviderFailure(foreign)).toBe(foreign);
  });
});

import got, { HTTPError, RequestError, TimeoutError } from 'got';
import type { RetryObject } from 'got';
import pLimit from 'p-limit';
import { parseNaverResponse } from './offer-parser.js';
import type { ShopListing } from './offer-parser.js';
import type { QuotaCounter } from './quota-counter.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';

export type NaverFailureReason = 'quota_exhausted' | 'http_error' | 'timeout' | 'no_offers';

export type NaverSearchResult =
  | { ok: true; listings: ShopListing[] }
  | { ok: false; reason: NaverFailureReason; status?: number; message: string };

export interface NaverClient {
  /**
   * Searches Naver Shopping for `query`. Provider errors come back as a typed failure, never thrown;
   * only an aborted `signal` (activity cancellation) rejects, with the signal's reason.
   */
  search(query: string, options?: { signal?: AbortSignal }): Promise<NaverSearchResult>;
}

export interface NaverClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  quota: QuotaCounter;
  /** The call rate shared with other workers (counted in MongoDB); this process keeps its own sliding window too. */
  sharedRate?: RateLimiter;
  /** Searches in flight at once (PRICE_CONCURRENCY). */
  concurrency?: number;
  /** HTTP calls per rolling second, retries included (NAVER_CALLS_PER_SECOND). */
  callsPerSecond?: number;
  /** Per attempt. */
  timeoutMs?: number;
  /** Retries after the first attempt, on 429, 5xx and network errors or timeouts. */
  retries?: number;
  /** Listings per search (Naver allows 1–100). */
  display?: number;
  /** First backoff; doubles per retry, with up to 10 % jitter. */
  retryBaseDelayMs?: number;
  /** The longest Retry-After honoured; a longer one fails the search at once rather than stall the activity. */
  maxRetryAfterMs?: number;
}

const SEARCH_PATH = '/v1/search/shop.json';
// Used goods, rentals and overseas direct purchase are not groceries one can cook with today.
const EXCLUDE = 'used:rental:cbshop';
// The limiter's window is a little longer than a second: calls reach the server after a variable
// network delay, and the server counts arrivals.
const RATE_WINDOW_MS = 1000;
const RATE_WINDOW_MARGIN_MS = 50;
const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524];

class QuotaExhaustedError extends Error {
  override name = 'QuotaExhaustedError';
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a whole number ≥ 1, got ${value}`);
  return value;
}

export function createNaverClient(options: NaverClientOptions): NaverClient {
  const concurrency = positiveInteger('concurrency', options.concurrency ?? 6);
  const callsPerSecond = positiveInteger('callsPerSecond', options.callsPerSecond ?? 10);
  const timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? 5000);
  const retries = options.retries ?? 2;
  if (!Number.isInteger(retries) || retries < 0)
    throw new RangeError(`retries must be a whole number ≥ 0, got ${retries}`);
  const display = Math.min(100, positiveInteger('display', options.display ?? 20));
  const retryBaseDelayMs = options.retryBaseDelayMs ?? 1000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 5000;
  const url = `${options.baseUrl.replace(/\/+$/, '')}${SEARCH_PATH}`;
  const { quota } = options;

  const slots = pLimit(concurrency);
  const rate = createRateLimiter({
    limit: callsPerSecond,
    intervalMs: RATE_WINDOW_MS + RATE_WINDOW_MARGIN_MS,
  });

  /** Every HTTP attempt, the first and each retry, waits its turn and spends one unit of quota. */
  async function admitCall(signal?: AbortSignal): Promise<void> {
    if (!(await quota.tryConsume(1))) throw new QuotaExhaustedError('Naver daily quota spent');
    await rate.acquire(signal);
    await options.sharedRate?.acquire(signal);
  }

  function retryDelay({ attemptCount, error, retryAfter, computedValue }: RetryObject): number {
    // got's own rules (limit, status codes, error codes, Retry-After ≤ maxRetryAfter) say no: stop.
    if (computedValue === 0) return 0;
    if (error.response !== undefined && retryAfter !== undefined) return computedValue;
    return retryBaseDelayMs * 2 ** (attemptCount - 1) * (1 + Math.random() * 0.1);
  }

  async function attempt(query: string, signal?: AbortSignal): Promise<NaverSearchResult> {
    try {
      await admitCall(signal);
      const body = await got
        .get(url, {
          searchParams: { query, display, sort: 'sim', exclude: EXCLUDE },
          headers: { 'X-Naver-Client-Id': options.clientId, 'X-Naver-Client-Secret': options.clientSecret },
          timeout: { request: timeoutMs },
          retry: {
            limit: retries,
            methods: ['GET'],
            statusCodes: RETRY_STATUS_CODES,
            maxRetryAfter: maxRetryAfterMs,
            calculateDelay: retryDelay,
          },
          hooks: { beforeRetry: [() => admitCall(signal)] },
          ...(signal !== undefined ? { signal } : {}),
        })
        .json<unknown>();
      const listings = parseNaverResponse(body);
      if (listings === undefined)
        return { ok: false, reason: 'http_error', message: 'response is not a shopping search result' };
      if (listings.length === 0)
        return { ok: false, reason: 'no_offers', message: `no listings for "${query}"` };
      return { ok: true, listings };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      return failure(error);
    }
  }

  return {
    search(query, { signal } = {}) {
      return slots(async () => {
        signal?.throwIfAborted();
        return attempt(query, signal);
      });
    },
  };
}

function failure(error: unknown): NaverSearchResult & { ok: false } {
  const cause = error instanceof RequestError ? error.cause : undefined;
  if (error instanceof QuotaExhaustedError || cause instanceof QuotaExhaustedError) {
    return { ok: false, reason: 'quota_exhausted', message: 'Naver daily quota spent' };
  }
  if (error instanceof TimeoutError) return { ok: false, reason: 'timeout', message: error.message };
  if (error instanceof HTTPError) {
    return { ok: false, reason: 'http_error', status: error.response.statusCode, message: error.message };
  }
  return { ok: false, reason: 'http_error', message: error instanceof Error ? error.message : String(error) };
}

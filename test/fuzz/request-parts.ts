// The parts of a hostile request other than the body: path segments (ids), query strings and
// headers, and the rules every answer must keep (docs/contract.md, Errors: never a 5xx, one error shape, no internals).
import fc from 'fast-check';
import { isSessionId } from '@ai-chef/contracts';
import { hostileString } from './json-text.js';
import type { RawRequest, RawResponse } from './raw-http.js';

/** Percent-encodes every byte outside RFC 3986's unreserved set (lone surrogates become U+FFFD's bytes). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A path segment as sent, and whether it still decodes (bad escapes make the whole URL malformed). */
export interface Segment {
  raw: string;
  decodes: boolean;
}

/** Whether a percent-encoded string decodes (a bad escape makes the URL malformed). */
export function decodes(raw: string): boolean {
  try {
    decodeURIComponent(raw);
    return true;
  } catch {
    return false;
  }
}

const segment = (raw: string): Segment => ({ raw, decodes: decodes(raw) });

const base64url = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 22, maxLength: 22 });

/** Ids with the shape of a session id that no session has. */
export const unknownSessionId: fc.Arbitrary<Segment> = fc
  .tuple(fc.integer({ min: 1_000_000_000_000, max: 9_999_999_999_999 }), base64url)
  .map(([ms, random]) => segment(`sess-${ms}-${random}`));

/** Ids that fail the format check: any length and shape, unicode, `..`, `%00`, near misses, bad escapes. */
export const malformedSessionId: fc.Arbitrary<Segment> = fc
  .oneof(
    { weight: 3, arbitrary: hostileString.filter((s) => s.length > 0 && s.length < 2_000).map((s) => segment(percentEncode(s))) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E%2E%2F%2E%2E',
        '%00',
        'sess-%00',
        '%2F',
        '%5C',
        '%E0%A4%A',
        '%',
        '%%',
        '%ZZ',
        '%C0%AE%C0%AE',
        'sess-',
        'sess-1',
        'SESS-1700000000000-AAAAAAAAAAAAAAAAAAAAAA',
        'sess-170000000000-AAAAAAAAAAAAAAAAAAAAAA',
        'sess-17000000000000-AAAAAAAAAAAAAAAAAAAAAA',
        'sess-1700000000000-AAAAAAAAAAAAAAAAAAAAA',
        'sess-1700000000000-AAAAAAAAAAAAAAAAAAAAAA%00',
        'sess-1700000000000-AAAAAAAAAAAAAAAAAAAAAA%0A',
        'sess-1700000000000-AAAAAAAAAAAAAAAAAAAA%2B%2F',
        'sess-%D9%A1%D9%A2%D9%A3-AAAAAAAAAAAAAAAAAAAAAA',
        '%20sess-1700000000000-AAAAAAAAAAAAAAAAAAAAAA',
      ).map(segment),
    },
    {
      weight: 2,
      // Near misses: the right parts in the wrong lengths or with a character outside base64url.
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 80 }), fc.constantFrom('', '+', '/', '=', '.', '~', '가', '\u0000'))
        .map(([digits, length, odd]) => `sess-${'1'.repeat(digits)}-${'A'.repeat(length)}${odd}`)
        .filter((id) => !isSessionId(id))
        .map((id) => segment(percentEncode(id))),
    },
    { weight: 1, arbitrary: fc.integer({ min: 65, max: 6_000 }).map((n) => segment('a'.repeat(n))) },
  )
  .filter((s) => !s.decodes || !isSessionId(decodeURIComponent(s.raw)));

/** Ids for routes of the real stack: live sessions, unknown ones and malformed ones. */
export function sessionIdFor(live: readonly string[]): fc.Arbitrary<Segment> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...live).map(segment) },
    { weight: 2, arbitrary: unknownSessionId },
    { weight: 4, arbitrary: malformedSessionId },
  );
}

/** `?…` or nothing: repeated keys, bracket keys, `__proto__`, unicode, bad escapes. */
export const queryString: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom('q', 'limit', 'from', 'to', '__proto__', '__proto__[x]', 'constructor[prototype][x]', 'a[b]', 'q[]', '$gt', 'a.b'), fc.string({ maxLength: 10 })),
          fc.oneof(hostileString.filter((s) => s.length < 3_000), fc.integer().map(String)),
        ),
        { maxLength: 5 },
      )
      .map((pairs) => `?${pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('?', '?&&', '?=', '?q=%E0%A4%A', '?q=%', '?limit=1e3', '?limit=-1', '?limit=0x10', '?q=a&q=b', '?__proto__=x', '?%00=%00') },
);

const headerText = fc.stringMatching(/^[\x20-\x7e]{0,60}$/).map((s) => s.trim());

/** JSON content types the gateway reads a body as (the verdicts expect the body rules for them). */
export const JSON_CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json;charset=UTF-8',
  'application/merge-patch+json',
  'application/vnd.api+json',
] as const;

/** Content types a client might send with a body, right, wrong and broken. */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...JSON_CONTENT_TYPES) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/xml',
      '*/*',
      'application/',
      'json',
      ';;;',
      'application/json; boundary="',
    ),
  },
  { weight: 1, arbitrary: headerText },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** Other headers: request ids, origins, auth, encodings and forwarding, garbage included. */
export const extraHeaders: fc.Arbitrary<Record<string, string>> = fc
  .record(
    {
      'x-request-id': fc.oneof(headerText, fc.constant('fuzz-request-0001')),
      origin: fc.oneof(fc.constantFrom('http://localhost:3000', 'https://evil.example', 'null'), headerText),
      accept: fc.oneof(fc.constantFrom('application/json', 'text/event-stream', '*/*', 'text/html'), headerText),
      authorization: fc.oneof(fc.constantFrom('Bearer ', 'Bearer x', 'Basic YTpi'), headerText),
      'content-encoding': fc.constantFrom('identity', 'gzip', 'deflate', 'br', 'compress', 'x-garbage'),
      'x-forwarded-for': fc.oneof(fc.constantFrom('1.2.3.4', '::1, 10.0.0.1', 'unknown'), headerText),
      'user-agent': headerText,
    },
    { requiredKeys: [] },
  )
  .map((headers) => Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>);

/** A request with a body (or none) and some headers. */
export function withBody(method: string, path: string, body: string | undefined, type: string | undefined, headers: Record<string, string>): RawRequest {
  const all: Record<string, string> = { ...headers };
  if (type !== undefined) all['content-type'] = type;
  // Compressed content is only declared for bodies; an empty one carries no encoding.
  if (body === undefined || body === '') delete all['content-encoding'];
  return { method, path, headers: all, body: body === undefined ? undefined : Buffer.from(body, 'utf8') };
}

// Internals must never leak: stack frames, this machine's paths, module locations.
const INTERNALS = [/\n\s+at /, /\bat [^\s()]+ \([^)]*:\d+:\d+\)/, /file:\/\//, /node_modules/, /\/work\//, /\.(ts|js|mjs):\d+:\d+/];

/** The rules every answer keeps; returns what was wrong, if anything. */
export function answerProblem(res: RawResponse): string | undefined {
  if (res.status >= 500) return `status ${res.status}`;
  const leak = INTERNALS.find((pattern) => pattern.test(res.text));
  if (leak) return `the body shows internals (${leak.source})`;
  if (res.status < 400) return undefined;
  if (!String(res.headers['content-type'] ?? '').startsWith('application/json')) return `a ${res.status} that is not JSON`;
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return `a ${res.status} whose body does not parse`;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the error body is not an object';
  const keys = Object.keys(body);
  const error = (body as { error?: unknown }).error;
  if (keys.length !== 1 || typeof error !== 'object' || error === null) return `the error body has keys ${keys.join(',')}`;
  const { code, message, details, ...rest } = error as Record<string, unknown>;
  if (typeof code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(code)) return `error.code ${String(code)}`;
  if (typeof message !== 'string' || message.length === 0) return 'error.message';
  if (details !== undefined && !Array.isArray(details)) return 'error.details is not an array';
  if (Object.keys(rest).length > 0) return `error has extra keys ${Object.keys(rest).join(',')}`;
  if ((res.status === 429 || res.status === 503) && !/^\d+$/.test(String(res.headers['retry-after'] ?? ''))) return `a ${res.status} without Retry-After`;
  return undefined;
}

export function errorCode(res: RawResponse): string | undefined {
  try {
    return (JSON.parse(res.text) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

const baseline = {
  object: Object.getOwnPropertyNames(Object.prototype).sort().join(','),
  array: Object.getOwnPropertyNames(Array.prototype).sort().join(','),
};

/** Whether anything wrote to Object.prototype or Array.prototype since this module loaded. */
export function prototypesPolluted(): boolean {
  const probe: Record<string, unknown> = {};
  return (
    Object.getOwnPropertyNames(Object.prototype).sort().join(',') !== baseline.object ||
    Object.getOwnPropertyNames(Array.prototype).sort().join(',') !== baseline.array ||
    probe['polluted'] !== undefined ||
    probe['x'] !== undefined
  );
}

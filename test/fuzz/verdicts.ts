// What the README's Limits say a hostile request must get, where it says it plainly: the body rules that apply
// before any route (415, 413, 400), then the id rule (a malformed id is the session 404).
import { isSessionId } from '@ai-chef/contracts';
import { errorCode, JSON_CONTENT_TYPES, type Segment } from './request-parts.js';
import type { RawRequest, RawResponse } from './raw-http.js';

/** An answer the spec pins down: these statuses, and (when given) one of these codes. */
export interface Verdict {
  status: readonly number[];
  code?: readonly string[];
}

const GOOD_JSON = new Set<string>(JSON_CONTENT_TYPES);
const NOT_JSON = new Set(['text/plain', 'text/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'application/xml']);

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Whether a key anywhere could act as a MongoDB operator or path, holds NUL, or names a prototype.
 * Walked with a stack (bodies that get this far nest at most 32 deep, but the walk does not care).
 */
function scan(root: unknown): { unsafeKey: boolean; nulString: boolean } {
  let unsafeKey = false;
  let nulString = false;
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string' && value.includes('\u0000')) nulString = true;
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.startsWith('$') || key.includes('.') || key.includes('\u0000') || FORBIDDEN_KEYS.has(key)) unsafeKey = true;
        pending.push(item);
      }
    }
  }
  return { unsafeKey, nulString };
}

/** Node's default --max-http-header-size: the request line and headers together. */
const MAX_HEAD_BYTES = 16 * 1024;
const HEADERS_TOO_LARGE: Verdict = { status: [431], code: ['headers_too_large'] };
/** Host, Connection and Content-Length, which the client adds, plus slack for how Node counts. */
const HEAD_SLACK_BYTES = 256;

/**
 * A request whose line and headers overflow what Node reads is answered 431 before any route
 * runs; near the limit either answer is fair, since the exact count is Node's to make.
 */
export function headVerdict(req: RawRequest): { kind: 'fits' } | { kind: 'answer'; verdict: Verdict } | { kind: 'unclear' } {
  const headers = Object.entries(req.headers).reduce((sum, [name, value]) => sum + Buffer.byteLength(`${name}: ${value}\r\n`), 0);
  const size = Buffer.byteLength(`${req.method} ${req.path} HTTP/1.1\r\n`) + headers;
  if (size > MAX_HEAD_BYTES) return { kind: 'answer', verdict: HEADERS_TOO_LARGE };
  return size > MAX_HEAD_BYTES - HEAD_SLACK_BYTES ? { kind: 'unclear' } : { kind: 'fits' };
}

/** The verdict once the head rule has had its say: 431 for a head over the limit, either answer near it. */
export function afterHeadRule(req: RawRequest, res: RawResponse, verdict: Verdict | undefined): Verdict | undefined {
  const head = headVerdict(req);
  if (head.kind === 'answer') return head.verdict;
  return head.kind === 'unclear' && res.status === 431 ? HEADERS_TOO_LARGE : verdict;
}

/** The body as the gateway reads it: absent, parsed, or the answer it must get before any route runs. */
export type BodyVerdict = { kind: 'absent' } | { kind: 'parsed'; value: unknown } | { kind: 'answer'; verdict: Verdict } | { kind: 'unclear' };

/** README, Limits: nesting deeper than this (the top level is depth 1) is 400 too_deep, found before parsing. */
const MAX_DEPTH = 32;

/** How deep the text nests arrays and objects, brackets inside strings not counted: the depth of the raw body. */
function textDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '[' || char === '{') deepest = Math.max(deepest, ++depth);
    else if (char === ']' || char === '}') depth -= 1;
  }
  return deepest;
}

const KIB = 1024;

/** The per-route body limits (README, Limits): the lowest of these and BODY_LIMIT_BYTES applies. */
export function routeBodyLimit(method: string, path: string, bodyLimitBytes: number): number {
  const route = path.split('?')[0] ?? '';
  const own =
    method === 'POST' && /^\/session\/[^/]+\/(process|plan)\/?$/i.test(route)
      ? 16 * KIB
      : ['POST', 'DELETE'].includes(method) && /^\/session\/[^/]+\/fridge\/?$/i.test(route)
        ? 16 * KIB
        : method === 'POST' && /^\/events\/?$/i.test(route)
          ? 256 * KIB
          : Number.POSITIVE_INFINITY;
  return Math.min(own, bodyLimitBytes);
}

export function bodyVerdict(req: RawRequest, limitBytes: number): BodyVerdict {
  const body = req.body;
  if (body === undefined || body.length === 0) return { kind: 'absent' };
  const type = req.headers['content-type'];
  if (type === undefined || NOT_JSON.has(type)) return { kind: 'answer', verdict: { status: [415], code: ['unsupported_media_type'] } };
  if (!GOOD_JSON.has(type)) return { kind: 'unclear' };
  const encoding = req.headers['content-encoding'];
  // A compressed body is refused unread, whatever it holds.
  if (encoding !== undefined && encoding !== 'identity') return { kind: 'answer', verdict: { status: [415], code: ['unsupported_encoding'] } };
  if (body.length > limitBytes) return { kind: 'answer', verdict: { status: [413], code: ['payload_too_large'] } };
  const text = body.toString('utf8').replace(/^\ufeff/, '');
  if (textDepth(text) > MAX_DEPTH) return { kind: 'answer', verdict: { status: [400], code: ['too_deep'] } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'answer', verdict: { status: [400], code: ['invalid_json'] } };
  }
  const { unsafeKey, nulString } = scan(value);
  if (unsafeKey) return { kind: 'answer', verdict: { status: [400], code: ['invalid_key'] } };
  // PostgreSQL, under the local FerretDB, cannot store NUL in text: refused on every server alike.
  if (nulString) return { kind: 'answer', verdict: { status: [400], code: ['invalid_string'] } };
  return { kind: 'parsed', value };
}

/** The id rule: checked for shape first; a malformed one is the same 404 as an unknown one. */
export function idVerdict(id: Segment): Verdict | undefined {
  if (!id.decodes) return { status: [400, 404], code: ['bad_request', 'session_not_found'] };
  return isSessionId(decodeURIComponent(id.raw)) ? undefined : { status: [404], code: ['session_not_found'] };
}

/** Routes that take no input accept nothing but an absent body or `{}`. */
export function noInputVerdict(body: BodyVerdict): Verdict | undefined {
  if (body.kind !== 'parsed') return undefined;
  const value = body.value;
  const empty = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
  return empty ? undefined : { status: [400], code: ['unexpected_body'] };
}

export function verdictProblem(res: RawResponse, verdict: Verdict | undefined): string | undefined {
  if (!verdict) return undefined;
  if (!verdict.status.includes(res.status)) return `expected ${verdict.status.join('/')}, got ${res.status}`;
  const code = errorCode(res);
  if (verdict.code && !verdict.code.includes(code ?? '')) return `expected code ${verdict.code.join('/')}, got ${code}`;
  return undefined;
}

// What the gateway decides alone, before asking anyone: a malformed id is the session 404, a body
// over BODY_LIMIT_BYTES is 413, a non-empty body that is not JSON is 415. Its session service here
// is a local server that only counts: for these requests it must never be asked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { startGateway, type RunningGateway } from '@ai-chef/gateway';
import { hostileJson, hostileString, toJsonText } from './json-text.js';
import { closeConnections, send, type RawRequest } from './raw-http.js';
import { afterHeadRule, verdictProblem } from './verdicts.js';
import { answerProblem, extraHeaders, malformedSessionId, prototypesPolluted, queryString } from './request-parts.js';

// FC_RUNS raises the count for a longer hunt (the default keeps `npm test` in minutes).
const RUNS = Number(process.env.FC_RUNS ?? 1000);
const BODY_LIMIT = 2048;

let gateway: RunningGateway;
let counter: Server;
let asked = 0;

beforeAll(async () => {
  counter = createServer((req, res) => {
    asked += 1;
    req.resume();
    res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"counted","message":"the gateway asked"}}');
  });
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
  const { port } = counter.address() as AddressInfo;
  gateway = await startGateway({
    PORT: '0',
    SESSION_SERVICE_URL: `http://127.0.0.1:${port}`,
    BODY_LIMIT_BYTES: String(BODY_LIMIT),
    INTERNAL_TOKEN: 'fuzz-internal-token-0123456789',
    RATE_LIMIT_PER_MINUTE: '0',
    PROCESS_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
  });
});

afterAll(async () => {
  closeConnections();
  await gateway?.stop();
  await new Promise<void>((resolve) => counter.close(() => resolve()));
});

/** Every public route with a session id in its path. */
const SESSION_ROUTES: Array<[string, string]> = [
  ['GET', ''],
  ['GET', '/status'],
  ['POST', '/extend'],
  ['POST', '/process'],
  ['POST', '/cancel'],
  ['GET', '/result'],
  ['GET', '/stream'],
  ['GET', '/fridge'],
  ['POST', '/fridge'],
  ['DELETE', '/fridge'],
  ['DELETE', '/fridge/onion'],
];

/** Routes that read a body (all behind the body rules). */
const BODY_ROUTES: Array<[string, string]> = [
  ['POST', '/session/start'],
  ['POST', '/session/sess-1700000000000-AAAAAAAAAAAAAAAAAAAAAA/process'],
  ['POST', '/session/sess-1700000000000-AAAAAAAAAAAAAAAAAAAAAA/fridge'],
  ['DELETE', '/session/sess-1700000000000-AAAAAAAAAAAAAAAAAAAAAA/fridge'],
  ['POST', '/events'],
  ['POST', '/admin/cleanup-sessions'],
  ['GET', '/ingredients'],
];

async function expectAnswer(req: RawRequest, expectedStatus: readonly number[], expectedCodes: readonly string[]): Promise<void> {
  const before = asked;
  const res = await send(gateway.url, req);
  // An oversized request line or header block is refused (431) before anything else is looked at.
  const verdict = afterHeadRule(req, res, { status: expectedStatus, code: expectedCodes });
  const problem =
    answerProblem(res) ??
    verdictProblem(res, verdict) ??
    (asked === before ? undefined : 'the session service was asked') ??
    (prototypesPolluted() ? 'a prototype was polluted' : undefined);
  if (problem) throw new Error(`${problem}: ${req.method} ${req.path.slice(0, 300)} → ${res.status} ${res.text.slice(0, 300)}`);
}

describe('what the gateway answers without asking the session service', () => {
  it(`when ${RUNS} ids fail the format check, on every session route, then each gets the session 404 and nothing is asked`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SESSION_ROUTES), malformedSessionId, queryString, extraHeaders, async ([method, suffix], id, query, headers) => {
        const { 'content-encoding': _encoding, ...rest } = headers;
        const req: RawRequest = { method, path: `/session/${id.raw}${suffix}${query}`, headers: rest };
        // An escape that does not decode makes the URL itself malformed: 400, still without asking.
        await expectAnswer(req, id.decodes ? [404] : [400, 404], id.decodes ? ['session_not_found'] : ['bad_request', 'session_not_found']);
      }),
      { numRuns: RUNS },
    );
    expect(asked).toBe(0);
  });

  it(`when ${RUNS} JSON bodies are larger than BODY_LIMIT_BYTES, then each gets 413 and nothing is asked`, async () => {
    const oversized = fc
      .tuple(hostileJson, hostileString, fc.integer({ min: 1, max: 4 * BODY_LIMIT }))
      .map(([json, text, extra]) => `[${toJsonText(json)},${JSON.stringify(text)},${JSON.stringify('x'.repeat(BODY_LIMIT + extra))}]`);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BODY_ROUTES), oversized, fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/vnd.api+json'), async ([method, path], body, type) => {
        await expectAnswer({ method, path, headers: { 'content-type': type }, body: Buffer.from(body, 'utf8') }, [413], ['payload_too_large']);
      }),
      { numRuns: RUNS },
    );
    expect(asked).toBe(0);
  });

  it(`when ${RUNS} non-empty bodies are not JSON, then each gets 415 and nothing is asked`, async () => {
    const notJson = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('text/plain', 'text/json', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'image/png', 'application/octet-stream', 'application/jsonx', 'json'),
    );
    const anyBody = fc.oneof(hostileJson.map(toJsonText), hostileString, fc.uint8Array({ minLength: 1, maxLength: 500 }).map((bytes) => Buffer.from(bytes).toString('latin1')));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BODY_ROUTES), anyBody.filter((body) => body.length > 0), notJson, async ([method, path], body, type) => {
        const headers: Record<string, string> = type === undefined ? {} : { 'content-type': type };
        await expectAnswer({ method, path, headers, body: Buffer.from(body, 'utf8') }, [415], ['unsupported_media_type']);
      }),
      { numRuns: RUNS },
    );
    expect(asked).toBe(0);
  });
});

// Bodies built to cost the gateway CPU: compressed ones (a kilobyte of gzip that inflates to a
// megabyte of `[`) and deeply nested ones. Each gets its 4xx (415 unsupported_encoding, 400
// too_deep, 413) from the bytes as sent, never inflated or parsed, within a bounded CPU time per
// request; nothing reaches the session service (a local server here that only counts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { startGateway, type RunningGateway } from '@ai-chef/gateway';
import { closeConnections, send, type RawRequest, type RawResponse } from './raw-http.js';
import { answerProblem, errorCode } from './request-parts.js';

const RUNS = Number(process.env.FC_RUNS ?? 1000) / 10;
const BODY_LIMIT = 1024 * 1024;
/**
 * CPU this process may spend on one hostile request. Inflating and parsing such a body cost 350 to
 * 1,100 ms before the bytes were checked first; reading and scanning a megabyte costs a few. The
 * measure is the whole process's (client side, garbage collection, and the threads of Temporal
 * workers that earlier test files left in this jest worker included), so the bound on the slowest
 * one is generous and the median carries the claim.
 */
const CPU_PER_REQUEST_MS = 250;
const CPU_MEDIAN_MS = 10;

let gateway: RunningGateway;
let counter: Server;
let asked = 0;

beforeAll(async () => {
  counter = createServer((req, res) => {
    asked += 1;
    req.resume();
    res
      .writeHead(500, { 'content-type': 'application/json' })
      .end('{"error":{"code":"counted","message":"the gateway asked"}}');
  });
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
  const { port } = counter.address() as AddressInfo;
  gateway = await startGateway({
    PORT: '0',
    SESSION_SERVICE_URL: `http://127.0.0.1:${port}`,
    INTERNAL_TOKEN: 'fuzz-internal-token-0123456789',
    BODY_LIMIT_BYTES: String(BODY_LIMIT),
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

/** Routes that read a body, with the limit that applies to each. */
const ROUTES: Array<{ method: string; path: string; limit: number }> = [
  { method: 'POST', path: '/session/start', limit: BODY_LIMIT },
  { method: 'POST', path: '/session/sess-1700000000000-AAAAAAAAAAAAAAAAAAAAAA/process', limit: 16 * 1024 },
  { method: 'POST', path: '/session/sess-1700000000000-AAAAAAAAAAAAAAAAAAAAAA/fridge', limit: 16 * 1024 },
  { method: 'POST', path: '/events', limit: 256 * 1024 },
  { method: 'POST', path: '/admin/cleanup-sessions', limit: BODY_LIMIT },
];

/** One level of nesting as text, its closer, and how many levels it opens. */
const LEVELS = [
  { open: '[', close: ']', opens: 1 },
  { open: '{"a":', close: '}', opens: 1 },
  { open: '[{"k":', close: '}]', opens: 2 },
  { open: '{"x":[', close: ']}', opens: 2 },
] as const;

/** Nesting, as text: any depth up to a million, closed or not, brackets inside strings (which do not nest) included. */
const nested = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 33, max: 1_000_000 })),
    level: fc.constantFrom(...LEVELS),
    closed: fc.boolean(),
    inner: fc.constantFrom('1', '"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["', '"\\"[[{{"'),
  })
  .map(({ depth, level, closed, inner }) => {
    const levels = Math.ceil(depth / level.opens);
    const text = `${level.open.repeat(levels)}${inner}${closed ? level.close.repeat(levels) : ''}`;
    return { text, depth: levels * level.opens };
  });

const encodings = ['gzip', 'deflate', 'br', 'x-gzip', 'compress', 'GZIP', 'gzip, identity'] as const;
function compress(encoding: string, bytes: Buffer): Buffer {
  if (encoding.toLowerCase().includes('gzip')) return gzipSync(bytes);
  if (encoding === 'deflate') return deflateSync(bytes);
  if (encoding === 'br') return brotliCompressSync(bytes);
  return bytes;
}

/** Sends a request and measures the CPU this process spent on it (the gateway runs in this process). */
async function measured(req: RawRequest): Promise<{ res: RawResponse; cpuMs: number }> {
  const before = process.cpuUsage();
  const res = await send(gateway.url, req);
  const spent = process.cpuUsage(before);
  return { res, cpuMs: (spent.user + spent.system) / 1000 };
}

function problem(res: RawResponse, status: number, codes: readonly string[]): string | undefined {
  const shape = answerProblem(res);
  if (shape) return shape;
  if (res.status !== status) return `expected ${status}, got ${res.status}`;
  const code = errorCode(res);
  return codes.includes(code ?? '') ? undefined : `expected ${codes.join('/')}, got ${code}`;
}

describe('bodies built to cost CPU', () => {
  const cpu: number[] = [];

  it(`when ${RUNS} compressed bodies (up to a megabyte of nesting inflated) arrive, then each is 415 unsupported_encoding, unread`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        nested,
        fc.constantFrom(...encodings),
        async (route, body, encoding) => {
          const bytes = compress(encoding, Buffer.from(body.text, 'utf8'));
          const { res, cpuMs } = await measured({
            method: route.method,
            path: route.path,
            headers: { 'content-type': 'application/json', 'content-encoding': encoding },
            body: bytes,
          });
          cpu.push(cpuMs);
          const wrong = problem(res, 415, ['unsupported_encoding']);
          if (wrong) throw new Error(`${wrong}: ${encoding} ${bytes.length} bytes to ${route.path}`);
        },
      ),
      { numRuns: RUNS },
    );
    expect(asked).toBe(0);
  });

  it(`when ${RUNS} bodies nest up to a million levels deep, then each deeper than 32 is 400 too_deep (or 413 over its route's limit)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), nested, async (route, body) => {
        const bytes = Buffer.from(body.text, 'utf8');
        const { res, cpuMs } = await measured({
          method: route.method,
          path: route.path,
          headers: { 'content-type': 'application/json' },
          body: bytes,
        });
        cpu.push(cpuMs);
        // The size rule comes first (reading stops at the limit), then depth, found before parsing.
        const wrong =
          bytes.length > route.limit
            ? problem(res, 413, ['payload_too_large'])
            : body.depth > 32
              ? problem(res, 400, ['too_deep'])
              : res.status === 400 && errorCode(res) === 'too_deep'
                ? 'too_deep for a body at most 32 deep'
                : answerProblem(res);
        if (wrong) throw new Error(`${wrong}: depth ${body.depth}, ${bytes.length} bytes to ${route.path}`);
      }),
      { numRuns: RUNS },
    );
    expect(asked).toBe(0);
  });

  it(`then no request cost more than ${CPU_PER_REQUEST_MS} ms of CPU, half of them less than ${CPU_MEDIAN_MS} ms`, () => {
    const sorted = [...cpu].sort((a, b) => a - b);
    const at = (share: number): number =>
      sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
    console.log(
      `hostile bodies: ${cpu.length} requests, CPU per request p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, ` +
        `max ${at(1).toFixed(1)} ms`,
    );
    expect(cpu.length).toBeGreaterThan(0);
    expect(at(1)).toBeLessThan(CPU_PER_REQUEST_MS);
    expect(at(0.5)).toBeLessThan(CPU_MEDIAN_MS);
  });
});

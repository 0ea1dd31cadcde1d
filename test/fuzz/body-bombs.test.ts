// Bodies built to cost the gateway CPU: compressed ones (a kilobyte of gzip that inflates to a
// megabyte of `[`) and deeply nested ones. Each gets its 4xx (415 unsupported_encoding, 400
// too_deep, 413) from the bytes as sent, never inflated or parsed, within a bounded CPU time per
// request; nothing reaches the session service (a local server here that only counts).
import { readFileSync } from 'node:fs';
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
 * CPU the gateway's thread may spend on one hostile request (the client side of the test runs on it
 * too). Inflating and parsing such a body cost 350 to 1,100 ms before the bytes were checked first;
 * reading and scanning a megabyte costs a few.
 */
const CPU_PER_REQUEST_MS = 250;
const CPU_MEAN_MS = 20;

/**
 * CPU time of this process's main thread, where the in-process gateway runs: Linux counts it per
 * thread (in ticks of 10 ms), apart from the threads of Temporal workers that earlier test files
 * left in this jest worker. Elsewhere, the whole process's.
 */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
}

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

/** Sends a request and measures the CPU the gateway's thread spent meanwhile. */
async function measured(req: RawRequest): Promise<{ res: RawResponse; cpuMs: number }> {
  const before = mainThreadCpuMs();
  const res = await send(gateway.url, req);
  return { res, cpuMs: mainThreadCpuMs() - before };
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

  it(`then no request cost more than ${CPU_PER_REQUEST_MS} ms of CPU, ${CPU_MEAN_MS} ms on average`, () => {
    const mean = cpu.reduce((sum, ms) => sum + ms, 0) / cpu.length;
    console.log(
      `hostile bodies: ${cpu.length} requests, gateway thread CPU per request mean ${mean.toFixed(1)} ms, max ${Math.max(...cpu)} ms`,
    );
    expect(cpu.length).toBeGreaterThan(0);
    expect(Math.max(...cpu)).toBeLessThan(CPU_PER_REQUEST_MS);
    expect(mean).toBeLessThan(CPU_MEAN_MS);
  });
});

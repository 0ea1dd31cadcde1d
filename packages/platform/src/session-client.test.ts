import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppError } from './app-error.js';
import { SessionServiceClient } from './session-client.js';

const TOKEN = 'internal-token-for-unit-tests';

/** A local server standing in for the session service: answers by path, records what arrived. */
let server: Server;
let baseUrl: string;
const arrived: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      arrived.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (req.url?.endsWith('/busy')) {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '7' });
        res.end('{"error":{"code":"database_unavailable","message":"try later","details":[{"why":"outage"}]}}');
      } else if (req.url?.endsWith('/silent')) {
        // Never answers: the client's timeout decides.
      } else {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{"sessionId":"sess-1","status":"idle"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('SessionServiceClient', () => {
  it('sends JSON to the path under the base URL (a path prefix included) and reads the JSON answer', async () => {
    const client = new SessionServiceClient(`${baseUrl}/prefix/`, { internalToken: TOKEN });
    const reply = await client.request<{ sessionId: string }>('POST', '/internal/sessions/x', { profile: { target: 'keto' } });
    expect(reply).toEqual({ status: 201, body: { sessionId: 'sess-1', status: 'idle' } });
    expect(arrived.at(-1)).toMatchObject({
      method: 'POST',
      url: '/prefix/internal/sessions/x',
      body: '{"profile":{"target":"keto"}}',
      headers: expect.objectContaining({ 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }),
    });
  });

  it('turns a 4xx/5xx answer into an AppError with its status, code, details and Retry-After', async () => {
    const error = await new SessionServiceClient(baseUrl, { internalToken: TOKEN }).request('GET', '/busy').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 503, code: 'database_unavailable', message: 'try later', details: [{ why: 'outage' }], retryAfterSeconds: 7 });
  });

  it('answers 503 service_unavailable when nothing answers in time, or nothing listens', async () => {
    const silent = await new SessionServiceClient(baseUrl, { internalToken: TOKEN, timeoutMs: 200 }).request('GET', '/silent').catch((err: unknown) => err);
    expect(silent).toMatchObject({ status: 503, code: 'service_unavailable', retryAfterSeconds: 5 });
    const closed = await new SessionServiceClient('http://127.0.0.1:9', { internalToken: TOKEN }).request('GET', '/x').catch((err: unknown) => err);
    expect(closed).toMatchObject({ status: 503, code: 'service_unavailable' });
  });
});

// What the fault tests do to runs and read back: sessions through the gateway, /status sampled
// while a fault happens, and the result documents counted in MongoDB itself.
import { MongoClient } from 'mongodb';
import type { ProfileInput, ResultDocument, SessionStatusView } from '@ai-chef/contracts';
import { call, eventually, type JsonReply } from '../support/http.js';

/** Counts of 503s a polite client met and tried again; the load tests print them. */
export const clientRetries = { busy: 0, startedByEarlierTry: 0 };

/**
 * A call as a client that follows the API makes it: a 503 is tried again after its Retry-After
 * (a busy or unreachable dependency), up to 30 tries; any other answer is returned.
 */
async function politely<T>(gatewayUrl: string, method: string, path: string, body?: unknown): Promise<JsonReply<T>> {
  for (let tries = 1; ; tries += 1) {
    const reply = await call<T>(gatewayUrl, method, path, body);
    const retryAfter = Number(reply.headers.get('retry-after'));
    if (reply.status !== 503 || !Number.isInteger(retryAfter) || tries >= 30) return reply;
    clientRetries.busy += 1;
    await pause(retryAfter * 1000);
  }
}

export async function newSession(gatewayUrl: string): Promise<string> {
  const reply = await politely<{ sessionId: string }>(gatewayUrl, 'POST', '/session/start');
  if (reply.status !== 201) throw new Error(`session/start answered ${reply.status}`);
  return reply.body.sessionId;
}

/** Where an earlier try left a fresh session: its run id, or none once nothing is in flight. */
async function earlierTry(gatewayUrl: string, sessionId: string): Promise<string | undefined> {
  const settledView = await eventually(
    async () => {
      const view = await politely<{ status: string; runId?: string }>(gatewayUrl, 'GET', `/session/${sessionId}`);
      if (view.status !== 200) return undefined;
      if (view.body.runId) return { runId: view.body.runId };
      return view.body.status === 'processing' ? undefined : { runId: undefined };
    },
    { what: `the earlier try on ${sessionId} to settle`, timeoutMs: 300_000, intervalMs: 500 },
  );
  return settledView.runId;
}

/**
 * Starts a run on a session that has not run before, as a client that follows the API does;
 * returns its run id. A 503 to `process` may come from the gateway giving up on a try the session
 * service still completes, so before trying again the client looks at the session: a run id there
 * is the earlier try's run (trying again after it ended would start a second one).
 */
export async function startRun(gatewayUrl: string, sessionId: string, profile: ProfileInput, request: { dish?: string } = {}): Promise<string> {
  for (let tries = 1; tries <= 30; tries += 1) {
    const reply = await call<{ runId: string; error?: { code: string } }>(gatewayUrl, 'POST', `/session/${sessionId}/process`, { profile, ...request });
    if (reply.status === 202) return reply.body.runId;
    const retryAfter = Number(reply.headers.get('retry-after'));
    const busy = reply.status === 503 && Number.isInteger(retryAfter);
    const stillSettling = reply.status === 409 && reply.body.error?.code === 'already_processing' && tries > 1;
    if (!busy && !stillSettling) throw new Error(`process answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    if (busy) {
      clientRetries.busy += 1;
      await pause(retryAfter * 1000);
    }
    const runId = await earlierTry(gatewayUrl, sessionId);
    if (runId) {
      clientRetries.startedByEarlierTry += 1;
      return runId;
    }
  }
  throw new Error(`process on ${sessionId} never started a run`);
}

export async function statusOf(gatewayUrl: string, sessionId: string): Promise<SessionStatusView> {
  const reply = await call<SessionStatusView>(gatewayUrl, 'GET', `/session/${sessionId}/status`);
  if (reply.status !== 200) throw new Error(`status answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Waits for the run to leave `processing`; the timeout only guards against a hang, nothing is timed. */
export async function settled(gatewayUrl: string, sessionId: string, timeoutMs = 300_000): Promise<SessionStatusView> {
  return eventually(
    async () => {
      const reply = await call<SessionStatusView>(gatewayUrl, 'GET', `/session/${sessionId}/status`);
      return reply.status === 200 && reply.body.status !== 'processing' ? reply.body : undefined;
    },
    { timeoutMs, intervalMs: 200, what: `session ${sessionId} to settle` },
  );
}

/** The result, read politely. */
export async function resultOf(gatewayUrl: string, sessionId: string): Promise<ResultDocument> {
  const reply = await politely<ResultDocument>(gatewayUrl, 'GET', `/session/${sessionId}/result`);
  if (reply.status !== 200) throw new Error(`result answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export interface StatusSample {
  at: number;
  httpStatus: number;
  status?: SessionStatusView['status'];
  phase?: string | null;
  progress?: number;
  retryAfter: string | null;
}

/**
 * Reads `/status` one request after another, about every `everyMs`, until stopped: the run's
 * progress as a watching client saw it.
 */
export function sampleStatus(gatewayUrl: string, sessionId: string, everyMs = 50): { stop(): Promise<StatusSample[]> } {
  const samples: StatusSample[] = [];
  let stopped = false;
  const loop = (async () => {
    // One more read after `stop()`: the last sample shows the state the run was left in.
    for (let last = false; !last; ) {
      last = stopped;
      const at = Date.now();
      try {
        const response = await fetch(`${gatewayUrl}/session/${sessionId}/status`, { signal: AbortSignal.timeout(15_000) });
        const text = await response.text();
        const body = response.status === 200 ? (JSON.parse(text) as SessionStatusView) : undefined;
        samples.push({
          at,
          httpStatus: response.status,
          status: body?.status,
          phase: body?.phase,
          progress: body?.progress,
          retryAfter: response.headers.get('retry-after'),
        });
      } catch {
        samples.push({ at, httpStatus: 0, retryAfter: null });
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

/** Pairs of consecutive answered samples where progress went down. */
export function progressDrops(samples: readonly StatusSample[]): Array<[number, number]> {
  const drops: Array<[number, number]> = [];
  let last: number | undefined;
  for (const sample of samples) {
    if (sample.httpStatus !== 200 || sample.progress === undefined) continue;
    if (last !== undefined && sample.progress < last) drops.push([last, sample.progress]);
    last = sample.progress;
  }
  return drops;
}

/** Reads the product's collections directly, as an operator would. */
export async function withDatabase<T>(url: string, dbName: string, read: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    return await read(client);
  } finally {
    await client.close();
  }
}

export async function resultDocumentCount(url: string, dbName: string, filter: Record<string, unknown>): Promise<number> {
  return withDatabase(url, dbName, (client) => client.db(dbName).collection('results').countDocuments(filter));
}

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

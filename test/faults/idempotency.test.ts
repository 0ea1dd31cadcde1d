// The session service's internal run writes, each sent twice as a retried activity would: the
// stored state after the second is the state after the first.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProfileInputSchema, type Profile, type ResultDocument, type SessionView } from '@ai-chef/contracts';
import { generateOfflineRecipe, getCatalog, normalizeProfile } from '@ai-chef/kitchen';
import { buildResult, catalogReferencePrices, createMemoryPriceCache, priceBasket } from '@ai-chef/activities';
import { buildProfile } from '../support/factories.js';
import { call } from '../support/http.js';
import { startProcessStack, type ProcessStack } from '../support/process-stack.js';
import { newSession, startRun, withDatabase } from './run-watch.js';

let stack: ProcessStack;

beforeAll(async () => {
  // No worker: a started run stays `processing`, and only the test writes to it.
  stack = await startProcessStack({ worker: false });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const internal = (sessionId: string, suffix = ''): string => `/internal/sessions/${sessionId}${suffix}`;
const authorized = (): Record<string, string> => ({ authorization: `Bearer ${stack.internalToken}` });

async function sessionView(sessionId: string): Promise<SessionView> {
  const reply = await call<SessionView>(stack.sessionUrl, 'GET', internal(sessionId), undefined, authorized());
  expect(reply.status).toBe(200);
  return reply.body;
}

async function send(method: string, path: string, body: unknown): Promise<number> {
  return (await call(stack.sessionUrl, method, path, body, authorized())).status;
}

async function processing(): Promise<{ sessionId: string; runId: string; profile: Profile }> {
  const input = buildProfile({ target: 'general' });
  const normalized = normalizeProfile(ProfileInputSchema.parse(input));
  if (!normalized.ok) throw new Error(normalized.error.message);
  const sessionId = await newSession(stack.gatewayUrl);
  const runId = await startRun(stack.gatewayUrl, sessionId, input);
  return { sessionId, runId, profile: normalized.profile };
}

/** A complete result for the run, built the way combineResults builds it. */
async function resultFor(sessionId: string, runId: string, profile: Profile, generatedAt: Date): Promise<ResultDocument> {
  const recipe = { ...generateOfflineRecipe(profile), source: 'offline' as const };
  const pricing = await priceBasket(
    { items: recipe.recipe.ingredients, profile },
    {
      cache: createMemoryPriceCache(),
      references: catalogReferencePrices(getCatalog()),
      shipping: { fee: 3000, freeThreshold: 30000 },
    },
  );
  return buildResult({ sessionId, runId, profile, recipe, pricing, generatedAt });
}

async function storedResults(runId: string): Promise<Array<{ createdAt: Date; expiresAt: Date; document: ResultDocument }>> {
  return withDatabase(stack.mongoUrl, stack.mongoDb, async (client) =>
    client
      .db(stack.mongoDb)
      .collection<{ _id: string; createdAt: Date; expiresAt: Date; document: ResultDocument }>('results')
      .find({ _id: runId })
      .toArray(),
  );
}

describe('the internal run writes, sent twice', () => {
  it('when the same progress report arrives twice, then the second changes nothing, updatedAt included', async () => {
    const { sessionId, runId } = await processing();
    expect(await send('POST', internal(sessionId, '/run/progress'), { runId, phase: 'price_lookup' })).toBe(204);
    const once = await sessionView(sessionId);
    expect(once).toMatchObject({ status: 'processing', phase: 'price_lookup', progress: 60, runId });

    expect(await send('POST', internal(sessionId, '/run/progress'), { runId, phase: 'price_lookup' })).toBe(204);
    expect(await sessionView(sessionId)).toEqual(once);
    // A late report of an earlier phase, and a report of another run, change nothing either.
    expect(await send('POST', internal(sessionId, '/run/progress'), { runId, phase: 'recipe_completed' })).toBe(204);
    expect(await send('POST', internal(sessionId, '/run/progress'), { runId: 'another-run', phase: 'combining_results' })).toBe(204);
    expect(await sessionView(sessionId)).toEqual(once);
  });

  it('when the same result is saved twice, then one document stays, the first, and the session is completed once', async () => {
    const { sessionId, runId, profile } = await processing();
    const result = await resultFor(sessionId, runId, profile, new Date('2026-01-01T00:00:00.000Z'));

    expect(await send('PUT', internal(sessionId, '/run/result'), result)).toBe(204);
    const [first, ...others] = await storedResults(runId);
    expect(others).toEqual([]);
    const completed = await sessionView(sessionId);
    expect(completed).toMatchObject({ status: 'completed', phase: 'finished', progress: 100, runId });

    expect(await send('PUT', internal(sessionId, '/run/result'), result)).toBe(204);
    // A retry that rebuilt the document (a new generatedAt) does not replace the first either.
    const rebuilt = { ...result, generatedAt: '2026-01-02T00:00:00.000Z' };
    expect(await send('PUT', internal(sessionId, '/run/result'), rebuilt)).toBe(204);
    const after = await storedResults(runId);
    expect(after).toHaveLength(1);
    expect(after[0]?.createdAt).toEqual(first?.createdAt);
    expect(after[0]?.expiresAt).toEqual(first?.expiresAt);
    expect(after[0]?.document.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(await sessionView(sessionId)).toEqual(completed);

    // Reports that arrive after the end (a retried activity of the finished run) leave it finished.
    expect(await send('POST', internal(sessionId, '/run/progress'), { runId, phase: 'combining_results' })).toBe(204);
    const failed = { runId, status: 'failed', phase: 'combine_failed', error: { code: 'x', message: 'late' } };
    expect(await send('POST', internal(sessionId, '/run/outcome'), failed)).toBe(204);
    expect(await sessionView(sessionId)).toEqual(completed);
    const served = await call<ResultDocument>(stack.gatewayUrl, 'GET', `/session/${sessionId}/result`);
    expect(served.status).toBe(200);
    expect(served.body.generatedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('when the same result is saved ten times at once, then every save succeeds and one document stays', async () => {
    const { sessionId, runId, profile } = await processing();
    const result = await resultFor(sessionId, runId, profile, new Date('2026-01-01T00:00:00.000Z'));
    const statuses = await Promise.all(Array.from({ length: 10 }, () => send('PUT', internal(sessionId, '/run/result'), result)));
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 204));
    expect(await storedResults(runId)).toHaveLength(1);
    expect(await sessionView(sessionId)).toMatchObject({ status: 'completed', progress: 100 });
  });

  it('when the same failure outcome arrives twice, then the session is failed once, with the first error', async () => {
    const { sessionId, runId } = await processing();
    const outcome = { runId, status: 'failed', phase: 'price_failed', error: { code: 'price_failed', message: 'first' } };
    expect(await send('POST', internal(sessionId, '/run/outcome'), outcome)).toBe(204);
    const once = await sessionView(sessionId);
    expect(once).toMatchObject({ status: 'failed', phase: 'price_failed', progress: 10, error: outcome.error });

    expect(await send('POST', internal(sessionId, '/run/outcome'), outcome)).toBe(204);
    const second = { ...outcome, error: { code: 'price_failed', message: 'second' } };
    expect(await send('POST', internal(sessionId, '/run/outcome'), second)).toBe(204);
    expect(await sessionView(sessionId)).toEqual(once);
  });
});

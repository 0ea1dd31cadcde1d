// Something new to cook: a session's runs serve different dishes, a person can choose a dish (from the
// library or a result's alternatives) or learn why not, the library can be browsed, and every result of
// the session stays listed. Through the gateway, the session service and a real Temporal run.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecipeSearchResult, ResultDocument, ResultList, SessionStatusView } from '@ai-chef/contracts';
import { startStack, type TestStack } from '../support/stack.js';
import { call, eventually } from '../support/http.js';
import { buildProfile } from '../support/factories.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function newSession(): Promise<string> {
  return (await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', '/session/start')).body.sessionId;
}

async function cook(sessionId: string, body: Record<string, unknown>): Promise<ResultDocument> {
  const started = await call<{ runId: string; kind: string }>(stack.gatewayUrl, 'POST', `/session/${sessionId}/process`, body);
  expect(started.status).toBe(202);
  expect(started.body.kind).toBe('recipe');
  await eventually(
    async () => {
      const { body: status } = await call<SessionStatusView>(stack.gatewayUrl, 'GET', `/session/${sessionId}/status`);
      return status.status === 'processing' ? undefined : status;
    },
    { what: `session ${sessionId} to settle` },
  );
  const result = await call<ResultDocument>(stack.gatewayUrl, 'GET', `/session/${sessionId}/result`);
  expect(result.status).toBe(200);
  expect(result.body.runId).toBe(started.body.runId);
  return result.body;
}

describe('choice, alternatives and history', () => {
  it('three runs of one session serve three dishes, each listed in the history, newest first, and readable by run id', async () => {
    const id = await newSession();
    const profile = buildProfile({ target: 'general', cookingLevel: 'advanced' });
    const served: ResultDocument[] = [];
    for (let run = 0; run < 3; run++) served.push(await cook(id, { profile }));
    expect(new Set(served.map((result) => result.recipe.recipeName)).size).toBe(3);
    for (const result of served) {
      expect(result.alternatives.length).toBeGreaterThan(0);
      expect(result.alternatives.length).toBeLessThanOrEqual(3);
    }

    const history = await call<ResultList>(stack.gatewayUrl, 'GET', `/session/${id}/results`);
    expect(history.status).toBe(200);
    expect(history.headers.get('cache-control')).toBe('no-store');
    expect(history.body.total).toBe(3);
    expect(history.body.items.map((item) => item.runId)).toEqual(served.map((result) => result.runId).reverse());
    expect(history.body.items[0]).toMatchObject({ kind: 'recipe', days: null, recipeName: served[2]!.recipe.recipeName });
    const page = await call<ResultList>(stack.gatewayUrl, 'GET', `/session/${id}/results?limit=1&offset=1`);
    expect(page.body.items.map((item) => item.runId)).toEqual([served[1]!.runId]);

    const first = await call<ResultDocument>(stack.gatewayUrl, 'GET', `/session/${id}/results/${served[0]!.runId}`);
    expect(first.status).toBe(200);
    expect(first.body.recipe.recipeName).toBe(served[0]!.recipe.recipeName);
    const other = await newSession();
    expect((await call(stack.gatewayUrl, 'GET', `/session/${other}/results/${served[0]!.runId}`)).status).toBe(404);
    expect((await call(stack.gatewayUrl, 'GET', `/session/${id}/results/not-a-run`)).body).toMatchObject({
      error: { code: 'result_not_found' },
    });
    expect((await call(stack.gatewayUrl, 'GET', `/session/${id}/results?limit=500`)).status).toBe(400);
  });

  it('cooks a chosen alternative, and a library dish by its Korean or English name', async () => {
    const id = await newSession();
    const profile = buildProfile({ target: 'diet', cookingLevel: 'advanced' });
    const first = await cook(id, { profile });
    const alternative = first.alternatives[0]!.recipeName;
    const chosen = await cook(id, { profile, dish: alternative });
    expect(chosen.recipe.recipeName).toBe(alternative);

    const library = await call<RecipeSearchResult>(stack.gatewayUrl, 'GET', '/recipes?target=diet&limit=50');
    const english = library.body.items.find((item) => item.name !== alternative && item.name !== first.recipe.recipeName)!;
    const byEnglish = await cook(id, { profile, dish: english.nameEn });
    expect(byEnglish.recipe.recipeName).toBe(english.name);
  });

  it('refuses a dish that breaks a rule of the profile, naming the rule, and an unknown one with suggestions, before any run', async () => {
    const id = await newSession();
    const peanutDish = await call<RecipeSearchResult>(stack.gatewayUrl, 'GET', `/recipes?q=${encodeURIComponent('김치찌개')}`);
    expect(peanutDish.body.items.length).toBeGreaterThan(0);
    const refused = await call<{ error: { code: string; details: Array<{ rule: string }> } }>(
      stack.gatewayUrl,
      'POST',
      `/session/${id}/process`,
      { profile: buildProfile({ allergies: ['pork', 'shrimp', 'soybean', 'wheat'] }), dish: '김치찌개' },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('dish_not_allowed');
    expect(refused.body.error.details.map((detail) => detail.rule)).toEqual(expect.arrayContaining([expect.stringMatching(/^allergy\./)]));

    const unknown = await call<{ error: { code: string; details: Array<{ suggestions: string[] }> } }>(
      stack.gatewayUrl,
      'POST',
      `/session/${id}/process`,
      { profile: buildProfile(), dish: '김치찌게' },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('unknown_dish');
    expect(unknown.body.error.details[0]?.suggestions).toContain('김치찌개');
    const status = await call<SessionStatusView>(stack.gatewayUrl, 'GET', `/session/${id}/status`);
    expect(status.body.status).toBe('idle');
  });

  it('browses the library by target and by name, Korean, English or initial consonants', async () => {
    const keto = await call<RecipeSearchResult>(stack.gatewayUrl, 'GET', '/recipes?target=keto&limit=50');
    expect(keto.status).toBe(200);
    expect(keto.body.total).toBeGreaterThanOrEqual(25);
    expect(keto.body.items.every((item) => item.targets.includes('keto'))).toBe(true);
    const initials = await call<RecipeSearchResult>(stack.gatewayUrl, 'GET', `/recipes?q=${encodeURIComponent('ㄱㅊㅉㄱ')}`);
    expect(initials.body.items.map((item) => item.name)).toContain('김치찌개');
    const english = await call<RecipeSearchResult>(stack.gatewayUrl, 'GET', '/recipes?q=bibimbap');
    expect(english.body.items.length).toBeGreaterThan(0);
    expect((await call(stack.gatewayUrl, 'GET', '/recipes?target=paleo')).status).toBe(400);
    expect((await call(stack.gatewayUrl, 'GET', '/recipes?limit=1e3')).status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  FridgeAdded,
  FridgeView,
  IngredientSearchResult,
  ResultDocument,
  SessionStatusView,
} from '@ai-chef/contracts';
import { getCatalog } from '@ai-chef/kitchen';
import { startStack, type TestStack } from '../support/stack.js';
import { call, eventually } from '../support/http.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

type ErrorReply = { error: { code: string; message: string; details?: unknown[] } };

async function newSession(): Promise<string> {
  const reply = await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', '/session/start');
  expect(reply.status).toBe(201);
  return reply.body.sessionId;
}

async function fridgeOf(id: string): Promise<FridgeView> {
  const reply = await call<FridgeView>(stack.gatewayUrl, 'GET', `/session/${id}/fridge`);
  expect(reply.status).toBe(200);
  return reply.body;
}

async function add(id: string, ingredients: unknown[]) {
  return call<FridgeAdded & ErrorReply>(stack.gatewayUrl, 'POST', `/session/${id}/fridge`, { ingredients });
}

describe('ingredient search', () => {
  it('when searching by initial consonants, a prefix or an English name, then the catalog answers', async () => {
    const consonants = await call<IngredientSearchResult>(
      stack.gatewayUrl,
      'GET',
      `/ingredients?q=${encodeURIComponent('ㅇㅂㅋ')}`,
    );
    expect(consonants.status).toBe(200);
    expect(consonants.body.items[0]).toEqual({
      id: 'avocado',
      nameKo: '아보카도',
      nameEn: 'Avocado',
      category: 'fruit',
      aliases: expect.any(Array),
      allergens: [],
    });
    const prefix = await call<IngredientSearchResult>(
      stack.gatewayUrl,
      'GET',
      `/ingredients?q=${encodeURIComponent('양')}&limit=5`,
    );
    expect(prefix.body.items.map((item) => item.id)).toContain('onion');
    expect(prefix.body.items.length).toBeLessThanOrEqual(5);
    const english = await call<IngredientSearchResult>(stack.gatewayUrl, 'GET', '/ingredients?q=tofu');
    expect(english.body.items[0]?.id).toBe('tofu');
  });

  it('when no query is given, then the first 20 of the whole catalog come with its size', async () => {
    const reply = await call<IngredientSearchResult>(stack.gatewayUrl, 'GET', '/ingredients');
    expect(reply.status).toBe(200);
    expect(reply.body.items).toHaveLength(20);
    expect(reply.body.total).toBe(getCatalog().search('', 1).total);
  });

  it.each([
    ['limit=0'],
    ['limit=51'],
    ['limit=abc'],
    ['limit=2.5'],
    [`q=${'가'.repeat(51)}`],
    ['q=a&q=b'],
    ['q=a&colour=red'],
  ])('when the query is %s, then 400 validation_error', async (query) => {
    const reply = await call<ErrorReply>(stack.gatewayUrl, 'GET', `/ingredients?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation_error');
  });
});

describe('the fridge', () => {
  it('when added by Korean name and by id, then each is kept once and listed newest first', async () => {
    const id = await newSession();
    const first = await add(id, ['양파', 'egg']);
    expect(first.status).toBe(200);
    expect(first.body.added).toEqual(['onion', 'egg']);
    expect(first.body.items.map((item) => item.ingredientId)).toEqual(['egg', 'onion']);
    expect(first.body.items[1]).toEqual({
      ingredientId: 'onion',
      nameKo: '양파',
      nameEn: 'Onion',
      category: 'vegetable',
      addedAt: expect.any(String),
    });

    const again = await add(id, ['계란', 'onion', '감자']);
    expect(again.status).toBe(200);
    expect(again.body.added).toEqual(['egg', 'onion', 'potato']);
    const listed = await fridgeOf(id);
    expect(listed.items.map((item) => item.ingredientId)).toEqual(['potato', 'egg', 'onion']);
    expect(listed.items.find((item) => item.ingredientId === 'egg')?.addedAt).toBe(
      first.body.items.find((item) => item.ingredientId === 'egg')?.addedAt,
    );
  });

  it('when one name is unknown, then 400 unknown_ingredient with suggestions and nothing is added', async () => {
    const id = await newSession();
    const reply = await add(id, ['양파', '아보카두']);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('unknown_ingredient');
    expect(reply.body.error.details).toEqual([
      { input: '아보카두', suggestions: [expect.objectContaining({ id: 'avocado', nameKo: '아보카도' })] },
    ]);
    expect((await fridgeOf(id)).items).toEqual([]);
  });

  it('when one item is deleted, then 204, and deleting it again is 404 ingredient_not_in_fridge', async () => {
    const id = await newSession();
    await add(id, ['onion', 'egg', 'potato']);
    const removed = await call(stack.gatewayUrl, 'DELETE', `/session/${id}/fridge/onion`);
    expect(removed.status).toBe(204);
    const byName = await call(
      stack.gatewayUrl,
      'DELETE',
      `/session/${id}/fridge/${encodeURIComponent('감자')}`,
    );
    expect(byName.status).toBe(204);
    const again = await call<ErrorReply>(stack.gatewayUrl, 'DELETE', `/session/${id}/fridge/onion`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('ingredient_not_in_fridge');
    const unknown = await call<ErrorReply>(
      stack.gatewayUrl,
      'DELETE',
      `/session/${id}/fridge/dragon-fruit-dust`,
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'ingredient_not_in_fridge']);
    expect((await fridgeOf(id)).items.map((item) => item.ingredientId)).toEqual(['egg']);
  });

  it('when several are deleted, then the answer counts those that were there', async () => {
    const id = await newSession();
    await add(id, ['onion', 'egg', 'potato']);
    const reply = await call<{ removed: number }>(stack.gatewayUrl, 'DELETE', `/session/${id}/fridge`, {
      ingredients: ['양파', 'egg', 'carrot'],
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ removed: 2 });
    expect((await fridgeOf(id)).items.map((item) => item.ingredientId)).toEqual(['potato']);
  });

  it('when the fridge is written, then the session is extended as extend does', async () => {
    const id = await newSession();
    const before = Date.now();
    await add(id, ['onion']);
    const view = await call<{ expiresAt: string }>(stack.gatewayUrl, 'GET', `/session/${id}`);
    expect(Date.parse(view.body.expiresAt)).toBeGreaterThanOrEqual(before + 86400 * 1000 - 1000);
  });

  it('when the fridge holds 50 ingredients, then one more is 409 fridge_full and re-adding is fine', async () => {
    const id = await newSession();
    const ids = getCatalog()
      .search('', 51)
      .items.map((item) => item.id);
    expect((await add(id, ids.slice(0, 50))).status).toBe(200);
    const full = await add(id, ids.slice(50));
    expect([full.status, full.body.error.code]).toEqual([409, 'fridge_full']);
    expect((await add(id, ids.slice(0, 3))).status).toBe(200);
    expect((await fridgeOf(id)).items).toHaveLength(50);
  });

  it('when five requests add two new ingredients each to a fridge of 48 at once, then one gets in and the fridge holds 50', async () => {
    const id = await newSession();
    const ids = getCatalog()
      .search('', 58)
      .items.map((item) => item.id);
    expect((await add(id, ids.slice(0, 48))).status).toBe(200);
    const replies = await Promise.all([0, 1, 2, 3, 4].map((k) => add(id, ids.slice(48 + 2 * k, 50 + 2 * k))));
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    for (const reply of replies.filter((r) => r.status === 409)) expect(reply.body.error.code).toBe('fridge_full');
    expect((await fridgeOf(id)).items).toHaveLength(50);
  });

  it('when the session is malformed or unknown, then every fridge route answers the same 404', async () => {
    const unknown = `sess-${Date.now()}-AAAAAAAAAAAAAAAAAAAAAA`;
    for (const sessionId of ['not-an-id', unknown]) {
      const replies = await Promise.all([
        call<ErrorReply>(stack.gatewayUrl, 'GET', `/session/${sessionId}/fridge`),
        call<ErrorReply>(stack.gatewayUrl, 'POST', `/session/${sessionId}/fridge`, {
          ingredients: ['onion'],
        }),
        call<ErrorReply>(stack.gatewayUrl, 'DELETE', `/session/${sessionId}/fridge`, {
          ingredients: ['onion'],
        }),
        call<ErrorReply>(stack.gatewayUrl, 'DELETE', `/session/${sessionId}/fridge/onion`),
        call<ErrorReply>(stack.gatewayUrl, 'DELETE', `/session/${sessionId}/fridge/unknown-thing`),
      ]);
      for (const reply of replies) {
        expect([reply.status, reply.body.error.code]).toEqual([404, 'session_not_found']);
      }
    }
  });

  it.each<[string, unknown]>([
    ['no ingredients', {}],
    ['an empty list', { ingredients: [] }],
    ['a number', { ingredients: [42] }],
    ['an empty name', { ingredients: ['  '] }],
    ['an unknown field', { ingredients: ['onion'], quantity: 2 }],
    ['51 names', { ingredients: Array.from({ length: 51 }, () => 'onion') }],
  ])('when the body has %s, then 400 validation_error', async (_what, body) => {
    const id = await newSession();
    const reply = await call<ErrorReply>(stack.gatewayUrl, 'POST', `/session/${id}/fridge`, body);
    expect([reply.status, reply.body.error.code]).toEqual([400, 'validation_error']);
  });
});

describe('the fridge target', () => {
  async function settled(sessionId: string): Promise<SessionStatusView> {
    return eventually(
      async () => {
        const { body } = await call<SessionStatusView>(
          stack.gatewayUrl,
          'GET',
          `/session/${sessionId}/status`,
        );
        return body.status === 'processing' ? undefined : body;
      },
      { what: `session ${sessionId} to settle` },
    );
  }

  it("when the profile names no fridge items, then the run cooks from the session's fridge", async () => {
    const id = await newSession();
    const fridge = ['달걀', '양파', '대파', '감자', '당근', '두부'];
    expect((await add(id, fridge)).status).toBe(200);
    const fridgeIds = (await fridgeOf(id)).items.map((item) => item.ingredientId);

    const accepted = await call(stack.gatewayUrl, 'POST', `/session/${id}/process`, {
      profile: { target: 'fridge', cookingLevel: 'intermediate' },
    });
    expect(accepted.status).toBe(202);
    expect(await settled(id)).toMatchObject({ status: 'completed' });

    const result = await call<ResultDocument>(stack.gatewayUrl, 'GET', `/session/${id}/result`);
    expect(result.status).toBe(200);
    expect([...result.body.profile.fridgeIngredients].sort()).toEqual([...fridgeIds].sort());
    const used = result.body.recipe.ingredients.filter(
      (item) => item.ingredientId && fridgeIds.includes(item.ingredientId),
    );
    expect(used.length).toBeGreaterThanOrEqual(2);
  });

  it('when the fridge was emptied, then process with the fridge target is 400 fridge_empty', async () => {
    const id = await newSession();
    await add(id, ['onion', 'egg']);
    await call(stack.gatewayUrl, 'DELETE', `/session/${id}/fridge`, { ingredients: ['onion', 'egg'] });
    const reply = await call<ErrorReply>(stack.gatewayUrl, 'POST', `/session/${id}/process`, {
      profile: { target: 'fridge' },
    });
    expect([reply.status, reply.body.error.code]).toEqual([400, 'fridge_empty']);
    const status = await call<SessionStatusView>(stack.gatewayUrl, 'GET', `/session/${id}/status`);
    expect(status.body.status).toBe('idle');
  });
});

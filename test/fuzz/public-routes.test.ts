// Every public route of the gateway, 1,000 hostile requests each, against the real stack
// (gateway, session service, worker, Temporal, the MongoDB-wire server): never a 5xx, always the
// one error shape without internals, prototypes untouched, and the answers the contract pins down (docs/contract.md, Errors; README, Limits).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ALLERGEN_KEYS, COOKING_LEVELS, TARGETS, TERMINAL_STATUSES, type SessionStatusView } from '@ai-chef/contracts';
import { getCatalog } from '@ai-chef/kitchen';
import { WEB_DIST_DIR } from '../../services/gateway/src/web-page.js';
import { buildProfile } from '../support/factories.js';
import { call, eventually } from '../support/http.js';
import { startStack, type TestStack } from '../support/stack.js';
import { bodyFor, hostileString } from './json-text.js';
import { closeConnections, send, type RawRequest, type RawResponse } from './raw-http.js';
import {
  answerProblem,
  contentType,
  decodes,
  extraHeaders,
  malformedSessionId,
  percentEncode,
  prototypesPolluted,
  queryString,
  sessionIdFor,
  withBody,
  type Segment,
} from './request-parts.js';
import {
  afterHeadRule,
  bodyVerdict,
  idVerdict,
  noInputVerdict,
  routeBodyLimit,
  verdictProblem,
  type BodyVerdict,
  type Verdict,
} from './verdicts.js';

// FC_RUNS raises the count for a longer hunt (the default keeps `npm test` in minutes).
const RUNS = Number(process.env.FC_RUNS ?? 1000);
const BODY_LIMIT = 1024 * 1024;
const ADMIN_TOKEN = 'fuzz-admin-token-0123456789abcdef';

let stack: TestStack;
/**
 * Sessions the id generators draw on: idle ones, one whose run has ended (its stream closes at
 * once), and some only DELETE draws on (once deleted, they are the 404 of any unknown id).
 */
const live = { idle: [] as string[], ended: '', doomed: [] as string[] };

beforeAll(async () => {
  stack = await startStack({ ADMIN_TOKEN });
  for (let i = 0; i < 3; i += 1) {
    live.idle.push((await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', '/session/start')).body.sessionId);
  }
  for (let i = 0; i < 3; i += 1) {
    live.doomed.push((await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', '/session/start')).body.sessionId);
  }
  live.ended = (await call<{ sessionId: string }>(stack.gatewayUrl, 'POST', '/session/start')).body.sessionId;
  await call(stack.gatewayUrl, 'POST', `/session/${live.ended}/process`, { profile: buildProfile() });
  await eventually(
    async () => {
      const { body } = await call<SessionStatusView>(stack.gatewayUrl, 'GET', `/session/${live.ended}/status`);
      return TERMINAL_STATUSES.includes(body.status) ? true : undefined;
    },
    { what: 'the first run to end' },
  );
}, 120_000);

afterAll(async () => {
  closeConnections();
  await stack?.stop();
});

/** One generated request and what the spec says it must get, where it says. */
interface Case {
  req: RawRequest;
  verdict?: Verdict;
  /** The web page answers 503 (with Retry-After) while it is not built, as documented. */
  pageRoute?: boolean;
}

interface Route {
  method: string;
  /** As the OpenAPI document writes it. */
  path: string;
  cases(): fc.Arbitrary<Case>;
}

const catalogNames = getCatalog()
  .all()
  .flatMap((ingredient) => [ingredient.id, ingredient.nameKo, ingredient.nameEn]);
const someNames = (max: number) => fc.subarray(catalogNames, { maxLength: max });

const validProfile = fc.record(
  {
    target: fc.constantFrom(...TARGETS),
    allergies: fc.subarray([...ALLERGEN_KEYS, '우유', '땅콩', '계란', 'kiwi', '키위'], { maxLength: 4 }),
    healthConditions: fc.subarray(['diabetes', 'hypertension', '당뇨', '고혈압', 'gout'], { maxLength: 2 }),
    cookingLevel: fc.constantFrom(...COOKING_LEVELS, '초급', '중급', '고급'),
    budget: fc.integer({ min: 1_000, max: 1_000_000 }),
    servings: fc.integer({ min: 1, max: 12 }),
    babyAgeMonths: fc.integer({ min: 4, max: 36 }),
    fridgeIngredients: someNames(4),
    dislikes: someNames(3),
    language: fc.constantFrom('ko', 'en'),
  },
  { requiredKeys: [] },
);
const validFridgeBody = fc.record({ ingredients: fc.array(fc.constantFrom(...catalogNames), { minLength: 1, maxLength: 6 }) });
const validEvent = fc.record(
  {
    user_id: fc.string({ minLength: 1, maxLength: 20 }),
    session_id: fc.string({ minLength: 1, maxLength: 30 }),
    event_type: fc.constantFrom('page_view', 'click', 'recipe_view'),
    page_url: fc.webUrl(),
    referrer: fc.constantFrom('', 'https://example.com/'),
    user_agent: fc.string({ maxLength: 30 }),
    properties: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()), { maxKeys: 4 }),
  },
  { requiredKeys: [] },
);
const validEvents = fc.oneof(validEvent, fc.record({ events: fc.array(validEvent, { minLength: 1, maxLength: 3 }) }));

/** A body-reading request on `path`: the body rules first, then the route's own rule. */
function bodyCase(method: string, path: string, valid: fc.Arbitrary<unknown>, routeRule: (body: BodyVerdict) => Verdict | undefined): fc.Arbitrary<Case> {
  return fc.tuple(bodyFor(valid), contentType, extraHeaders).map(([body, type, headers]) => {
    const req = withBody(method, path, body, type, headers);
    const read = bodyVerdict(req, routeBodyLimit(method, path, BODY_LIMIT));
    return { req, verdict: read.kind === 'answer' ? read.verdict : read.kind === 'unclear' ? undefined : routeRule(read) };
  });
}

/** A route under /session/{id}: ids of every shape, bodies of every shape. */
function sessionRoute(
  method: string,
  suffix: string,
  options: { ids?: () => readonly string[]; valid?: fc.Arbitrary<unknown>; noInput?: boolean; unknownIs404?: boolean } = {},
): Route {
  const valid = options.valid ?? fc.constant({});
  return {
    method,
    path: `/session/{id}${suffix}`,
    cases: () =>
      sessionIdFor(options.ids?.() ?? live.idle).chain((id) =>
        fc.tuple(fc.constant(id), queryString).chain(([segment, query]) =>
          bodyCase(method, `/session/${segment.raw}${suffix}${query}`, valid, (body) => {
            // Express decodes the id as it matches the route: an escape that does not decode comes first.
            const malformed = idVerdict(segment);
            if (malformed && !segment.decodes) return malformed;
            const noInput = options.noInput ? noInputVerdict(body) : undefined;
            if (noInput) return noInput;
            if (malformed) return malformed;
            const unknown = !live.idle.includes(segment.raw) && segment.raw !== live.ended;
            return options.unknownIs404 && unknown ? { status: [404], code: ['session_not_found'] } : undefined;
          }),
        ),
      ),
  };
}

/** A route that reads no path parameter: query strings, headers and bodies. */
function plainRoute(method: string, path: string, options: { valid?: fc.Arbitrary<unknown>; noInput?: boolean; admin?: boolean } = {}): Route {
  const valid = options.valid ?? fc.constant({});
  return {
    method,
    path,
    cases: () =>
      fc
        .tuple(queryString, options.admin ? adminAuthorization : fc.constant(undefined))
        .chain(([query, authorization]) =>
          bodyCase(method, `${path}${query}`, valid, (body) => {
            if (options.admin && !authorized(authorization)) return { status: [401], code: ['unauthorized'] };
            return options.noInput ? noInputVerdict(body) : undefined;
          }).map((c) => (authorization === undefined ? c : { ...c, req: { ...c.req, headers: { ...c.req.headers, authorization } } })),
        ),
  };
}

/** RFC 7235: the scheme is case-insensitive, and blanks may separate it from the token. */
const authorized = (header: string | undefined): boolean => header !== undefined && new RegExp(`^bearer[ \t]+${ADMIN_TOKEN}[ \t]*$`, 'i').test(header);
const adminVerdict = (header: string): Verdict | undefined => (authorized(header) ? undefined : { status: [401], code: ['unauthorized'] });

const adminAuthorization = fc.oneof(
  { weight: 3, arbitrary: fc.constant(`Bearer ${ADMIN_TOKEN}`) },
  { weight: 1, arbitrary: fc.constantFrom(`bearer  ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN}x`, 'Bearer', '', `Basic ${ADMIN_TOKEN}`) },
  { weight: 1, arbitrary: fc.stringMatching(/^[\x20-\x7e]{0,60}$/).map((s) => s.trim()) },
);

/** The operations routes sit before the body rules: only headers and query strings reach them. */
function operationsRoute(path: string, pageRoute = false): Route {
  return {
    method: 'GET',
    path,
    cases: () => fc.tuple(queryString, extraHeaders).map(([query, headers]) => ({ req: { method: 'GET', path: `${path}${query}`, headers }, pageRoute })),
  };
}

const ingredientsQuery = fc.oneof(
  queryString,
  fc
    .record(
      {
        q: fc.oneof(hostileString.filter((s) => s.length < 200), fc.constantFrom('ㅇㅂㅋ', '아보', 'avo', '양파', '', 'x'.repeat(51))),
        limit: fc.oneof(fc.integer({ min: -5, max: 60 }).map(String), fc.constantFrom('1e1', '2.5', ' 3', '0x1', '')),
      },
      { requiredKeys: [] },
    )
    .map((query) => `?${Object.entries(query).map(([k, v]) => `${k}=${percentEncode(v)}`).join('&')}`),
);

const recipesQuery = fc.oneof(
  queryString,
  fc
    .record(
      {
        target: fc.oneof(fc.constantFrom('keto', 'baby_food', 'general', 'paleo', ''), hostileString.filter((s) => s.length < 40)),
        q: fc.oneof(hostileString.filter((s) => s.length < 200), fc.constantFrom('ㄱㅊㅉㄱ', '김치', 'bibim', '', 'x'.repeat(51))),
        limit: fc.oneof(fc.integer({ min: -5, max: 60 }).map(String), fc.constantFrom('1e1', '2.5', ' 3', '0x1', '')),
        offset: fc.oneof(fc.integer({ min: -5, max: 200_000 }).map(String), fc.constantFrom('1e1', '-0', '')),
      },
      { requiredKeys: [] },
    )
    .map((query) => `?${Object.entries(query).map(([k, v]) => `${k}=${percentEncode(v)}`).join('&')}`),
);

/** Dish names a person may send with `process`: the library's, unknown ones, hostile text. */
const dishName = fc.oneof(fc.constantFrom('김치찌개', 'Bibimbap', '김치찌게', '없는 요리', ' '), hostileString.filter((s) => s.length < 200));

const ROUTES: Route[] = [
  plainRoute('POST', '/session/start', { noInput: true }),
  sessionRoute('GET', '', { unknownIs404: true }),
  sessionRoute('GET', '/status', { unknownIs404: true }),
  sessionRoute('POST', '/extend', { noInput: true }),
  sessionRoute('DELETE', '', { ids: () => live.doomed, noInput: true }),
  sessionRoute('POST', '/process', {
    valid: fc.tuple(validProfile, fc.option(dishName, { nil: undefined })).map(([profile, dish]) => (dish === undefined ? { profile } : { profile, dish })),
  }),
  sessionRoute('POST', '/plan', {
    valid: fc.record(
      {
        profile: validProfile,
        days: fc.oneof(fc.integer({ min: 1, max: 7 }), fc.constantFrom(0, 8, -1, 2.5)),
        mealsPerDay: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 4, 1.5)),
      },
      { requiredKeys: ['profile'] },
    ),
  }),
  // Its query is read before the session is looked up: a bad query is a 400 for any well-formed id.
  sessionRoute('GET', '/results'),
  // A well-formed run id no result has: the route as the OpenAPI document names it.
  { ...sessionRoute('GET', '/results/00000000-0000-4000-8000-000000000000'), path: '/session/{id}/results/{runId}' },
  sessionRoute('POST', '/cancel', { noInput: true }),
  sessionRoute('GET', '/result', { unknownIs404: true }),
  sessionRoute('GET', '/stream', { ids: () => [live.ended], unknownIs404: true }),
  sessionRoute('GET', '/fridge', { unknownIs404: true }),
  sessionRoute('POST', '/fridge', { valid: validFridgeBody }),
  sessionRoute('DELETE', '/fridge', { valid: validFridgeBody }),
  {
    method: 'DELETE',
    path: '/session/{id}/fridge/{ingredientId}',
    cases: () =>
      fc
        .tuple(
          sessionIdFor(live.idle),
          fc.oneof(
            fc.constantFrom(...catalogNames).map((name) => percentEncode(name)),
            malformedSessionId.map((segment: Segment) => segment.raw),
          ),
          extraHeaders,
        )
        .map(([id, ingredient, headers]) => ({
          req: { method: 'DELETE', path: `/session/${id.raw}/fridge/${ingredient}`, headers },
          // An escape that does not decode makes the whole URL malformed: 400 (or the id's 404).
          verdict: decodes(ingredient) ? idVerdict(id) : { status: [400, 404], code: ['bad_request', 'session_not_found'] },
        })),
  },
  {
    method: 'GET',
    path: '/ingredients',
    cases: () =>
      fc.tuple(ingredientsQuery, extraHeaders).map(([query, headers]) => ({ req: { method: 'GET', path: `/ingredients${query}`, headers } })),
  },
  {
    method: 'GET',
    path: '/recipes',
    cases: () => fc.tuple(recipesQuery, extraHeaders).map(([query, headers]) => ({ req: { method: 'GET', path: `/recipes${query}`, headers } })),
  },
  plainRoute('POST', '/events', { valid: validEvents }),
  plainRoute('GET', '/admin/session-stats', { admin: true }),
  plainRoute('POST', '/admin/cleanup-sessions', { admin: true, noInput: true }),
  {
    method: 'GET',
    path: '/admin/visitor-sessions/{id}',
    cases: () =>
      fc
        .tuple(
          fc.oneof(
            fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 22, maxLength: 22 }).map((r) => `vs_${r}`),
            malformedSessionId.map((segment) => segment.raw),
          ),
          adminAuthorization,
          extraHeaders,
        )
        .map(([id, authorization, headers]) => ({
          req: { method: 'GET', path: `/admin/visitor-sessions/${id}`, headers: { ...headers, authorization } },
          verdict: adminVerdict(authorization),
        })),
  },
  {
    method: 'GET',
    path: '/admin/analytics/summary',
    cases: () =>
      fc
        .tuple(
          fc.oneof(
            queryString,
            fc
              .record(
                {
                  from: fc.oneof(fc.integer({ min: -1, max: 2 ** 53 }).map(String), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), hostileString.filter((s) => s.length < 60)),
                  to: fc.oneof(fc.integer({ min: -1, max: 2 ** 53 }).map(String), fc.constantFrom('2025-01-31', '2025-01-31T09:00:00Z', '9999-12-31')),
                },
                { requiredKeys: [] },
              )
              .map((query) => `?${Object.entries(query).map(([k, v]) => `${k}=${percentEncode(v)}`).join('&')}`),
          ),
          adminAuthorization,
          extraHeaders,
        )
        .map(([query, authorization, headers]) => ({
          req: { method: 'GET', path: `/admin/analytics/summary${query}`, headers: { ...headers, authorization } },
          verdict: adminVerdict(authorization),
        })),
  },
  operationsRoute('/healthz'),
  operationsRoute('/readyz'),
  operationsRoute('/metrics'),
  operationsRoute('/openapi.json'),
  operationsRoute('/docs'),
  operationsRoute('/', true),
  operationsRoute('/index.html', true),
];

/** Paths no route owns, under every method: the 404 shape, or the body rules before it. */
const unknownPaths: fc.Arbitrary<Case> = fc
  .tuple(
    fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH'),
    fc.array(fc.oneof(hostileString.filter((s) => s.length > 0 && s.length < 100).map(percentEncode), fc.constantFrom('..', '.', '%00', 'session', 'admin', 'assets', 'docs', 'internal', '%2e%2e')), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.constantFrom('', '/assets/', '/docs/assets/', '/internal/'),
  )
  .chain(([method, parts, prefix]) => {
    const path = `${prefix || '/'}${parts.join('/')}`;
    const cases = bodyCase(method, path, fc.constant({}), () => undefined);
    // The API docs (the page and its files) are served before the body rules; their paths only must not break anything.
    const docs = path === '/docs' || path.startsWith('/docs/');
    return docs ? cases.map((c) => ({ req: c.req })) : cases;
  });

/** The page's documented 503 while it is not built (a build may be under way as the fuzz runs). */
const pageNotBuilt = (c: Case, res: RawResponse): boolean =>
  c.pageRoute === true && res.status === 503 && /^\d+$/.test(String(res.headers['retry-after'])) && !existsSync(join(WEB_DIST_DIR, 'index.html'));

async function check(c: Case): Promise<RawResponse> {
  const res = await send(stack.gatewayUrl, c.req);
  // An oversized request line or header block is refused before any route or body rule.
  const verdict = afterHeadRule(c.req, res, c.verdict);
  const problem = pageNotBuilt(c, res)
    ? undefined
    : (answerProblem(res) ?? verdictProblem(res, verdict) ?? (prototypesPolluted() ? 'a prototype was polluted' : undefined));
  if (problem) {
    const body = c.req.body ? ` body ${c.req.body.toString('utf8').slice(0, 300)}` : '';
    throw new Error(
      `${problem}: ${c.req.method} ${c.req.path.slice(0, 300)} ${JSON.stringify(c.req.headers).slice(0, 300)}${body} → ${res.status} ${res.text.slice(0, 400)}`,
    );
  }
  return res;
}

describe('fuzzing every public route', () => {
  for (const route of ROUTES) {
    it.concurrent(`${route.method} ${route.path}: ${RUNS} hostile requests`, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(route.cases(), async (c) => {
          const res = await check(c);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }),
        { numRuns: RUNS },
      );
      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      // Replaying one failure (FC_PATH) runs that one case.
      expect(total).toBeGreaterThanOrEqual(process.env.FC_PATH === undefined ? RUNS : 1);
    });
  }

  it.concurrent(`unknown paths and methods: ${RUNS} hostile requests`, async () => {
    await fc.assert(
      fc.asyncProperty(unknownPaths, async (c) => {
        await check(c);
      }),
      { numRuns: RUNS },
    );
  });

  it('every route the OpenAPI document lists is fuzzed here', async () => {
    const { body } = await call<{ paths: Record<string, Record<string, unknown>> }>(stack.gatewayUrl, 'GET', '/openapi.json');
    const documented = Object.entries(body.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    const fuzzed = new Set(ROUTES.map((route) => `${route.method} ${route.path}`));
    expect(documented.filter((route) => !fuzzed.has(route))).toEqual([]);
  });

  it('after all of it, Object.prototype and Array.prototype are as they were', () => {
    expect(prototypesPolluted()).toBe(false);
  });
});

// The session service's internal API answers only callers with INTERNAL_TOKEN (README, Limits
// Operations): every route its app serves, and any other path under /internal, is 401 with
// WWW-Authenticate for a missing, malformed or wrong token, whatever the method, body or id; its
// /healthz, /readyz and /metrics stay open to probes.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createServiceMetrics, createLogger } from '@ai-chef/platform';
import {
  createSessionApp,
  startSessionService,
  type RunningSessionService,
  type SessionAppDeps,
} from '@ai-chef/session';
import { requiredEnv } from '../support/stack.js';
import { closeConnections, send } from './raw-http.js';
import { answerProblem, errorCode, percentEncode } from './request-parts.js';
import { hostileString } from './json-text.js';

const RUNS = Number(process.env.FC_RUNS ?? 1000);
const TOKEN = randomBytes(32).toString('base64url');
const SESSION_ID = 'sess-1700000000000-AAAAAAAAAAAAAAAAAAAAAA';

let session: RunningSessionService;

beforeAll(async () => {
  session = await startSessionService({
    PORT: '0',
    MONGO_URL: requiredEnv('TEST_MONGO_URL'),
    MONGO_DB: `fuzz_internal_${randomBytes(4).toString('hex')}`,
    TEMPORAL_ADDRESS: requiredEnv('TEST_TEMPORAL_ADDRESS'),
    TEMPORAL_TASK_QUEUE: `fuzz-internal-${randomBytes(4).toString('hex')}`,
    INTERNAL_TOKEN: TOKEN,
    LOG_LEVEL: 'silent',
  });
});

afterAll(async () => {
  closeConnections();
  await session?.stop();
});

interface Layer {
  rawPath?: string;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every (method, path) the session service's app routes, read from its router stack. */
function servedRoutes(stack: Layer[], prefix = ''): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const routePath of paths) {
        const path = `${prefix}${routePath === '/' && prefix ? '' : routePath}`;
        for (const method of Object.keys(layer.route.methods))
          routes.push({ method: method.toUpperCase(), path });
      }
    } else if (layer.handle?.stack) {
      const mount = layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : '';
      routes.push(...servedRoutes(layer.handle.stack, `${prefix}${mount}`));
    }
  }
  return routes;
}

/** The app as the service builds it, for its route table only: no route runs, so its dependencies stay unused. */
function routeTable(): Array<{ method: string; path: string }> {
  const unused = {} as never;
  const deps: SessionAppDeps = {
    sessions: unused,
    results: unused,
    runs: unused,
    fridge: unused,
    planParts: unused,
    ingest: unused,
    admin: unused,
    runWrites: unused,
    reconciler: unused,
    runMetrics: unused,
    metrics: createServiceMetrics('session-routes'),
    logger: createLogger('session', 'silent'),
    internalToken: TOKEN,
    extendSeconds: 60,
    bodyLimitBytes: 1024,
    readiness: async () => ({ mongo: true, temporal: true }),
    draining: () => false,
  };
  const app = createSessionApp(deps) as unknown as { router: { stack: Layer[] } };
  return servedRoutes(app.router.stack);
}

const OPEN = new Set(['/healthz', '/readyz', '/metrics']);

/** Authorization headers that are not `Bearer <the token>`. */
const wrongAuthorization: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    '',
    'Bearer',
    'Bearer ',
    `Basic ${TOKEN}`,
    `Bearer ${TOKEN}x`,
    `Bearer ${TOKEN.slice(1)}`,
    `Bearer ${TOKEN.toUpperCase()}`,
    `${TOKEN}`,
  ),
  fc.stringMatching(/^[\x20-\x7e]{0,80}$/).map((text) => `Bearer ${text.trim()}`),
  fc.stringMatching(/^[\x20-\x7e]{0,80}$/).map((text) => text.trim()),
);

const bodies = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    '{}',
    '{"profile":{"target":"keto"}}',
    '[',
    '{"$where":1}',
    '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
  ),
  hostileString.filter((text) => text.length < 2_000),
);

describe('the internal API without its token', () => {
  const routes = routeTable();

  it('serves internal routes, and every one but the probes is under /internal', () => {
    const internal = routes.filter((route) => route.path.startsWith('/internal/'));
    expect(internal.length).toBeGreaterThanOrEqual(20);
    expect(routes.filter((route) => !route.path.startsWith('/internal/') && !OPEN.has(route.path))).toEqual(
      [],
    );
  });

  it(`when ${RUNS} requests reach its routes with a missing or wrong token, then every one is 401 and nothing runs`, async () => {
    const internal = routes.filter((route) => route.path.startsWith('/internal/'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...internal),
        wrongAuthorization,
        bodies,
        async (route, authorization, body) => {
          const path = route.path.replace(/:id\b/, SESSION_ID).replace(/:ingredientId\b/, 'onion');
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (authorization !== undefined) headers.authorization = authorization;
          const res = await send(session.url, {
            method: route.method,
            path,
            headers,
            body: body === undefined ? undefined : Buffer.from(body),
          });
          const wrong =
            answerProblem(res) ??
            (res.status === 401 && errorCode(res) === 'unauthorized'
              ? undefined
              : `expected 401 unauthorized, got ${res.status} ${res.text.slice(0, 200)}`) ??
            (String(res.headers['www-authenticate'] ?? '').startsWith('Bearer')
              ? undefined
              : 'no WWW-Authenticate');
          if (wrong)
            throw new Error(
              `${wrong}: ${route.method} ${path} authorization=${JSON.stringify(authorization)}`,
            );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`when ${RUNS} requests go to any other path under /internal, then each is 401 too`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.array(hostileString.filter((text) => text.length > 0 && text.length < 60).map(percentEncode), {
          maxLength: 4,
        }),
        wrongAuthorization,
        async (method, parts, authorization) => {
          const path = `/internal/${parts.join('/')}`;
          const res = await send(session.url, {
            method,
            path,
            headers: authorization === undefined ? {} : { authorization },
          });
          // A path that does not decode is refused as malformed before any route: 400 is as closed as 401.
          const wrong =
            answerProblem(res) ?? ([400, 401].includes(res.status) ? undefined : `got ${res.status}`);
          if (wrong) throw new Error(`${wrong}: ${method} ${path}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('when the token is right, then the same routes answer as usual, and the probes need none', async () => {
    const right = await send(session.url, {
      method: 'POST',
      path: '/internal/sessions',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.status).toBe(201);
    for (const probe of OPEN) {
      const res = await send(session.url, { method: 'GET', path: probe, headers: {} });
      expect([probe, res.status]).toEqual([probe, 200]);
    }
  });
});

import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import {
  AnalyticsQuerySchema,
  AnalyticsSummarySchema,
  CancelAcceptedSchema,
  CleanupResultSchema,
  EventAcceptedSchema,
  EventBatchAcceptedSchema,
  EventBatchInputSchema,
  EventInputSchema,
  FridgeAddedSchema,
  FridgeIngredientsBodySchema,
  FridgeRemovedSchema,
  FridgeViewSchema,
  IngredientSearchQuerySchema,
  IngredientSearchResultSchema,
  SessionStatsSchema,
  VisitorSessionViewSchema,
  ErrorBodySchema,
  ProcessAcceptedSchema,
  ProfileInputSchema,
  PlanBodySchema,
  PlanResultSchema,
  ResultDocumentSchema,
  ResultPendingSchema,
  SessionCreatedSchema,
  SessionExtendedSchema,
  SessionStatusViewSchema,
  SessionViewSchema,
  DishNameSchema,
  PageQuerySchema,
  RecipeSearchQuerySchema,
  RecipeSearchResultSchema,
  ResultListSchema,
  TARGETS,
} from '@ai-chef/contracts';
import { CONDITION_MODULES, TARGET_MODULES } from '@ai-chef/kitchen';
import { z } from 'zod';

type Method = 'get' | 'post' | 'delete';

const SessionIdParams = z.object({ id: z.string().describe('sess-<epoch ms>-<random>') });

const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_WORDS[status] ?? 'Error', content: { 'application/json': { schema: ErrorBodySchema } } },
    ]),
  );

const ERROR_WORDS: Record<number, string> = {
  400: 'Invalid input (validation_error, unknown_allergen, unknown_ingredient, fridge_empty, unknown_dish, dish_not_allowed, too_deep: nesting over 32, …)',
  401: 'Wrong admin token',
  404: 'Unknown, expired or malformed id',
  409: 'Conflict (already_processing, not_processing)',
  413: 'Body over its limit: 16 KiB for process, plan and fridge writes, 256 KiB for events, else BODY_LIMIT_BYTES',
  415: 'A non-empty body that is not JSON, or has a Content-Encoding other than identity (unsupported_encoding)',
  429: 'Rate limited, or too many open streams (Retry-After)',
  503: 'A dependency is down (Retry-After)',
};

/** What each target and recognised condition asks of a recipe, from the rule modules themselves. */
const PROFILE_WORDS = [
  'The profile. Targets:',
  ...TARGETS.map((target) => `${target}: ${TARGET_MODULES[target].summary.en}`),
  'Health conditions recognised (anything else is kept and answered with a notice):',
  ...Object.values(CONDITION_MODULES).map((module) => `${module.key} (${module.keywords.join(', ')})`),
].join('\n');

/** What /result serves: a recipe's result or a meal plan's, told apart by `kind`. */
const RunResultBody = z.union([ResultDocumentSchema, PlanResultSchema]);

const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });

/** Every public route, documented from the same zod schemas that validate it. */
function registerSessionRoutes(registry: OpenAPIRegistry): void {
  const path = (method: Method, route: string, spec: Omit<Parameters<OpenAPIRegistry['registerPath']>[0], 'method' | 'path'>) =>
    registry.registerPath({ method, path: route, ...spec });

  path('post', '/session/start', {
    summary: 'Start a session (idle, lives SESSION_TTL_SECONDS)',
    tags: ['sessions'],
    responses: { 201: json('The new session', SessionCreatedSchema), ...errors(400, 415, 429, 503) },
  });
  path('get', '/session/{id}', {
    summary: 'A session with its status, phase and progress',
    tags: ['sessions'],
    request: { params: SessionIdParams },
    responses: { 200: json('The session', SessionViewSchema), ...errors(404, 429, 503) },
  });
  path('get', '/session/{id}/status', {
    summary: 'Status, phase and progress of a session',
    tags: ['sessions'],
    request: { params: SessionIdParams },
    responses: { 200: json('The status', SessionStatusViewSchema), ...errors(404, 429, 503) },
  });
  path('post', '/session/{id}/extend', {
    summary: 'Extend a session: expiresAt = max(expiresAt, now + SESSION_EXTEND_SECONDS)',
    tags: ['sessions'],
    request: { params: SessionIdParams },
    responses: { 200: json('The new expiry', SessionExtendedSchema), ...errors(400, 404, 415, 429, 503) },
  });
  path('post', '/session/{id}/process', {
    summary: 'Write, check and price a recipe for the profile (starts a workflow run)',
    tags: ['sessions'],
    request: {
      params: SessionIdParams,
      body: {
        description: PROFILE_WORDS,
        content: {
          'application/json': {
            schema: z
              .object({
                profile: ProfileInputSchema,
                dish: DishNameSchema.optional().describe(
                  'A dish to cook: a library name (GET /recipes) or a dish of this session\'s results and alternatives; else 400 unknown_dish, or 400 dish_not_allowed naming the rules it breaks',
                ),
              })
              .strict(),
          },
        },
      },
    },
    responses: { 202: json('The run started', ProcessAcceptedSchema), ...errors(400, 404, 409, 413, 415, 429, 503) },
  });
  path('post', '/session/{id}/plan', {
    summary:
      'Plan days × mealsPerDay meals, no dish twice, every day within its daily limits, priced as ONE basket (an ingredient ' +
      'several meals use is bought once); starts a workflow run with one child run per day. The budget is for the whole ' +
      'plan (default 30,000 KRW × days); counts as days × mealsPerDay calls against PROCESS_RATE_LIMIT_PER_MINUTE. ' +
      'Progress: plan_writing 10 + 60 × days written / days, price_lookup 70, price_completed 80, combining_results 90, ' +
      'finished 100; the status adds days: [{day, status}]. A run with too few dishes for the plan fails with no_plan_possible',
    tags: ['sessions'],
    request: {
      params: SessionIdParams,
      body: { description: PROFILE_WORDS, content: { 'application/json': { schema: PlanBodySchema } } },
    },
    responses: { 202: json('The plan run started (kind "plan")', ProcessAcceptedSchema), ...errors(400, 404, 409, 413, 415, 429, 503) },
  });
  path('get', '/session/{id}/results', {
    summary: "This session's results, newest first (each served RESULT_TTL_SECONDS, even after the session expired)",
    tags: ['sessions'],
    request: { params: SessionIdParams, query: PageQuerySchema },
    responses: { 200: json('The results', ResultListSchema), ...errors(400, 404, 429, 503) },
  });
  path('get', '/session/{id}/results/{runId}', {
    summary: 'One result of this session, by run id',
    tags: ['sessions'],
    request: { params: SessionIdParams.extend({ runId: z.string() }) },
    responses: { 200: json('The result document: a recipe, or a meal plan', RunResultBody), ...errors(404, 429, 503) },
  });
  path('get', '/recipes', {
    summary: 'The built-in recipe library, by target and name (Korean, English, or initial consonants: ㄱㅊㅉㄱ)',
    tags: ['recipes'],
    request: { query: RecipeSearchQuerySchema },
    responses: { 200: json('Dishes, best matches first', RecipeSearchResultSchema), ...errors(400, 429) },
  });
  path('delete', '/session/{id}', {
    summary: 'Forget the session: it, its fridge and its results are deleted at once; a run in progress is cancelled',
    tags: ['sessions'],
    request: { params: SessionIdParams },
    responses: { 204: { description: 'Deleted' }, ...errors(400, 404, 415, 429, 503) },
  });
  path('post', '/session/{id}/cancel', {
    summary: 'Cancel the run in progress',
    tags: ['sessions'],
    request: { params: SessionIdParams },
    responses: { 202: json('Cancellation requested', CancelAcceptedSchema), ...errors(400, 404, 409, 415, 429, 503) },
  });
  path('get', '/session/{id}/result', {
    summary: 'The latest result (served RESULT_TTL_SECONDS, even after the session expired)',
    tags: ['sessions'],
    request: { params: SessionIdParams },
    responses: {
      200: json('The result document: a recipe (kind "recipe"), or a meal plan (kind "plan")', RunResultBody),
      202: json('A run is in progress', ResultPendingSchema),
      ...errors(404, 429, 503),
    },
  });
  path('get', '/session/{id}/stream', {
    summary:
      'Server-Sent Events: `progress` events with the status object until a terminal status. At most 3 per session and ' +
      'STREAM_LIMIT_PER_IP per client (429 too_many_streams); closes after STREAM_MAX_SECONDS, or 30 s after opening on a ' +
      'session with no run in progress, with `event: end` and `{reason}`; then poll /status every ≥ 2 s',
    tags: ['sessions'],
    request: { params: SessionIdParams },
    responses: {
      200: { description: 'text/event-stream of progress events', content: { 'text/event-stream': { schema: z.string() } } },
      ...errors(404, 429, 503),
    },
  });
  const Health = z.object({ status: z.string() });
  path('get', '/healthz', { summary: 'The process is alive', tags: ['operations'], responses: { 200: json('Alive', Health) } });
  path('get', '/readyz', {
    summary: 'The session service, MongoDB and Temporal are reachable',
    tags: ['operations'],
    responses: {
      200: json('Ready', Health.extend({ checks: z.record(z.string(), z.boolean()) })),
      503: json('Not ready', Health.extend({ checks: z.record(z.string(), z.boolean()) })),
    },
  });
  path('get', '/metrics', {
    summary: 'Prometheus metrics',
    tags: ['operations'],
    responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } } },
  });
  path('get', '/openapi.json', {
    summary: 'This document',
    tags: ['operations'],
    responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: z.object({}).passthrough() } } } },
  });
  for (const page of ['/', '/index.html']) {
    path('get', page, {
      summary: 'The web page: pick a target, watch progress, read the recipe and the basket',
      tags: ['page'],
      responses: {
        200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } },
        503: { description: 'The page has not been built (npm run build)', content: { 'text/plain': { schema: z.string() } } },
      },
    });
  }
  path('get', '/docs', {
    summary: 'A page that renders this document',
    tags: ['operations'],
    responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } } },
  });
}

function registerFridgeAndEventRoutes(registry: OpenAPIRegistry): void {
  const path = (method: Method, route: string, spec: Omit<Parameters<OpenAPIRegistry['registerPath']>[0], 'method' | 'path'>) =>
    registry.registerPath({ method, path: route, ...spec });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

  path('get', '/ingredients', {
    summary: 'Search the ingredient catalog: Korean/English names and aliases, prefix, substring, initial consonants (ㅇㅂㅋ)',
    tags: ['fridge'],
    request: { query: IngredientSearchQuerySchema },
    responses: { 200: json('Matching ingredients', IngredientSearchResultSchema), ...errors(400, 429) },
  });
  path('get', '/session/{id}/fridge', {
    summary: "The session's fridge, newest first",
    tags: ['fridge'],
    request: { params: SessionIdParams },
    responses: { 200: json('Fridge items', FridgeViewSchema), ...errors(404, 429, 503) },
  });
  path('post', '/session/{id}/fridge', {
    summary: 'Add ingredients by id or name (adding twice keeps one; one unknown name adds nothing)',
    tags: ['fridge'],
    request: { params: SessionIdParams, body: body(FridgeIngredientsBodySchema) },
    responses: { 200: json('Added', FridgeAddedSchema), ...errors(400, 404, 409, 413, 415, 429, 503) },
  });
  path('delete', '/session/{id}/fridge', {
    summary: 'Remove several ingredients',
    tags: ['fridge'],
    request: { params: SessionIdParams, body: body(FridgeIngredientsBodySchema) },
    responses: { 200: json('Removed', FridgeRemovedSchema), ...errors(400, 404, 413, 415, 429, 503) },
  });
  path('delete', '/session/{id}/fridge/{ingredientId}', {
    summary: 'Remove one ingredient',
    tags: ['fridge'],
    request: { params: SessionIdParams.extend({ ingredientId: z.string() }) },
    responses: { 204: { description: 'Removed' }, ...errors(404, 429, 503) },
  });
  path('post', '/events', {
    summary: 'Collect one click-stream event or a batch of 1 to 100',
    tags: ['events'],
    request: { body: body(z.union([EventInputSchema, EventBatchInputSchema])) },
    responses: {
      200: json('Stored', z.union([EventAcceptedSchema, EventBatchAcceptedSchema])),
      ...errors(400, 413, 415, 429, 503),
    },
  });
  const admin = { security: [{ bearer: [] }], tags: ['admin'] };
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  path('get', '/admin/session-stats', {
    ...admin,
    summary: 'Active sessions, fridge items, visitors online, events in the last hour',
    responses: { 200: json('Statistics', SessionStatsSchema), ...errors(401, 404, 429, 503) },
  });
  path('post', '/admin/cleanup-sessions', {
    ...admin,
    summary: 'Remove expired sessions and their fridge items',
    responses: { 200: json('Removed', CleanupResultSchema), ...errors(400, 401, 404, 415, 429, 503) },
  });
  path('get', '/admin/visitor-sessions/{id}', {
    ...admin,
    summary: 'One visitor session with its latest events',
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: json('The visitor session', VisitorSessionViewSchema), ...errors(401, 404, 429, 503) },
  });
  path('get', '/admin/analytics/summary', {
    ...admin,
    summary: 'Events per type, visitor sessions, average duration, top pages (default: last 24 h)',
    request: { query: AnalyticsQuerySchema },
    responses: { 200: json('Summary', AnalyticsSummarySchema), ...errors(400, 401, 404, 429, 503) },
  });
}

let cached: object | undefined;

export function openApiDocument(): object {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registerSessionRoutes(registry);
  registerFridgeAndEventRoutes(registry);
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'AI Chef API',
      version: '1.0.0',
      description:
        'Recipes for a diet target, with nutrition checked against the target and the cheapest Korean shopping basket. Every error has the shape {"error": {"code", "message", "details?"}}.',
    },
    servers: [{ url: '/' }],
  });
  return cached;
}

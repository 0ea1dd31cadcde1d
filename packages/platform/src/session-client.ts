import { Agent, type Dispatcher } from 'undici';
import type {
  AnalyticsSummary,
  CancelAccepted,
  CleanupResult,
  EventIngest,
  EventIngested,
  FridgeRemoved,
  PageQuery,
  PlanDaySave,
  PlanParts,
  PlanPricingSave,
  PlanRequest,
  ProcessAccepted,
  Profile,
  ProgressReport,
  ReconcileReport,
  ResultList,
  RunResult,
  RunOutcome,
  SessionCreated,
  SessionExtended,
  SessionStats,
  SessionStatusView,
  SessionView,
  StoredFridge,
  StoredFridgeAdded,
  VisitorSessionView,
} from '@ai-chef/contracts';
import { AppError } from './app-error.js';
import { callContextHeaders } from './request-context.js';

export interface SessionServiceReply<T> {
  status: number;
  body: T;
}

interface ErrorBodyLike {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

export interface SessionServiceClientOptions {
  /** INTERNAL_TOKEN: the session service answers its internal API only to callers that send it. */
  internalToken: string;
  timeoutMs?: number;
}

/**
 * The session service's internal API, for the gateway and the activities. A 4xx/5xx answer
 * becomes an AppError with the same status and code; no answer at all becomes a 503.
 */
export class SessionServiceClient {
  private readonly dispatcher: Agent;
  private readonly origin: string;
  /** A path the base URL carries (a service behind a path prefix), without its trailing slash. */
  private readonly prefix: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, { internalToken, timeoutMs = 10_000 }: SessionServiceClientOptions) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.authorization = `Bearer ${internalToken}`;
    this.timeoutMs = timeoutMs;
    this.dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 128 });
  }

  async request<T>(method: Dispatcher.HttpMethod, path: string, body?: unknown): Promise<SessionServiceReply<T>> {
    let status: number;
    let retryAfter: string | string[] | undefined;
    let text: string;
    try {
      // undici's request API, not fetch(): the same pool without the WHATWG streams and signals,
      // which cost the gateway more CPU per request than the rest of its work (B1).
      const response = await this.dispatcher.request({
        origin: this.origin,
        path: `${this.prefix}${path}`,
        method,
        headers: {
          authorization: this.authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          // The caller's request id (and, from an activity, its run, activity and attempt) travels
          // along, so both services' log lines share them.
          ...callContextHeaders(),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      status = response.statusCode;
      retryAfter = response.headers['retry-after'];
      text = await response.body.text();
    } catch (err) {
      throw new AppError(503, 'service_unavailable', 'The session service is unavailable; try again shortly.', undefined, 5, {
        cause: err,
      });
    }
    const parsed: unknown = text.length > 0 ? JSON.parse(text) : undefined;
    if (status >= 400) {
      const error = (parsed as ErrorBodyLike | undefined)?.error;
      const seconds = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
      throw new AppError(
        status,
        typeof error?.code === 'string' ? error.code : 'upstream_error',
        typeof error?.message === 'string' ? error.message : 'The session service refused the request.',
        Array.isArray(error?.details) ? (error.details as unknown[]) : undefined,
        seconds !== undefined && /^\d+$/.test(seconds) ? Number(seconds) : undefined,
      );
    }
    return { status, body: parsed as T };
  }

  private path(sessionId: string, suffix = ''): string {
    return `/internal/sessions/${encodeURIComponent(sessionId)}${suffix}`;
  }

  async createSession(): Promise<SessionCreated> {
    return (await this.request<SessionCreated>('POST', '/internal/sessions')).body;
  }
  async getSession(sessionId: string): Promise<SessionView> {
    return (await this.request<SessionView>('GET', this.path(sessionId))).body;
  }
  async getStatus(sessionId: string): Promise<SessionStatusView> {
    return (await this.request<SessionStatusView>('GET', this.path(sessionId, '/status'))).body;
  }
  async extend(sessionId: string): Promise<SessionExtended> {
    return (await this.request<SessionExtended>('POST', this.path(sessionId, '/extend'))).body;
  }
  /** Starts a recipe run; `dish` is a dish the person chose (checked for the profile by the caller). */
  async process(sessionId: string, profile: Profile, dish?: string): Promise<ProcessAccepted> {
    const body = dish === undefined ? { profile } : { profile, dish };
    return (await this.request<ProcessAccepted>('POST', this.path(sessionId, '/process'), body)).body;
  }
  /** Starts a meal plan (docs/contract.md, Meal plans): the profile normalised, the budget the plan's. */
  async plan(sessionId: string, request: PlanRequest): Promise<ProcessAccepted> {
    return (await this.request<ProcessAccepted>('POST', this.path(sessionId, '/plan'), request)).body;
  }
  /** The session's results, newest first. */
  async listResults(sessionId: string, page: PageQuery): Promise<ResultList> {
    const query = `?limit=${page.limit}&offset=${page.offset}`;
    return (await this.request<ResultList>('GET', this.path(sessionId, `/results${query}`))).body;
  }
  /** One result of the session, by run id (404 result_not_found). */
  async getResultOfRun(sessionId: string, runId: string): Promise<unknown> {
    return (await this.request<unknown>('GET', this.path(sessionId, `/results/${encodeURIComponent(runId)}`))).body;
  }
  /** 204: the session, its fridge and its results are gone. */
  async deleteSession(sessionId: string): Promise<void> {
    await this.request('DELETE', this.path(sessionId));
  }
  async cancel(sessionId: string): Promise<CancelAccepted> {
    return (await this.request<CancelAccepted>('POST', this.path(sessionId, '/cancel'))).body;
  }
  /** 200 with the result, or 202 with the run's progress while it goes on. */
  async getResult(sessionId: string): Promise<SessionServiceReply<unknown>> {
    return this.request<unknown>('GET', this.path(sessionId, '/result'));
  }
  async reportProgress(sessionId: string, report: ProgressReport): Promise<void> {
    await this.request('POST', this.path(sessionId, '/run/progress'), report);
  }
  async reportOutcome(sessionId: string, outcome: RunOutcome): Promise<void> {
    await this.request('POST', this.path(sessionId, '/run/outcome'), outcome);
  }
  async saveResult(sessionId: string, result: RunResult): Promise<void> {
    await this.request('PUT', this.path(sessionId, '/run/result'), result);
  }
  /** A plan's day, written by its child workflow; saved once per run and day. */
  async savePlanDay(sessionId: string, save: PlanDaySave): Promise<void> {
    await this.request('PUT', this.path(sessionId, `/run/plan/days/${save.draft.day}`), save);
  }
  /** A plan's one basket. */
  async savePlanPricing(sessionId: string, save: PlanPricingSave): Promise<void> {
    await this.request('PUT', this.path(sessionId, '/run/plan/pricing'), save);
  }
  /** What a plan's run has saved: its days (by day) and its basket once priced. */
  async planParts(sessionId: string, runId: string): Promise<PlanParts> {
    return (await this.request<PlanParts>('GET', this.path(sessionId, `/run/plan?runId=${encodeURIComponent(runId)}`))).body;
  }
  /** Settles sessions whose run Temporal closed without a report, or that were claimed and never started. */
  async reconcileRuns(): Promise<ReconcileReport> {
    return (await this.request<ReconcileReport>('POST', '/internal/runs/reconcile')).body;
  }
  async getFridge(sessionId: string): Promise<StoredFridge> {
    return (await this.request<StoredFridge>('GET', this.path(sessionId, '/fridge'))).body;
  }
  /** Catalog ids only; the answer lists the whole fridge, newest first. */
  async addToFridge(sessionId: string, ingredientIds: string[]): Promise<StoredFridgeAdded> {
    return (await this.request<StoredFridgeAdded>('POST', this.path(sessionId, '/fridge'), { ingredientIds })).body;
  }
  async removeFromFridge(sessionId: string, ingredientIds: string[]): Promise<FridgeRemoved> {
    return (await this.request<FridgeRemoved>('DELETE', this.path(sessionId, '/fridge'), { ingredientIds })).body;
  }
  /** 404 ingredient_not_in_fridge when it is not there. */
  async removeOneFromFridge(sessionId: string, ingredientId: string): Promise<void> {
    await this.request('DELETE', this.path(sessionId, `/fridge/${encodeURIComponent(ingredientId)}`));
  }
  async ingestEvents(ingest: EventIngest): Promise<EventIngested> {
    return (await this.request<EventIngested>('POST', '/internal/events', ingest)).body;
  }
  async sessionStats(): Promise<SessionStats> {
    return (await this.request<SessionStats>('GET', '/internal/admin/session-stats')).body;
  }
  async cleanupSessions(): Promise<CleanupResult> {
    return (await this.request<CleanupResult>('POST', '/internal/admin/cleanup-sessions')).body;
  }
  async visitorSession(sessionId: string): Promise<VisitorSessionView> {
    return (
      await this.request<VisitorSessionView>('GET', `/internal/admin/visitor-sessions/${encodeURIComponent(sessionId)}`)
    ).body;
  }
  /** `from`/`to` in epoch ms; either may be left to the service's defaults. */
  async analyticsSummary(range: { from?: number; to?: number }): Promise<AnalyticsSummary> {
    const query = new URLSearchParams();
    if (range.from !== undefined) query.set('from', String(range.from));
    if (range.to !== undefined) query.set('to', String(range.to));
    const search = query.toString();
    const suffix = search ? `?${search}` : '';
    return (await this.request<AnalyticsSummary>('GET', `/internal/admin/analytics/summary${suffix}`)).body;
  }
  async ready(): Promise<SessionServiceReply<unknown>> {
    return this.request('GET', '/readyz');
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

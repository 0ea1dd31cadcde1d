import type {
  CancelAccepted,
  FridgeAdded,
  FridgeView,
  IngredientSearchResult,
  PlanBody,
  ProcessAccepted,
  ProfileInput,
  ResultDocument,
  ResultList,
  RunResult,
  SessionCreated,
  SessionExtended,
  SessionStatusView,
  SessionView,
} from '@ai-chef/contracts';

/** An answer other than 2xx, or no answer at all (status 0: `network_error` or `timeout`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Worth asking again: no answer, a rate limit or a server-side outage. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

function errorOf(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error: unknown = body.error;
    if (typeof error === 'object' && error !== null) {
      const code = 'code' in error && typeof error.code === 'string' ? error.code : 'http_error';
      const message =
        'message' in error && typeof error.message === 'string' ? error.message : `HTTP ${status}`;
      return new ApiError(status, code, message, 'details' in error ? error.details : undefined);
    }
  }
  return new ApiError(status, 'http_error', `HTTP ${status}`);
}

/** JSON over fetch with a timeout; every failure becomes an ApiError. */
export async function request<T>(
  path: string,
  options: RequestOptions = {},
): Promise<{ status: number; body: T }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers:
        options.body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: controller.signal,
      cache: 'no-store',
    });
  } catch (err) {
    clearTimeout(timer);
    const timedOut = controller.signal.aborted;
    throw new ApiError(
      0,
      timedOut ? 'timeout' : 'network_error',
      err instanceof Error ? err.message : String(err),
    );
  }
  try {
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!response.ok) throw errorOf(response.status, body);
    return { status: response.status, body: body as T };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(
      0,
      controller.signal.aborted ? 'timeout' : 'network_error',
      err instanceof Error ? err.message : String(err),
    );
  } finally {
    clearTimeout(timer);
  }
}

const sessionPath = (id: string, rest = ''): string => `/session/${encodeURIComponent(id)}${rest}`;

export type ResultReply =
  { kind: 'ready'; result: ResultDocument } | { kind: 'pending'; status: string; progress: number };

/** The session's latest result, of either kind (a recipe's or a meal plan's). */
export type RunResultReply =
  { kind: 'ready'; result: RunResult } | { kind: 'pending'; status: string; progress: number };

/** The public API (docs/api.md), as the page uses it. */
export const api = {
  async startSession(timeoutMs: number): Promise<SessionCreated> {
    return (await request<SessionCreated>('/session/start', { method: 'POST', timeoutMs })).body;
  },
  async getSession(id: string, timeoutMs?: number): Promise<SessionView> {
    return (await request<SessionView>(sessionPath(id), timeoutMs === undefined ? {} : { timeoutMs })).body;
  },
  async getStatus(id: string): Promise<SessionStatusView> {
    return (await request<SessionStatusView>(sessionPath(id, '/status'), { timeoutMs: 10_000 })).body;
  },
  async extend(id: string): Promise<SessionExtended> {
    return (await request<SessionExtended>(sessionPath(id, '/extend'), { method: 'POST' })).body;
  },
  /** A run for the profile; with `dish`, of that dish (an alternative, or the same dish for other servings). */
  async process(id: string, profile: ProfileInput, dish?: string): Promise<ProcessAccepted> {
    const body = dish === undefined ? { profile } : { profile, dish };
    return (await request<ProcessAccepted>(sessionPath(id, '/process'), { method: 'POST', body })).body;
  },
  async cancel(id: string): Promise<CancelAccepted> {
    return (await request<CancelAccepted>(sessionPath(id, '/cancel'), { method: 'POST' })).body;
  },
  async result(id: string): Promise<ResultReply> {
    const reply = await request<ResultDocument | { status: string; progress: number }>(
      sessionPath(id, '/result'),
    );
    if (reply.status === 202) {
      const pending = reply.body as { status: string; progress: number };
      return { kind: 'pending', status: pending.status, progress: pending.progress };
    }
    return { kind: 'ready', result: reply.body as ResultDocument };
  },
  // Meal plans and the session's results (docs/api.md; docs/contract.md, Meal plans).
  async plan(id: string, body: PlanBody): Promise<ProcessAccepted> {
    return (await request<ProcessAccepted>(sessionPath(id, '/plan'), { method: 'POST', body })).body;
  },
  async latestResult(id: string): Promise<RunResultReply> {
    const reply = await request<RunResult | { status: string; progress: number }>(sessionPath(id, '/result'));
    if (reply.status === 202) {
      const pending = reply.body as { status: string; progress: number };
      return { kind: 'pending', status: pending.status, progress: pending.progress };
    }
    return { kind: 'ready', result: reply.body as RunResult };
  },
  async results(id: string, limit = 20, offset = 0): Promise<ResultList> {
    const query = new URLSearchParams({ limit: String(limit), offset: String(offset) });
    return (await request<ResultList>(sessionPath(id, `/results?${query.toString()}`))).body;
  },
  async resultOfRun(id: string, runId: string): Promise<RunResult> {
    return (await request<RunResult>(sessionPath(id, `/results/${encodeURIComponent(runId)}`))).body;
  },
  async fridge(id: string): Promise<FridgeView> {
    return (await request<FridgeView>(sessionPath(id, '/fridge'))).body;
  },
  async addToFridge(id: string, ingredients: string[]): Promise<FridgeAdded> {
    return (await request<FridgeAdded>(sessionPath(id, '/fridge'), { method: 'POST', body: { ingredients } }))
      .body;
  },
  async removeFromFridge(id: string, ingredientId: string): Promise<void> {
    await request<undefined>(sessionPath(id, `/fridge/${encodeURIComponent(ingredientId)}`), {
      method: 'DELETE',
    });
  },
  async searchIngredients(q: string, limit = 8): Promise<IngredientSearchResult> {
    const query = new URLSearchParams({ q, limit: String(limit) });
    return (await request<IngredientSearchResult>(`/ingredients?${query.toString()}`, { timeoutMs: 10_000 }))
      .body;
  },
};

export type Api = typeof api;

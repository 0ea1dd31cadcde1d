import { Agent, fetch as undiciFetch } from 'undici';
import type {
  CancelAccepted,
  ProcessAccepted,
  Profile,
  ProgressReport,
  ResultDocument,
  RunOutcome,
  SessionCreated,
  SessionExtended,
  SessionStatusView,
  SessionView,
} from '@ai-chef/contracts';
import { AppError } from './app-error.js';

export interface SessionServiceReply<T> {
  status: number;
  body: T;
}

interface ErrorBodyLike {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

/**
 * The session service's internal API, for the gateway and the activities. A 4xx/5xx answer
 * becomes an AppError with the same status and code; no answer at all becomes a 503.
 */
export class SessionServiceClient {
  private readonly dispatcher: Agent;

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 128 });
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<SessionServiceReply<T>> {
    let response;
    try {
      response = await undiciFetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
        dispatcher: this.dispatcher,
      });
    } catch (err) {
      throw new AppError(503, 'service_unavailable', 'The session service is unavailable; try again shortly.', undefined, 5, {
        cause: err,
      });
    }
    const text = await response.text();
    const parsed: unknown = text.length > 0 ? JSON.parse(text) : undefined;
    if (response.status >= 400) {
      const error = (parsed as ErrorBodyLike | undefined)?.error;
      const retryAfter = response.headers.get('retry-after');
      throw new AppError(
        response.status,
        typeof error?.code === 'string' ? error.code : 'upstream_error',
        typeof error?.message === 'string' ? error.message : 'The session service refused the request.',
        Array.isArray(error?.details) ? (error.details as unknown[]) : undefined,
        retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined,
      );
    }
    return { status: response.status, body: parsed as T };
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
  async process(sessionId: string, profile: Profile): Promise<ProcessAccepted> {
    return (await this.request<ProcessAccepted>('POST', this.path(sessionId, '/process'), { profile })).body;
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
  async saveResult(sessionId: string, result: ResultDocument): Promise<void> {
    await this.request('PUT', this.path(sessionId, '/run/result'), result);
  }
  async ready(): Promise<SessionServiceReply<unknown>> {
    return this.request('GET', '/readyz');
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

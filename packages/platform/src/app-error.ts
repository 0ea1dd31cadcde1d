/** An error meant for the caller: it carries the HTTP status and the public code of the one error shape (docs/contract.md, Errors). */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
    readonly retryAfterSeconds?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  toBody(): { error: { code: string; message: string; details?: unknown[] } } {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

export const notFound = (code = 'not_found', message = 'Not found', details?: unknown[]): AppError =>
  new AppError(404, code, message, details);

export const badRequest = (code: string, message: string, details?: unknown[]): AppError =>
  new AppError(400, code, message, details);

export const conflict = (code: string, message: string, details?: unknown[]): AppError =>
  new AppError(409, code, message, details);

export const unavailable = (message: string, retryAfterSeconds = 5, options?: ErrorOptions): AppError =>
  new AppError(503, 'service_unavailable', message, undefined, retryAfterSeconds, options);

/** The one 404 for a session id that is malformed, unknown or expired: callers cannot tell them apart. */
export const sessionNotFound = (): AppError =>
  new AppError(404, 'session_not_found', 'No such session, or it has expired.');

import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from './app-error.js';
import { isDatabaseUnavailable } from './mongo.js';

interface HttpParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

function fromParserError(err: HttpParserError): AppError | undefined {
  switch (err.type) {
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large', 'The request body is too large.');
    case 'entity.parse.failed':
      return new AppError(400, 'invalid_json', 'The request body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported_media_type', 'Send the body as UTF-8 JSON.');
    case 'request.aborted':
      return new AppError(400, 'request_aborted', 'The request was aborted.');
    default: {
      const status = err.status ?? err.statusCode;
      if (status !== undefined && status >= 400 && status < 500) {
        return new AppError(status, 'bad_request', 'The request could not be read.');
      }
      return undefined;
    }
  }
}

/** Routes that match nothing get the one 404 shape. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new AppError(404, 'not_found', 'No such route.'));
};

/**
 * Turns anything thrown into the one error shape (docs/contract.md, Errors). Client mistakes keep their 4xx, a database
 * outage becomes 503 with Retry-After, and anything else a 500 without internals.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let appError: AppError;
    if (err instanceof AppError) {
      appError = err;
    } else if (isDatabaseUnavailable(err)) {
      appError = new AppError(503, 'service_unavailable', 'A dependency is unavailable; try again shortly.', undefined, 5);
    } else {
      const parsed = typeof err === 'object' && err !== null ? fromParserError(err as HttpParserError) : undefined;
      appError = parsed ?? new AppError(500, 'internal_error', 'Something went wrong on our side.');
    }
    if (appError.status >= 500) {
      logger.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (appError.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(appError.retryAfterSeconds));
    if (appError.status === 429 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', '60');
    res.status(appError.status).json(appError.toBody());
  };
}

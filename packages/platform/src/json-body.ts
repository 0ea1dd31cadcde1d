import express, { type RequestHandler } from 'express';
import { AppError } from './app-error.js';
import { findNulString, findUnsafeKey } from './validation.js';

function hasBody(req: Parameters<RequestHandler>[0]): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * JSON bodies only: an empty body is allowed (routes without input), a non-empty body that is
 * not JSON gets 415, one over the limit 413 (from express.json), and keys that could act as
 * MongoDB operators or pollute prototypes, and strings holding NUL, get 400 before any route sees them.
 */
export function jsonBody(limitBytes: number): RequestHandler[] {
  const parse = express.json({ limit: limitBytes, strict: false, type: () => true });
  return [
    (req, _res, next) => {
      if (!hasBody(req)) {
        req.body = undefined;
        next();
        return;
      }
      if (!req.is('application/json') && !req.is('application/*+json')) {
        next(new AppError(415, 'unsupported_media_type', 'Send the body as application/json.'));
        return;
      }
      next();
    },
    (req, res, next) => {
      if (!hasBody(req)) {
        next();
        return;
      }
      parse(req, res, next);
    },
    (req, _res, next) => {
      const unsafe = findUnsafeKey(req.body);
      if (unsafe !== undefined) {
        next(
          new AppError(400, 'invalid_key', 'Keys may not start with "$", contain ".", or be __proto__/constructor/prototype.', [
            { path: unsafe },
          ]),
        );
        return;
      }
      const nul = findNulString(req.body);
      if (nul !== undefined) {
        next(new AppError(400, 'invalid_string', 'Strings may not contain the NUL character (U+0000).', [{ path: nul }]));
        return;
      }
      next();
    },
  ];
}

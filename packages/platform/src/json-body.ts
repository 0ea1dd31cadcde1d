import type { Request, RequestHandler } from 'express';
import getRawBody from 'raw-body';
import { AppError } from './app-error.js';
import { findNulString, findUnsafeKey } from './validation.js';

/** README, Limits: nesting deeper than this (the top level is depth 1) is refused before parsing. */
export const MAX_JSON_DEPTH = 32;

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * Whether the JSON text nests arrays and objects deeper than `max`, read byte by byte (brackets
 * inside strings do not count). Linear in the bytes and allocation-free: a body of a million `[`
 * costs a millisecond here, where JSON.parse and a walk of its value would cost far more.
 */
export function nestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const byte of bytes) {
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === 0x5c) escaped = true; // backslash
      else if (byte === 0x22) inString = false; // quote
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (byte === 0x5d || byte === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}

const isIdentity = (encoding: string | undefined): boolean =>
  encoding === undefined || encoding.trim() === '' || encoding.trim().toLowerCase() === 'identity';

function charsetOf(req: Request): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(req.headers['content-type'] ?? '');
  return match?.[1]?.toLowerCase();
}

/**
 * JSON bodies only (README, Limits). In order, before any route sees the body: an empty body is allowed
 * (routes without input); a non-empty one that is not JSON gets 415; one with a Content-Encoding
 * other than identity 415 `unsupported_encoding`, unread (no inflating); one over the limit 413,
 * read no further than the limit; nesting deeper than 32 400 `too_deep`, found on the raw bytes;
 * then it is parsed, and keys that could act as MongoDB operators or pollute prototypes, and strings
 * holding NUL, get 400.
 * `limitBytes` may depend on the route (README, Limits: the lowest limit that applies).
 */
export function jsonBody(limitBytes: number | ((req: Request) => number)): RequestHandler {
  const limitFor = typeof limitBytes === 'number' ? () => limitBytes : limitBytes;
  return (req, _res, next) => {
    if (!hasBody(req)) {
      req.body = undefined;
      next();
      return;
    }
    if (!req.is('application/json') && !req.is('application/*+json')) {
      next(new AppError(415, 'unsupported_media_type', 'Send the body as application/json.'));
      return;
    }
    if (!isIdentity(req.headers['content-encoding'])) {
      next(new AppError(415, 'unsupported_encoding', 'Send the body uncompressed (no Content-Encoding).'));
      return;
    }
    const charset = charsetOf(req);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      next(new AppError(415, 'unsupported_media_type', 'Send the body as UTF-8 JSON.'));
      return;
    }
    const length = req.headers['content-length'];
    getRawBody(req, { limit: limitFor(req), ...(length !== undefined ? { length } : {}) })
      .then((bytes) => {
        if (nestsDeeperThan(bytes, MAX_JSON_DEPTH)) {
          throw new AppError(400, 'too_deep', `JSON may nest at most ${MAX_JSON_DEPTH} levels deep.`, [{ max: MAX_JSON_DEPTH }]);
        }
        let body: unknown;
        try {
          body = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
        } catch {
          throw new AppError(400, 'invalid_json', 'The request body is not valid JSON.');
        }
        const unsafe = findUnsafeKey(body);
        if (unsafe !== undefined) {
          throw new AppError(400, 'invalid_key', 'Keys may not start with "$", contain ".", or be __proto__/constructor/prototype.', [
            { path: unsafe },
          ]);
        }
        // PostgreSQL (under FerretDB) cannot store NUL in a string: refused here, not a 500 later.
        const nul = findNulString(body);
        if (nul !== undefined) {
          throw new AppError(400, 'invalid_string', 'Strings may not contain the NUL character (U+0000).', [{ path: nul }]);
        }
        req.body = body;
        next();
      })
      .catch(next);
  };
}

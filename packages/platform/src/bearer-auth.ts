import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from './app-error.js';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Requires `Authorization: Bearer <token>`; a missing or wrong one is 401 with WWW-Authenticate.
 * The token is compared as equal-length SHA-256 digests in constant time, so neither its content
 * nor its length leaks through timing.
 */
export function bearerAuth(token: string, realm: string, message: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.get('authorization') ?? '');
    const given = match?.[1];
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      res.setHeader('WWW-Authenticate', `Bearer realm="${realm}"`);
      next(new AppError(401, 'unauthorized', message));
      return;
    }
    next();
  };
}

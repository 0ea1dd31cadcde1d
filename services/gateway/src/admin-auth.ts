import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '@ai-chef/platform';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Guards /admin with `Authorization: Bearer $ADMIN_TOKEN`. Without a configured token the admin
 * routes do not exist (the ordinary 404); a missing or wrong token is 401. The token is compared
 * as equal-length SHA-256 digests in constant time, so neither its content nor its length leaks.
 */
export function adminAuth(token: string | undefined): RequestHandler {
  if (token === undefined) {
    return (_req, _res, next) => next(new AppError(404, 'not_found', 'No such route.'));
  }
  const expected = digest(token);
  return (req, res, next) => {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.get('authorization') ?? '');
    const given = match?.[1];
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="admin"');
      next(new AppError(401, 'unauthorized', 'A valid admin token is required.'));
      return;
    }
    next();
  };
}

import type { RequestHandler } from 'express';
import { AppError, bearerAuth } from '@ai-chef/platform';

/**
 * Guards /admin with `Authorization: Bearer $ADMIN_TOKEN`. Without a configured token the admin
 * routes do not exist (the ordinary 404); a missing or wrong token is 401, compared in constant time.
 */
export function adminAuth(token: string | undefined): RequestHandler {
  if (token === undefined) {
    return (_req, _res, next) => next(new AppError(404, 'not_found', 'No such route.'));
  }
  return bearerAuth(token, 'admin', 'A valid admin token is required.');
}

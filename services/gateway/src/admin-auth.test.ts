import { describe, expect, it } from '@jest/globals';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '@ai-chef/platform';
import { adminAuth } from './admin-auth.js';

const TOKEN = 'a-long-enough-admin-token-0123456789';

function run(
  token: string | undefined,
  authorization?: string,
): { error: unknown; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const req = {
    get: (name: string) => (name.toLowerCase() === 'authorization' ? authorization : undefined),
  } as unknown as Request;
  const res = {
    setHeader: (name: string, value: string) => void (headers[name] = value),
  } as unknown as Response;
  let error: unknown = 'not called';
  const next: NextFunction = (err?: unknown) => {
    error = err;
  };
  adminAuth(token)(req, res, next);
  return { error, headers };
}

const statusOf = (error: unknown) => (error instanceof AppError ? [error.status, error.code] : error);

describe('adminAuth', () => {
  it('when no token is configured, then every request is the ordinary 404, even with a header', () => {
    expect(statusOf(run(undefined).error)).toEqual([404, 'not_found']);
    expect(statusOf(run(undefined, `Bearer ${TOKEN}`).error)).toEqual([404, 'not_found']);
  });

  it('when the bearer token matches, then the request goes on (scheme in any case)', () => {
    expect(run(TOKEN, `Bearer ${TOKEN}`).error).toBeUndefined();
    expect(run(TOKEN, `bearer ${TOKEN}`).error).toBeUndefined();
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a bare scheme', 'Bearer'],
    ['another scheme', `Basic ${TOKEN}`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token and more', `Bearer ${TOKEN}x`],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`],
  ])('when the request has %s, then 401 unauthorized with a Bearer challenge', (_what, header) => {
    const { error, headers } = run(TOKEN, header);
    expect(statusOf(error)).toEqual([401, 'unauthorized']);
    expect(headers['WWW-Authenticate']).toMatch(/^Bearer/);
  });
});

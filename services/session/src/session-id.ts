import { randomBytes } from 'node:crypto';

/** `sess-<epoch ms>-<128 random bits, base64url>`: the seed's shape, but unguessable. */
export function newSessionId(now = Date.now()): string {
  return `sess-${now}-${randomBytes(16).toString('base64url')}`;
}

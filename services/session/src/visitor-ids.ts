import { randomBytes } from 'node:crypto';

/** A visitor session id: 128 random bits, never derived from the user id. */
export function newVisitorSessionId(): string {
  return `vs_${randomBytes(16).toString('base64url')}`;
}

/** The id of a visitor who did not send one. */
export function newUserId(): string {
  return `user_${randomBytes(16).toString('base64url')}`;
}

/** `evt_<epoch ms>_<random>`: the seed's shape, sortable by time, with 96 random bits. */
export function newEventId(timestampMs: number): string {
  return `evt_${timestampMs}_${randomBytes(12).toString('base64url')}`;
}

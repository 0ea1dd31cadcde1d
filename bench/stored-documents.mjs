// Documents shaped as the session service stores them (services/session's repositories): B1's
// raw-insert reference inserts new sessions, B8 fills the database with sessions and results.
import { randomBytes } from 'node:crypto';

const SESSION_TTL_MS = 7_200_000;
const RESULT_TTL_MS = 604_800_000;

/** A new, idle session (SessionRepository.create). */
export function sessionDoc(now = new Date()) {
  return {
    _id: `sess-${now.getTime()}-${randomBytes(16).toString('base64url')}`,
    status: 'idle',
    phase: null,
    progress: 0,
    createdAt: now,
    updatedAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    runId: null,
  };
}

/** A session whose run `runId` completed with `profile` (SessionRepository.markCompleted). */
export function completedSessionDoc(runId, profile, now = new Date()) {
  return { ...sessionDoc(now), status: 'completed', phase: 'finished', progress: 100, runId, profile };
}

/** The stored form of a result document (ResultRepository.saveOnce), for another run and session. */
export function storedResult(document, runId, sessionId, now = new Date()) {
  return {
    _id: runId,
    sessionId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + RESULT_TTL_MS),
    document: { ...document, runId, sessionId },
  };
}

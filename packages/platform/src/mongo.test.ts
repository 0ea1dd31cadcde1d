import { describe, expect, it } from '@jest/globals';
import { MongoServerError } from 'mongodb';
import { isDatabaseUnavailable } from './mongo.js';

describe('isDatabaseUnavailable', () => {
  // What FerretDB 1.24 answered with the PostgreSQL behind it killed, and restarting.
  it.each([
    '[msg_update.go:117 handler.(*Handler).updateDocument] [collection.go:109 postgresql.(*collection).Query] FATAL: terminating connection due to unexpected postmaster exit (SQLSTATE 57P01)',
    '[msg_ping.go:55 handler.(*Handler).MsgPing] [backend.go:109 postgresql.(*backend).Status] failed to connect to `user=postgres database=ferretdb`:\n\t127.0.0.1:45655 (127.0.0.1): dial error: dial tcp 127.0.0.1:45655: connect: connection refused',
    '[msg_find.go:344 handler.handleMaxTimeMSError] FATAL: the database system is starting up (SQLSTATE 57P03)',
  ])('when FerretDB cannot reach its PostgreSQL (%#), then the database counts as unavailable (503, try again)', (message) => {
    expect(isDatabaseUnavailable(new MongoServerError({ message, code: 1, codeName: 'InternalError' }))).toBe(true);
  });

  it('when the server refuses a write for a reason of its own, then it is not an outage', () => {
    expect(isDatabaseUnavailable(new MongoServerError({ message: 'E11000 duplicate key error', code: 11000 }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('connection refused (SQLSTATE 08006)'))).toBe(false);
    const badQuery = '[msg_find.go:344] ERROR: invalid input syntax for type json (SQLSTATE 22P02)';
    expect(isDatabaseUnavailable(new MongoServerError({ message: badQuery, code: 1, codeName: 'InternalError' }))).toBe(false);
  });
});

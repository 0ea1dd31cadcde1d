import { describe, expect, it } from '@jest/globals';
import { MongoServerError } from 'mongodb';
import { isDatabaseUnavailable } from './mongo.js';

describe('isDatabaseUnavailable', () => {
  it('when FerretDB reports SQLITE_BUSY, then the database counts as unavailable (503, try again)', () => {
    const busy = new MongoServerError({
      message: '[msg_update.go:133 handler.(*Handler).updateDocument] database is locked (5) (SQLITE_BUSY)',
      code: 1,
    });
    expect(isDatabaseUnavailable(busy)).toBe(true);
  });

  it('when the server refuses a write for a reason of its own, then it is not an outage', () => {
    expect(isDatabaseUnavailable(new MongoServerError({ message: 'E11000 duplicate key error', code: 11000 }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('database is locked'))).toBe(false);
  });
});

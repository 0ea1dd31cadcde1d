import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from './logger.js';

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('when an error is logged under `error` (as the Temporal SDK does) or `err`, then its type, message, stack and cause are kept', () => {
    const { lines, stream } = capture();
    const testLogger = createLogger('test', 'info', stream);
    const cause = new Error('the model answered 529');
    const failure = Object.assign(new Error('Activity task failed', { cause }), { type: 'ProviderUnavailable' });
    testLogger.warn({ error: failure }, 'Workflow failed');
    testLogger.error({ err: failure }, 'request failed');
    for (const line of lines) {
      const serialised = (line.error ?? line.err) as Record<string, unknown>;
      expect(serialised).toMatchObject({ type: 'Error', message: expect.stringContaining('Activity task failed') });
      expect(serialised.stack).toContain('Activity task failed');
      expect(JSON.stringify(serialised)).toContain('the model answered 529');
    }
    expect(lines).toHaveLength(2);
  });
});

import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { AppError } from './app-error.js';
import { findNulString, findUnsafeKey, parseOrThrow } from './validation.js';

describe('findUnsafeKey', () => {
  it.each([
    [{ $where: 1 }, '$where'],
    [{ profile: { 'a.b': 1 } }, 'profile/a.b'],
    [{ list: [{ ok: 1 }, { $gt: 1 }] }, 'list/1/$gt'],
    [JSON.parse('{"__proto__": {"polluted": true}}'), '__proto__'],
    [{ nested: { constructor: { prototype: {} } } }, 'nested/constructor'],
    [{ properties: { 'a\u0000b': 1 } }, 'properties/a\u0000b'],
  ])('finds the unsafe key in %j', (value, path) => {
    expect(findUnsafeKey(value)).toBe(path);
  });

  it('passes clean values, strings with $ and dots included', () => {
    expect(findUnsafeKey({ a: ['$x', 'a.b'], b: { c: null, d: 1.5 } })).toBeUndefined();
    expect(findUnsafeKey(undefined)).toBeUndefined();
    expect(findUnsafeKey('$set')).toBeUndefined();
  });
});

describe('findNulString', () => {
  it.each([
    [{ page_url: 'a\u0000b' }, 'page_url'],
    [{ events: [{ ok: 'x' }, { properties: { note: '\u0000' } }] }, 'events/1/properties/note'],
    [['fine', 'nul\u0000'], '1'],
    ['\u0000', '(root)'],
  ])('finds the string holding NUL in %j', (value, path) => {
    expect(findNulString(value)).toBe(path);
  });

  it('passes values without NUL, other control characters included', () => {
    expect(findNulString({ a: ['\u0001', 'a\tb'], b: { c: null, d: 1.5, e: true } })).toBeUndefined();
    expect(findNulString(undefined)).toBeUndefined();
  });
});

describe('parseOrThrow', () => {
  const schema = z.object({ servings: z.number().int() }).strict();

  it('returns the parsed value', () => {
    expect(parseOrThrow(schema, { servings: 2 })).toEqual({ servings: 2 });
  });

  it('turns every issue into a 400 with details', () => {
    let thrown: unknown;
    try {
      parseOrThrow(schema, { servings: '2', extra: true });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_error');
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'servings' }),
        expect.objectContaining({ keys: ['extra'] }),
      ]),
    );
  });
});

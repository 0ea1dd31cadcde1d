import type { z } from 'zod';
import { AppError } from './app-error.js';

/** Parses input with a zod schema, turning every issue into the details of one 400. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, code = 'validation_error'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    ...('keys' in issue && Array.isArray(issue.keys) ? { keys: issue.keys } : {}),
  }));
  const first = details[0];
  const message = first
    ? `Invalid request: ${first.path ? `${first.path}: ` : ''}${first.message}`
    : 'Invalid request';
  return throwError(new AppError(400, code, message, details));
}

function throwError(error: AppError): never {
  throw error;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Finds the first key, at any depth, that could reach MongoDB as an operator or a path
 * (`$...`, dotted), that BSON cannot hold (NUL), or that could pollute prototypes. Returns its path, or undefined when clean.
 */
export function findUnsafeKey(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (depth > 32) return path.join('.') || '(root)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeKey(value[i], [...path, String(i)], depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (key.startsWith('$') || key.includes('.') || key.includes('\u0000') || FORBIDDEN_KEYS.has(key)) {
        return [...path, key].join('/');
      }
      const found = findUnsafeKey((value as Record<string, unknown>)[key], [...path, key], depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Finds the first string, at any depth, that holds NUL (U+0000): PostgreSQL, where the local
 * FerretDB keeps documents, cannot store it in text, so it is refused on every server alike. Call
 * it on what findUnsafeKey passed (no deeper than 32 levels). Returns its path, or undefined.
 */
export function findNulString(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('/') || '(root)' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
  for (const [key, item] of entries) {
    const found = findNulString(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

import { describe, expect, it } from '@jest/globals';
import * as contracts from '@ai-chef/contracts';
import * as values from './contract-values.js';

describe('the contract values the page keeps', () => {
  it('are the contracts package’s own values', () => {
    for (const [name, value] of Object.entries(values))
      expect({ name, value }).toEqual({ name, value: (contracts as Record<string, unknown>)[name] });
  });
});

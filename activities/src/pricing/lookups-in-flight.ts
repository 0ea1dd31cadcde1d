import type { Offer } from '@ai-chef/contracts';
import { priceCacheKey } from './price-cache.js';

/**
 * Price lookups under way in this worker that a basket may join: those a recipe's prefetch started. One
 * per query; each ends with the offers it found (and cached), or undefined when it could not find any,
 * and then leaves.
 */
export class LookupsInFlight {
  private readonly pending = new Map<string, Promise<Offer[] | undefined>>();

  get(query: string): Promise<Offer[] | undefined> | undefined {
    return this.pending.get(priceCacheKey(query));
  }

  /** The lookup under way for this query, or a new one from `lookUp`. */
  start(query: string, lookUp: () => Promise<Offer[] | undefined>): Promise<Offer[] | undefined> {
    const key = priceCacheKey(query);
    const existing = this.pending.get(key);
    if (existing !== undefined) return existing;
    const promise = lookUp()
      .catch(() => undefined)
      .finally(() => {
        if (this.pending.get(key) === promise) this.pending.delete(key);
      });
    this.pending.set(key, promise);
    return promise;
  }

  get size(): number {
    return this.pending.size;
  }
}

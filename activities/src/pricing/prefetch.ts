import type { Offer } from '@ai-chef/contracts';
import { LookupsInFlight } from './lookups-in-flight.js';
import { searchAndCache, searchOnce, searchQuery } from './lookups.js';
import { priceCacheKey } from './price-cache.js';
import type { PricingDeps } from './price-types.js';
import type { ReferencePrice } from './reference-price.js';

/** Names that arrive within this long share one cache read (a fast stream writes several at once). */
const PREFETCH_BATCH_MS = 25;

/** Prices ingredients ahead of their basket, into the cache, while the recipe is still being written. */
export interface PricePrefetch {
  /** Starts looking up one ingredient, named as the model wrote it; a name seen before is skipped. */
  add(name: string): void;
  /** Waits for the lookups started (at most `maxWaitMs`): they land in the cache. */
  settle(maxWaitMs: number): Promise<void>;
  /** How many distinct queries it started looking up. */
  readonly started: number;
}

/**
 * A prefetch for one recipe. Only ingredients the catalog knows and the person does not own are looked
 * up (owned ones are never bought, so never searched). Each lookup is registered in `deps.inFlight` as
 * soon as its name arrives, so a basket that starts meanwhile joins it instead of asking the shop again;
 * lookups are not tied to the recipe step's cancellation (a basket that joins one has its own). A failed
 * lookup is left for the basket to make again. Without a shop client there is nothing to fetch ahead.
 */
export function startPricePrefetch(
  deps: PricingDeps,
  ingredientIdOf: (name: string) => string | undefined,
  owned: (ingredientId: string) => boolean,
  batchMs = PREFETCH_BATCH_MS,
): PricePrefetch {
  const search = searchOnce(deps.naver, undefined);
  const inFlight = deps.inFlight ?? new LookupsInFlight();
  const queries = new Set<string>();
  const pending: Promise<unknown>[] = [];
  type Entry = {
    name: string;
    query: string;
    reference: ReferencePrice | undefined;
    done: (offers: Offer[] | undefined) => void;
  };
  let batch: Entry[] = [];
  let timer: NodeJS.Timeout | undefined;

  /** One cache read for the names gathered, then a search for each the cache lacks. */
  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    const entries = batch;
    batch = [];
    if (entries.length === 0 || search === undefined) return;
    void deps.cache
      .getMany(entries.map((entry) => entry.query))
      .catch(() => new Map<string, Offer[]>())
      .then((hits) => {
        for (const entry of entries) {
          const cached = hits.get(priceCacheKey(entry.query));
          if (cached !== undefined) entry.done(cached);
          else
            void searchAndCache(entry.name, entry.query, entry.reference, deps.cache, search).then(
              (found) => entry.done(found.offers),
              () => entry.done(undefined),
            );
        }
      });
  }

  return {
    add(name) {
      const ingredientId = ingredientIdOf(name);
      if (search === undefined || ingredientId === undefined || owned(ingredientId)) return;
      const reference = deps.references.referencePrice(ingredientId);
      const query = searchQuery(name, reference);
      if (queries.has(priceCacheKey(query))) return;
      queries.add(priceCacheKey(query));
      pending.push(inFlight.start(query, () => new Promise((done) => batch.push({ name, query, reference, done }))));
      timer ??= setTimeout(flush, batchMs);
    },
    async settle(maxWaitMs) {
      flush();
      let waited: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        waited = setTimeout(resolve, maxWaitMs);
      });
      try {
        await Promise.race([Promise.all(pending), timeout]);
      } finally {
        clearTimeout(waited);
      }
    },
    get started() {
      return queries.size;
    },
  };
}

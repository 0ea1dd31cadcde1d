import type { Offer, PricedItem, Pricing } from '@ai-chef/contracts';
import { basketCost, solveBasket, vendorShipping } from './basket-solver.js';
import type { BasketOffer, ShippingPolicy } from './basket-solver.js';
import type { NaverClient, NaverFailureReason, NaverSearchResult } from './naver-client.js';
import { selectOffers } from './offer-parser.js';
import { packCost, packsNeeded } from './pack-cost.js';
import { priceCacheKey } from './price-cache.js';
import type { PriceCache } from './price-cache.js';
import { GENERIC_REFERENCE } from './reference-price.js';
import type { ReferencePrice, ReferencePriceSource } from './reference-price.js';

/** One recipe ingredient to buy. */
export interface BasketItem {
  ingredientId: string;
  name: string;
  amount: string;
  unit: string;
  grams: number;
}

export type LookupSource = 'cache' | 'naver' | 'estimate';

/** How one ingredient was priced, for logs and metrics. */
export interface LookupEvent {
  ingredientId: string;
  query: string;
  source: LookupSource;
  /** Why an estimate was used. */
  reason?: NaverFailureReason | 'no_client' | 'no_plausible_offer';
  /** A cache read or write failed; the lookup went on without it. */
  cacheError?: string;
}

export interface PriceBasketDeps {
  /** Absent without Naver keys: every ingredient is estimated. */
  naver?: NaverClient | undefined;
  cache: PriceCache;
  references: ReferencePriceSource;
  shipping: ShippingPolicy;
  budget: number;
  signal?: AbortSignal | undefined;
  /** Called once per ingredient priced (the activity heartbeats here). */
  onProgress?: () => void;
  onLookup?: (event: LookupEvent) => void;
  /** Whether the basket was proven the cheapest (false when the search hit its time cap). */
  onBasketSolved?: (info: { exact: boolean; ingredients: number }) => void;
  /** Cap on the basket search, default DEFAULT_BASKET_TIME_LIMIT_MS. */
  solverTimeLimitMs?: number;
  /** The worker's lookups under way from prefetches, which the basket joins. */
  inFlight?: LookupsInFlight;
}

/** The vendor of an estimated item: no shop, the bundled reference price. */
export const ESTIMATE_VENDOR = '예상가';
/** Offers per ingredient the basket search considers (the solver is exact up to about 30 × 10). */
export const MAX_SOLVER_OFFERS = 10;

interface CostedOffer {
  offer: Offer;
  packs: number;
  cost: number;
}

interface Lookup {
  offers: Offer[] | undefined;
  event: LookupEvent;
}

const won = (n: number): string => `${Math.round(n).toLocaleString('ko-KR')}원`;

/** What the shop is asked for an ingredient: its catalog name when it has one, else the recipe's. */
function searchQuery(name: string, reference: ReferencePrice | undefined): string {
  return (reference?.nameKo ?? name).trim();
}

/** One Naver search per query within a basket, shared by ingredients that search the same name. */
type SearchOnce = (query: string) => Promise<NaverSearchResult>;

/** What the basket's one cache read found: offers by key, or why there are none. */
type CacheRead = { hits: Map<string, Offer[]> } | { error: string };

async function readCache(cache: PriceCache, queries: readonly string[]): Promise<CacheRead> {
  try {
    return { hits: await cache.getMany(queries) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** One shop search for a query, the plausible offers kept in the cache (an empty list too). */
async function searchAndCache(
  name: string,
  query: string,
  reference: ReferencePrice | undefined,
  cache: PriceCache,
  search: SearchOnce,
): Promise<{ offers?: Offer[]; reason?: NaverFailureReason; cacheError?: string }> {
  const result = await search(query);
  if (!result.ok && result.reason !== 'no_offers') return { reason: result.reason };
  const offers = result.ok
    ? selectOffers(result.listings, {
        names: [name, ...(reference !== undefined ? [reference.nameKo, ...(reference.aliases ?? [])] : [])],
        reference,
        pieceGrams: reference?.pieceGrams,
      })
    : [];
  // An answer with nothing plausible is cached too: asking again within the TTL would not change it.
  try {
    await cache.set(query, offers);
  } catch (error) {
    return { offers, cacheError: error instanceof Error ? error.message : String(error) };
  }
  return { offers };
}

async function lookUp(
  item: BasketItem,
  query: string,
  reference: ReferencePrice | undefined,
  cache: CacheRead,
  deps: PriceBasketDeps,
  search: SearchOnce | undefined,
): Promise<Lookup> {
  const event: LookupEvent = { ingredientId: item.ingredientId, query, source: 'estimate' };
  if ('error' in cache) event.cacheError = cache.error;
  else {
    const cached = cache.hits.get(priceCacheKey(query));
    if (cached !== undefined) return { offers: cached, event: { ...event, source: 'cache' } };
  }
  if (search === undefined) return { offers: undefined, event: { ...event, reason: 'no_client' } };
  // A prefetch of this worker may be looking it up right now: its answer is as fresh as a new one.
  const joined = await deps.inFlight?.get(query);
  if (joined !== undefined) return { offers: joined, event: { ...event, source: 'naver' } };
  const found = await searchAndCache(item.name, query, reference, deps.cache, search);
  if (found.cacheError !== undefined) event.cacheError = found.cacheError;
  if (found.offers === undefined) return { offers: undefined, event: { ...event, ...(found.reason ? { reason: found.reason } : {}) } };
  return { offers: found.offers, event: { ...event, source: 'naver' } };
}

/**
 * Price lookups under way in this worker that a basket may join: those a recipe's prefetch
 * started. One per query; each ends with the offers it found (and cached), or undefined when it
 * could not find any, and then leaves.
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

/** Searches the shop once per query within a basket: ingredients that search the same name share the answer. */
function searchOnce(naver: NaverClient | undefined, signal: AbortSignal | undefined): SearchOnce | undefined {
  if (naver === undefined) return undefined;
  const searches = new Map<string, Promise<NaverSearchResult>>();
  return (query) => {
    const key = priceCacheKey(query);
    const pending = searches.get(key) ?? naver.search(query, signal !== undefined ? { signal } : {});
    searches.set(key, pending);
    return pending;
  };
}

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
 * A prefetch for one recipe. Only ingredients the catalog knows are looked up (others fail the
 * recipe's checks). Each lookup is registered in `deps.inFlight` as soon as its name arrives, so a
 * basket that starts meanwhile joins it instead of asking the shop again; lookups are not tied to
 * the recipe step's cancellation (a basket that joins one has its own). A failed lookup is left for
 * the basket to make again. Without a shop client there is nothing to fetch ahead.
 */
export function startPricePrefetch(
  deps: Pick<PriceBasketDeps, 'naver' | 'cache' | 'references' | 'inFlight'>,
  ingredientIdOf: (name: string) => string | undefined,
  batchMs = PREFETCH_BATCH_MS,
): PricePrefetch {
  const search = searchOnce(deps.naver, undefined);
  const inFlight = deps.inFlight ?? new LookupsInFlight();
  const queries = new Set<string>();
  const pending: Promise<unknown>[] = [];
  type Entry = { name: string; query: string; reference: ReferencePrice | undefined; done: (offers: Offer[] | undefined) => void };
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
      if (search === undefined || ingredientId === undefined) return;
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

/** Offers by cost of the amount needed, cheapest first. */
function costOffers(offers: readonly Offer[], grams: number): CostedOffer[] {
  return offers
    .map((offer) => ({
      offer,
      ...packCost(offer.price, grams, { packGrams: offer.packGrams, packCount: offer.packCount ?? 1 }),
    }))
    .sort((a, b) => a.cost - b.cost || a.offer.price - b.offer.price);
}

/** The offers the search weighs: each vendor's cheapest first (so consolidation stays possible), then the next cheapest. */
function solverOffers(costed: readonly CostedOffer[]): CostedOffer[] {
  const seen = new Set<string>();
  const firsts: CostedOffer[] = [];
  const rest: CostedOffer[] = [];
  for (const c of costed) {
    if (seen.has(c.offer.vendor)) rest.push(c);
    else {
      seen.add(c.offer.vendor);
      firsts.push(c);
    }
  }
  return [...firsts, ...rest].slice(0, MAX_SOLVER_OFFERS).sort((a, b) => a.cost - b.cost);
}

interface Line {
  item: BasketItem;
  estimated: boolean;
  offers: Offer[];
  lowestPrice: number;
  chosen: PricedItem['chosen'];
}

function estimateLine(item: BasketItem, reference: ReferencePrice | undefined): Line {
  const basis = reference ?? GENERIC_REFERENCE;
  const price = Math.max(0, Math.round(basis.price));
  const packs = packsNeeded(item.grams, { packGrams: basis.grams, packCount: 1 });
  const cost = price * packs;
  const name = reference?.nameKo ?? item.name;
  return {
    item,
    estimated: true,
    offers: [],
    lowestPrice: cost,
    chosen: {
      vendor: ESTIMATE_VENDOR,
      title: `${name} ${basis.grams}g 기준 예상가`,
      price,
      packs,
      cost,
      link: '',
    },
  };
}

function offerLine(item: BasketItem, costed: CostedOffer[], chosen: CostedOffer): Line {
  return {
    item,
    estimated: false,
    offers: costed.map((c) => c.offer),
    lowestPrice: costed[0]?.cost ?? chosen.cost,
    chosen: {
      vendor: chosen.offer.vendor,
      title: chosen.offer.title,
      price: chosen.offer.price,
      packs: chosen.packs,
      cost: chosen.cost,
      link: chosen.offer.link,
    },
  };
}

/**
 * Prices every ingredient (cache, then Naver, else the reference price) and picks the cheapest
 * basket including shipping. Estimated items are bought "offline": they carry no shipping.
 */
export async function priceBasket(items: readonly BasketItem[], deps: PriceBasketDeps): Promise<Pricing> {
  const { shipping, signal } = deps;
  signal?.throwIfAborted();
  const references = items.map((item) => deps.references.referencePrice(item.ingredientId));
  const search = searchOnce(deps.naver, signal);
  const queries = items.map((item, i) => searchQuery(item.name, references[i]));
  const cache = await readCache(deps.cache, queries);
  const lookups = await Promise.all(
    items.map(async (item, i) => {
      const lookup = await lookUp(item, queries[i] ?? item.name, references[i], cache, deps, search);
      deps.onProgress?.();
      return lookup;
    }),
  );
  signal?.throwIfAborted();

  const costed = items.map((item, i) => costOffers(lookups[i]?.offers ?? [], item.grams));
  lookups.forEach((lookup, i) => {
    const event = lookup.event;
    const reason =
      event.source !== 'estimate' && costed[i]?.length === 0 ? 'no_plausible_offer' : event.reason;
    deps.onLookup?.({
      ...event,
      ...(costed[i]?.length === 0 ? { source: 'estimate' as const } : {}),
      ...(reason !== undefined ? { reason } : {}),
    });
  });

  // The basket search runs over the ingredients that have offers.
  const online = items.flatMap((_, i) => ((costed[i]?.length ?? 0) > 0 ? [i] : []));
  const candidates = online.map((i) => solverOffers(costed[i] ?? []));
  const problem = candidates.map((cs) =>
    cs.map((c): BasketOffer => ({ vendor: c.offer.vendor, cost: c.cost })),
  );
  const solution = solveBasket({
    items: problem,
    shipping,
    ...(deps.solverTimeLimitMs !== undefined ? { timeLimitMs: deps.solverTimeLimitMs } : {}),
  });
  deps.onBasketSolved?.({ exact: solution.exact, ingredients: online.length });

  const lines: Line[] = items.map((item, i) => estimateLine(item, references[i]));
  online.forEach((i, k) => {
    const picked = candidates[k]?.[solution.choice[k] ?? 0];
    const item = items[i];
    if (picked !== undefined && item !== undefined) lines[i] = offerLine(item, costed[i] ?? [], picked);
  });

  const breakdown = vendorBreakdownOf(lines, shipping);
  const itemsCost = lines.reduce((sum, line) => sum + line.chosen.cost, 0);
  const shippingCost = Object.values(breakdown).reduce((sum, v) => sum + v.shipping, 0);
  const totalEstimatedCost = itemsCost + shippingCost;
  const withinBudget = totalEstimatedCost <= deps.budget;
  const singleVendor = singleVendorBaskets(candidates, problem, shipping);
  const sameVendorSavings =
    singleVendor[0] !== undefined ? Math.max(0, singleVendor[0].total - solution.total) : 0;
  const estimatedCount = lines.filter((l) => l.estimated).length;

  return {
    items: lines.map((line) => ({
      ingredient: line.item.name,
      ingredientId: line.item.ingredientId,
      amount: line.item.amount,
      unit: line.item.unit,
      offers: line.offers,
      lowestPrice: line.lowestPrice,
      chosen: line.chosen,
      estimated: line.estimated,
    })),
    totalEstimatedCost,
    shippingCost,
    optimalVendor: optimalVendorOf(breakdown),
    vendorBreakdown: breakdown,
    recommendations: {
      sameVendorSavings,
      alternativeOptions: alternativeOptions(
        lines,
        problem,
        solution.total,
        singleVendor,
        breakdown,
        shipping,
      ),
    },
    withinBudget,
    ...(withinBudget ? {} : { overBudget: overBudget(lines, totalEstimatedCost, deps.budget, shipping) }),
    source:
      estimatedCount === 0 && lines.length > 0
        ? 'naver'
        : estimatedCount === lines.length
          ? 'estimate'
          : 'mixed',
  };
}

type Breakdown = Pricing['vendorBreakdown'];

function vendorBreakdownOf(lines: readonly Line[], shipping: ShippingPolicy): Breakdown {
  const breakdown: Breakdown = {};
  for (const line of lines) {
    const { vendor, price, packs, cost } = line.chosen;
    const entry = (breakdown[vendor] ??= { items: [], subtotal: 0, shipping: 0 });
    entry.items.push({ name: line.item.name, price, quantity: packs });
    entry.subtotal += cost;
  }
  for (const [vendor, entry] of Object.entries(breakdown)) {
    entry.shipping = vendor === ESTIMATE_VENDOR ? 0 : vendorShipping(entry.subtotal, shipping);
  }
  return breakdown;
}

/** The shop with the largest share of the basket; the estimate only when no shop is in it. */
function optimalVendorOf(breakdown: Breakdown): string {
  let best: { vendor: string; subtotal: number; count: number } | undefined;
  for (const [vendor, entry] of Object.entries(breakdown)) {
    if (vendor === ESTIMATE_VENDOR) continue;
    if (
      best === undefined ||
      entry.subtotal > best.subtotal ||
      (entry.subtotal === best.subtotal && entry.items.length > best.count)
    ) {
      best = { vendor, subtotal: entry.subtotal, count: entry.items.length };
    }
  }
  return best?.vendor ?? (breakdown[ESTIMATE_VENDOR] !== undefined ? ESTIMATE_VENDOR : '');
}

interface SingleVendorBasket {
  vendor: string;
  total: number;
  shippingCost: number;
}

/** For every shop that sells all the online ingredients, its own cheapest basket; cheapest first. */
function singleVendorBaskets(
  candidates: readonly CostedOffer[][],
  problem: readonly BasketOffer[][],
  shipping: ShippingPolicy,
): SingleVendorBasket[] {
  if (problem.length === 0) return [];
  const vendors = new Set(problem[0]?.map((o) => o.vendor));
  for (const offers of problem.slice(1)) {
    const here = new Set(offers.map((o) => o.vendor));
    for (const v of vendors) if (!here.has(v)) vendors.delete(v);
  }
  return [...vendors]
    .map((vendor) => {
      const own = candidates.map((cs) =>
        cs.filter((c) => c.offer.vendor === vendor).map((c) => ({ vendor, cost: c.cost })),
      );
      const { total, shippingCost } = solveBasket({ items: own, shipping });
      return { vendor, total, shippingCost };
    })
    .sort((a, b) => a.total - b.total || a.vendor.localeCompare(b.vendor));
}

function alternativeOptions(
  lines: readonly Line[],
  problem: readonly BasketOffer[][],
  optimalTotal: number,
  singleVendor: readonly SingleVendorBasket[],
  breakdown: Breakdown,
  shipping: ShippingPolicy,
): string[] {
  const options: string[] = [];
  for (const basket of singleVendor.slice(0, 2)) {
    const diff = basket.total - optimalTotal;
    options.push(
      `${basket.vendor}에서 모두 사면 ${won(basket.total)} (배송비 ${won(basket.shippingCost)} 포함)` +
        (diff > 0 ? `, 추천 조합보다 ${won(diff)} 더 들어요` : ', 추천 조합과 같은 금액이에요'),
    );
  }
  if (problem.length > 0) {
    // Each ingredient at its own lowest price, shipping ignored when choosing.
    const cheapest = basketCost(
      problem,
      problem.map(() => 0),
      shipping,
    );
    if (cheapest.total > optimalTotal) {
      options.push(
        `재료마다 최저가만 고르면 ${won(cheapest.total)} (배송비 ${won(cheapest.shippingCost)} 포함), 추천 조합보다 ${won(cheapest.total - optimalTotal)} 더 들어요`,
      );
    }
  }
  for (const [vendor, entry] of Object.entries(breakdown)) {
    const gap = shipping.freeThreshold - entry.subtotal;
    if (vendor !== ESTIMATE_VENDOR && entry.shipping > 0 && gap > 0 && gap <= shipping.freeThreshold / 3) {
      options.push(`${vendor}에서 ${won(gap)} 더 담으면 배송비 ${won(entry.shipping)}이 무료예요`);
    }
  }
  const estimated = lines.filter((l) => l.estimated).map((l) => l.item.name);
  if (estimated.length > 0) {
    options.push(`온라인 가격을 찾지 못해 기준 가격으로 어림한 재료: ${estimated.join(', ')}`);
  }
  return options;
}

/** What to drop or swap: the costliest items until their saving covers the excess (at most three). */
function overBudget(
  lines: readonly Line[],
  total: number,
  budget: number,
  shipping: ShippingPolicy,
): { by: number; suggestions: string[] } {
  const by = total - budget;
  const savingWithout = (skip: Line): number => {
    const rest = lines.filter((l) => l !== skip);
    const breakdown = vendorBreakdownOf(rest, shipping);
    const restTotal = Object.values(breakdown).reduce((sum, v) => sum + v.subtotal + v.shipping, 0);
    return total - restTotal;
  };
  const ranked = lines
    .map((line) => ({ line, saving: savingWithout(line) }))
    .filter((x) => x.saving > 0)
    .sort((a, b) => b.saving - a.saving);
  const suggestions: string[] = [];
  let covered = 0;
  for (const { line, saving } of ranked) {
    if (suggestions.length === 3 || covered >= by) break;
    suggestions.push(
      `${line.item.name}: 빼거나 더 싼 재료로 바꾸면 약 ${won(saving)} 줄어요 (${line.chosen.vendor}, 상품 ${line.chosen.packs}개)`,
    );
    covered += saving;
  }
  suggestions.push('냉장고에 이미 있는 재료는 빼고 계산하면 더 줄일 수 있어요');
  return { by, suggestions };
}

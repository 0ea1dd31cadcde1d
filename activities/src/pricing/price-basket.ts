import { ESTIMATE_VENDOR } from '@ai-chef/contracts';
import type { Language, Pricing } from '@ai-chef/contracts';
import { ownedBy, vendorShipping } from '@ai-chef/kitchen';
import { alternativeOptions, overBudgetAdvice, singleVendorBaskets } from './basket-advice.js';
import { costOffers, estimateLine, offerLine, ownedLine, solverOffers } from './basket-lines.js';
import type { Line } from './basket-lines.js';
import { solveBasket } from './basket-solver.js';
import type { BasketOffer, ShippingPolicy } from './basket-types.js';
import { lookUp, readCache, searchOnce, searchQuery } from './lookups.js';
import type { BasketRequest, PricingDeps } from './price-types.js';

type Breakdown = Pricing['vendorBreakdown'];

/** The estimated shop's name as the person reads it. */
const ESTIMATE_LABEL: Readonly<Record<Language, string>> = { ko: '예상 가격 (온라인 가격 없음)', en: 'Estimated prices (no online price)' };

function vendorBreakdownOf(lines: readonly Line[], shipping: ShippingPolicy, language: Language): Breakdown {
  const breakdown: Breakdown = {};
  for (const line of lines) {
    if (line.chosen === null) continue;
    const { vendor, price, packs, cost } = line.chosen;
    const entry = (breakdown[vendor] ??= {
      items: [],
      subtotal: 0,
      shipping: 0,
      ...(vendor === ESTIMATE_VENDOR ? { label: ESTIMATE_LABEL[language] } : {}),
    });
    entry.items.push({ name: line.item.name, price, quantity: packs });
    entry.subtotal += cost;
  }
  // The estimated shop ships as any shop does: a total without it would understate a real order.
  for (const entry of Object.values(breakdown)) entry.shipping = vendorShipping(entry.subtotal, shipping);
  return breakdown;
}

/** The shop with the largest share of the basket; null when no item is bought from a shop. */
function optimalVendorOf(breakdown: Breakdown): string | null {
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
  return best?.vendor ?? null;
}

/**
 * Prices a recipe's basket for one person. What they own (fridge, pantry; water always) is listed but not
 * bought and never searched; everything else is priced (cache, a prefetch under way, then Naver, else the
 * reference price from the estimated shop) and the cheapest basket including each shop's shipping is chosen.
 * `totalEstimatedCost` is what the person pays; `usedCost` what the recipe uses, owned items included.
 */
export async function priceBasket(request: BasketRequest, deps: PricingDeps): Promise<Pricing> {
  const { items, profile, signal } = request;
  const { shipping } = deps;
  const language = profile.language;
  signal?.throwIfAborted();
  const owned = ownedBy(profile);
  const references = items.map((item) => deps.references.referencePrice(item.ingredientId));
  const bought = items.flatMap((item, i) => (owned(item.ingredientId) === null ? [i] : []));
  const search = searchOnce(deps.naver, signal);
  const queries = items.map((item, i) => searchQuery(item.name, references[i]));
  const cache = await readCache(deps.cache, bought.map((i) => queries[i]!));
  const lookups = new Map(
    await Promise.all(
      bought.map(async (i) => {
        const lookup = await lookUp(items[i]!, queries[i]!, references[i], cache, deps, search);
        request.onProgress?.();
        return [i, lookup] as const;
      }),
    ),
  );
  signal?.throwIfAborted();

  const costed = new Map(bought.map((i) => [i, costOffers(lookups.get(i)?.offers ?? [], items[i]!.grams)] as const));
  for (const [i, lookup] of lookups) {
    const none = costed.get(i)?.length === 0;
    const reason = lookup.event.source !== 'estimate' && none ? 'no_plausible_offer' : lookup.event.reason;
    deps.onLookup?.({ ...lookup.event, ...(none ? { source: 'estimate' as const } : {}), ...(reason !== undefined ? { reason } : {}) });
  }

  // The estimated shop's items have one offer each, so the search also weighs its shipping.
  const lines: Line[] = items.map((item, i) => {
    const own = owned(item.ingredientId);
    return own === null ? estimateLine(item, references[i], language) : ownedLine(item, own, references[i]);
  });
  const online = bought.filter((i) => (costed.get(i)?.length ?? 0) > 0);
  const candidates = online.map((i) => solverOffers(costed.get(i) ?? []));
  const estimatedCosts = bought.filter((i) => !online.includes(i)).map((i) => lines[i]!.chosen!.cost);
  const problem: BasketOffer[][] = [
    ...candidates.map((cs) => cs.map((c) => ({ vendor: c.offer.vendor, cost: c.cost }))),
    ...estimatedCosts.map((cost) => [{ vendor: ESTIMATE_VENDOR, cost }]),
  ];
  const solution = solveBasket({
    items: problem,
    shipping,
    ...(deps.solverTimeLimitMs !== undefined ? { timeLimitMs: deps.solverTimeLimitMs } : {}),
  });
  deps.onBasketSolved?.({ exact: solution.exact, ingredients: online.length });
  online.forEach((i, k) => {
    const picked = candidates[k]?.[solution.choice[k] ?? 0];
    if (picked !== undefined) lines[i] = offerLine(items[i]!, costed.get(i) ?? [], picked);
  });

  const breakdown = vendorBreakdownOf(lines, shipping, language);
  const itemsCost = lines.reduce((sum, line) => sum + (line.chosen?.cost ?? 0), 0);
  const shippingCost = Object.values(breakdown).reduce((sum, entry) => sum + entry.shipping, 0);
  const totalEstimatedCost = itemsCost + shippingCost;
  const withinBudget = totalEstimatedCost <= profile.budget;
  const onlineProblem = problem.slice(0, candidates.length);
  const singleVendor = singleVendorBaskets(candidates, onlineProblem, shipping);
  const onlineTotal = solveBasket({ items: onlineProblem, shipping }).total;
  const sameVendorSavings = singleVendor[0] !== undefined ? Math.max(0, singleVendor[0].total - onlineTotal) : 0;
  const estimatedCount = lines.filter((line) => line.estimated).length;

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
      owned: line.owned,
      usedCost: line.usedCost,
    })),
    totalEstimatedCost,
    usedCost: lines.reduce((sum, line) => sum + line.usedCost, 0),
    shippingCost,
    optimalVendor: optimalVendorOf(breakdown),
    vendorBreakdown: breakdown,
    recommendations: {
      sameVendorSavings,
      alternativeOptions: alternativeOptions({
        lines,
        problem: onlineProblem,
        optimalTotal: onlineTotal,
        singleVendor,
        breakdown,
        shipping,
        language,
      }),
    },
    withinBudget,
    ...(withinBudget
      ? {}
      : {
          overBudget: overBudgetAdvice({
            lines,
            total: totalEstimatedCost,
            profile,
            alternatives: request.alternatives ?? [],
            main: new Set(request.mainIngredientIds ?? []),
          }),
        }),
    source: estimatedCount === 0 && bought.length > 0 ? 'naver' : estimatedCount === bought.length ? 'estimate' : 'mixed',
  };
}

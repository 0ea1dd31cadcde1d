import { ESTIMATE_VENDOR } from '@ai-chef/contracts';
import type { Alternative, Language, Pricing, Profile } from '@ai-chef/contracts';
import { budgetSwapsFor, excludedFor, GENERIC_REFERENCE, getCatalog, inSentence, packCost, substitutesFor } from '@ai-chef/kitchen';
import type { Ingredient } from '@ai-chef/kitchen';
import { basketCost, solveBasket } from './basket-solver.js';
import type { BasketOffer, ShippingPolicy } from './basket-types.js';
import type { CostedOffer, Line } from './basket-lines.js';

type Breakdown = Pricing['vendorBreakdown'];

function won(amount: number, language: Language): string {
  const rounded = Math.round(amount);
  return language === 'en' ? `${rounded.toLocaleString('en-US')} KRW` : `${rounded.toLocaleString('ko-KR')}원`;
}

export interface SingleVendorBasket {
  vendor: string;
  total: number;
  shippingCost: number;
}

/** For every shop that sells all the online ingredients, its own cheapest basket; cheapest first. */
export function singleVendorBaskets(
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
      const own = candidates.map((cs) => cs.filter((c) => c.offer.vendor === vendor).map((c) => ({ vendor, cost: c.cost })));
      const { total, shippingCost } = solveBasket({ items: own, shipping });
      return { vendor, total, shippingCost };
    })
    .sort((a, b) => a.total - b.total || a.vendor.localeCompare(b.vendor));
}

/** Other ways to buy the same basket: from one shop, at each item's lowest price, with free shipping. */
export function alternativeOptions(input: {
  lines: readonly Line[];
  problem: readonly BasketOffer[][];
  optimalTotal: number;
  singleVendor: readonly SingleVendorBasket[];
  breakdown: Breakdown;
  shipping: ShippingPolicy;
  language: Language;
}): string[] {
  const { lines, problem, optimalTotal, singleVendor, breakdown, shipping, language } = input;
  const en = language === 'en';
  const options: string[] = [];
  for (const basket of singleVendor.slice(0, 2)) {
    const diff = basket.total - optimalTotal;
    options.push(
      en
        ? `All from ${basket.vendor}: ${won(basket.total, language)} with ${won(basket.shippingCost, language)} shipping` +
            (diff > 0 ? `, ${won(diff, language)} more than the suggested basket` : ', the same as the suggested basket')
        : `${basket.vendor}에서 모두 사면 ${won(basket.total, language)} (배송비 ${won(basket.shippingCost, language)} 포함)` +
            (diff > 0 ? `, 추천 조합보다 ${won(diff, language)} 더 들어요` : ', 추천 조합과 같은 금액이에요'),
    );
  }
  if (problem.length > 0) {
    // Each ingredient at its own lowest price, shipping ignored when choosing.
    const cheapest = basketCost(problem, problem.map(() => 0), shipping);
    if (cheapest.total > optimalTotal) {
      const more = won(cheapest.total - optimalTotal, language);
      options.push(
        en
          ? `Each item at its lowest price: ${won(cheapest.total, language)} with ${won(cheapest.shippingCost, language)} shipping, ${more} more than the suggested basket`
          : `재료마다 최저가만 고르면 ${won(cheapest.total, language)} (배송비 ${won(cheapest.shippingCost, language)} 포함), 추천 조합보다 ${more} 더 들어요`,
      );
    }
  }
  for (const [vendor, entry] of Object.entries(breakdown)) {
    const gap = shipping.freeThreshold - entry.subtotal;
    if (vendor !== ESTIMATE_VENDOR && entry.shipping > 0 && gap > 0 && gap <= shipping.freeThreshold / 3) {
      options.push(
        en
          ? `${won(gap, language)} more at ${vendor} ships free (saves ${won(entry.shipping, language)})`
          : `${vendor}에서 ${won(gap, language)} 더 담으면 배송비 ${won(entry.shipping, language)}이 무료예요`,
      );
    }
  }
  const estimated = lines.filter((line) => line.estimated).map((line) => line.item.name);
  if (estimated.length > 0) {
    options.push(
      en
        ? `No online price found, estimated from reference prices: ${estimated.join(', ')}`
        : `온라인 가격을 찾지 못해 기준 가격으로 어림한 재료: ${estimated.join(', ')}`,
    );
  }
  return options;
}

/** At most this many swaps and this many cheaper dishes are suggested. */
const MAX_SWAPS = 2;
const MAX_DISHES = 2;

/**
 * What to change when the basket is over the budget: a cheaper swap for a side ingredient (only the catalog's
 * safe swaps, which keep every rule of the profile and never touch the dish's main ingredient), with the
 * saving; a cheaper dish of the alternatives; and what marking owned items would do.
 */
export function overBudgetAdvice(input: {
  lines: readonly Line[];
  total: number;
  profile: Profile;
  alternatives: readonly Alternative[];
  /** What the dish is: never suggested for a swap. */
  main: ReadonlySet<string>;
}): { by: number; suggestions: string[] } {
  const { lines, total, profile } = input;
  const inBasket = new Set(lines.map((line) => line.item.ingredientId));
  const language = profile.language;
  const en = language === 'en';
  const catalog = getCatalog();
  const excluded = excludedFor(profile, catalog);
  const by = total - profile.budget;
  const swaps: { text: string; saving: number }[] = [];
  for (const line of lines) {
    if (line.chosen === null || input.main.has(line.item.ingredientId)) continue;
    const from = catalog.get(line.item.ingredientId);
    if (from === undefined) continue;
    const acceptable = (candidate: Ingredient) => !excluded(candidate) && !inBasket.has(candidate.id);
    const options = [...budgetSwapsFor(from, acceptable, catalog), ...substitutesFor(from, acceptable, catalog)];
    for (const option of options) {
      const reference = option.ingredient.referencePrice ?? GENERIC_REFERENCE;
      const swapped = packCost(reference.price, line.item.grams * option.ratio, { packGrams: reference.grams, packCount: 1 });
      const saving = line.chosen.cost - swapped.cost;
      if (saving <= 0) continue;
      const fromName = en ? inSentence(from.nameEn) : from.nameKo;
      const toName = en ? inSentence(option.ingredient.nameEn) : option.ingredient.nameKo;
      swaps.push({
        saving,
        text: en
          ? `Use ${toName} instead of ${fromName}: about ${won(saving, language)} less`
          : `${fromName} 대신 ${toName}: 약 ${won(saving, language)} 절약`,
      });
      break;
    }
  }
  swaps.sort((a, b) => b.saving - a.saving);
  const dishes = input.alternatives
    .filter((dish) => dish.estimatedCost < total)
    .sort((a, b) => a.estimatedCost - b.estimatedCost)
    .slice(0, MAX_DISHES)
    .map((dish) =>
      en
        ? `A cheaper dish: ${dish.recipeName} (about ${won(dish.estimatedCost, language)})`
        : `더 저렴한 요리: ${dish.recipeName} (약 ${won(dish.estimatedCost, language)})`,
    );
  const suggestions = [...swaps.slice(0, MAX_SWAPS).map((swap) => swap.text), ...dishes];
  suggestions.push(
    en
      ? 'Mark what you already have (fridge and pantry) and it is not bought.'
      : '집에 있는 재료를 냉장고·양념 목록에 표시하면 사지 않는 것으로 계산해요.',
  );
  return { by, suggestions };
}

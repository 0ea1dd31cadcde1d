import type { Language, Offer, PricedItem } from '@ai-chef/contracts';
import { ESTIMATE_VENDOR } from '@ai-chef/contracts';
import { GENERIC_REFERENCE, packCost, usedValue } from '@ai-chef/kitchen';
import type { Owned } from '@ai-chef/kitchen';
import type { BasketItem } from './price-types.js';
import type { ReferencePrice } from './reference-price.js';

/** Offers per ingredient the basket search considers (the solver is exact up to about 30 × 10). */
export const MAX_SOLVER_OFFERS = 10;

export interface CostedOffer {
  offer: Offer;
  packs: number;
  cost: number;
}

/** One ingredient of the basket as priced: owned, estimated, or bought from a shop's offer. */
export interface Line {
  item: BasketItem;
  owned: Owned | null;
  estimated: boolean;
  offers: Offer[];
  lowestPrice: number;
  chosen: PricedItem['chosen'];
  usedCost: number;
}

function packOf(offer: Offer): { packGrams?: number; packCount: number } {
  return { ...(offer.packGrams !== undefined ? { packGrams: offer.packGrams } : {}), packCount: offer.packCount ?? 1 };
}

/** Offers by the cost of the amount needed (whole packs), cheapest first. */
export function costOffers(offers: readonly Offer[], grams: number): CostedOffer[] {
  return offers
    .map((offer) => ({ offer, ...packCost(offer.price, grams, packOf(offer)) }))
    .sort((a, b) => a.cost - b.cost || a.offer.price - b.offer.price);
}

/** The offers the search weighs: each vendor's cheapest first (so consolidation stays possible), then the next cheapest. */
export function solverOffers(costed: readonly CostedOffer[]): CostedOffer[] {
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

function referenceOf(reference: ReferencePrice | undefined): { price: number; grams: number; pack?: string } {
  return reference ?? GENERIC_REFERENCE;
}

/** Something the person has at home: not bought; what the recipe uses of it valued at the reference price. */
export function ownedLine(item: BasketItem, owned: Owned, reference: ReferencePrice | undefined): Line {
  const basis = referenceOf(reference);
  return {
    item,
    owned,
    estimated: false,
    offers: [],
    lowestPrice: 0,
    chosen: null,
    usedCost: usedValue(basis.price, item.grams, { packGrams: basis.grams, packCount: 1 }),
  };
}

/** Bought from the estimated shop: whole reference packs at the bundled reference price. */
export function estimateLine(item: BasketItem, reference: ReferencePrice | undefined, language: Language): Line {
  const basis = referenceOf(reference);
  const price = Math.max(0, Math.round(basis.price));
  const pack = { packGrams: basis.grams, packCount: 1 };
  const { packs, cost } = packCost(price, item.grams, pack);
  const name = language === 'en' ? (reference?.nameEn ?? item.name) : (reference?.nameKo ?? item.name);
  const size = basis.pack ?? `${basis.grams}g`;
  return {
    item,
    owned: null,
    estimated: true,
    offers: [],
    lowestPrice: cost,
    chosen: {
      vendor: ESTIMATE_VENDOR,
      title: language === 'en' ? `${name}, ${size} (estimated price)` : `${name} ${size} (예상 가격)`,
      price,
      packs,
      cost,
      link: '',
    },
    usedCost: usedValue(price, item.grams, pack),
  };
}

/** Bought from a shop: the chosen offer in whole packs; the recipe uses its share of them. */
export function offerLine(item: BasketItem, costed: CostedOffer[], chosen: CostedOffer): Line {
  return {
    item,
    owned: null,
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
    usedCost: usedValue(chosen.offer.price, item.grams, packOf(chosen.offer)),
  };
}

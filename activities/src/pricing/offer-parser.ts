import { decodeHTML } from 'entities';
import { z } from 'zod';
import type { Offer } from '@ai-chef/contracts';
import { parsePackSize } from './pack-size.js';

/** One Naver Shopping listing with its title cleaned and its price in whole KRW. */
export interface ShopListing {
  title: string;
  price: number;
  vendor: string;
  link: string;
  productId: string;
  category1: string;
  category2: string;
  category3: string;
  category4: string;
}

/** What an ingredient's offers are checked against. */
export interface OfferCriteria {
  /** The ingredient's names and aliases; a title must contain one of them (spaces ignored). */
  names: readonly string[];
  /** The bundled reference price for `grams` grams, when known. */
  reference?: { price: number; grams: number } | undefined;
  /** Weight of one piece, for titles that count pieces ("특란 30구"). */
  pieceGrams?: number | undefined;
}

/** Naver's vendor when a listing names no mall (its own store). */
export const NAVER_VENDOR = '네이버';
/** Food listings only: Naver's top category for groceries. */
export const FOOD_CATEGORY = '식품';
/**
 * An offer is plausible when its price per gram is within [1/20, 20] × the reference price per gram
 * (or, with no pack size in the title, its price within [1/20, 20] × the reference pack price). Wide on
 * purpose: organic, premium and bulk listings differ from the reference by a few times, while a
 * mismatched product (a 10원 sample, a 200,000원 gift set) differs by orders of magnitude.
 */
export const PLAUSIBLE_PRICE_RATIO = 20;

/**
 * Removes tags (Naver marks matches with <b>), then decodes every HTML entity (&times;, &frac12;, &#x41;)
 * with a maintained decoder: a decoded "<" is the title's own text, never read as a tag.
 */
export function cleanTitle(raw: string): string {
  return decodeHTML(raw.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** `lprice` arrives as a string ("12900") or a number; returns whole KRW, or undefined when unreadable. */
export function parsePrice(value: unknown): number | undefined {
  let n = NaN;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const digits = value.replace(/[,\s원]/g, '');
    if (digits !== '') n = Number(digits);
  }
  return Number.isFinite(n) ? Math.round(n) : undefined;
}

const text = z.preprocess(
  (v) => (v === null || v === undefined ? '' : v),
  z.union([z.string(), z.number()]).transform(String),
);

const NaverItemSchema = z.object({
  title: z.string(),
  link: text,
  lprice: z.union([z.string(), z.number()]),
  mallName: text,
  productId: text,
  category1: text,
  category2: text,
  category3: text,
  category4: text,
});

const NaverResponseSchema = z.object({ items: z.array(z.unknown()) });

export function parseNaverItem(item: unknown): ShopListing | undefined {
  const parsed = NaverItemSchema.safeParse(item);
  if (!parsed.success) return undefined;
  const { title, link, lprice, mallName, productId, category1, category2, category3, category4 } =
    parsed.data;
  const price = parsePrice(lprice);
  if (price === undefined) return undefined;
  const vendor = cleanTitle(mallName);
  return {
    title: cleanTitle(title),
    price,
    vendor: vendor === '' ? NAVER_VENDOR : vendor,
    link,
    productId,
    category1: category1.trim(),
    category2: category2.trim(),
    category3: category3.trim(),
    category4: category4.trim(),
  };
}

/** The listings of a search response; undefined when the body is not a search response at all. */
export function parseNaverResponse(body: unknown): ShopListing[] | undefined {
  const parsed = NaverResponseSchema.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.items.flatMap((item) => parseNaverItem(item) ?? []);
}

function compact(s: string): string {
  return s.replace(/\s+/g, '').toLowerCase();
}

/** Whether the title names the ingredient (a name or alias appears in it, spaces ignored). */
export function titleMatches(title: string, names: readonly string[]): boolean {
  const haystack = compact(title);
  return names.some((name) => {
    const needle = compact(name);
    return needle !== '' && haystack.includes(needle);
  });
}

/** Whether a listing's price is believable for the ingredient (see PLAUSIBLE_PRICE_RATIO). */
export function isPlausiblePrice(
  price: number,
  pack: { packGrams?: number | undefined; packCount: number },
  reference: OfferCriteria['reference'],
): boolean {
  if (!(price > 0)) return false;
  if (reference === undefined || !(reference.price > 0) || !(reference.grams > 0)) return true;
  // Compared as cross products (price × reference grams vs reference price × grams) so the bounds are
  // exact, without float division noise.
  const [offered, expected] =
    pack.packGrams !== undefined && pack.packGrams > 0
      ? [price * reference.grams, reference.price * pack.packGrams * pack.packCount]
      : [price, reference.price];
  return offered <= expected * PLAUSIBLE_PRICE_RATIO && offered * PLAUSIBLE_PRICE_RATIO >= expected;
}

/**
 * The offers among `listings` that are food, name the ingredient and have a plausible price,
 * each with the pack size read from its title, cheapest listing first, one per product.
 */
export function selectOffers(listings: readonly ShopListing[], criteria: OfferCriteria): Offer[] {
  const seen = new Set<string>();
  const offers: Offer[] = [];
  for (const listing of listings) {
    if (listing.category1 !== FOOD_CATEGORY) continue;
    if (!titleMatches(listing.title, criteria.names)) continue;
    const pack = parsePackSize(listing.title, { pieceGrams: criteria.pieceGrams });
    if (!isPlausiblePrice(listing.price, pack, criteria.reference)) continue;
    const key = listing.productId !== '' ? listing.productId : `${listing.vendor}\u0000${listing.title}`;
    if (seen.has(key)) continue;
    seen.add(key);
    offers.push({
      title: listing.title,
      price: listing.price,
      vendor: listing.vendor,
      link: listing.link,
      productId: listing.productId,
      ...(pack.packGrams !== undefined ? { packGrams: pack.packGrams } : {}),
      packCount: pack.packCount,
    });
  }
  return offers.sort((a, b) => a.price - b.price);
}

import type { PricedItem, Pricing } from '@ai-chef/contracts';
import { amountText } from '../amount-text.js';
import { ESTIMATE_VENDOR } from '../contract-values.js';
import { h, safeHref } from '../dom-builder.js';
import { formatWon, t } from '../i18n.js';
import { ownedBadge } from './owned-badge.js';

type VendorEntry = Pricing['vendorBreakdown'][string];

/** A shop's name as the person reads it: the estimate's own words, the shop's label, or "Naver store". */
function vendorName(vendor: string, label: string | undefined): string {
  if (vendor === ESTIMATE_VENDOR) return t('basket.estimateVendor');
  return label || (vendor === '' ? t('basket.naverStore') : vendor);
}

/** The shops in reading order: the basket's main shop first, the estimated prices last. */
export function sortVendors<T>(entries: T[], key: (entry: T) => string, optimal: string | null): T[] {
  const rank = (vendor: string): number => (vendor === ESTIMATE_VENDOR ? 2 : vendor === optimal ? 0 : 1);
  return entries.sort((a, b) => rank(key(a)) - rank(key(b)));
}

export interface OfferLine {
  /** The ingredient as the recipe names it. */
  name: string;
  /** How many packs, and what they cost together. */
  quantity: number;
  price: number;
  /** The priced item, for the offer's link and title and the estimate mark. */
  priced: PricedItem | undefined;
  /** Also show the amount the meals use and mark an estimated price on the line itself. */
  detailed?: boolean;
}

/** One thing to buy: its name, the shop's offer (a link that opens in a new tab), the price and packs. */
export function offerLine({ name, quantity, price, priced, detailed = false }: OfferLine): HTMLElement {
  const href = priced?.chosen ? safeHref(priced.chosen.link) : undefined;
  const label = priced?.chosen?.title || name;
  return h(
    'li',
    { class: 'basket-item', 'data-estimated': priced?.estimated ? 'true' : 'false' },
    h(
      'div',
      { class: 'basket-item-name' },
      detailed && priced
        ? h(
            'span',
            {},
            h('strong', {}, name),
            ` ${amountText(priced.amount, priced.unit)}`,
            priced.estimated ? h('span', { class: 'badge estimate' }, t('basket.estimate')) : null,
          )
        : h('strong', {}, name),
      href
        ? h(
            'a',
            { href, target: '_blank', rel: 'noopener noreferrer', class: 'offer-link' },
            label,
            h('span', { class: 'sr-only' }, ` ${t('basket.newTab')}`),
          )
        : h('span', { class: 'offer-title' }, label),
    ),
    h(
      'span',
      { class: 'basket-item-price' },
      h('span', { class: 'price' }, formatWon(price)),
      h('span', { class: 'sep' }, ' · '),
      h('span', { class: 'count' }, t('basket.packs', { n: quantity })),
    ),
  );
}

/** Shipping in words: "무료" when there is none, else the sum. */
export function shippingText(cost: number): string {
  return cost === 0 ? t('basket.free') : formatWon(cost);
}

export interface TotalRow {
  term: string;
  value: string;
  testId?: string;
  /** The row's own class (the sum paid now stands out). */
  className?: string;
}

/** The basket's totals as a list of terms and their sums. */
export function totalsList(rows: readonly TotalRow[]): HTMLElement {
  return h(
    'dl',
    { class: 'totals' },
    rows.map((row) =>
      h(
        'div',
        { class: row.className ?? null },
        h('dt', {}, row.term),
        h('dd', { 'data-testid': row.testId ?? null }, row.value),
      ),
    ),
  );
}

/** A shop's part of the basket: its name, its lines, and its subtotal and shipping. */
export function vendorSection(
  vendor: string,
  entry: VendorEntry | undefined,
  lines: HTMLElement[],
): HTMLElement {
  return h(
    'section',
    { class: 'vendor', 'data-vendor': vendor },
    h('h4', {}, vendorName(vendor, entry?.label)),
    h('ul', { class: 'basket-items' }, lines),
    entry
      ? h(
          'p',
          { class: 'vendor-sum' },
          `${t('basket.subtotal')} ${formatWon(entry.subtotal)} · ${t('basket.shipping')} ${shippingText(entry.shipping)}`,
        )
      : null,
  );
}

/** What the person already has: not bought, listed with where it is (fridge or pantry). */
export function ownedList(items: readonly PricedItem[], testId: string): HTMLElement | null {
  const owned = items.filter((item) => item.owned !== null);
  if (owned.length === 0) return null;
  return h(
    'section',
    { class: 'vendor owned', 'data-testid': testId },
    h('h4', {}, t('basket.owned')),
    h(
      'ul',
      { class: 'basket-items' },
      owned.map((item) =>
        h(
          'li',
          { class: 'owned-item', 'data-owned': item.owned ?? '' },
          h(
            'span',
            { class: 'basket-item-name' },
            h('strong', {}, item.ingredient),
            ' ',
            ownedBadge(item.owned),
          ),
          h('span', { class: 'amount' }, amountText(item.amount, item.unit)),
        ),
      ),
    ),
  );
}

/** The budget's verdict (within, or over by how much) and the ways to fit it. */
export function budgetVerdict(
  summary: { withinBudget: boolean; totalCost: number; budget: number },
  overBudget: Pricing['overBudget'],
): HTMLElement[] {
  const verdict = h(
    'p',
    { class: `badge big ${summary.withinBudget ? 'good' : 'bad'}`, 'data-testid': 'budget-badge' },
    summary.withinBudget
      ? t('basket.within')
      : t('basket.over', { amount: formatWon(overBudget?.by ?? summary.totalCost - summary.budget) }),
  );
  if (!overBudget || overBudget.suggestions.length === 0) return [verdict];
  return [
    verdict,
    h(
      'ul',
      { class: 'suggestions' },
      overBudget.suggestions.map((text) => h('li', {}, text)),
    ),
  ];
}

import { ESTIMATE_VENDOR } from '../contract-values.js';
import type { ResultDocument } from '@ai-chef/contracts';
import { amountText } from '../amount-text.js';
import { h, safeHref } from '../dom-builder.js';
import { formatWon, t } from '../i18n.js';
import { shoppingListText } from '../shopping-list-text.js';
import { copyListButton } from './copy-list-button.js';
import { ownedBadge } from './owned-badge.js';

type Pricing = ResultDocument['pricing'];
type PricedItem = Pricing['items'][number];

function vendorName(vendor: string): string {
  if (vendor === ESTIMATE_VENDOR) return t('basket.estimateVendor');
  return vendor === '' ? t('basket.naverStore') : vendor;
}

function itemLine(
  name: string,
  quantity: number,
  price: number,
  priced: PricedItem | undefined,
): HTMLElement {
  const href = priced?.chosen ? safeHref(priced.chosen.link) : undefined;
  const label = priced?.chosen?.title || name;
  return h(
    'li',
    { class: 'basket-item', 'data-estimated': priced?.estimated ? 'true' : 'false' },
    h(
      'div',
      { class: 'basket-item-name' },
      h('strong', {}, name),
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

/** What the person already has: not bought, listed with where it is (fridge or pantry). */
function ownedList(items: readonly PricedItem[]): HTMLElement | null {
  const owned = items.filter((item) => item.owned !== null);
  if (owned.length === 0) return null;
  return h(
    'section',
    { class: 'vendor owned', 'data-testid': 'owned-items' },
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

/** The basket by vendor with links, shipping, the total, the cost per serving and the budget verdict. */
export function basketPanel(result: ResultDocument): HTMLElement {
  const { pricing, summary } = result;
  // Each breakdown line is matched once to its priced item (for the link and the estimate mark).
  const unused = [...pricing.items];
  const take = (vendor: string, name: string): PricedItem | undefined => {
    const index = unused.findIndex((item) => item.chosen?.vendor === vendor && item.ingredient === name);
    return index < 0 ? undefined : unused.splice(index, 1)[0];
  };
  const vendors = Object.entries(pricing.vendorBreakdown).sort(([a], [b]) =>
    a === ESTIMATE_VENDOR
      ? 1
      : b === ESTIMATE_VENDOR
        ? -1
        : a === pricing.optimalVendor
          ? -1
          : b === pricing.optimalVendor
            ? 1
            : 0,
  );

  return h(
    'section',
    { class: 'panel basket', 'aria-labelledby': 'basket-title', 'data-testid': 'basket' },
    h('h3', { id: 'basket-title' }, t('basket.title')),
    pricing.items.some((item) => item.estimated)
      ? h(
          'p',
          { class: 'badge estimate estimate-note', 'data-testid': 'estimate-note' },
          t('basket.estimateNote'),
        )
      : null,
    h(
      'dl',
      { class: 'totals' },
      h(
        'div',
        { class: 'total-pay' },
        h('dt', {}, t('basket.payNow')),
        h('dd', { 'data-testid': 'total-cost' }, formatWon(summary.totalCost)),
      ),
      h(
        'div',
        {},
        h('dt', {}, t('basket.shipping')),
        h('dd', {}, pricing.shippingCost === 0 ? t('basket.free') : formatWon(pricing.shippingCost)),
      ),
      h(
        'div',
        {},
        h('dt', {}, t('basket.perServing')),
        h('dd', { 'data-testid': 'cost-per-serving' }, formatWon(summary.costPerServing)),
      ),
      h(
        'div',
        {},
        h('dt', {}, t('basket.usedPerServing')),
        h('dd', { 'data-testid': 'used-cost-per-serving' }, formatWon(summary.usedCostPerServing)),
      ),
      h('div', {}, h('dt', {}, t('basket.budget')), h('dd', {}, formatWon(summary.budget))),
    ),
    h('p', { class: 'hint' }, t('basket.usedHint')),
    h(
      'p',
      { class: `badge big ${summary.withinBudget ? 'good' : 'bad'}`, 'data-testid': 'budget-badge' },
      summary.withinBudget
        ? t('basket.within')
        : t('basket.over', {
            amount: formatWon(pricing.overBudget?.by ?? summary.totalCost - summary.budget),
          }),
    ),
    pricing.overBudget && pricing.overBudget.suggestions.length > 0
      ? h(
          'ul',
          { class: 'suggestions' },
          pricing.overBudget.suggestions.map((text) => h('li', {}, text)),
        )
      : null,
    pricing.recommendations.sameVendorSavings > 0
      ? h(
          'p',
          { class: 'hint' },
          t('basket.savings', { amount: formatWon(pricing.recommendations.sameVendorSavings) }),
        )
      : null,
    vendors.map(([vendor, entry]) =>
      h(
        'section',
        { class: 'vendor', 'data-vendor': vendor },
        h('h4', {}, vendorName(vendor)),
        h(
          'ul',
          { class: 'basket-items' },
          entry.items.map((item) => itemLine(item.name, item.quantity, item.price, take(vendor, item.name))),
        ),
        h(
          'p',
          { class: 'vendor-sum' },
          `${t('basket.subtotal')} ${formatWon(entry.subtotal)} · ${t('basket.shipping')} ${entry.shipping === 0 ? t('basket.free') : formatWon(entry.shipping)}`,
        ),
      ),
    ),
    ownedList(pricing.items),
    copyListButton(() => shoppingListText(result)),
  );
}

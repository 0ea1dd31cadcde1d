import { ESTIMATE_VENDOR } from '../contract-values.js';
import type { ResultDocument } from '@ai-chef/contracts';
import { h, safeHref } from '../dom-builder.js';
import { formatWon, t } from '../i18n.js';

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
      h(
        'span',
        {},
        h('strong', {}, name),
        priced?.estimated
          ? h('span', { class: 'badge estimate', 'data-testid': 'estimate-badge' }, t('basket.estimate'))
          : null,
      ),
      href
        ? h(
            'a',
            { href, target: '_blank', rel: 'noopener noreferrer', class: 'offer-link' },
            label,
            h('span', { class: 'sr-only' }, ` ${t('basket.newTab')}`),
          )
        : h('span', { class: 'offer-title' }, label),
    ),
    h('span', { class: 'basket-item-price' }, `${formatWon(price)} ${t('basket.packs', { n: quantity })}`),
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
    h(
      'dl',
      { class: 'totals' },
      h(
        'div',
        {},
        h('dt', {}, t('basket.total')),
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
      h('div', {}, h('dt', {}, t('basket.budget')), h('dd', {}, formatWon(summary.budget))),
    ),
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
  );
}

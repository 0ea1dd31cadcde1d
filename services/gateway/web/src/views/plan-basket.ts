import { ESTIMATE_VENDOR } from '../contract-values.js';
import type { PlanResult } from '@ai-chef/contracts';
import { h, safeHref } from '../dom-builder.js';
import { formatWon, t } from '../i18n.js';

type PricedItem = PlanResult['pricing']['items'][number];

function vendorName(vendor: string, label: string | undefined): string {
  if (vendor === ESTIMATE_VENDOR) return t('basket.estimateVendor');
  return label || (vendor === '' ? t('basket.naverStore') : vendor);
}

function boughtLine(item: PricedItem): HTMLElement | null {
  const chosen = item.chosen;
  if (!chosen) return null;
  const href = safeHref(chosen.link);
  return h(
    'li',
    { class: 'basket-item', 'data-estimated': item.estimated ? 'true' : 'false' },
    h(
      'div',
      { class: 'basket-item-name' },
      h(
        'span',
        {},
        h('strong', {}, item.ingredient),
        ` ${item.amount}${item.unit ? ` ${item.unit}` : ''}`,
        item.estimated ? h('span', { class: 'badge estimate' }, t('basket.estimate')) : null,
      ),
      href
        ? h(
            'a',
            { href, target: '_blank', rel: 'noopener noreferrer', class: 'offer-link' },
            chosen.title || item.ingredient,
            h('span', { class: 'sr-only' }, ` ${t('basket.newTab')}`),
          )
        : h('span', { class: 'offer-title' }, chosen.title || item.ingredient),
    ),
    h(
      'span',
      { class: 'basket-item-price' },
      `${formatWon(chosen.cost)} ${t('basket.packs', { n: chosen.packs })}`,
    ),
  );
}

/** The plan's ONE basket: what to buy for every meal (by shop), what is already at home, the cost and the cost per meal. */
export function planBasket(result: PlanResult): HTMLElement {
  const { pricing, summary } = result;
  const bought = pricing.items.filter((item) => item.chosen !== null);
  const owned = pricing.items.filter((item) => item.owned !== null);
  const vendors = [...new Set(bought.map((item) => item.chosen?.vendor ?? ''))].sort((a, b) =>
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
    {
      class: 'panel basket plan-basket',
      'aria-labelledby': 'plan-basket-title',
      'data-testid': 'plan-basket',
    },
    h('h3', { id: 'plan-basket-title' }, t('plan.basketTitle')),
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
        h('dt', {}, t('plan.perMeal')),
        h('dd', { 'data-testid': 'cost-per-meal' }, formatWon(summary.costPerMeal)),
      ),
      h(
        'div',
        {},
        h('dt', {}, t('plan.usedPerMeal')),
        h('dd', { 'data-testid': 'used-cost-per-meal' }, formatWon(summary.usedCostPerMeal)),
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
    vendors.map((vendor) => {
      const entry = pricing.vendorBreakdown[vendor];
      return h(
        'section',
        { class: 'vendor', 'data-vendor': vendor },
        h('h4', {}, vendorName(vendor, entry?.label)),
        h(
          'ul',
          { class: 'basket-items' },
          bought.filter((item) => item.chosen?.vendor === vendor).map(boughtLine),
        ),
        entry
          ? h(
              'p',
              { class: 'vendor-sum' },
              `${t('basket.subtotal')} ${formatWon(entry.subtotal)} · ${t('basket.shipping')} ${entry.shipping === 0 ? t('basket.free') : formatWon(entry.shipping)}`,
            )
          : null,
      );
    }),
    owned.length > 0
      ? h(
          'section',
          { class: 'vendor owned', 'data-testid': 'plan-owned' },
          h('h4', {}, t('plan.owned')),
          h(
            'ul',
            { class: 'basket-items' },
            owned.map((item) =>
              h(
                'li',
                { class: 'owned-item' },
                h('span', {}, item.ingredient),
                h(
                  'span',
                  { class: 'hint' },
                  item.owned === 'fridge' ? t('plan.ownedFridge') : t('plan.ownedPantry'),
                ),
              ),
            ),
          ),
        )
      : null,
  );
}

import type { PlanResult } from '@ai-chef/contracts';
import { h } from '../dom-builder.js';
import { formatWon, t } from '../i18n.js';
import { budgetVerdict, offerLine, ownedList, sortVendors, vendorSection } from './basket-parts.js';

/** The plan's ONE basket: what to buy for every meal (by shop), what is already at home, the cost and the cost per meal. */
export function planBasket(result: PlanResult): HTMLElement {
  const { pricing, summary } = result;
  const bought = pricing.items.filter((item) => item.chosen !== null);
  const vendors = sortVendors(
    [...new Set(bought.map((item) => item.chosen?.vendor ?? ''))],
    (vendor) => vendor,
    pricing.optimalVendor,
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
    budgetVerdict(summary, pricing.overBudget),
    vendors.map((vendor) =>
      vendorSection(
        vendor,
        pricing.vendorBreakdown[vendor],
        bought
          .filter((item) => item.chosen?.vendor === vendor)
          .map((item) =>
            offerLine({
              name: item.ingredient,
              quantity: item.chosen?.packs ?? 0,
              price: item.chosen?.cost ?? 0,
              priced: item,
              detailed: true,
            }),
          ),
      ),
    ),
    ownedList(pricing.items, 'plan-owned'),
  );
}

import type { PlanResult } from '@ai-chef/contracts';
import { h } from '../dom-builder.js';
import { formatWon, t } from '../i18n.js';
import {
  budgetVerdict,
  offerLine,
  ownedList,
  shippingText,
  sortVendors,
  totalsList,
  vendorSection,
} from './basket-parts.js';

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
    totalsList([
      { term: t('basket.total'), value: formatWon(summary.totalCost), testId: 'total-cost' },
      { term: t('basket.shipping'), value: shippingText(pricing.shippingCost) },
      { term: t('plan.perMeal'), value: formatWon(summary.costPerMeal), testId: 'cost-per-meal' },
      {
        term: t('plan.usedPerMeal'),
        value: formatWon(summary.usedCostPerMeal),
        testId: 'used-cost-per-meal',
      },
      { term: t('basket.budget'), value: formatWon(summary.budget) },
    ]),
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

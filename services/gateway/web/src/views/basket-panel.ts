import type { ResultDocument } from '@ai-chef/contracts';
import { h } from '../dom-builder.js';
import { formatWon, t } from '../i18n.js';
import { shoppingListText } from '../shopping-list-text.js';
import {
  budgetVerdict,
  offerLine,
  ownedList,
  shippingText,
  sortVendors,
  totalsList,
  vendorSection,
} from './basket-parts.js';
import { copyListButton } from './copy-list-button.js';

type PricedItem = ResultDocument['pricing']['items'][number];

/** The basket by vendor with links, shipping, the total, the cost per serving and the budget verdict. */
export function basketPanel(result: ResultDocument): HTMLElement {
  const { pricing, summary } = result;
  // Each breakdown line is matched once to its priced item (for the link and the estimate mark).
  const unused = [...pricing.items];
  const take = (vendor: string, name: string): PricedItem | undefined => {
    const index = unused.findIndex((item) => item.chosen?.vendor === vendor && item.ingredient === name);
    return index < 0 ? undefined : unused.splice(index, 1)[0];
  };
  const vendors = sortVendors(
    Object.entries(pricing.vendorBreakdown),
    ([vendor]) => vendor,
    pricing.optimalVendor,
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
    totalsList([
      {
        term: t('basket.payNow'),
        value: formatWon(summary.totalCost),
        testId: 'total-cost',
        className: 'total-pay',
      },
      { term: t('basket.shipping'), value: shippingText(pricing.shippingCost) },
      { term: t('basket.perServing'), value: formatWon(summary.costPerServing), testId: 'cost-per-serving' },
      {
        term: t('basket.usedPerServing'),
        value: formatWon(summary.usedCostPerServing),
        testId: 'used-cost-per-serving',
      },
      { term: t('basket.budget'), value: formatWon(summary.budget) },
    ]),
    h('p', { class: 'hint' }, t('basket.usedHint')),
    budgetVerdict(summary, pricing.overBudget),
    pricing.recommendations.sameVendorSavings > 0
      ? h(
          'p',
          { class: 'hint' },
          t('basket.savings', { amount: formatWon(pricing.recommendations.sameVendorSavings) }),
        )
      : null,
    vendors.map(([vendor, entry]) =>
      vendorSection(
        vendor,
        entry,
        entry.items.map((item) =>
          offerLine({
            name: item.name,
            quantity: item.quantity,
            price: item.price,
            priced: take(vendor, item.name),
          }),
        ),
      ),
    ),
    ownedList(pricing.items, 'owned-items'),
    copyListButton(() => shoppingListText(result)),
  );
}

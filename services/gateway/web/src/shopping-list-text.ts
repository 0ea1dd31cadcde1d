import type { ResultDocument } from '@ai-chef/contracts';
import { formatWon, t } from './i18n.js';

type ListSource = Pick<ResultDocument, 'recipe' | 'pricing' | 'summary'>;

/**
 * The basket as plain text to paste into a note or a message: one line per thing to buy (what the
 * person already has is left out), the shipping when there is any, and the total to pay.
 */
export function shoppingListText(result: ListSource): string {
  const bought = result.pricing.items.filter((item) => item.owned === null && item.chosen !== null);
  const lines = [t('list.title', { dish: result.recipe.recipeName, servings: result.recipe.servings })];
  if (bought.length === 0) lines.push(t('list.nothing'));
  for (const item of bought) {
    if (item.chosen === null) continue;
    lines.push(
      t('list.line', {
        name: item.ingredient,
        title: item.chosen.title || item.ingredient,
        packs: item.chosen.packs,
        price: formatWon(item.chosen.cost),
      }),
    );
  }
  if (result.pricing.shippingCost > 0)
    lines.push(t('list.shipping', { amount: formatWon(result.pricing.shippingCost) }));
  lines.push(t('list.total', { amount: formatWon(result.summary.totalCost) }));
  return lines.join('\n');
}

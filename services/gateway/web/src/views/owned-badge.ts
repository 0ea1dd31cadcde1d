import type { PricedItem } from '@ai-chef/contracts';
import { h } from '../dom-builder.js';
import { t } from '../i18n.js';

/** "냉장고에 있음" / "팬트리에 있음": marks what the person already has, in the recipe and the basket. */
export function ownedBadge(owned: PricedItem['owned']): HTMLElement | null {
  if (owned === null) return null;
  return h(
    'span',
    { class: `badge owned owned-${owned}`, 'data-testid': 'owned-badge' },
    t(owned === 'fridge' ? 'owned.fridge' : 'owned.pantry'),
  );
}

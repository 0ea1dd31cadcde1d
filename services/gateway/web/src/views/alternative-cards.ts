import type { Alternative } from '@ai-chef/contracts';
import { button, h, uid } from '../dom-builder.js';
import { formatWon, t } from '../i18n.js';

/**
 * The result's other dishes as cards, each with "Make this". The buttons carry data-track and
 * data-dish so the page's click stream can record the choice by delegation.
 */
export function alternativeCards(
  alternatives: readonly Alternative[],
  onChoose: (dish: string) => void,
): HTMLElement | null {
  if (alternatives.length === 0) return null;
  const titleId = uid('alternatives-title');
  return h(
    'section',
    { class: 'alternatives', 'aria-labelledby': titleId, 'data-testid': 'alternatives' },
    h('h3', { id: titleId }, t('alternatives.title')),
    h(
      'ul',
      { class: 'alternative-cards' },
      alternatives.map((alternative) => {
        const nameId = uid('alternative');
        return h(
          'li',
          { class: 'alternative-card', 'aria-labelledby': nameId },
          h('h4', { id: nameId }, alternative.recipeName),
          alternative.description ? h('p', { class: 'description' }, alternative.description) : null,
          h(
            'p',
            { class: 'alternative-cost' },
            t('alternatives.cost', { amount: formatWon(alternative.estimatedCost) }),
          ),
          button(t('alternatives.make'), () => onChoose(alternative.recipeName), {
            class: 'secondary',
            'aria-describedby': nameId,
            'data-track': 'alternative-chosen',
            'data-dish': alternative.recipeName,
            'data-testid': 'make-alternative',
          }),
        );
      }),
    ),
  );
}

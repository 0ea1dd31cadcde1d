import type { Nutrition } from '@ai-chef/contracts';
import { h } from '../dom-builder.js';
import { formatNumber, t } from '../i18n.js';
import { checkRow } from './check-row.js';

const NUTRIENTS = [
  ['calories', 'kcal'],
  ['carbohydrate', 'g'],
  ['fiber', 'g'],
  ['netCarbs', 'g'],
  ['sugars', 'g'],
  ['protein', 'g'],
  ['fat', 'g'],
  ['sodium', 'mg'],
  ['potassium', 'mg'],
  ['phosphorus', 'mg'],
  ['iron', 'mg'],
] as const;

/** Nutrition per serving, the energy split, and every rule's check drawn as a bar against its limit. */
export function nutritionPanel(nutrition: Nutrition): HTMLElement {
  const per = nutrition.perServing;
  const split = nutrition.energySplit;
  const shares = (['carbohydrate', 'protein', 'fat'] as const).map(
    (key) => [key, Math.round(split[key] * 1000) / 10] as const,
  );
  return h(
    'section',
    { class: 'panel nutrition', 'aria-labelledby': 'nutrition-title', 'data-testid': 'nutrition' },
    h('h3', { id: 'nutrition-title' }, t('nutrition.title')),
    h(
      'dl',
      { class: 'nutrients' },
      NUTRIENTS.map(([key, unit]) =>
        h('div', {}, h('dt', {}, t(`nutrition.${key}`)), h('dd', {}, `${formatNumber(per[key])} ${unit}`)),
      ),
    ),
    h('h4', {}, t('nutrition.split')),
    h(
      'div',
      { class: 'split-bar', 'aria-hidden': 'true' },
      shares.map(([key, share]) => h('div', { class: `split-${key}`, style: `width:${share}%` })),
    ),
    h(
      'ul',
      { class: 'split-legend' },
      shares.map(([key, share]) =>
        h('li', { class: `legend-${key}` }, `${t(`nutrition.${key}`)} ${formatNumber(share)}%`),
      ),
    ),
    h('h4', {}, t('checks.title')),
    h('ul', { class: 'checks', 'data-testid': 'checks' }, nutrition.checks.map(checkRow)),
  );
}

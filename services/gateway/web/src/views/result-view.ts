import type { ResultDocument } from '@ai-chef/contracts';
import { button, h } from '../dom-builder.js';
import { t, tMaybe } from '../i18n.js';
import { basketPanel } from './basket-panel.js';
import { nutritionPanel } from './nutrition-panel.js';
import { focusHeading, type ViewHandle } from './view-handle.js';

/** The finished run: the recipe, its nutrition against the limits, and the priced basket. */
export function resultView(result: ResultDocument, onAgain: () => void): ViewHandle {
  const { recipe } = result;
  const root = h(
    'section',
    { class: 'screen result-screen', 'data-screen': 'result' },
    h(
      'article',
      { class: 'recipe', 'aria-labelledby': 'recipe-title' },
      h('h2', { id: 'recipe-title', tabindex: -1, 'data-testid': 'recipe-name' }, recipe.recipeName),
      h('p', { class: 'description' }, recipe.description),
      h(
        'dl',
        { class: 'meta' },
        h(
          'div',
          {},
          h('dt', {}, t('result.timeLabel')),
          h('dd', {}, t('result.time', { n: recipe.cookingTime })),
        ),
        h(
          'div',
          {},
          h('dt', {}, t('result.difficultyLabel')),
          h('dd', {}, tMaybe(`difficulty.${recipe.difficulty}`) ?? recipe.difficulty),
        ),
        h(
          'div',
          {},
          h('dt', {}, t('result.servingsLabel')),
          h('dd', {}, t('result.servings', { n: recipe.servings })),
        ),
      ),
      recipe.targetNotes
        ? h('p', { class: 'notes' }, h('strong', {}, `${t('result.notes')}: `), recipe.targetNotes)
        : null,
      h('h3', {}, t('result.ingredients')),
      h(
        'ul',
        { class: 'ingredients', 'data-testid': 'ingredients' },
        recipe.ingredients.map((item) =>
          h(
            'li',
            {},
            h('span', {}, item.name),
            h('span', { class: 'amount' }, `${item.amount}${item.unit ? ` ${item.unit}` : ''}`),
          ),
        ),
      ),
      h('h3', {}, t('result.steps')),
      h(
        'ol',
        { class: 'instructions', 'data-testid': 'steps' },
        recipe.instructions.map((step) => h('li', {}, step)),
      ),
    ),
    h('div', { class: 'side' }, nutritionPanel(result.nutrition), basketPanel(result)),
    h(
      'p',
      { class: 'hint sources' },
      t('result.sources', {
        recipe: tMaybe(`source.${result.sources.recipe}`) ?? result.sources.recipe,
        prices: tMaybe(`source.${result.sources.prices}`) ?? result.sources.prices,
      }),
    ),
    h(
      'div',
      { class: 'actions' },
      button(t('result.again'), onAgain, { class: 'primary', 'data-testid': 'make-another' }),
    ),
  );
  return { root, focus: () => focusHeading(root) };
}

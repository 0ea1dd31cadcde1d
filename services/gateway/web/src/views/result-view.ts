import type { ResultDocument } from '@ai-chef/contracts';
import { amountText } from '../amount-text.js';
import { button, h } from '../dom-builder.js';
import { t, tMaybe } from '../i18n.js';
import { alternativeCards } from './alternative-cards.js';
import { basketPanel } from './basket-panel.js';
import { resultNotices } from './notice-view.js';
import { nutritionPanel } from './nutrition-panel.js';
import { ownedBadge } from './owned-badge.js';
import { servingsControl } from './servings-control.js';
import { focusHeading, type ViewHandle } from './view-handle.js';

export interface ResultActions {
  /** Back to the profile form. */
  onEdit(): void;
  /** A new run of the named dish (an alternative, or "another recipe": the first alternative). */
  onMakeDish(dish: string): Promise<void>;
  /** A new run of this dish for other servings. */
  onServings(servings: number): Promise<void>;
  describeError(err: unknown): string;
  /** The person pressed cancel, but the run had already finished: say so on the result. */
  lateCancel?: boolean;
}

/** The finished run: notices first, the recipe, its nutrition against the limits, the basket, other dishes. */
export function resultView(result: ResultDocument, actions: ResultActions): ViewHandle {
  const { recipe } = result;
  const ownedBy = new Map(
    result.pricing.items.flatMap((item) =>
      item.owned === null ? [] : [[item.ingredientId, item.owned] as const],
    ),
  );
  const actionError = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'action-error' });
  const controls: (HTMLButtonElement | HTMLInputElement)[] = [];

  /** Starts a new run; while it is being asked for, the result's actions wait, and a refusal is shown. */
  const run = (start: () => Promise<void>): void => {
    if (controls.some((control) => control.disabled)) return;
    actionError.replaceChildren();
    controls.forEach((control) => (control.disabled = true));
    start().catch((err: unknown) => {
      controls.forEach((control) => (control.disabled = false));
      actionError.replaceChildren(
        h('p', {}, t('result.actionFailed', { message: actions.describeError(err) })),
      );
    });
  };

  const firstAlternative = result.alternatives[0];
  const alternatives = alternativeCards(result.alternatives, (dish) => run(() => actions.onMakeDish(dish)));
  const servings = servingsControl(recipe.servings, (next) => run(() => actions.onServings(next)));
  const another = firstAlternative
    ? button(t('result.again'), () => run(() => actions.onMakeDish(firstAlternative.recipeName)), {
        class: 'primary',
        'data-testid': 'make-another',
        'data-dish': firstAlternative.recipeName,
      })
    : null;
  const edit = button(t('result.editProfile'), actions.onEdit, {
    class: 'secondary',
    'data-testid': 'edit-profile',
  });
  controls.push(
    ...(alternatives ? [...alternatives.querySelectorAll('button')] : []),
    ...servings.querySelectorAll('button'),
    ...servings.querySelectorAll('input'),
    ...(another ? [another] : []),
  );

  const root = h(
    'section',
    { class: 'screen result-screen', 'data-screen': 'result' },
    actions.lateCancel
      ? h('p', { class: 'notice', role: 'status', 'data-testid': 'late-cancel' }, t('result.lateCancel'))
      : null,
    h('h2', { id: 'recipe-title', tabindex: -1, 'data-testid': 'recipe-name' }, recipe.recipeName),
    resultNotices(result.notices),
    h(
      'article',
      { class: 'recipe', 'aria-labelledby': 'recipe-title' },
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
          h('dd', { 'data-testid': 'servings' }, t('result.servings', { n: recipe.servings })),
        ),
      ),
      recipe.targetNotes
        ? h('p', { class: 'notes' }, h('strong', {}, `${t('result.notes')}: `), recipe.targetNotes)
        : null,
      h('h3', {}, t('result.ingredients')),
      h(
        'ul',
        { class: 'ingredients', 'data-testid': 'ingredients' },
        recipe.ingredients.map((item) => {
          const owned = ownedBy.get(item.ingredientId) ?? null;
          return h(
            'li',
            { 'data-owned': owned ?? null },
            h('span', {}, item.name, owned ? ' ' : null, ownedBadge(owned)),
            h('span', { class: 'amount' }, amountText(item.amount, item.unit)),
          );
        }),
      ),
      h('h3', {}, t('result.steps')),
      h(
        'ol',
        { class: 'instructions', 'data-testid': 'steps' },
        recipe.instructions.map((step) => h('li', {}, step)),
      ),
    ),
    h('div', { class: 'side' }, nutritionPanel(result.nutrition), basketPanel(result)),
    alternatives,
    h(
      'p',
      { class: 'hint sources' },
      t('result.sources', {
        recipe: tMaybe(`source.${result.sources.recipe}`) ?? result.sources.recipe,
        prices: tMaybe(`source.${result.sources.prices}`) ?? result.sources.prices,
      }),
    ),
    servings,
    actionError,
    h('div', { class: 'actions' }, another, edit),
  );
  return { root, focus: () => focusHeading(root) };
}

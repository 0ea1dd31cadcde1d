import type { PlanResult } from '@ai-chef/contracts';
import { button, h } from '../dom-builder.js';
import { formatTime, t, tMaybe } from '../i18n.js';
import { planBasket } from './plan-basket.js';
import { planDaySection } from './plan-day.js';
import { focusHeading, type ViewHandle } from './view-handle.js';

/** A finished meal plan: days × meals (each dish opening its recipe), each day's checks, and one basket. */
export function planView(result: PlanResult, onAgain: () => void): ViewHandle {
  const meals = result.days[0]?.meals.length ?? 0;
  const root = h(
    'section',
    { class: 'screen plan-screen', 'data-screen': 'plan', 'data-run-id': result.runId },
    h(
      'h2',
      { tabindex: -1, 'data-testid': 'plan-title' },
      t('plan.title', { days: result.days.length, meals }),
    ),
    h('p', { class: 'hint' }, formatTime(result.generatedAt)),
    result.notices.length > 0
      ? h(
          'ul',
          { class: 'notice plan-notices', 'data-testid': 'plan-notices' },
          result.notices.map((notice) => h('li', {}, notice.message)),
        )
      : null,
    h(
      'div',
      { class: 'plan-layout' },
      h('div', { class: 'plan-days-list' }, result.days.map(planDaySection)),
      h('div', { class: 'side' }, planBasket(result)),
    ),
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
      button(t('plan.again'), onAgain, { class: 'primary', 'data-testid': 'plan-again' }),
    ),
  );
  return { root, focus: () => focusHeading(root) };
}

import type { PlanDay, PlanMeal } from '@ai-chef/contracts';
import { h } from '../dom-builder.js';
import { formatNumber, t } from '../i18n.js';
import { checkRow } from './check-row.js';

const DAY_TOTALS = [
  ['calories', 'kcal'],
  ['carbohydrate', 'g'],
  ['netCarbs', 'g'],
  ['protein', 'g'],
  ['fat', 'g'],
  ['sodium', 'mg'],
] as const;

/** The element id of a meal, so a plan's meal has an address of its own within the page. */
export function mealAnchor(day: number, meal: number): string {
  return `day-${day}-meal-${meal}`;
}

/** A meal: its dish name opens its recipe (description, ingredients, steps) in place. */
function mealEntry(meal: PlanMeal, day: number, index: number): HTMLElement {
  const { recipe } = meal;
  return h(
    'li',
    { class: 'plan-meal' },
    h(
      'details',
      { id: mealAnchor(day, index), class: 'meal', 'data-testid': 'plan-meal' },
      h(
        'summary',
        {},
        h('span', { class: 'meal-label' }, t('plan.meal', { n: index })),
        h('strong', { class: 'meal-name', 'data-testid': 'meal-name' }, recipe.recipeName),
        h(
          'span',
          { class: 'hint meal-meta' },
          t('plan.mealMeta', {
            time: recipe.cookingTime,
            servings: recipe.servings,
            calories: formatNumber(meal.nutrition.perServing.calories, 0),
          }),
        ),
      ),
      h(
        'div',
        { class: 'meal-body' },
        h('p', { class: 'description' }, recipe.description),
        h('h4', {}, t('result.ingredients')),
        h(
          'ul',
          { class: 'ingredients' },
          recipe.ingredients.map((item) =>
            h(
              'li',
              {},
              h('span', {}, item.name),
              h('span', { class: 'amount' }, `${item.amount}${item.unit ? ` ${item.unit}` : ''}`),
            ),
          ),
        ),
        h('h4', {}, t('result.steps')),
        h(
          'ol',
          { class: 'instructions' },
          recipe.instructions.map((step) => h('li', {}, step)),
        ),
      ),
    ),
  );
}

/** A day of the plan: its meals, its total per serving and its checks against the day's limits. */
export function planDaySection(day: PlanDay): HTMLElement {
  const titleId = `plan-day-${day.day}`;
  return h(
    'section',
    { class: 'panel plan-day', 'aria-labelledby': titleId, 'data-day': day.day, 'data-testid': 'plan-day' },
    h('h3', { id: titleId }, t('plan.day', { n: day.day })),
    h(
      'ol',
      { class: 'plan-meals' },
      day.meals.map((meal, index) => mealEntry(meal, day.day, index + 1)),
    ),
    h('h4', {}, t('plan.dayTotal')),
    h(
      'dl',
      { class: 'nutrients day-total' },
      DAY_TOTALS.map(([key, unit]) =>
        h(
          'div',
          {},
          h('dt', {}, t(`nutrition.${key}`)),
          h('dd', {}, `${formatNumber(day.nutrition.total[key])} ${unit}`),
        ),
      ),
    ),
    h('h4', {}, t('plan.dayChecks')),
    h('ul', { class: 'checks', 'data-testid': 'day-checks' }, day.nutrition.checks.map(checkRow)),
  );
}

import type { PlanBody, ProfileInput } from '@ai-chef/contracts';
import { DAY_OPTIONS, MEAL_OPTIONS, planBody, type PlanChoice } from '../plan-choice.js';
import { allergenLabel } from '../allergen-options.js';
import { h, uid } from '../dom-builder.js';
import { lang, t, tMaybe } from '../i18n.js';
import { draftToProfile, type ProfileDraft } from '../profile-draft.js';
import { formatRoute } from '../router.js';
import { focusHeading, type ViewHandle } from './view-handle.js';

export interface PlanFormOptions {
  /** The person's profile as the recipe form holds it: the plan uses it as it is. */
  draft: ProfileDraft;
  choice: PlanChoice;
  notice?: string;
  onChange(choice: PlanChoice): void;
  /** Starts the plan; an error thrown here is shown on the form. */
  onSubmit(body: PlanBody): Promise<void>;
  describeError(err: unknown): string;
}

function profileSummary(profile: ProfileInput): HTMLElement {
  const allergies = (profile.allergies ?? []).map((key) => allergenLabel(key, lang()) ?? key);
  const health = (profile.healthConditions ?? []).map((name) =>
    name === 'diabetes' ? t('health.diabetes') : name === 'hypertension' ? t('health.hypertension') : name,
  );
  return h(
    'ul',
    { class: 'profile-summary', 'data-testid': 'plan-profile' },
    h('li', {}, h('strong', {}, t(`target.${profile.target ?? 'general'}`))),
    h('li', {}, t('result.servings', { n: profile.servings ?? 2 })),
    profile.cookingLevel
      ? h('li', {}, tMaybe(`level.${profile.cookingLevel}`) ?? profile.cookingLevel)
      : null,
    allergies.length > 0 ? h('li', {}, t('planForm.allergies', { list: allergies.join(', ') })) : null,
    (profile.dislikes ?? []).length > 0
      ? h('li', {}, t('planForm.dislikes', { list: (profile.dislikes ?? []).join(', ') }))
      : null,
    health.length > 0 ? h('li', {}, `${t('form.health')}: ${health.join(', ')}`) : null,
  );
}

function sizeSelect(name: string, value: number, options: readonly number[]): HTMLSelectElement {
  return h(
    'select',
    { name, id: uid(name) },
    options.map((n) => h('option', { value: n, selected: n === value }, String(n))),
  );
}

/** The meal plan form: how many days and meals a day, the plan's budget, for the profile the recipe form holds. */
export function planForm(options: PlanFormOptions): ViewHandle {
  const choice: PlanChoice = { ...options.choice };
  const checked = draftToProfile(options.draft);
  const titleId = uid('plan-title');

  const days = sizeSelect('days', choice.days, DAY_OPTIONS);
  const meals = sizeSelect('mealsPerDay', choice.mealsPerDay, MEAL_OPTIONS);
  const budgetId = uid('plan-budget');
  const budget = h('input', {
    id: budgetId,
    type: 'text',
    name: 'planBudget',
    value: choice.budget,
    inputmode: 'numeric',
    autocomplete: 'off',
    'aria-describedby': `${budgetId}-hint ${budgetId}-error`,
  });
  const budgetError = h('p', { id: `${budgetId}-error`, class: 'field-error' });
  const size = h('p', { class: 'hint', 'aria-live': 'polite', 'data-testid': 'plan-size' });
  const formError = h('p', { class: 'form-error field-error', role: 'alert' });
  const submit = h(
    'button',
    { type: 'submit', class: 'primary', 'data-testid': 'plan-submit', disabled: !checked.ok },
    t('planForm.submit'),
  );

  const readChoice = (): void => {
    choice.days = Number(days.value);
    choice.mealsPerDay = Number(meals.value);
    choice.budget = budget.value;
    size.textContent = t('planForm.size', {
      days: choice.days,
      meals: choice.mealsPerDay,
      n: choice.days * choice.mealsPerDay,
    });
    options.onChange({ ...choice });
  };

  const form = h(
    'form',
    { class: 'plan-form', novalidate: true, 'aria-labelledby': titleId },
    h(
      'section',
      { class: 'panel', 'aria-labelledby': `${titleId}-profile` },
      h('h3', { id: `${titleId}-profile` }, t('planForm.profile')),
      checked.ok
        ? profileSummary(checked.profile)
        : h('p', { class: 'error-box', 'data-testid': 'plan-profile-invalid' }, t('planForm.profileInvalid')),
      h(
        'p',
        {},
        h('a', { href: formatRoute({ name: 'new' }), class: 'text-link' }, t('planForm.editProfile')),
      ),
    ),
    h(
      'div',
      { class: 'field-row' },
      h('div', { class: 'field' }, h('label', { for: days.id }, t('planForm.days')), days),
      h('div', { class: 'field' }, h('label', { for: meals.id }, t('planForm.meals')), meals),
    ),
    size,
    h(
      'div',
      { class: 'field' },
      h('label', { for: budgetId }, t('planForm.budget')),
      budget,
      h('p', { id: `${budgetId}-hint`, class: 'hint' }, t('planForm.budgetHint')),
      budgetError,
    ),
    formError,
    h('div', { class: 'actions' }, submit),
  );

  form.addEventListener('change', readChoice);
  form.addEventListener('input', readChoice);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!checked.ok || submit.disabled) return;
    readChoice();
    const body = planBody(checked.profile, choice);
    budget.setAttribute('aria-invalid', body ? 'false' : 'true');
    budgetError.textContent = body ? '' : t('error.budget');
    formError.textContent = '';
    if (!body) {
      budget.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('form.submitting');
    void options.onSubmit(body).catch((err: unknown) => {
      formError.textContent = options.describeError(err);
      submit.disabled = false;
      submit.textContent = t('planForm.submit');
    });
  });
  readChoice();

  const root = h(
    'section',
    { class: 'screen plan-form-screen', 'data-screen': 'plan-form' },
    h('h2', { id: titleId, tabindex: -1 }, t('planForm.title')),
    options.notice
      ? h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' }, options.notice)
      : null,
    form,
  );
  return { root, focus: () => focusHeading(root) };
}

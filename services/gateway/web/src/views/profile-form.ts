import type { ProfileInput } from '@ai-chef/contracts';
import { ALLERGEN_OPTIONS } from '../allergen-options.js';
import { ApiError } from '../api-client.js';
import { h, uid } from '../dom-builder.js';
import { formatWon, lang, t, type MessageKey } from '../i18n.js';
import {
  COOKING_LEVEL_OPTIONS,
  LANGUAGE_OPTIONS,
  TARGET_OPTIONS,
  draftToProfile,
  parseBudget,
  type DraftField,
  type ProfileDraft,
} from '../profile-draft.js';
import { fridgeEditor, type FridgeEditorDeps } from './fridge-editor.js';
import { pantryEditor } from './pantry-editor.js';
import type { ViewHandle } from './view-handle.js';

export interface ProfileFormOptions {
  draft: ProfileDraft;
  /** A message about what just happened (a cancelled run, a renewed session). */
  notice?: string;
  onChange(draft: ProfileDraft): void;
  /** Sends the profile; an ApiError thrown here is shown on the form. */
  onSubmit(profile: ProfileInput): Promise<void>;
  fridge: FridgeEditorDeps;
  describeError(err: unknown): string;
}

interface FieldParts {
  wrapper: HTMLElement;
  control: HTMLElement;
  error: HTMLElement;
}

/** A labelled control with a hint and an error line, wired with aria-describedby. */
function field(label: string, control: HTMLInputElement | HTMLSelectElement, hint?: string): FieldParts {
  const id = control.id || uid('field');
  control.id = id;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  control.setAttribute('aria-describedby', hint === undefined ? errorId : `${hintId} ${errorId}`);
  const error = h('p', { id: errorId, class: 'field-error' });
  const wrapper = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint === undefined ? null : h('p', { id: hintId, class: 'hint' }, hint),
    error,
  );
  return { wrapper, control, error };
}

function numberInput(name: string, value: string, min: number, max: number, step = 1): HTMLInputElement {
  return h('input', { type: 'number', name, value, min, max, step, inputmode: 'numeric', required: true });
}

function textInput(name: string, value: string): HTMLInputElement {
  return h('input', { type: 'text', name, value, autocomplete: 'off' });
}

function select<T extends string>(
  name: string,
  value: T,
  options: readonly T[],
  label: (option: T) => string,
): HTMLSelectElement {
  return h(
    'select',
    { name },
    ...options.map((option) => h('option', { value: option, selected: option === value }, label(option))),
  );
}

function checkbox(
  name: string,
  value: string,
  checked: boolean,
  label: string,
  attrs: Record<string, string> = {},
): HTMLLabelElement {
  return h(
    'label',
    { class: 'check' },
    h('input', { type: 'checkbox', name, value, checked, ...attrs }),
    h('span', {}, label),
  );
}

/** The profile form; its fields follow the target (baby age for baby food, the fridge for the fridge target). */
export function profileForm(options: ProfileFormOptions): ViewHandle {
  const draft: ProfileDraft = { ...options.draft, allergies: [...options.draft.allergies] };
  const titleId = uid('form-title');

  const targets = h(
    'fieldset',
    { class: 'targets' },
    h('legend', {}, t('form.target')),
    h(
      'div',
      { class: 'target-grid' },
      TARGET_OPTIONS.map((target) =>
        h(
          'label',
          { class: 'choice' },
          h('input', { type: 'radio', name: 'target', value: target, checked: draft.target === target }),
          h(
            'span',
            { class: 'choice-text' },
            h('strong', {}, t(`target.${target}`)),
            h('small', {}, t(`targetHint.${target}`)),
          ),
        ),
      ),
    ),
  );

  const babyAge = field(t('form.babyAge'), numberInput('babyAgeMonths', draft.babyAgeMonths, 4, 36));
  const fridge = fridgeEditor(options.fridge);
  const pantry = pantryEditor(draft);
  const haveId = uid('have-title');
  // What I have: the session's fridge counts as owned for every target, the pantry beside it.
  const have = h(
    'div',
    { class: 'have', role: 'group', 'aria-labelledby': haveId, 'data-testid': 'have' },
    h('h3', { id: haveId }, t('have.title')),
    h('p', { class: 'hint' }, t('have.hint')),
    h('div', { class: 'have-grid' }, fridge.root, pantry.root),
  );
  const servings = field(t('form.servings'), numberInput('servings', draft.servings, 1, 12));
  // Text, not a number input: "3만" and "30,000원" are budgets too (a number input would keep the 3).
  const budget = field(
    t('form.budget'),
    h('input', { type: 'text', name: 'budget', value: draft.budget, autocomplete: 'off', required: true }),
    t('form.budgetHint'),
  );
  const level = field(
    t('form.cookingLevel'),
    select('cookingLevel', draft.cookingLevel, COOKING_LEVEL_OPTIONS, (option) => t(`level.${option}`)),
  );

  const allergyError = h('p', { id: uid('allergy-error'), class: 'field-error' });
  const otherAllergies = field(
    t('form.otherAllergies'),
    textInput('otherAllergies', draft.otherAllergies),
    t('form.otherAllergiesHint'),
  );
  const allergies = h(
    'fieldset',
    { class: 'allergies', 'aria-describedby': allergyError.id },
    h('legend', {}, t('form.allergies')),
    h(
      'div',
      { class: 'check-grid' },
      ALLERGEN_OPTIONS.map((option) =>
        checkbox('allergies', option.key, draft.allergies.includes(option.key), option[lang()], {
          'data-allergen': option.key,
        }),
      ),
    ),
    otherAllergies.wrapper,
    allergyError,
  );

  const dislikes = field(t('form.dislikes'), textInput('dislikes', draft.dislikes), t('form.dislikesHint'));
  const healthError = h('p', { id: uid('health-error'), class: 'field-error' });
  const otherHealth = field(t('form.otherHealth'), textInput('otherHealth', draft.otherHealth));
  const health = h(
    'fieldset',
    { class: 'health', 'aria-describedby': healthError.id },
    h('legend', {}, t('form.health')),
    h(
      'div',
      { class: 'check-pair' },
      checkbox('diabetes', 'diabetes', draft.diabetes, t('health.diabetes')),
      checkbox('hypertension', 'hypertension', draft.hypertension, t('health.hypertension')),
    ),
    otherHealth.wrapper,
    healthError,
  );
  const language = field(
    t('form.language'),
    select('language', draft.language, LANGUAGE_OPTIONS, (option) => t(`language.${option}`)),
  );

  const formError = h('div', { class: 'form-error', role: 'alert', 'data-testid': 'form-error' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'submit' }, t('form.submit'));
  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': titleId },
    targets,
    babyAge.wrapper,
    h('div', { class: 'field-row' }, servings.wrapper, budget.wrapper),
    have,
    level.wrapper,
    allergies,
    dislikes.wrapper,
    health,
    language.wrapper,
    formError,
    h('div', { class: 'actions' }, submit),
  );

  const root = h(
    'section',
    { class: 'screen form-screen', 'data-screen': 'form' },
    h('h2', { id: titleId, tabindex: -1 }, t('form.title')),
    options.notice
      ? h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' }, options.notice)
      : null,
    form,
  );

  let fridgeLoaded = false;
  const showTargetFields = (): void => {
    babyAge.wrapper.hidden = draft.target !== 'baby_food';
    if (!fridgeLoaded) {
      fridgeLoaded = true;
      void fridge.load();
    }
  };

  /** Reads every control into the draft; the form is the source of truth while it is on screen. */
  const readForm = (): void => {
    const data = new FormData(form);
    const text = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const target = TARGET_OPTIONS.find((option) => option === text('target'));
    if (target) draft.target = target;
    draft.babyAgeMonths = text('babyAgeMonths');
    draft.servings = text('servings');
    draft.budget = text('budget');
    draft.cookingLevel =
      COOKING_LEVEL_OPTIONS.find((option) => option === text('cookingLevel')) ?? draft.cookingLevel;
    draft.allergies = ALLERGEN_OPTIONS.map((option) => option.key).filter((key) =>
      data.getAll('allergies').includes(key),
    );
    draft.otherAllergies = text('otherAllergies');
    draft.dislikes = text('dislikes');
    draft.diabetes = data.has('diabetes');
    draft.hypertension = data.has('hypertension');
    draft.otherHealth = text('otherHealth');
    draft.pantry = data.getAll('pantry').filter((id): id is string => typeof id === 'string');
    draft.pantryOther = text('pantryOther');
    draft.language = LANGUAGE_OPTIONS.find((option) => option === text('language')) ?? draft.language;
  };

  const errorTargets: Record<DraftField, { error: HTMLElement; focus: HTMLElement }> = {
    babyAgeMonths: { error: babyAge.error, focus: babyAge.control },
    servings: { error: servings.error, focus: servings.control },
    budget: { error: budget.error, focus: budget.control },
    allergies: { error: allergyError, focus: otherAllergies.control },
    dislikes: { error: dislikes.error, focus: dislikes.control },
    health: { error: healthError, focus: otherHealth.control },
    pantry: { error: pantry.error, focus: pantry.control },
  };

  const clearErrors = (): void => {
    formError.replaceChildren();
    for (const { error, focus } of Object.values(errorTargets)) {
      error.textContent = '';
      focus.removeAttribute('aria-invalid');
    }
    fridge.showError('');
  };

  const showErrors = (errors: { field: DraftField; message: MessageKey }[]): void => {
    formError.textContent = t('form.invalid');
    for (const { field: name, message } of errors) {
      errorTargets[name].error.textContent = t(message);
      errorTargets[name].focus.setAttribute('aria-invalid', 'true');
    }
    const first = errors[0];
    if (first) errorTargets[first.field].focus.focus();
  };

  const showApiError = (err: unknown): void => {
    formError.replaceChildren(h('p', {}, options.describeError(err)));
    if (err instanceof ApiError && Array.isArray(err.details)) {
      // Each name the server did not know, as the person typed it, with what it might have meant.
      for (const detail of err.details as unknown[]) {
        if (typeof detail !== 'object' || detail === null) continue;
        const input = 'input' in detail && typeof detail.input === 'string' ? detail.input : undefined;
        const suggestions =
          'suggestions' in detail && Array.isArray(detail.suggestions)
            ? detail.suggestions.filter((s: unknown): s is string => typeof s === 'string')
            : [];
        const guess = suggestions.length > 0 ? t('form.suggestions', { list: suggestions.join(', ') }) : '';
        if (input !== undefined) formError.append(h('p', {}, `${t('form.unknownName', { name: input })} ${guess}`.trim()));
        else if (guess) formError.append(h('p', {}, guess));
      }
    }
    if (err instanceof ApiError && err.code === 'fridge_empty') fridge.showError(t('error.fridgeEmpty'));
    // A pantry item the catalog does not know is named at the pantry field too.
    const unknownPantry =
      err instanceof ApiError && Array.isArray(err.details)
        ? err.details.flatMap((detail: unknown) =>
            typeof detail === 'object' &&
            detail !== null &&
            'field' in detail &&
            detail.field === 'pantry' &&
            'input' in detail &&
            typeof detail.input === 'string'
              ? [detail.input]
              : [],
          )
        : [];
    if (unknownPantry.length > 0) {
      pantry.error.textContent = t('pantry.unknown', { names: unknownPantry.join(', ') });
      pantry.control.setAttribute('aria-invalid', 'true');
    }
    formError.setAttribute('tabindex', '-1');
    formError.focus();
  };

  // A budget that reads is shown as won ("30,000원"); one that does not says so at once.
  budget.control.addEventListener('change', () => {
    const input = budget.control as HTMLInputElement;
    const won = parseBudget(input.value);
    budget.error.textContent = won === undefined ? t('error.budgetFormat') : '';
    if (won === undefined) input.setAttribute('aria-invalid', 'true');
    else {
      input.removeAttribute('aria-invalid');
      input.value = formatWon(won);
    }
  });

  form.addEventListener('change', () => {
    readForm();
    showTargetFields();
    options.onChange({ ...draft });
  });
  form.addEventListener('input', () => {
    readForm();
    options.onChange({ ...draft });
  });

  let sending = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
    readForm();
    clearErrors();
    const checked = draftToProfile(draft);
    if (!checked.ok) {
      showErrors(checked.errors);
      return;
    }
    if (draft.target === 'fridge' && fridge.count() === 0) {
      formError.textContent = t('error.fridgeEmpty');
      fridge.showError(t('error.fridgeEmpty'));
      fridge.focus();
      return;
    }
    sending = true;
    submit.disabled = true;
    submit.textContent = t('form.submitting');
    options
      .onSubmit(checked.profile)
      .catch((err: unknown) => showApiError(err))
      .finally(() => {
        sending = false;
        submit.disabled = false;
        submit.textContent = t('form.submit');
      });
  });

  showTargetFields();
  return {
    root,
    focus() {
      root.querySelector<HTMLElement>('h2')?.focus();
    },
  };
}

import { h, uid } from '../dom-builder.js';
import { t } from '../i18n.js';

/** A small form on a result: the same dish again for another number of servings (1 to 12). */
export function servingsControl(current: number, onChange: (servings: number) => void): HTMLFormElement {
  const inputId = uid('servings-change');
  const errorId = `${inputId}-error`;
  const input = h('input', {
    id: inputId,
    type: 'number',
    name: 'servings',
    min: 1,
    max: 12,
    step: 1,
    inputmode: 'numeric',
    value: current,
    'aria-describedby': errorId,
    'data-testid': 'servings-input',
  });
  const error = h('p', { id: errorId, class: 'field-error' });
  const form = h(
    'form',
    { class: 'servings-control', novalidate: true, 'data-testid': 'servings-control' },
    h('label', { for: inputId }, t('servings.label')),
    h(
      'div',
      { class: 'servings-row' },
      input,
      h(
        'button',
        { type: 'submit', class: 'secondary', 'data-testid': 'servings-submit' },
        t('servings.submit'),
      ),
    ),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    const servings = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
    if (!(servings >= 1 && servings <= 12) || servings === current) {
      error.textContent = t('servings.invalid');
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    onChange(servings);
  });
  return form;
}

import { h, uid } from '../dom-builder.js';
import { t, tMaybe } from '../i18n.js';
import { PANTRY_OPTIONS, type ProfileDraft } from '../profile-draft.js';

export interface PantryEditor {
  root: HTMLElement;
  /** Where a problem with the pantry is written. */
  error: HTMLElement;
  /** The control a pantry error sends the keyboard to. */
  control: HTMLElement;
}

/**
 * The pantry beside the fridge: the basic staples as boxes (ticked by default) and other things at home
 * as typed. The profile form reads the controls (`pantry`, `pantryOther`) with the rest of the form.
 */
export function pantryEditor(draft: Pick<ProfileDraft, 'pantry' | 'pantryOther'>): PantryEditor {
  const hintId = uid('pantry-hint');
  const otherId = uid('pantry-other');
  const otherHintId = `${otherId}-hint`;
  const error = h('p', { id: uid('pantry-error'), class: 'field-error' });
  const other = h('input', {
    id: otherId,
    type: 'text',
    name: 'pantryOther',
    value: draft.pantryOther,
    autocomplete: 'off',
    'aria-describedby': `${otherHintId} ${error.id}`,
    'data-testid': 'pantry-other',
  });
  const root = h(
    'fieldset',
    { class: 'pantry', 'aria-describedby': `${hintId} ${error.id}`, 'data-testid': 'pantry-editor' },
    h('legend', {}, t('pantry.title')),
    h('p', { id: hintId, class: 'hint' }, t('pantry.hint')),
    h(
      'div',
      { class: 'check-grid' },
      PANTRY_OPTIONS.map((id) =>
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            name: 'pantry',
            value: id,
            checked: draft.pantry.includes(id),
            'data-pantry': id,
          }),
          h('span', {}, tMaybe(`pantry.${id}`) ?? id),
        ),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: otherId }, t('pantry.other')),
      other,
      h('p', { id: otherHintId, class: 'hint' }, t('pantry.otherHint')),
    ),
    error,
  );
  return { root, error, control: other };
}

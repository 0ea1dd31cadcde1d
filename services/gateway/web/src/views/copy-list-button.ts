import { button, h, uid } from '../dom-builder.js';
import { t } from '../i18n.js';

/**
 * "Copy the shopping list": the clipboard when the browser allows it; else the list appears in a
 * selected text box for the person to copy themselves.
 */
export function copyListButton(text: () => string): HTMLElement {
  const statusLine = h('p', { class: 'hint copy-status', role: 'status', 'data-testid': 'copy-status' });
  const boxId = uid('shopping-list');
  const box = h('textarea', {
    id: boxId,
    class: 'copy-box',
    readonly: true,
    rows: 6,
    'data-testid': 'shopping-list-text',
  });
  const boxWrap = h(
    'div',
    { class: 'field', hidden: true },
    h('label', { for: boxId }, t('basket.copyLabel')),
    box,
  );

  const fallback = (): void => {
    box.value = text();
    boxWrap.hidden = false;
    box.focus();
    box.select();
    statusLine.textContent = t('basket.copyFallback');
  };

  const copy = button(
    t('basket.copy'),
    () => {
      const list = text();
      const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
      if (clipboard === undefined || typeof clipboard.writeText !== 'function') {
        fallback();
        return;
      }
      clipboard.writeText(list).then(
        () => {
          boxWrap.hidden = true;
          statusLine.textContent = t('basket.copied');
        },
        () => fallback(),
      );
    },
    { class: 'secondary', 'data-testid': 'copy-list' },
  );
  return h('div', { class: 'copy-list' }, copy, statusLine, boxWrap);
}

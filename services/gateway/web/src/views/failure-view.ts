import type { SessionStatusView } from '@ai-chef/contracts';
import { button, h } from '../dom-builder.js';
import { t, tMaybe } from '../i18n.js';
import { phaseWords } from './phase-words.js';
import { focusHeading, type ViewHandle } from './view-handle.js';

/**
 * A run that failed: what went wrong in the page's words (by the error's code), what the server said beneath
 * it (its words are English with the profile's reasons), a retry, and a way back to the form.
 */
export function failureView(
  status: SessionStatusView,
  onRetry: () => Promise<void>,
  onEdit: () => void,
  title: string = t('failed.title'),
): ViewHandle {
  const retry = button(
    t('common.retry'),
    () => {
      retry.disabled = true;
      void onRetry().finally(() => {
        retry.disabled = false;
      });
    },
    { class: 'primary', 'data-testid': 'retry' },
  );
  const root = h(
    'section',
    { class: 'screen failure-screen', 'data-screen': 'failed' },
    h('h2', { tabindex: -1 }, title),
    h(
      'div',
      { class: 'error-box', role: 'alert' },
      h('p', { class: 'error-phase' }, phaseWords(status.phase)),
      h(
        'p',
        { 'data-testid': 'error-summary' },
        (status.error && tMaybe(`runError.${status.error.code}`)) ?? t('error.generic'),
      ),
      status.error?.message
        ? h(
            'details',
            { class: 'error-details' },
            h('summary', {}, t('failed.details')),
            h('p', { 'data-testid': 'error-message' }, status.error.message),
          )
        : null,
    ),
    h(
      'div',
      { class: 'actions' },
      retry,
      button(t('failed.edit'), onEdit, { class: 'secondary', 'data-testid': 'edit-profile' }),
    ),
  );
  return { root, focus: () => focusHeading(root) };
}

import type { Notice } from '@ai-chef/contracts';
import { button, h, uid } from '../dom-builder.js';
import { t } from '../i18n.js';
import { focusHeading, type ViewHandle } from './view-handle.js';

/** While the session is being made: which try this is (the page tries three times; session-store.ts). */
export function connectingView(attempt: number): ViewHandle {
  const root = h(
    'section',
    { class: 'screen connecting-screen', 'data-screen': 'connecting', 'aria-busy': 'true' },
    h('h2', { tabindex: -1 }, t('connecting.title')),
    h('p', { role: 'status', class: 'hint' }, attempt > 1 ? t('connecting.attempt', { n: attempt }) : ''),
  );
  return { root, focus: () => focusHeading(root) };
}

/** Something the page could not do, in words, with a button to try it again. */
export function errorView(title: string, message: string, onRetry: () => void): ViewHandle {
  const root = h(
    'section',
    { class: 'screen error-screen', 'data-screen': 'error' },
    h('h2', { tabindex: -1 }, title),
    h('div', { class: 'error-box', role: 'alert' }, h('p', { 'data-testid': 'error-message' }, message)),
    h(
      'div',
      { class: 'actions' },
      button(t('common.retry'), onRetry, { class: 'primary', 'data-testid': 'retry' }),
    ),
  );
  return { root, focus: () => focusHeading(root) };
}

/** What the person should read before cooking (health cautions, substitutions): first on a result. */
export function resultNotices(notices: readonly Notice[]): HTMLElement | null {
  if (notices.length === 0) return null;
  const titleId = uid('notices-title');
  return h(
    'section',
    { class: 'result-notices', 'aria-labelledby': titleId, 'data-testid': 'notices' },
    h('h3', { id: titleId }, t('notices.title')),
    h(
      'ul',
      {},
      notices.map((notice) => h('li', { 'data-notice': notice.code }, notice.message)),
    ),
  );
}

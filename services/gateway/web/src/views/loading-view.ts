import { h } from '../dom-builder.js';
import { t } from '../i18n.js';
import { focusHeading, type ViewHandle } from './view-handle.js';

/** While a view's data is fetched (a result by its run id). */
export function loadingView(): ViewHandle {
  const root = h(
    'section',
    { class: 'screen loading-screen', 'data-screen': 'loading', 'aria-busy': 'true' },
    h('h2', { tabindex: -1, role: 'status' }, t('common.loading')),
  );
  return { root, focus: () => focusHeading(root) };
}

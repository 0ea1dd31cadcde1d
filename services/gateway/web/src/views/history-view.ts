import type { ResultList, ResultSummary } from '@ai-chef/contracts';
import { button, h, replaceChildren } from '../dom-builder.js';
import { formatTime, formatWon, t } from '../i18n.js';
import { formatRoute, type Route } from '../router.js';
import { focusHeading, type ViewHandle } from './view-handle.js';

export interface HistoryViewOptions {
  /** One page of the session's results, newest first (GET /session/:id/results). */
  load(offset: number): Promise<ResultList>;
  describeError(err: unknown): string;
}

/** Where a result opens: a recipe's own view, or a plan's. */
export function routeOfSummary(item: Pick<ResultSummary, 'kind' | 'runId'>): Route {
  return item.kind === 'plan'
    ? { name: 'planResult', runId: item.runId }
    : { name: 'result', runId: item.runId };
}

function entry(item: ResultSummary): HTMLElement {
  const name = item.kind === 'plan' ? t('history.plan', { days: item.days ?? 0 }) : (item.recipeName ?? '');
  return h(
    'li',
    { class: 'history-item', 'data-run-id': item.runId, 'data-kind': item.kind },
    h(
      'a',
      { href: formatRoute(routeOfSummary(item)), class: 'history-link', 'data-testid': 'history-link' },
      h('span', { class: 'badge' }, item.kind === 'plan' ? t('history.kindPlan') : t('history.kindRecipe')),
      h('strong', { class: 'history-name' }, name),
      h(
        'span',
        { class: 'history-meta' },
        h('span', {}, formatWon(item.totalCost)),
        h('time', { datetime: item.generatedAt }, formatTime(item.generatedAt)),
      ),
    ),
  );
}

/** The session's results as a list of links, newest first, with more on request. */
export function historyView(options: HistoryViewOptions): ViewHandle {
  const list = h('ol', { class: 'history-list', 'data-testid': 'history-list' });
  const state = h(
    'p',
    { class: 'hint', role: 'status', 'data-testid': 'history-state' },
    t('common.loading'),
  );
  const error = h('p', { class: 'form-error field-error', role: 'alert' });
  const items: ResultSummary[] = [];
  let total = 0;

  const more = button(t('history.more'), () => void loadPage(), {
    class: 'secondary',
    hidden: true,
    'data-testid': 'history-more',
  });

  const root = h(
    'section',
    { class: 'screen history-screen', 'data-screen': 'history', 'aria-busy': 'true' },
    h('h2', { tabindex: -1 }, t('history.title')),
    state,
    list,
    error,
    h('div', { class: 'actions' }, more),
  );

  async function loadPage(): Promise<void> {
    more.disabled = true;
    error.textContent = '';
    try {
      const page = await options.load(items.length);
      total = page.total;
      const fresh = page.items.filter((item) => !items.some((known) => known.runId === item.runId));
      items.push(...fresh);
      replaceChildren(list, items.map(entry));
      state.textContent = items.length === 0 ? t('history.empty') : t('history.count', { n: total });
      more.hidden = items.length >= total || fresh.length === 0;
      more.textContent = t('history.more');
    } catch (err) {
      error.textContent = options.describeError(err);
      more.textContent = t('common.retry');
      more.hidden = false;
    } finally {
      more.disabled = false;
      root.removeAttribute('aria-busy');
      root.dataset.loaded = 'true';
    }
  }
  void loadPage();

  return { root, focus: () => focusHeading(root) };
}

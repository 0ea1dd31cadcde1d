import type { FridgeItemView, IngredientView } from '@ai-chef/contracts';
import { ApiError, type Api } from '../api-client.js';
import { button, h, replaceChildren, uid } from '../dom-builder.js';
import { lang, t } from '../i18n.js';

export interface FridgeEditorDeps {
  api: Pick<Api, 'fridge' | 'addToFridge' | 'removeFromFridge' | 'searchIngredients'>;
  sessionId(): string;
  /** Called before each change: extends a session that is about to expire. */
  onActivity(): Promise<void>;
  onGone(): Promise<void>;
  describeError(err: unknown): string;
}

export interface FridgeEditor {
  root: HTMLElement;
  /** Reads the fridge from the server (again). */
  load(): Promise<void>;
  count(): number;
  /** Shows a problem with the fridge as a whole (the form found it empty). */
  showError(message: string): void;
  focus(): void;
}

const SEARCH_DELAY_MS = 200;
const SEARCH_LIMIT = 8;

function displayName(item: { nameKo: string; nameEn: string }): string {
  return lang() === 'ko' ? item.nameKo : item.nameEn;
}

function otherName(item: { nameKo: string; nameEn: string }): string {
  return lang() === 'ko' ? item.nameEn : item.nameKo;
}

/** The fridge of the session: search the catalog, add and remove items through the fridge routes. */
export function fridgeEditor(deps: FridgeEditorDeps): FridgeEditor {
  let items: FridgeItemView[] = [];
  let results: IngredientView[] = [];
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let searchSeq = 0;

  const searchId = uid('fridge-search');
  const hintId = uid('fridge-hint');
  const resultsId = uid('fridge-results');
  const errorId = uid('fridge-error');
  const search = h('input', {
    id: searchId,
    type: 'search',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': `${hintId} ${errorId}`,
    'aria-controls': resultsId,
    'data-testid': 'fridge-search',
  });
  const searchStatus = h('p', { class: 'sr-only', role: 'status' });
  const resultList = h('ul', { id: resultsId, class: 'search-results', 'data-testid': 'fridge-results' });
  const countLine = h('p', { class: 'fridge-count', role: 'status', 'data-testid': 'fridge-count' });
  const itemList = h('ul', { class: 'fridge-items', 'data-testid': 'fridge-items' });
  const error = h('p', { id: errorId, class: 'field-error', role: 'alert' });

  const root = h(
    'fieldset',
    { class: 'fridge', 'data-testid': 'fridge-editor' },
    h('legend', {}, t('fridge.title')),
    h('label', { for: searchId }, t('fridge.search')),
    search,
    h('p', { id: hintId, class: 'hint' }, t('fridge.searchHint')),
    searchStatus,
    resultList,
    countLine,
    itemList,
    error,
  );

  const fail = async (err: unknown): Promise<void> => {
    if (err instanceof ApiError && err.code === 'session_not_found') {
      await deps.onGone();
      return;
    }
    error.textContent = deps.describeError(err);
  };

  const renderItems = (): void => {
    countLine.textContent = items.length === 0 ? t('fridge.empty') : t('fridge.count', { n: items.length });
    replaceChildren(
      itemList,
      items.map((item) =>
        h(
          'li',
          { 'data-ingredient-id': item.ingredientId },
          h('span', { class: 'name' }, displayName(item), ' ', h('small', {}, otherName(item))),
          button(
            [
              h('span', { 'aria-hidden': 'true' }, t('fridge.removeShort')),
              h('span', { class: 'sr-only' }, t('fridge.remove', { name: displayName(item) })),
            ],
            () => void remove(item),
            { class: 'small secondary' },
          ),
        ),
      ),
    );
  };

  const renderResults = (query: string): void => {
    if (query === '') {
      searchStatus.textContent = '';
      replaceChildren(resultList);
      return;
    }
    searchStatus.textContent =
      results.length === 0 ? t('fridge.noResults') : t('fridge.results', { n: results.length });
    const inFridge = new Set(items.map((item) => item.ingredientId));
    replaceChildren(
      resultList,
      results.length === 0
        ? h('li', { class: 'muted' }, t('fridge.noResults'))
        : results.map((ingredient) =>
            h(
              'li',
              {},
              button(
                [
                  h('span', { 'aria-hidden': 'true' }, '＋ '),
                  displayName(ingredient),
                  ' ',
                  h('small', {}, otherName(ingredient)),
                ],
                () => void add(ingredient),
                {
                  class: 'result',
                  'data-ingredient-id': ingredient.id,
                  disabled: inFridge.has(ingredient.id),
                },
              ),
            ),
          ),
    );
  };

  const runSearch = async (): Promise<void> => {
    const query = search.value.trim();
    const seq = ++searchSeq;
    if (query === '') {
      results = [];
      renderResults('');
      return;
    }
    try {
      const found = await deps.api.searchIngredients(query, SEARCH_LIMIT);
      if (seq !== searchSeq) return; // a newer query is on its way
      results = found.items;
      error.textContent = '';
      renderResults(query);
    } catch (err) {
      if (seq === searchSeq) await fail(err);
    }
  };

  async function add(ingredient: IngredientView): Promise<void> {
    error.textContent = '';
    try {
      await deps.onActivity();
      const reply = await deps.api.addToFridge(deps.sessionId(), [ingredient.id]);
      items = reply.items;
      renderItems();
      countLine.textContent = `${t('fridge.added', { name: displayName(ingredient) })} · ${t('fridge.count', { n: items.length })}`;
      search.value = '';
      results = [];
      renderResults('');
      search.focus();
    } catch (err) {
      await fail(err);
    }
  }

  async function remove(item: FridgeItemView): Promise<void> {
    error.textContent = '';
    try {
      await deps.onActivity();
      await deps.api.removeFromFridge(deps.sessionId(), item.ingredientId);
    } catch (err) {
      // Already gone from the fridge: the list below is refreshed either way.
      if (!(err instanceof ApiError && err.code === 'ingredient_not_in_fridge')) {
        await fail(err);
        return;
      }
    }
    items = items.filter((entry) => entry.ingredientId !== item.ingredientId);
    renderItems();
    countLine.textContent = `${t('fridge.removed', { name: displayName(item) })} · ${items.length === 0 ? t('fridge.empty') : t('fridge.count', { n: items.length })}`;
    search.focus();
  }

  search.addEventListener('input', () => {
    if (searchTimer !== undefined) clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void runSearch(), SEARCH_DELAY_MS);
  });
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      // Enter adds the first match instead of submitting the whole form.
      event.preventDefault();
      if (searchTimer !== undefined) clearTimeout(searchTimer);
      void runSearch().then(() => {
        const first = results.find(
          (ingredient) => !items.some((item) => item.ingredientId === ingredient.id),
        );
        if (first && search.value.trim() !== '') void add(first);
      });
    } else if (event.key === 'Escape' && search.value !== '') {
      event.preventDefault();
      search.value = '';
      results = [];
      renderResults('');
    }
  });

  renderItems();
  countLine.textContent = t('fridge.loading');

  return {
    root,
    async load() {
      try {
        items = (await deps.api.fridge(deps.sessionId())).items;
        renderItems();
      } catch (err) {
        await fail(err);
      }
    },
    count: () => items.length,
    showError(message) {
      error.textContent = message;
    },
    focus() {
      search.focus();
    },
  };
}

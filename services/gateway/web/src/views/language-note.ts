import type { Language } from '@ai-chef/contracts';
import { button, h } from '../dom-builder.js';
import { t } from '../i18n.js';

/**
 * Above a result made in another language than the page's: the page's own words follow the switch,
 * the recipe and the shopping advice stay as they were made, and a button makes it again in the page's language.
 */
export function languageNote(page: Language, recipe: Language, onRerun: () => void): HTMLElement {
  const pageName = t(`language.${page}`);
  return h(
    'div',
    { class: 'notice language-note', role: 'status', 'data-testid': 'language-note' },
    h('p', {}, t('lang.resultNote', { page: pageName, recipe: t(`language.${recipe}`) })),
    button(t('lang.rerun', { page: pageName }), onRerun, { 'data-testid': 'rerun-in-language' }),
  );
}

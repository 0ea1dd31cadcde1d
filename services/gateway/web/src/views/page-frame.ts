import { button, h } from '../dom-builder.js';
import { formatTime, lang, t } from '../i18n.js';
import { formatRoute, type Route } from '../router.js';

/** The page around every screen: title, navigation, language switch, the screen's `main` and the session line. */
export interface PageFrame {
  /** Where the current screen goes. */
  main: HTMLElement;
  /** Writes every word of the frame in the current language. */
  render(): void;
  /** Marks the navigation link of the section `route` belongs to. */
  markNav(route: Route): void;
  /** The session line: when the session expires; its id as an attribute, for support. */
  renderFooter(): void;
}

/**
 * Built once, so focus on the language button survives a switch; `session` is read at each render.
 */
export function pageFrame(
  host: HTMLElement,
  session: () => { id: string; expiresAt: string } | undefined,
  onSwitchLanguage: () => void,
): PageFrame {
  const title = h('h1', {});
  const tagline = h('p', { class: 'tagline' });
  const langButton = button('', onSwitchLanguage, { class: 'lang-toggle', 'data-testid': 'lang-toggle' });
  const main = h('main', { id: 'main', tabindex: -1 });
  const footer = h('footer', { class: 'session-line' });
  const navLinks = {
    new: h('a', { href: formatRoute({ name: 'new' }), 'data-testid': 'nav-new' }),
    plan: h('a', { href: formatRoute({ name: 'plan' }), 'data-testid': 'nav-plan' }),
    history: h('a', { href: formatRoute({ name: 'history' }), 'data-testid': 'nav-history' }),
  };
  const nav = h('nav', { class: 'views-nav' }, navLinks.new, navLinks.plan, navLinks.history);
  host.replaceChildren(
    h('header', { class: 'top' }, h('div', { class: 'brand' }, title, tagline), nav, langButton),
    main,
    footer,
  );

  function renderFooter(): void {
    const current = session();
    // The id is for support, not for reading: it stays on the footer as an attribute.
    if (current) footer.dataset.sessionId = current.id;
    else delete footer.dataset.sessionId;
    footer.replaceChildren(current ? t('session.expiresLine', { time: formatTime(current.expiresAt) }) : '');
  }

  return {
    main,
    renderFooter,
    render() {
      document.documentElement.lang = lang();
      document.title = t('app.title');
      title.textContent = t('app.title');
      tagline.textContent = t('app.tagline');
      langButton.textContent = t('lang.other');
      langButton.setAttribute('lang', lang() === 'ko' ? 'en' : 'ko');
      nav.setAttribute('aria-label', t('nav.label'));
      navLinks.new.textContent = t('nav.new');
      navLinks.plan.textContent = t('nav.plan');
      navLinks.history.textContent = t('nav.history');
      renderFooter();
    },
    markNav(route) {
      const active =
        route.name === 'new' || route.name === 'result'
          ? navLinks.new
          : route.name === 'plan' || route.name === 'planResult'
            ? navLinks.plan
            : route.name === 'history'
              ? navLinks.history
              : undefined;
      for (const link of Object.values(navLinks)) {
        if (link === active) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
  };
}

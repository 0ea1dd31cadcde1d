import type { Language, ProfileInput, ResultDocument, SessionStatusView } from '@ai-chef/contracts';
import { ApiError, api } from './api-client.js';
import { button, h } from './dom-builder.js';
import type { ClickStream } from './click-events.js';
import { formatTime, lang, setLang, t, tMaybe } from './i18n.js';
import { draftToProfile, loadDraft, saveDraft, type ProfileDraft } from './profile-draft.js';
import { isTerminal, watchProgress, type ProgressWatch } from './progress-watch.js';
import { SessionStore } from './session-store.js';
import { loadSentProfile, saveSentProfile, typedWordsFor, useTypedWords } from './typed-words.js';
import { failureView } from './views/failure-view.js';
import { languageNote } from './views/language-note.js';
import { connectingView, errorView } from './views/notice-view.js';
import { profileForm } from './views/profile-form.js';
import { progressView, type ProgressView } from './views/progress-view.js';
import { resultView } from './views/result-view.js';
import type { ViewHandle } from './views/view-handle.js';

type Screen =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'error'; title: string; message: string; retry: () => void }
  | { kind: 'form'; notice?: string }
  | { kind: 'progress'; status: SessionStatusView }
  | { kind: 'result'; result: ResultDocument }
  | { kind: 'failed'; status: SessionStatusView };

const RESULT_TRIES = 20;
const RESULT_RETRY_MS = 500;

/** Words for a failed request: the server's own message, or what went wrong on the way. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'timeout') return t('error.timeout');
    if (err.status === 0) return t('error.network');
    // The server's own messages are English: a Korean page names the codes it knows in its words.
    return tMaybe(`apiError.${err.code}`) ?? (lang() === 'en' && err.message ? err.message : t('error.generic'));
  }
  return t('error.generic');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The whole page: one session, one screen at a time (a session, then form → progress → result; docs/api.md). */
export function startApp(host: HTMLElement, clicks: ClickStream): void {
  let screen: Screen = { kind: 'connecting', attempt: 1 };
  let view: ViewHandle | undefined;
  let progress: ProgressView | undefined;
  let watch: ProgressWatch | undefined;
  let draft: ProfileDraft = loadDraft(localStorage, lang());
  let lastProfile: ProfileInput | undefined;
  let watchMode: 'stream' | 'polling' | undefined;

  const store = new SessionStore({
    api,
    storage: localStorage,
    onAttempt: (attempt) => {
      if (screen.kind === 'connecting' && attempt !== screen.attempt)
        show({ kind: 'connecting', attempt }, false);
    },
  });
  const sessionId = (): string => store.current?.id ?? '';

  // The frame: built once, so focus on the language button survives a switch.
  const title = h('h1', {});
  const tagline = h('p', { class: 'tagline' });
  const langButton = button('', () => switchLanguage(), {
    class: 'lang-toggle',
    'data-testid': 'lang-toggle',
  });
  const main = h('main', { id: 'main', tabindex: -1 });
  const footer = h('footer', { class: 'session-line' });
  host.replaceChildren(
    h('header', { class: 'top' }, h('div', { class: 'brand' }, title, tagline), langButton),
    main,
    footer,
  );

  function renderFrame(): void {
    document.documentElement.lang = lang();
    document.title = t('app.title');
    title.textContent = t('app.title');
    tagline.textContent = t('app.tagline');
    langButton.textContent = t('lang.other');
    langButton.setAttribute('lang', lang() === 'ko' ? 'en' : 'ko');
    renderFooter();
  }

  function renderFooter(): void {
    const session = store.current;
    // The id is for support, not for reading: it stays on the footer as an attribute.
    if (session) footer.dataset.sessionId = session.id;
    else delete footer.dataset.sessionId;
    footer.replaceChildren(session ? t('session.expiresLine', { time: formatTime(session.expiresAt) }) : '');
  }

  function renderScreen(): ViewHandle {
    progress = undefined;
    switch (screen.kind) {
      case 'connecting':
        return connectingView(screen.attempt);
      case 'error':
        return errorView(screen.title, screen.message, screen.retry);
      case 'form':
        return profileForm({
          draft,
          ...(screen.notice === undefined ? {} : { notice: screen.notice }),
          onChange: (next) => {
            draft = next;
            saveDraft(localStorage, draft);
          },
          onSubmit: submit,
          describeError,
          fridge: { api, sessionId, onActivity: activity, onGone: renew, describeError },
        });
      case 'progress':
        progress = progressView(screen.status, cancel);
        return progress;
      case 'result': {
        const { result } = screen;
        useTypedWords(typedWordsFor(loadSentProfile(localStorage, result.sessionId) ?? lastProfile ?? {}, result.profile));
        const shown = resultView(result, () => show({ kind: 'form' }));
        const page = lang();
        if (result.profile.language !== page)
          shown.root.prepend(languageNote(page, result.profile.language, () => void rerunIn(page)));
        return shown;
      }
      case 'failed':
        return failureView(screen.status, retry, () => show({ kind: 'form' }));
    }
  }

  function show(next: Screen, focus = true): void {
    screen = next;
    view = renderScreen();
    main.replaceChildren(view.root);
    renderFooter();
    if (focus) view.focus();
  }

  function switchLanguage(): void {
    const previous = lang();
    setLang(previous === 'ko' ? 'en' : 'ko');
    // The recipe language follows the page unless it was set apart from it.
    if (draft.language === previous) {
      draft = { ...draft, language: lang() };
      saveDraft(localStorage, draft);
    }
    renderFrame();
    show(screen, false);
    if (progress && watchMode) progress.setMode(watchMode);
  }

  /** A user action: a session with under 30 minutes left is extended first (best effort). */
  async function activity(): Promise<void> {
    try {
      if (await store.extendIfNeeded()) renderFooter();
    } catch {
      // The request that follows finds out whether the session is still there.
    }
  }

  /** On load nothing takes focus; after the user asked to try again, the new screen does. */
  async function open(focus: boolean): Promise<void> {
    show({ kind: 'connecting', attempt: 1 }, focus);
    try {
      const opened = await store.restoreOrStart();
      renderFooter();
      if (opened.restored) await resume(opened.view, focus);
      else show({ kind: 'form' }, focus);
    } catch (err) {
      show({
        kind: 'error',
        title: t('connecting.failed'),
        message: describeError(err),
        retry: () => void open(true),
      });
    }
  }

  /** The session expired under the page: start a new one and say so. */
  async function renew(): Promise<void> {
    watch?.stop();
    store.forget();
    show({ kind: 'connecting', attempt: 1 });
    try {
      await store.start();
      show({ kind: 'form', notice: t('notice.sessionRenewed') });
    } catch (err) {
      show({
        kind: 'error',
        title: t('connecting.failed'),
        message: describeError(err),
        retry: () => void open(true),
      });
    }
  }

  /** A restored session picks up where it was: the form, a run in progress, its result or its failure. */
  async function resume(status: SessionStatusView, focus: boolean): Promise<void> {
    switch (status.status) {
      case 'processing':
        follow(status, focus);
        return;
      case 'completed':
        await loadResult(focus);
        return;
      case 'failed':
        show({ kind: 'failed', status }, focus);
        return;
      default:
        show({ kind: 'form' }, focus);
    }
  }

  function follow(status: SessionStatusView, focus = true): void {
    watch?.stop();
    watchMode = undefined;
    show({ kind: 'progress', status }, focus);
    watch = watchProgress(sessionId(), api, {
      onStatus: (next) => {
        if (screen.kind === 'progress') screen = { kind: 'progress', status: next };
        progress?.update(next);
        if (isTerminal(next)) void finish(next);
      },
      onGone: () => void renew(),
      onMode: (mode) => {
        watchMode = mode;
        progress?.setMode(mode);
      },
    });
  }

  async function finish(status: SessionStatusView): Promise<void> {
    if (status.status === 'completed') await loadResult();
    else if (status.status === 'failed') show({ kind: 'failed', status });
    else show({ kind: 'form', notice: t('notice.cancelled') });
  }

  async function loadResult(focus = true): Promise<void> {
    for (let attempt = 1; attempt <= RESULT_TRIES; attempt += 1) {
      try {
        const reply = await api.result(sessionId());
        if (reply.kind === 'ready') {
          show({ kind: 'result', result: reply.result }, focus);
          clicks.track('result_viewed', {
            recipeSource: reply.result.sources.recipe,
            priceSource: reply.result.sources.prices,
            withinBudget: reply.result.summary.withinBudget,
            language: reply.result.profile.language,
          });
          return;
        }
      } catch (err) {
        if (err instanceof ApiError && err.code === 'result_not_found') {
          show({ kind: 'form' }, focus);
          return;
        }
        if (err instanceof ApiError && err.code === 'session_not_found') {
          await renew();
          return;
        }
        if (!(err instanceof ApiError && err.transient) || attempt === RESULT_TRIES) {
          show({
            kind: 'error',
            title: t('error.generic'),
            message: describeError(err),
            retry: () => void loadResult(),
          });
          return;
        }
      }
      await sleep(RESULT_RETRY_MS);
    }
    show({
      kind: 'error',
      title: t('error.generic'),
      message: t('error.timeout'),
      retry: () => void loadResult(),
    });
  }

  async function submit(profile: ProfileInput): Promise<void> {
    lastProfile = profile;
    saveSentProfile(localStorage, sessionId(), profile);
    await activity();
    try {
      const accepted = await api.process(sessionId(), profile);
      // Counted once the server took it: a profile it refused is not a run.
      clicks.track('run_requested', {
        target: profile.target ?? 'general',
        language: profile.language ?? 'ko',
        servings: profile.servings ?? 2,
      });
      follow({
        sessionId: accepted.sessionId,
        status: 'processing',
        phase: null,
        progress: 0,
        updatedAt: new Date().toISOString(),
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'already_processing') {
        follow(await api.getStatus(sessionId()));
        return;
      }
      if (err instanceof ApiError && err.code === 'session_not_found') {
        await renew();
        return;
      }
      throw err;
    }
  }

  async function retry(): Promise<void> {
    const checked = lastProfile ? { ok: true as const, profile: lastProfile } : draftToProfile(draft);
    if (!checked.ok) {
      show({ kind: 'form' });
      return;
    }
    try {
      await submit(checked.profile);
    } catch (err) {
      show({ kind: 'form', notice: describeError(err) });
    }
  }

  /** The result on screen, made again in the page's language (the note above a result in another language). */
  async function rerunIn(language: Language): Promise<void> {
    const sent = lastProfile ?? loadSentProfile(localStorage, sessionId());
    const fromDraft = draftToProfile(draft);
    const profile = sent ?? (fromDraft.ok ? fromDraft.profile : undefined);
    draft = { ...draft, language };
    saveDraft(localStorage, draft);
    if (!profile) {
      show({ kind: 'form' });
      return;
    }
    try {
      await submit({ ...profile, language });
    } catch (err) {
      show({ kind: 'form', notice: describeError(err) });
    }
  }

  async function cancel(): Promise<void> {
    await activity();
    try {
      await api.cancel(sessionId());
    } catch (err) {
      if (err instanceof ApiError && err.code === 'not_processing') return; // it ended on its own; the watch reports how
      if (err instanceof ApiError && err.code === 'session_not_found') {
        await renew();
        return;
      }
      throw err;
    }
  }

  renderFrame();
  void open(false);
}

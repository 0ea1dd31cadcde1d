import type { Language, PlanBody, ProfileInput, RunResult, SessionStatusView } from '@ai-chef/contracts';
import { ApiError, api } from './api-client.js';
import { describeError } from './describe-error.js';
import type { ClickStream } from './click-events.js';
import { lang, setLang, t } from './i18n.js';
import { isTerminal, watchProgress, type ProgressWatch } from './progress-watch.js';
import { RunRequests } from './run-requests.js';
import { formatRoute, parseRoute, type Route } from './router.js';
import { SessionStore } from './session-store.js';
import { isPlanRun, screenView, type Screen } from './screens.js';
import { waitForResult } from './result-wait.js';
import { routeOfSummary } from './views/history-view.js';
import { pageFrame } from './views/page-frame.js';
import type { ProgressView } from './views/progress-view.js';
import type { ViewHandle } from './views/view-handle.js';

const RESULT_TRIES = 20;
const RESULT_RETRY_MS = 500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The whole page: one session, one screen at a time (a session, then form → progress → result; docs/api.md).
 * The address (router.ts) says which screen: every view has its own, so Back, Forward and reload keep it.
 */
export function startApp(host: HTMLElement, clicks: ClickStream): void {
  let screen: Screen = { kind: 'connecting', attempt: 1 };
  let view: ViewHandle | undefined;
  let progress: ProgressView | undefined;
  let watch: ProgressWatch | undefined;
  const requests = new RunRequests(localStorage, lang());
  // When the page began following the current run (the progress screen counts from it).
  let runStartedAt = Date.now();
  // A cancel answered not_processing: the run had already finished, and its result says so.
  let cancelTooLate = false;
  let lateCancelRunId: string | undefined;
  let watchMode: 'stream' | 'polling' | undefined;
  /** The result last fetched, so the route it leads to shows it without asking again. */
  let fetched: RunResult | undefined;
  /** Each route shown counts up; an answer that arrives after the next route began is dropped. */
  let routeTicket = 0;
  let pendingNotice: string | undefined;
  let pendingFocus = true;
  /** A run just accepted: its route shows it at once, without asking for its status first. */
  let startedRun: SessionStatusView | undefined;

  const store = new SessionStore({
    api,
    storage: localStorage,
    onAttempt: (attempt) => {
      if (screen.kind === 'connecting' && attempt !== screen.attempt)
        show({ kind: 'connecting', attempt }, false);
    },
  });
  const sessionId = (): string => store.current?.id ?? '';

  const frame = pageFrame(
    host,
    () => store.current,
    () => switchLanguage(),
  );

  function renderScreen(): ViewHandle {
    const shown = screenView(screen, {
      draft: requests.draft,
      planChoice: requests.planChoice,
      lastProfile: requests.lastProfile,
      runStartedAt,
      sessionId,
      onDraft: (next) => requests.setDraft(next),
      onPlanChoice: (choice) => {
        requests.planChoice = choice;
      },
      submit,
      submitPlan,
      cancel,
      retry,
      again,
      rerunIn,
      go,
      activity,
      renew,
    });
    progress = shown.progress;
    return shown.view;
  }

  /** Goes to a route: a new history entry (or in place of the current one); the hashchange shows it. */
  function go(next: Route, options: { replace?: boolean; notice?: string; focus?: boolean } = {}): void {
    pendingNotice = options.notice;
    pendingFocus = options.focus ?? true;
    const hash = formatRoute(next);
    if (location.hash === hash) {
      pendingFocus = true;
      void showRoute(next, options.focus ?? true);
    } else if (options.replace) location.replace(hash);
    else location.hash = hash;
  }

  /** Shows what a route names; `home` lets the session's state decide and puts that route in its place. */
  async function showRoute(route: Route, focus = true, known?: SessionStatusView): Promise<void> {
    if (!store.current) return; // open() shows the route once the session is there
    routeTicket += 1;
    const ticket = routeTicket;
    const current = (): boolean => ticket === routeTicket;
    const notice = pendingNotice;
    pendingNotice = undefined;
    if (route.name !== 'run') {
      watch?.stop();
      watch = undefined;
    }
    frame.markNav(route);
    // Each view the address names is a page view; `home` is not one, it is replaced by the view it opens.
    if (route.name !== 'home') clicks.track('page_view', { view: route.name });
    switch (route.name) {
      case 'home':
        await resume(focus, current, known);
        return;
      case 'new':
        show({ kind: 'form', ...(notice === undefined ? {} : { notice }) }, focus);
        return;
      case 'plan':
        show({ kind: 'plan-form', ...(notice === undefined ? {} : { notice }) }, focus);
        return;
      case 'history':
        show({ kind: 'history' }, focus);
        return;
      case 'run':
        await showRun(focus, current);
        return;
      case 'result':
      case 'planResult':
        await showResult(route, focus, current);
    }
  }

  /** One result of the session by its run id; a plan's at its plan route, a recipe's at its result route. */
  async function showResult(
    route: Extract<Route, { runId: string }>,
    focus: boolean,
    current: () => boolean,
  ): Promise<void> {
    let result = fetched?.runId === route.runId ? fetched : undefined;
    if (!result) {
      show({ kind: 'loading' }, false);
      try {
        result = await api.resultOfRun(sessionId(), route.runId);
      } catch (err) {
        if (!current()) return;
        if (err instanceof ApiError && err.code === 'result_not_found') {
          go({ name: 'new' }, { replace: true, notice: t('history.notFound') });
          return;
        }
        if (err instanceof ApiError && err.code === 'session_not_found') {
          await renew();
          return;
        }
        showError(err, () => void showRoute(route));
        return;
      }
      if (!current()) return;
      fetched = result;
    }
    const wanted = routeOfSummary(result);
    if (wanted.name !== route.name) {
      go(wanted, { replace: true });
      return;
    }
    show(
      result.kind === 'plan'
        ? { kind: 'plan', result }
        : { kind: 'result', result, lateCancel: result.runId === lateCancelRunId },
      focus,
    );
    if (result.kind !== 'plan')
      clicks.track('result_viewed', {
        recipeSource: result.sources.recipe,
        priceSource: result.sources.prices,
        withinBudget: result.summary.withinBudget,
        language: result.profile.language,
      });
  }

  /**
   * The session's status; undefined when it could not be read, after renewing a session the
   * service no longer knows or showing the error with a retry of `retryRoute`.
   */
  async function readStatus(
    current: () => boolean,
    retryRoute: Route,
  ): Promise<SessionStatusView | undefined> {
    try {
      return await api.getStatus(sessionId());
    } catch (err) {
      if (!current()) return undefined;
      if (err instanceof ApiError && err.code === 'session_not_found') {
        await renew();
        return undefined;
      }
      showError(err, () => void showRoute(retryRoute));
      return undefined;
    }
  }

  /** The run's own route: its progress while it goes on, how it ended otherwise. */
  async function showRun(focus: boolean, current: () => boolean): Promise<void> {
    const status = startedRun ?? (await readStatus(current, { name: 'run' }));
    startedRun = undefined;
    if (!status || !current()) return;
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
        go({ name: isPlanRun(status) ? 'plan' : 'new' }, { replace: true });
    }
  }

  function show(next: Screen, focus = true): void {
    screen = next;
    view = renderScreen();
    frame.main.replaceChildren(view.root);
    frame.renderFooter();
    if (focus) view.focus();
  }

  /** The error screen: the words for `err`, and a way to try again. */
  function showError(err: unknown, retry: () => void, title = t('error.generic')): void {
    show({ kind: 'error', title, message: describeError(err), retry });
  }

  function switchLanguage(): void {
    const previous = lang();
    setLang(previous === 'ko' ? 'en' : 'ko');
    requests.pageLanguageChanged(previous, lang());
    frame.render();
    show(screen, false);
    if (progress && watchMode) progress.setMode(watchMode);
  }

  /** A user action: a session with under 30 minutes left is extended first (best effort). */
  async function activity(): Promise<void> {
    try {
      if (await store.extendIfNeeded()) frame.renderFooter();
    } catch {
      // The request that follows finds out whether the session is still there.
    }
  }

  /** On load nothing takes focus; after the user asked to try again, the new screen does. */
  async function open(focus: boolean): Promise<void> {
    show({ kind: 'connecting', attempt: 1 }, focus);
    try {
      const opened = await store.restoreOrStart();
      frame.renderFooter();
      // A new session is idle: nothing to ask about it before the form.
      const known: SessionStatusView = opened.restored
        ? opened.view
        : {
            sessionId: opened.view.sessionId,
            status: 'idle',
            phase: null,
            progress: 0,
            updatedAt: opened.view.createdAt,
          };
      await showRoute(parseRoute(location.hash), focus, known);
    } catch (err) {
      showError(err, () => void open(true), t('connecting.failed'));
    }
  }

  /** The session expired under the page: start a new one and say so. */
  async function renew(): Promise<void> {
    watch?.stop();
    store.forget();
    show({ kind: 'connecting', attempt: 1 });
    try {
      await store.start();
      go({ name: 'new' }, { replace: true, notice: t('notice.sessionRenewed') });
    } catch (err) {
      showError(err, () => void open(true), t('connecting.failed'));
    }
  }

  /** No route given: the session picks up where it was (its run, its result or its failure), else the form. */
  async function resume(focus: boolean, current: () => boolean, known?: SessionStatusView): Promise<void> {
    const status = known ?? (await readStatus(current, { name: 'home' }));
    if (!status || !current()) return;
    switch (status.status) {
      case 'processing':
      case 'failed':
        startedRun = status.status === 'processing' ? status : undefined;
        go({ name: 'run' }, { replace: true, focus });
        return;
      case 'completed':
        await loadResult(focus);
        return;
      default:
        go({ name: 'new' }, { replace: true, focus });
    }
  }

  function follow(status: SessionStatusView, focus = true): void {
    watch?.stop();
    runStartedAt = Date.now();
    watchMode = undefined;
    show(isPlanRun(status) ? { kind: 'plan-progress', status } : { kind: 'progress', status }, focus);
    watch = watchProgress(sessionId(), api, {
      onStatus: (next) => {
        if (screen.kind === 'progress') screen = { kind: 'progress', status: next };
        if (screen.kind === 'plan-progress') screen = { kind: 'plan-progress', status: next };
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
    else if (isPlanRun(status)) go({ name: 'plan' }, { replace: true, notice: t('notice.planCancelled') });
    else go({ name: 'new' }, { replace: true, notice: t('notice.cancelled') });
  }

  async function loadResult(focus = true): Promise<void> {
    const outcome = await waitForResult(() => api.latestResult(sessionId()), {
      tries: RESULT_TRIES,
      retryMs: RESULT_RETRY_MS,
      sleep,
    });
    switch (outcome.kind) {
      case 'ready':
        // The finished run's own address takes the place of #/run, so a reload shows this result.
        fetched = outcome.result;
        if (cancelTooLate) lateCancelRunId = outcome.result.runId;
        go(routeOfSummary(outcome.result), { replace: true, focus });
        return;
      case 'no_result':
        go({ name: 'new' }, { replace: true });
        return;
      case 'session_gone':
        await renew();
        return;
      case 'failed':
        show({
          kind: 'error',
          title: t('error.generic'),
          message: outcome.error === undefined ? t('error.timeout') : describeError(outcome.error),
          retry: () => void loadResult(),
        });
    }
  }

  async function submit(profile: ProfileInput, dish?: string): Promise<void> {
    requests.recipeSent(sessionId(), profile, dish);
    cancelTooLate = false;
    await activity();
    try {
      const accepted = await api.process(sessionId(), profile, dish);
      // Counted once the server took it: a profile it refused is not a run.
      clicks.track('run_requested', {
        target: profile.target ?? 'general',
        language: profile.language ?? 'ko',
        servings: profile.servings ?? 2,
      });
      startedRun = {
        sessionId: accepted.sessionId,
        status: 'processing',
        phase: null,
        progress: 0,
        updatedAt: new Date().toISOString(),
      };
      go({ name: 'run' });
    } catch (err) {
      await afterRefusedStart(err);
    }
  }

  /** A start refused because a run is under way shows that run; one of a session the service lost renews it. */
  async function afterRefusedStart(err: unknown): Promise<void> {
    if (err instanceof ApiError && err.code === 'already_processing') {
      go({ name: 'run' });
      return;
    }
    if (err instanceof ApiError && err.code === 'session_not_found') {
      await renew();
      return;
    }
    throw err;
  }

  /** Starts a meal plan (docs/contract.md, Meal plans); its progress shows at #/run as a recipe's does. */
  async function submitPlan(body: PlanBody): Promise<void> {
    requests.lastPlan = body;
    await activity();
    try {
      await api.plan(sessionId(), body);
      go({ name: 'run' });
    } catch (err) {
      await afterRefusedStart(err);
    }
  }

  /** From a result: a new run of `dish` with the profile last sent (or the form's), for other servings if given. */
  async function again(dish: string, servings?: number): Promise<void> {
    const profile = requests.profileToSendAgain();
    if (!profile) {
      go({ name: 'new' });
      return;
    }
    if (servings !== undefined) requests.servingsChosen(servings);
    await submit(servings === undefined ? profile : { ...profile, servings }, dish);
  }

  async function retry(): Promise<void> {
    if (screen.kind === 'failed' && isPlanRun(screen.status)) {
      if (!requests.lastPlan) {
        go({ name: 'plan' });
        return;
      }
      try {
        await submitPlan(requests.lastPlan);
      } catch (err) {
        go({ name: 'plan' }, { notice: describeError(err) });
      }
      return;
    }
    const profile = requests.profileToSendAgain();
    if (!profile) {
      go({ name: 'new' });
      return;
    }
    try {
      await submit(profile, requests.lastDish);
    } catch (err) {
      go({ name: 'new' }, { notice: describeError(err) });
    }
  }

  /** The result on screen, made again in the page's language (the note above a result in another language). */
  async function rerunIn(language: Language, dish: string): Promise<void> {
    const profile = requests.profileIn(language, sessionId());
    if (!profile) {
      go({ name: 'new' });
      return;
    }
    try {
      await submit(profile, dish);
    } catch (err) {
      go({ name: 'new' }, { notice: describeError(err) });
    }
  }

  async function cancel(): Promise<void> {
    await activity();
    try {
      await api.cancel(sessionId());
    } catch (err) {
      if (err instanceof ApiError && err.code === 'not_processing') {
        // It ended on its own; the watch reports how. A result already on screen learns it now.
        cancelTooLate = true;
        if (screen.kind === 'result') {
          lateCancelRunId = screen.result.runId;
          show({ ...screen, lateCancel: true }, false);
        }
        return;
      }
      if (err instanceof ApiError && err.code === 'session_not_found') {
        await renew();
        return;
      }
      throw err;
    }
  }

  // Links, Back and Forward change the address; the page shows what it names.
  window.addEventListener('hashchange', () => {
    const focus = pendingFocus;
    pendingFocus = true;
    void showRoute(parseRoute(location.hash), focus);
  });

  frame.render();
  void open(false);
}

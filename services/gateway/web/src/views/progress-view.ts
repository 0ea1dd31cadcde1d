import type { SessionStatusView } from '@ai-chef/contracts';
import { button, h, replaceChildren, uid } from '../dom-builder.js';
import { t, tMaybe } from '../i18n.js';
import type { WatchMode } from '../progress-watch.js';
import { RUN_STEPS, phaseWords } from './phase-words.js';
import { focusHeading, type ViewHandle } from './view-handle.js';

export interface ProgressView extends ViewHandle {
  update(view: SessionStatusView): void;
  setMode(mode: WatchMode): void;
}

/** The stages of a meal plan after its days are written (docs/contract.md, Meal plans). */
export const PLAN_STEPS = ['plan_writing', 'price_lookup', 'price_completed', 'combining_results'] as const;

/** A recipe's run, or a meal plan's (its own title and stages, and each day's state as `/status` lists it). */
export type ProgressKind = 'recipe' | 'plan';

const RECIPE_STEPS = RUN_STEPS.filter((step) => step !== 'finished');

/** After this long a calm line says the run takes longer than usual. */
export const SLOW_AFTER_MS = 15_000;

/** What a phase waits for, in words ("the shops' prices"); an unknown phase falls back to its name. */
function waitingFor(phase: string | null): string {
  return tMaybe(`wait.${phase ?? 'starting'}`) ?? phaseWords(phase);
}

/** Each day of a meal plan with its state ("Day 2 · writing"). */
function dayStates(view: SessionStatusView): HTMLElement[] {
  return (view.days ?? []).map((day) =>
    h(
      'li',
      { class: `plan-day-state ${day.status}`, 'data-day': day.day, 'data-status': day.status },
      h('span', {}, t('plan.day', { n: day.day })),
      h('span', { class: 'badge' }, t(`planDay.${day.status}`)),
    ),
  );
}

/**
 * The run in progress: a bar, the phase in words (announced politely), the seconds since the run began
 * and what it waits for, a calm line once it is slow, the steps, and a cancel button. A meal plan's run
 * also lists its days and their states.
 */
export function progressView(
  initial: SessionStatusView,
  onCancel: () => Promise<void>,
  startedAt: number = Date.now(),
  kind: ProgressKind = 'recipe',
): ProgressView {
  const plan = kind === 'plan';
  const stepList: readonly string[] = plan ? PLAN_STEPS : RECIPE_STEPS;
  const barId = uid('progress');
  const daysTitle = uid('plan-days');
  const days = plan
    ? h('ol', { class: 'plan-days', 'data-testid': 'plan-days', 'aria-labelledby': daysTitle })
    : null;
  const bar = h('progress', { id: barId, max: 100, value: initial.progress, 'data-testid': 'progress-bar' });
  const words = h('p', {
    class: 'phase',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'progress-text',
  });
  const elapsed = h('p', { class: 'hint elapsed', 'data-testid': 'progress-elapsed' });
  const slow = h('p', { class: 'notice slow', role: 'status', 'data-testid': 'progress-slow' });
  const steps = h('ol', { class: 'steps' });
  const polling = h('p', { class: 'hint', hidden: true }, t('progress.polling'));
  const cancel = button(
    t('progress.cancel'),
    () => {
      cancel.disabled = true;
      cancel.textContent = t('progress.cancelling');
      void onCancel().catch(() => {
        cancel.disabled = false;
        cancel.textContent = t('progress.cancel');
      });
    },
    { class: 'secondary', 'data-testid': 'cancel' },
  );

  const root = h(
    'section',
    {
      class: plan ? 'screen progress-screen plan-progress-screen' : 'screen progress-screen',
      'data-screen': plan ? 'plan-progress' : 'progress',
    },
    h('h2', { tabindex: -1 }, plan ? t('planProgress.title') : t('progress.title')),
    h('label', { for: barId, class: 'progress-label' }, t('progress.label')),
    bar,
    words,
    elapsed,
    slow,
    days ? h('h3', { id: daysTitle }, t('planProgress.days')) : null,
    days,
    steps,
    polling,
    h('div', { class: 'actions' }, cancel),
  );

  let phase = initial.phase;
  const tick = (): void => {
    const ms = Math.max(0, Date.now() - startedAt);
    elapsed.textContent = t('progress.elapsed', { s: Math.floor(ms / 1000), waiting: waitingFor(phase) });
    const slowText = ms >= SLOW_AFTER_MS ? t('progress.slow') : '';
    if (slow.textContent !== slowText) slow.textContent = slowText;
  };
  // The clock stops by itself once the screen has been replaced.
  let shown = false;
  const clock = setInterval(() => {
    if (root.isConnected) shown = true;
    else if (shown) {
      clearInterval(clock);
      return;
    }
    tick();
  }, 1000);

  const update = (view: SessionStatusView): void => {
    phase = view.phase;
    tick();
    bar.value = view.progress;
    bar.textContent = `${view.progress}%`;
    root.dataset.status = view.status;
    root.dataset.phase = view.phase ?? '';
    const text = t('progress.status', { phase: phaseWords(view.phase), progress: view.progress });
    if (words.textContent !== text) words.textContent = text;
    if (days) replaceChildren(days, dayStates(view));
    const current = stepList.findIndex((step) => step === view.phase);
    replaceChildren(
      steps,
      stepList.map((step, index) => {
        const state =
          current < 0 ? 'todo' : index < current ? 'done' : index === current ? 'current' : 'todo';
        return h(
          'li',
          { class: state, 'aria-current': state === 'current' ? 'step' : null },
          phaseWords(step),
        );
      }),
    );
  };
  update(initial);

  return {
    root,
    update,
    setMode(mode) {
      root.dataset.mode = mode;
      polling.hidden = mode !== 'polling';
    },
    focus: () => focusHeading(root),
  };
}

import type { SessionStatusView } from '@ai-chef/contracts';
import { button, h, replaceChildren, uid } from '../dom-builder.js';
import { t } from '../i18n.js';
import type { WatchMode } from '../progress-watch.js';
import { phaseWords } from './phase-words.js';
import { focusHeading, type ViewHandle } from './view-handle.js';

export interface PlanProgressView extends ViewHandle {
  update(view: SessionStatusView): void;
  setMode(mode: WatchMode): void;
}

/** The stages of a meal plan after its days are written (docs/contract.md, Meal plans). */
const PLAN_STEPS = ['plan_writing', 'price_lookup', 'price_completed', 'combining_results'] as const;

/** A meal plan being written: the bar, the stage in words, each day's state as `/status` lists it, and cancel. */
export function planProgressView(
  initial: SessionStatusView,
  onCancel: () => Promise<void>,
): PlanProgressView {
  const barId = uid('plan-progress');
  const bar = h('progress', { id: barId, max: 100, value: initial.progress, 'data-testid': 'progress-bar' });
  const words = h('p', {
    class: 'phase',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'progress-text',
  });
  const daysTitle = uid('plan-days');
  const days = h('ol', { class: 'plan-days', 'data-testid': 'plan-days', 'aria-labelledby': daysTitle });
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
    { class: 'screen progress-screen plan-progress-screen', 'data-screen': 'plan-progress' },
    h('h2', { tabindex: -1 }, t('planProgress.title')),
    h('label', { for: barId, class: 'progress-label' }, t('progress.label')),
    bar,
    words,
    h('h3', { id: daysTitle }, t('planProgress.days')),
    days,
    steps,
    polling,
    h('div', { class: 'actions' }, cancel),
  );

  const update = (view: SessionStatusView): void => {
    bar.value = view.progress;
    bar.textContent = `${view.progress}%`;
    root.dataset.status = view.status;
    root.dataset.phase = view.phase ?? '';
    const text = t('progress.status', { phase: phaseWords(view.phase), progress: view.progress });
    if (words.textContent !== text) words.textContent = text;
    replaceChildren(
      days,
      (view.days ?? []).map((day) =>
        h(
          'li',
          { class: `plan-day-state ${day.status}`, 'data-day': day.day, 'data-status': day.status },
          h('span', {}, t('plan.day', { n: day.day })),
          h('span', { class: 'badge' }, t(`planDay.${day.status}`)),
        ),
      ),
    );
    const current = PLAN_STEPS.findIndex((step) => step === view.phase);
    replaceChildren(
      steps,
      PLAN_STEPS.map((step, index) => {
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

import type {
  Language,
  PlanBody,
  PlanResult,
  ProfileInput,
  ResultDocument,
  SessionStatusView,
} from '@ai-chef/contracts';
import { api } from './api-client.js';
import { describeError } from './describe-error.js';
import { lang, t } from './i18n.js';
import type { PlanChoice } from './plan-choice.js';
import type { ProfileDraft } from './profile-draft.js';
import type { Route } from './router.js';
import { loadSentProfile, typedWordsFor, useTypedWords } from './typed-words.js';
import { failureView } from './views/failure-view.js';
import { historyView } from './views/history-view.js';
import { languageNote } from './views/language-note.js';
import { loadingView } from './views/loading-view.js';
import { connectingView, errorView } from './views/notice-view.js';
import { planForm } from './views/plan-form.js';
import { planView } from './views/plan-view.js';
import { profileForm } from './views/profile-form.js';
import { progressView, type ProgressView } from './views/progress-view.js';
import { resultView } from './views/result-view.js';
import type { ViewHandle } from './views/view-handle.js';

/** The one screen the page shows, with what it shows. */
export type Screen =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'error'; title: string; message: string; retry: () => void }
  | { kind: 'form'; notice?: string }
  | { kind: 'progress'; status: SessionStatusView }
  | { kind: 'result'; result: ResultDocument; lateCancel?: boolean }
  | { kind: 'failed'; status: SessionStatusView }
  | { kind: 'loading' }
  | { kind: 'history' }
  | { kind: 'plan-form'; notice?: string }
  | { kind: 'plan-progress'; status: SessionStatusView }
  | { kind: 'plan'; result: PlanResult };

/** A meal plan's run is the one whose status lists its days. */
export const isPlanRun = (status: SessionStatusView): boolean => status.days !== undefined;

/** What the screens read of the page's state, and the page's actions they call. */
export interface ScreenContext {
  draft: ProfileDraft;
  planChoice: PlanChoice;
  lastProfile: ProfileInput | undefined;
  /** When the page began following the current run (the progress screen counts from it). */
  runStartedAt: number;
  sessionId(): string;
  onDraft(next: ProfileDraft): void;
  onPlanChoice(choice: PlanChoice): void;
  submit(profile: ProfileInput): Promise<void>;
  submitPlan(body: PlanBody): Promise<void>;
  cancel(): Promise<void>;
  retry(): Promise<void>;
  again(dish: string, servings?: number): Promise<void>;
  rerunIn(language: Language, dish: string): Promise<void>;
  go(route: Route): void;
  activity(): Promise<void>;
  renew(): Promise<void>;
}

/** Builds the view of `screen`; a progress screen's view is also returned as such, for its updates. */
export function screenView(
  screen: Screen,
  ctx: ScreenContext,
): { view: ViewHandle; progress?: ProgressView } {
  switch (screen.kind) {
    case 'connecting':
      return { view: connectingView(screen.attempt) };
    case 'error':
      return { view: errorView(screen.title, screen.message, screen.retry) };
    case 'form':
      return {
        view: profileForm({
          draft: ctx.draft,
          ...(screen.notice === undefined ? {} : { notice: screen.notice }),
          onChange: ctx.onDraft,
          onSubmit: ctx.submit,
          describeError,
          fridge: {
            api,
            sessionId: ctx.sessionId,
            onActivity: ctx.activity,
            onGone: ctx.renew,
            describeError,
          },
        }),
      };
    case 'progress':
    case 'plan-progress': {
      const progress = progressView(
        screen.status,
        ctx.cancel,
        ctx.runStartedAt,
        screen.kind === 'plan-progress' ? 'plan' : 'recipe',
      );
      return { view: progress, progress };
    }
    case 'result':
      return { view: resultScreen(screen.result, screen.lateCancel === true, ctx) };
    case 'failed': {
      const failedPlan = isPlanRun(screen.status);
      return {
        view: failureView(
          screen.status,
          ctx.retry,
          () => ctx.go({ name: failedPlan ? 'plan' : 'new' }),
          failedPlan ? t('failed.planTitle') : t('failed.title'),
        ),
      };
    }
    case 'loading':
      return { view: loadingView() };
    case 'history':
      return {
        view: historyView({ load: (offset) => api.results(ctx.sessionId(), 20, offset), describeError }),
      };
    case 'plan-form':
      return {
        view: planForm({
          draft: ctx.draft,
          choice: ctx.planChoice,
          ...(screen.notice === undefined ? {} : { notice: screen.notice }),
          onChange: ctx.onPlanChoice,
          onSubmit: ctx.submitPlan,
          describeError,
        }),
      };
    case 'plan':
      return { view: planView(screen.result, () => ctx.go({ name: 'plan' })) };
  }
}

/** A recipe's result, the person's words as they typed them, and a note when it was made in the other language. */
function resultScreen(result: ResultDocument, lateCancel: boolean, ctx: ScreenContext): ViewHandle {
  const dishName = result.recipe.recipeName;
  useTypedWords(
    typedWordsFor(loadSentProfile(localStorage, result.sessionId) ?? ctx.lastProfile ?? {}, result.profile),
  );
  const shown = resultView(result, {
    onEdit: () => ctx.go({ name: 'new' }),
    onMakeDish: (dish) => ctx.again(dish),
    onServings: (servings) => ctx.again(dishName, servings),
    describeError,
    ...(lateCancel ? { lateCancel: true } : {}),
  });
  const page = lang();
  if (result.profile.language !== page)
    shown.root.prepend(languageNote(page, result.profile.language, () => void ctx.rerunIn(page, dishName)));
  return shown;
}

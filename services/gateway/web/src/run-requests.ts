import type { Language, PlanBody, ProfileInput } from '@ai-chef/contracts';
import { DEFAULT_PLAN_CHOICE, type PlanChoice } from './plan-choice.js';
import { draftToProfile, loadDraft, saveDraft, type ProfileDraft } from './profile-draft.js';
import { loadSentProfile, saveSentProfile } from './typed-words.js';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * What the person asked for: the form as they left it (kept in storage), the plan form's choice, and
 * the last recipe and plan they sent, so "again", "try again" and "in my language" send the same.
 */
export class RunRequests {
  draft: ProfileDraft;
  planChoice: PlanChoice = DEFAULT_PLAN_CHOICE;
  lastProfile: ProfileInput | undefined;
  lastDish: string | undefined;
  lastPlan: PlanBody | undefined;

  constructor(
    private readonly storage: KeyValueStorage,
    language: Language,
  ) {
    this.draft = loadDraft(storage, language);
  }

  setDraft(next: ProfileDraft): void {
    this.draft = next;
    saveDraft(this.storage, next);
  }

  /** A recipe request sent for `sessionId`; the profile is kept for the session's results after a reload too. */
  recipeSent(sessionId: string, profile: ProfileInput, dish: string | undefined): void {
    this.lastProfile = profile;
    this.lastDish = dish;
    saveSentProfile(this.storage, sessionId, profile);
  }

  /** The profile last sent in this page, else the form's when it is valid. */
  profileToSendAgain(): ProfileInput | undefined {
    if (this.lastProfile) return this.lastProfile;
    const checked = draftToProfile(this.draft);
    return checked.ok ? checked.profile : undefined;
  }

  /** The form follows a new servings count chosen on a result. */
  servingsChosen(servings: number): void {
    this.setDraft({ ...this.draft, servings: String(servings) });
  }

  /** The page switched language: the recipe language follows it unless it was set apart from it. */
  pageLanguageChanged(previous: Language, next: Language): void {
    if (this.draft.language === previous) this.setDraft({ ...this.draft, language: next });
  }

  /**
   * The profile to make the session's result again in `language` (sent in this page, else kept for the
   * session, else the valid form's); the form takes that language from now on.
   */
  profileIn(language: Language, sessionId: string): ProfileInput | undefined {
    const sent = this.lastProfile ?? loadSentProfile(this.storage, sessionId);
    const fromDraft = draftToProfile(this.draft);
    const profile = sent ?? (fromDraft.ok ? fromDraft.profile : undefined);
    this.setDraft({ ...this.draft, language });
    return profile === undefined ? undefined : { ...profile, language };
  }
}

import { describe, expect, it } from '@jest/globals';
import type { ProfileInput } from '@ai-chef/contracts';
import { loadDraft } from './profile-draft.js';
import { RunRequests } from './run-requests.js';

class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
}

const sent: ProfileInput = { target: 'keto', servings: 3, language: 'ko' };

describe('RunRequests', () => {
  it('when nothing was sent, then again sends the valid form, and nothing when the form is invalid', () => {
    const requests = new RunRequests(new MemoryStorage(), 'ko');
    expect(requests.profileToSendAgain()).toMatchObject({ target: 'general', servings: 2 });
    requests.setDraft({ ...requests.draft, servings: 'many' });
    expect(requests.profileToSendAgain()).toBeUndefined();
  });

  it('when a recipe was sent, then again sends that profile, not the form as edited since', () => {
    const requests = new RunRequests(new MemoryStorage(), 'ko');
    requests.recipeSent('sess-1', sent, '소고기 미역국');
    requests.setDraft({ ...requests.draft, target: 'diet' });
    expect(requests.profileToSendAgain()).toBe(sent);
    expect(requests.lastDish).toBe('소고기 미역국');
  });

  it('when the draft changes, then a new page loads it from storage', () => {
    const storage = new MemoryStorage();
    const requests = new RunRequests(storage, 'ko');
    requests.servingsChosen(5);
    expect(loadDraft(storage, 'ko').servings).toBe('5');
    expect(new RunRequests(storage, 'ko').draft.servings).toBe('5');
  });

  it('when the page switches language, then the recipe language the form sends follows it', () => {
    const requests = new RunRequests(new MemoryStorage(), 'ko');
    requests.pageLanguageChanged('ko', 'en');
    expect(requests.draft.language).toBe('en');
    requests.pageLanguageChanged('en', 'ko');
    expect(requests.draft.language).toBe('ko');
  });

  it('when a result is made again in another language after a reload, then the profile kept for the session is sent in it', () => {
    const storage = new MemoryStorage();
    new RunRequests(storage, 'ko').recipeSent('sess-1', sent, undefined);
    const reloaded = new RunRequests(storage, 'ko');
    expect(reloaded.profileIn('en', 'sess-1')).toMatchObject({ ...sent, language: 'en' });
    expect(reloaded.draft.language).toBe('en');
    // Another session's kept profile is not used: the valid form is.
    expect(new RunRequests(storage, 'ko').profileIn('en', 'sess-2')).toMatchObject({
      target: 'general',
      language: 'en',
    });
  });
});

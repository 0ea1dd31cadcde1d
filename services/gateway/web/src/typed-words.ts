import type { ProfileInput, ResultDocument } from '@ai-chef/contracts';

/**
 * The person's own words for the names a result's profile holds: the server keeps allergies and
 * dislikes as catalog ids ("kiwi"), and a label shows what the person typed ("키위"), in whatever
 * language they typed it. Allergen keys and targets are named by the page's words instead (i18n.ts).
 */
export function typedWordsFor(sent: ProfileInput, profile: ResultDocument['profile']): Map<string, string> {
  const words = new Map<string, string>();
  // The server keeps each list in the order sent, each name once; when none collapsed, the lists pair up.
  const pair = (typed: readonly string[] | undefined, stored: readonly string[]): void => {
    if (!typed || typed.length !== stored.length) return;
    stored.forEach((id, index) => {
      const text = typed[index]?.trim();
      if (text && text !== id && !words.has(id)) words.set(id, text);
    });
  };
  pair(sent.allergies, profile.allergies);
  pair(sent.dislikes, profile.dislikes);
  return words;
}

let current = new Map<string, string>();

/** The words of the result on screen (set by the app before it shows a result). */
export function useTypedWords(words: Map<string, string>): void {
  current = words;
}

/** What the person typed for an id of the result on screen, if they typed it. */
export function typedWord(id: string): string | undefined {
  return current.get(id);
}

const SENT_KEY = 'aiChefSentProfile';

/** The profile last sent for a session, kept so a reloaded result still shows the person's words. */
export function saveSentProfile(storage: Pick<Storage, 'setItem'>, sessionId: string, profile: ProfileInput): void {
  try {
    storage.setItem(SENT_KEY, JSON.stringify({ sessionId, profile }));
  } catch {
    // Without storage the words last for this page only.
  }
}

export function loadSentProfile(storage: Pick<Storage, 'getItem'>, sessionId: string): ProfileInput | undefined {
  try {
    const stored = JSON.parse(storage.getItem(SENT_KEY) ?? 'null') as { sessionId?: unknown; profile?: unknown } | null;
    if (stored?.sessionId !== sessionId || typeof stored.profile !== 'object' || stored.profile === null) return undefined;
    const profile = stored.profile as Record<string, unknown>;
    const names = (value: unknown): string[] | undefined =>
      Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
    return { ...(profile as ProfileInput), allergies: names(profile.allergies) ?? [], dislikes: names(profile.dislikes) ?? [] };
  } catch {
    return undefined;
  }
}

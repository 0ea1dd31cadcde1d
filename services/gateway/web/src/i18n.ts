import { en } from './messages-en.js';
import { ko, type MessageKey } from './messages-ko.js';

/** Korean first, English on request; the choice is remembered in localStorage. */
export type Lang = 'ko' | 'en';
export type { MessageKey };

const STORAGE_KEY = 'aiChefLanguage';
/** The browser's storage where there is one (this module is also loaded by tests under Node). */
interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
const storage = (): KeyValueStore | undefined =>
  (globalThis as { localStorage?: KeyValueStore }).localStorage;
const dictionaries: Record<Lang, Record<MessageKey, string>> = { ko, en };

function storedLang(): Lang {
  try {
    return storage()?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
}

let current: Lang = storedLang();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  try {
    storage()?.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

/** The message in the current language with `{name}` placeholders filled in. */
export function t(key: MessageKey, vars: Readonly<Record<string, string | number>> = {}): string {
  return dictionaries[current][key].replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

/** For labels whose key is built from data (a rule, a unit): undefined when there is no message. */
export function tMaybe(
  key: string,
  vars: Readonly<Record<string, string | number>> = {},
): string | undefined {
  return key in ko ? t(key as MessageKey, vars) : undefined;
}

export function formatWon(amount: number): string {
  return current === 'ko' ? `${amount.toLocaleString('ko-KR')}원` : `₩${amount.toLocaleString('en-US')}`;
}

export function formatNumber(value: number, maxDigits = 1): string {
  return value.toLocaleString(current === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: maxDigits });
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(current === 'ko' ? 'ko-KR' : 'en-GB', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Every key of both dictionaries, for the completeness test. */
export const MESSAGES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = dictionaries;

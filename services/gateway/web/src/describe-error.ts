import { ApiError } from './api-client.js';
import { lang, t, tMaybe } from './i18n.js';

/** Words for a failed request: the server's own message, or what went wrong on the way. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'timeout') return t('error.timeout');
    if (err.status === 0) return t('error.network');
    // The server's own messages are English: a Korean page names the codes it knows in its words.
    return (
      tMaybe(`apiError.${err.code}`) ?? (lang() === 'en' && err.message ? err.message : t('error.generic'))
    );
  }
  return t('error.generic');
}

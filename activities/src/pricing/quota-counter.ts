/**
 * Naver's daily call quota for one client id. `tryConsume` reserves calls before they are made; when
 * it answers false no call may be made and the caller falls back to the reference price.
 */
export interface QuotaCounter {
  tryConsume(n?: number): Promise<boolean>;
}

/** Naver Shopping search: 25,000 calls a day per application (client id). */
export const NAVER_DAILY_QUOTA = 25_000;

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Korean calendar day of an instant: Naver's quota resets at midnight KST (UTC+9, no DST). */
export function kstDay(epochMs: number): number {
  return Math.floor((epochMs + KST_OFFSET_MS) / DAY_MS);
}

export interface MemoryQuotaCounterOptions {
  dailyLimit?: number;
  now?: () => number;
}

/** A per-process counter: one instance per client id. */
export function createMemoryQuotaCounter(options: MemoryQuotaCounterOptions = {}): QuotaCounter & {
  used(): number;
} {
  const dailyLimit = options.dailyLimit ?? NAVER_DAILY_QUOTA;
  const now = options.now ?? Date.now;
  let day = kstDay(now());
  let used = 0;

  function roll(): void {
    const today = kstDay(now());
    if (today !== day) {
      day = today;
      used = 0;
    }
  }

  return {
    tryConsume(n = 1) {
      roll();
      if (!Number.isInteger(n) || n < 0)
        return Promise.reject(new RangeError(`quota units must be a whole number ≥ 0, got ${n}`));
      if (used + n > dailyLimit) return Promise.resolve(false);
      used += n;
      return Promise.resolve(true);
    },
    used() {
      roll();
      return used;
    },
  };
}

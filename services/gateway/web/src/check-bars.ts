import type { RuleCheck } from '@ai-chef/contracts';

/** Where a check's value and limit sit on a bar, in percent of its width. */
export interface CheckBar {
  valuePercent: number;
  /** A single limit (a maximum or a minimum). */
  limitPercent?: number;
  /** A range the value must fall in ("20–30"). */
  rangePercent?: [number, number];
}

const HEADROOM = 1.25;

/** The numbers in a limit: 5 → [5]; "20–30" → [20, 30]; ">50" → [50]; "any" or "easy|medium" → []. */
export function limitNumbers(limit: RuleCheck['limit']): number[] {
  if (Array.isArray(limit)) return limit.filter((n) => Number.isFinite(n));
  if (typeof limit === 'number') return Number.isFinite(limit) ? [limit] : [];
  return [...limit.matchAll(/\d+(?:\.\d+)?/g)].map((match) => Number(match[0]));
}

/**
 * A bar for checks that compare a number with a numeric limit; none for yes/no checks (an
 * allergen present or not: limit 0) or words (difficulty, stage).
 */
export function checkBar(check: Pick<RuleCheck, 'limit' | 'value'>): CheckBar | undefined {
  if (typeof check.value !== 'number' || !Number.isFinite(check.value)) return undefined;
  const limits = limitNumbers(check.limit);
  const top = Math.max(...limits, 0);
  if (limits.length === 0 || top <= 0) return undefined;
  const scale = Math.max(top, check.value) * HEADROOM;
  const percent = (n: number): number => Math.round((Math.max(0, n) / scale) * 1000) / 10;
  const bar: CheckBar = { valuePercent: percent(check.value) };
  const [low, high] = limits;
  if (limits.length >= 2 && low !== undefined && high !== undefined)
    bar.rangePercent = [percent(low), percent(high)];
  else if (low !== undefined) bar.limitPercent = percent(low);
  return bar;
}

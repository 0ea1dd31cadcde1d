import type { RuleCheck } from '@ai-chef/contracts';
import { allergenLabel } from '../allergen-options.js';
import { checkBar } from '../check-bars.js';
import { h } from '../dom-builder.js';
import { formatNumber, lang, t, tMaybe } from '../i18n.js';
import { typedWord } from '../typed-words.js';

function ruleLabel(rule: string): string {
  const [kind, ...rest] = rule.split('.');
  const subject = rest.join('.');
  // Allergen keys in the page's words; anything else as the person typed it.
  if (kind === 'allergy')
    return t('rule.allergy', { name: allergenLabel(subject, lang()) ?? typedWord(subject) ?? subject });
  if (kind === 'dislike') return t('rule.dislike', { name: typedWord(subject) ?? subject });
  return tMaybe(`rule.${rule}`) ?? rule;
}

function unitWords(unit: string): string {
  return tMaybe(`unit.${unit}`) ?? unit;
}

/** A number or word with its unit: "2.1 g", "20분", "74.3%", "쉬움". */
function withUnit(shown: string, unit: string): string {
  const words = unitWords(unit);
  if (words === '') return shown;
  // Korean units and percent signs sit right after the number; Latin units get a space.
  return /^[%\u3131-\uD79D]/.test(words) ? `${shown}${words}` : `${shown} ${words}`;
}

function measure(value: number | string, unit: string): string {
  if (typeof value === 'number') return withUnit(formatNumber(value), unit);
  return withUnit(tMaybe(`difficulty.${value}`) ?? tMaybe(`value.${value}`) ?? value, unit);
}

function limitText(limit: RuleCheck['limit'], unit: string): string {
  if (Array.isArray(limit)) return withUnit(`${formatNumber(limit[0])}–${formatNumber(limit[1])}`, unit);
  if (typeof limit === 'number') return measure(limit, unit);
  // "easy|medium" → "쉬움/보통"; ranges and ">50" keep their numbers and take the unit.
  const words = limit
    .split('|')
    .map((part) => tMaybe(`difficulty.${part}`) ?? part)
    .join('/');
  return /\d/.test(words) ? withUnit(words, unit) : words;
}

/** The value against its limit in the words of the rule's kind: "4.1 g · 5 g 이하", "… · 70–80% 사이". */
function checkReading(check: RuleCheck): string {
  const value = measure(check.value, check.unit);
  if (check.kind === 'none' || (check.unit === 'ingredients' && check.limit === 0))
    return check.value === 0 ? t('checks.none') : t('checks.found', { n: check.value });
  if (check.kind === 'range' && Array.isArray(check.limit))
    return t('checks.between', {
      value,
      low: formatNumber(check.limit[0]),
      high: withUnit(formatNumber(check.limit[1]), check.unit),
    });
  const limit = limitText(check.limit, check.unit);
  if (check.kind === 'max') return t('checks.atMost', { value, limit });
  if (check.kind === 'min') return t('checks.atLeast', { value, limit });
  return t('checks.measure', { value, limit });
}

/** One rule's check: its name, the verdict, a bar against its limit and the reading in the words of its kind. */
export function checkRow(check: RuleCheck): HTMLElement {
  const bar = checkBar(check);
  const reading = checkReading(check);
  return h(
    'li',
    { class: `check-row ${check.ok ? 'ok' : 'not-ok'}`, 'data-rule': check.rule },
    h(
      'div',
      { class: 'check-head' },
      h('span', { class: 'check-name' }, ruleLabel(check.rule)),
      h(
        'span',
        { class: `badge ${check.ok ? 'good' : 'bad'}` },
        h('span', { 'aria-hidden': 'true' }, check.ok ? '✓ ' : '✗ '),
        check.ok ? t('checks.ok') : t('checks.notOk'),
      ),
    ),
    bar
      ? h(
          'div',
          { class: 'bar-track', 'aria-hidden': 'true' },
          bar.rangePercent
            ? h('div', {
                class: 'bar-range',
                style: `left:${bar.rangePercent[0]}%;width:${bar.rangePercent[1] - bar.rangePercent[0]}%`,
              })
            : null,
          h('div', { class: 'bar-fill', style: `width:${bar.valuePercent}%` }),
          bar.limitPercent === undefined
            ? null
            : h('div', { class: 'bar-limit', style: `left:${bar.limitPercent}%` }),
        )
      : null,
    h('p', { class: 'check-reading' }, reading),
    !check.ok && check.reason ? h('p', { class: 'check-reason' }, check.reason) : null,
  );
}

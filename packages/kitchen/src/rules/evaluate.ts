import type { Language, RuleCheck } from '@ai-chef/contracts';
import type { RecipeFacts } from './recipe-facts.js';
import type { ForbidRule, Label, LimitRule, RangeRule, RuleSpec } from './rule-spec.js';

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Units as a sentence reads them; the check itself keeps the short unit. */
const UNIT_WORDS: Readonly<Record<string, Label>> = {
  '% energy': { ko: '%(열량 중)', en: '% of the energy' },
  ingredients: { ko: '가지', en: ' ingredients' },
  min: { ko: '분', en: ' min' },
  g: { ko: 'g', en: ' g' },
  mg: { ko: 'mg', en: ' mg' },
  kcal: { ko: 'kcal', en: ' kcal' },
  mentions: { ko: '번', en: ' mentions' },
};

function withUnit(value: number | string, unit: string, language: Language): string {
  const word = UNIT_WORDS[unit];
  return word === undefined ? `${value} ${unit}` : `${value}${word[language]}`;
}

function shown(rule: LimitRule, value: number, language: Language): number | string {
  return rule.scale === undefined ? value : (rule.scale[value - 1]?.[language] ?? value);
}

function checkLimit(rule: LimitRule, facts: RecipeFacts): RuleCheck {
  const language = facts.profile.language;
  const value = round1(rule.measure(facts));
  const ok = rule.kind === 'max' ? value <= rule.limit : value >= rule.limit;
  const limit = shown(rule, rule.limit, language);
  const check: RuleCheck = {
    rule: rule.id,
    kind: rule.kind,
    limit,
    value: shown(rule, value, language),
    unit: rule.unit,
    ok,
  };
  if (ok) return check;
  const label = rule.label[language];
  const v = withUnit(check.value, rule.unit, language);
  const l = withUnit(limit, rule.unit, language);
  const reason =
    language === 'en'
      ? `${capitalise(label)} is ${v}; it must be at ${rule.kind === 'max' ? 'most' : 'least'} ${l}.`
      : `${label} ${v}: ${l} ${rule.kind === 'max' ? '이하여야' : '이상이어야'} 합니다.`;
  return { ...check, reason };
}

function checkRange(rule: RangeRule, facts: RecipeFacts): RuleCheck {
  const language = facts.profile.language;
  const value = round1(rule.measure(facts));
  const [low, high] = rule.limit;
  const ok = value >= low && value <= high;
  const check: RuleCheck = { rule: rule.id, kind: 'range', limit: [low, high], value, unit: rule.unit, ok };
  if (ok) return check;
  const label = rule.label[language];
  const v = withUnit(value, rule.unit, language);
  const range = `${low}–${withUnit(high, rule.unit, language)}`;
  const reason =
    language === 'en'
      ? `${capitalise(label)} is ${v}; it must be within ${range}.`
      : `${label} ${v}: ${range} 범위여야 합니다.`;
  return { ...check, reason };
}

function checkForbidden(rule: ForbidRule, facts: RecipeFacts): RuleCheck {
  const language = facts.profile.language;
  const found = rule.find(facts);
  const check: RuleCheck = {
    rule: rule.id,
    kind: 'none',
    limit: 0,
    value: found.length,
    unit: 'ingredients',
    ok: found.length === 0,
  };
  if (check.ok) return check;
  const names = found.map((label) => label[language]).join(', ');
  const label = rule.label[language];
  return { ...check, reason: language === 'en' ? `${capitalise(label)}: ${names}.` : `${label}: ${names}.` };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every declared rule checked against the recipe, in the order given, each with its numbers. */
export function evaluateRules(rules: readonly RuleSpec[], facts: RecipeFacts): RuleCheck[] {
  return rules.map((rule) => {
    switch (rule.kind) {
      case 'max':
      case 'min':
        return checkLimit(rule, facts);
      case 'range':
        return checkRange(rule, facts);
      case 'none':
        return checkForbidden(rule, facts);
    }
  });
}

/** The rules a recipe breaks. */
export function brokenRules(checks: readonly RuleCheck[]): RuleCheck[] {
  return checks.filter((check) => !check.ok);
}

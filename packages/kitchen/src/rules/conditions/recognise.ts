import type { HealthConditionKey } from '@ai-chef/contracts';
import type { ConditionModule } from '../rule-spec.js';

/** How condition words are compared: lower case, no spaces, hyphens or underscores ("High-Blood Pressure"). */
export function conditionKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[\s\-_·]+/g, '');
}

/**
 * The conditions a person's words name, by keyword (substring): "제2형 당뇨" → diabetes, "임신성 당뇨" →
 * pregnancy and diabetes. A stored key names itself.
 */
export function recogniseCondition(
  text: string,
  modules: readonly ConditionModule[],
): HealthConditionKey[] {
  const normalised = conditionKey(text);
  return modules
    .filter(
      (module) =>
        normalised === module.key.replace(/_/g, '') ||
        module.keywords.some((keyword) => normalised.includes(conditionKey(keyword))),
    )
    .map((module) => module.key);
}

import type { Profile } from '@ai-chef/contracts';
import { TARGET_MODULES } from '../rules/index.js';
import type { Rejection } from './adapt.js';

/** Why no library dish passes, in sentences a person can act on: the commonest broken rules, with examples. */
export function explainRejections(rejections: readonly Rejection[], total: number, profile: Profile): string[] {
  const en = profile.language === 'en';
  const label = TARGET_MODULES[profile.target].label[profile.language];
  if (total === 0) {
    return [en ? `The recipe library has no ${label} recipe for this profile.` : `이 조건에 맞는 ${label} 레시피가 없습니다.`];
  }
  const excluded = rejections.filter((rejection) => rejection.kind === 'excluded');
  const reasons: string[] = [];
  if (excluded.length === total) {
    reasons.push(
      en
        ? `Allergies and dislikes exclude every ${label} recipe (${total} tried).`
        : `알레르기와 싫어하는 재료 때문에 ${label} 레시피 ${total}가지를 모두 쓸 수 없습니다.`,
    );
  } else if (excluded.length > 0) {
    reasons.push(
      en
        ? `Allergies and dislikes exclude ${excluded.length} of ${total} ${label} recipes.`
        : `알레르기와 싫어하는 재료 때문에 ${label} 레시피 ${total}가지 중 ${excluded.length}가지를 쓸 수 없습니다.`,
    );
  }
  const counts = new Map<string, { count: number; reason: string }>();
  for (const rejection of rejections) {
    if (rejection.kind !== 'rules') continue;
    for (const { rule, reason } of rejection.reasons) {
      const known = counts.get(rule);
      counts.set(rule, { count: (known?.count ?? 0) + 1, reason: known?.reason ?? reason });
    }
  }
  const common = [...counts.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)).slice(0, 3);
  for (const { count, reason } of common) {
    reasons.push(en ? `${reason} (${count} of ${total} recipes)` : `${reason} (${total}가지 중 ${count}가지)`);
  }
  const examples = excluded.flatMap((rejection) => rejection.reasons.map((entry) => entry.reason)).slice(0, 3);
  if (examples.length > 0) reasons.push((en ? 'For example: ' : '예: ') + [...new Set(examples)].join('; '));
  return reasons;
}

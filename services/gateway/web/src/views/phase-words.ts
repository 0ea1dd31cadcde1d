import { t, tMaybe } from '../i18n.js';

/** The steps of a run in order, as the progress list shows them. */
export const RUN_STEPS = [
  'recipe_generation',
  'recipe_completed',
  'price_lookup',
  'price_completed',
  'combining_results',
  'finished',
] as const;

/** A phase in words; an unknown phase (a newer server) is shown as it is. */
export function phaseWords(phase: string | null): string {
  if (phase === null) return t('phase.starting');
  return tMaybe(`phase.${phase}`) ?? phase;
}

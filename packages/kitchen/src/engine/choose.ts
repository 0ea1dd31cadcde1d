/**
 * How the engine picks among the dishes that pass every rule. A score says how well a dish fits the
 * person (what it uses from their fridge, how much it had to change, whether it fits the budget); the
 * choice is then random among the best, weighted towards the best, so the same person meets a
 * different dish from run to run.
 */

/** Points per fridge item a dish uses: using what is at home is the point of the fridge target. */
export const FRIDGE_ITEM_POINTS = { fridgeTarget: 10, otherTargets: 1 } as const;
/** A dish built from the fridge (a template that takes in whatever is there) ranks below a real dish using as much. */
export const TEMPLATE_DISH_POINTS = -1;
/** Each change from the library's dish makes it a little less the dish it was. */
export const SWAP_POINTS = -1;
export const LEFT_OUT_POINTS = -1.5;
export const POOR_FIT_POINTS = -1.5;
/** Fitting the budget outweighs the rest; over it, the further over the worse. */
export const WITHIN_BUDGET_POINTS = 3;
export const OVER_BUDGET_POINTS = -3;

/** The draw keeps dishes within this many points of the best (at least CHOICE_MIN_POOL, at most CHOICE_MAX_POOL). */
export const CHOICE_SCORE_WINDOW = 3;
export const CHOICE_MIN_POOL = 5;
export const CHOICE_MAX_POOL = 8;

export interface ScoreParts {
  fridgeItemsUsed: number;
  fridgeTarget: boolean;
  templateDish: boolean;
  swaps: number;
  leftOut: number;
  poorFits: number;
  outOfPocket: number;
  budget: number;
}

export function score(parts: ScoreParts): number {
  let value =
    parts.fridgeItemsUsed * (parts.fridgeTarget ? FRIDGE_ITEM_POINTS.fridgeTarget : FRIDGE_ITEM_POINTS.otherTargets);
  if (parts.fridgeTarget && parts.templateDish) value += TEMPLATE_DISH_POINTS;
  value += parts.swaps * SWAP_POINTS + parts.leftOut * LEFT_OUT_POINTS + parts.poorFits * POOR_FIT_POINTS;
  value +=
    parts.outOfPocket <= parts.budget ? WITHIN_BUDGET_POINTS : OVER_BUDGET_POINTS - parts.outOfPocket / parts.budget;
  return value;
}

export interface Choosable {
  id: string;
  score: number;
  withinBudget: boolean;
}

/**
 * The order in which to offer dishes: a weighted draw without replacement among the best, then the rest by
 * score. Dishes the session had are offered only after every other; dishes over the budget only when none
 * fits. Within the pool the weights fall with rank (k, k−1, …, 1): the best fit is the likeliest, and with
 * five or more in the pool no one dish is drawn more than a third of the time.
 */
export function choiceOrder<T extends Choosable>(
  candidates: readonly T[],
  avoid: ReadonlySet<string>,
  random: () => number,
): T[] {
  const groups = [
    candidates.filter((c) => !avoid.has(c.id) && c.withinBudget),
    candidates.filter((c) => !avoid.has(c.id) && !c.withinBudget),
    candidates.filter((c) => avoid.has(c.id)),
  ].map((group) => [...group].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)));
  const order: T[] = [];
  for (const group of groups) {
    if (group.length === 0) continue;
    const best = group[0]!.score;
    const close = group.filter((c) => c.score >= best - CHOICE_SCORE_WINDOW).length;
    const size = Math.min(group.length, CHOICE_MAX_POOL, Math.max(CHOICE_MIN_POOL, close));
    const pool = group.slice(0, size);
    while (pool.length > 0) {
      const weights = pool.map((_, rank) => pool.length - rank);
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      let pick = random() * total;
      let index = 0;
      while (index < pool.length - 1 && pick >= weights[index]!) {
        pick -= weights[index]!;
        index += 1;
      }
      order.push(pool.splice(index, 1)[0]!);
    }
    order.push(...group.slice(size));
  }
  return order;
}

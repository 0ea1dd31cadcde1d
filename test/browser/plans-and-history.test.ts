import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { PlanResult, ResultList } from '@ai-chef/contracts';
import { call } from '../support/http.js';
import {
  PHONE,
  SIZES,
  axeViolations,
  screenshot,
  shownSessionId,
  waitForScreen,
  won,
} from './browser-harness.js';
import { useBrowserStack } from './browser-stack.js';

// Shop offers from the Naver fake; a model that takes a moment a meal, and one day written at a time,
// so a plan's days are seen writing and written one after the other.
const MODEL_MS = 1_200;

/** How a check's reading words its limit, by the rule's kind ("… · 5 g 이하"). */
const KIND_WORDS: Partial<Record<string, string>> = { max: '이하', min: '이상', range: '사이' };

const fixture = useBrowserStack({ fakes: true, env: { PLAN_DAYS_AT_ONCE: '1' } });

async function hash(page: Page): Promise<string> {
  return String(await page.evaluate('location.hash'));
}

/** Waits until the address satisfies `ok` (polled: the page's CSP rightly refuses waitForFunction's eval). */
async function waitForHash(page: Page, ok: (hash: string) => boolean, timeout = 60_000): Promise<void> {
  const until = Date.now() + timeout;
  for (let now = await hash(page); !ok(now); now = await hash(page)) {
    if (Date.now() > until) throw new Error(`the address stayed ${now}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every state a plan day shows, kept in sessionStorage so a reload in the middle of the plan keeps them too. */
const DAY_STATES_SCRIPT = `(() => {
  const record = () => {
    const seen = JSON.parse(sessionStorage.getItem('planDayStates') || '[]');
    for (const li of document.querySelectorAll('[data-testid="plan-days"] li')) {
      const entry = li.getAttribute('data-day') + ':' + li.getAttribute('data-status');
      if (!seen.includes(entry)) seen.push(entry);
    }
    sessionStorage.setItem('planDayStates', JSON.stringify(seen));
  };
  new MutationObserver(record).observe(document, { subtree: true, childList: true, attributes: true });
})()`;

async function recordDayStates(page: Page): Promise<void> {
  await page.addInitScript({ content: DAY_STATES_SCRIPT });
  await page.evaluate(DAY_STATES_SCRIPT);
}

/** Elements matching `selector` that are visible as the page is now (on screen or in print). */
async function visibleCount(page: Page, selector: string): Promise<number> {
  let visible = 0;
  for (const element of await page.locator(selector).all()) if (await element.isVisible()) visible += 1;
  return visible;
}

describe.each(SIZES)('a meal plan (%s)', (size, viewport) => {
  it('when a 2-day × 2-meal plan is asked for, then each day shows its progress and the plan shows days × meals, day checks and one basket', async () => {
    fixture.model.setBehaviour(() => ({ kind: 'delay', ms: MODEL_MS, then: { kind: 'recipe' } }));
    const { page, context, problems, trace } = await fixture.open(viewport);
    try {
      await waitForScreen(page, 'form');
      const id = await shownSessionId(page);
      // The plan is made for the profile the recipe form holds.
      await page.getByRole('radio', { name: /키토/ }).check();
      await page.getByRole('link', { name: '식단 계획' }).click();
      await waitForScreen(page, 'plan-form');
      expect(await hash(page)).toBe('#/plan');
      expect(await page.getByRole('link', { name: '식단 계획' }).getAttribute('aria-current')).toBe('page');
      expect(await page.getByTestId('plan-profile').textContent()).toContain('키토');
      await page.getByLabel('날 수 (1–7)').selectOption('2');
      await page.getByLabel('하루 끼니 수 (1–3)').selectOption('2');
      expect(await page.getByTestId('plan-size').textContent()).toBe('2일 × 하루 2끼 = 4끼');
      await screenshot(page, `plan-form-${size}`);
      expect(await axeViolations(page)).toEqual([]);

      // A reload keeps the plan form.
      await page.reload();
      await waitForScreen(page, 'plan-form');
      await page.getByLabel('날 수 (1–7)').selectOption('2');
      await page.getByLabel('하루 끼니 수 (1–3)').selectOption('2');

      await recordDayStates(page);
      await page.getByRole('button', { name: '식단 짜기' }).click();
      await waitForScreen(page, 'plan-progress');
      expect(await hash(page)).toBe('#/run');
      expect(await page.getByTestId('plan-days').locator('li').count()).toBe(2);
      // A plan's progress counts the seconds and says what it waits for, as a recipe's does.
      expect(await page.getByTestId('progress-elapsed').textContent()).toMatch(
        /^\d+초 지남 · 기다리는 것: \S/,
      );
      await screenshot(page, `plan-progress-${size}`);
      expect(await axeViolations(page)).toEqual([]);
      // A reload while the plan runs follows it again at the same address.
      await page.reload();
      await waitForScreen(page, 'plan-progress');
      expect(await hash(page)).toBe('#/run');

      await waitForScreen(page, 'plan', 120_000);
      const { body: result } = await call<PlanResult>(
        fixture.stack.gatewayUrl,
        'GET',
        `/session/${id}/result`,
      );
      expect(result.kind).toBe('plan');
      expect(await hash(page)).toBe(`#/plan/${result.runId}`);

      // Progress per day: day 1 written while day 2 was still writing, then both written.
      const dayStates = JSON.parse(
        String(await page.evaluate("sessionStorage.getItem('planDayStates')")),
      ) as string[];
      expect(dayStates).toEqual(expect.arrayContaining(['1:writing', '2:writing', '1:written', '2:written']));
      const progress = (await trace()).filter((entry) => entry.startsWith('plan-progress|'));
      expect(progress).toEqual(expect.arrayContaining(['plan-progress|날짜별 식단을 쓰는 중 (40%)']));

      // Days × meals as the result has them; each dish opens its recipe.
      expect(result.days).toHaveLength(2);
      const days = page.getByTestId('plan-day');
      expect(await days.count()).toBe(2);
      const worded: string[] = [];
      for (const [index, day] of result.days.entries()) {
        const shown = days.nth(index);
        expect(await shown.getByTestId('meal-name').allTextContents()).toEqual(
          day.meals.map((meal) => meal.recipe.recipeName),
        );
        expect(await shown.getByTestId('day-checks').locator('li').count()).toBe(day.nutrition.checks.length);
        for (const check of day.nutrition.checks) {
          const row = shown.locator(`[data-rule="${check.rule}"]`);
          expect(await row.getAttribute('class')).toContain(check.ok ? ' ok' : 'not-ok');
          // The reading says how the value stands to its limit, by the rule's kind.
          const word = KIND_WORDS[check.kind];
          if (word) {
            expect(await row.locator('.check-reading').textContent()).toContain(word);
            worded.push(check.kind);
          }
        }
      }
      expect(result.days[0]!.nutrition.checks.map((check) => check.rule)).toContain('day.keto.net_carbs');
      expect(worded).toEqual(expect.arrayContaining(['max']));
      const firstMeal = page.getByTestId('plan-meal').first();
      const firstIngredient = firstMeal.locator('.ingredients li').first();
      expect(await firstIngredient.isVisible()).toBe(false);
      await firstMeal.locator('summary').click();
      expect(await firstIngredient.isVisible()).toBe(true);
      expect(await firstMeal.locator('.ingredients li').count()).toBe(
        result.days[0]!.meals[0]!.recipe.ingredients.length,
      );

      // ONE basket for the whole plan, with what it costs and the cost per meal.
      expect(await page.getByTestId('plan-basket').count()).toBe(1);
      expect(await page.getByTestId('total-cost').textContent()).toBe(won(result.summary.totalCost));
      expect(await page.getByTestId('cost-per-meal').textContent()).toBe(won(result.summary.costPerMeal));
      expect(await page.getByTestId('used-cost-per-meal').textContent()).toBe(
        won(result.summary.usedCostPerMeal),
      );
      expect(await page.locator('.plan-basket .basket-item').count()).toBe(
        result.pricing.items.filter((item) => item.chosen !== null).length,
      );
      await screenshot(page, `plan-${size}`);
      expect(await axeViolations(page)).toEqual([]);

      // Reload shows the same plan; Back goes to the plan form (the run's address was replaced), Forward returns.
      await page.reload();
      await waitForScreen(page, 'plan');
      expect(await page.locator('[data-screen="plan"]').getAttribute('data-run-id')).toBe(result.runId);
      await page.goBack();
      await waitForScreen(page, 'plan-form');
      expect(await hash(page)).toBe('#/plan');
      await page.goForward();
      await waitForScreen(page, 'plan');
      expect(await hash(page)).toBe(`#/plan/${result.runId}`);

      // Printed, the plan is its meals (opened) and its basket, without the frame or any control.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.top').isVisible()).toBe(false);
      expect(await page.locator('footer').isVisible()).toBe(false);
      expect(await visibleCount(page, 'button')).toBe(0);
      expect(await page.getByTestId('plan-basket').isVisible()).toBe(true);
      expect(await visibleCount(page, '.meal .ingredients')).toBe(4);
      await screenshot(page, `plan-print-${size}`);
      await page.emulateMedia({ media: 'screen' });

      // The history lists the plan by its days and opens it at its own address.
      await page.getByRole('link', { name: '기록' }).click();
      await waitForScreen(page, 'history');
      await page.locator('[data-screen="history"][data-loaded="true"]').waitFor();
      const entry = page.locator(`[data-run-id="${result.runId}"]`);
      expect(await entry.getAttribute('data-kind')).toBe('plan');
      expect(await entry.locator('.history-name').textContent()).toBe('2일 식단');
      await entry.getByRole('link').click();
      await waitForScreen(page, 'plan');
      expect(await hash(page)).toBe(`#/plan/${result.runId}`);

      // In English the plan keeps its dishes and names its days and basket in English.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Day 1' }).waitFor();
      await page.getByRole('heading', { name: 'One basket for the whole plan' }).waitFor();
      expect(await page.getByTestId('plan-title').textContent()).toBe('2 days × 2 meals a day');
      expect(await page.getByTestId('meal-name').first().textContent()).toBe(
        result.days[0]!.meals[0]!.recipe.recipeName,
      );
      expect(problems).toEqual([]);
    } finally {
      fixture.model.setBehaviour(() => ({ kind: 'recipe' }));
      await context.close();
    }
  });
});

describe.each(SIZES)('history and addresses (%s)', (size, viewport) => {
  it('when two recipes are made, then reload shows the second, history lists both and opens the older, and Back and Forward walk the views', async () => {
    // The model refuses (400, not retried): the built-in engine answers at once, never with a dish the session had.
    fixture.model.setBehaviour(() => ({ kind: 'error', status: 400 }));
    const { page, context, problems } = await fixture.open(viewport);
    try {
      await waitForScreen(page, 'form');
      const id = await shownSessionId(page);
      expect(await hash(page)).toBe('#/new');
      await page.getByRole('button', { name: '레시피 만들기' }).click();
      await waitForScreen(page, 'result');
      const first = await fixture.resultOf(id);
      expect(await hash(page)).toBe(`#/result/${first.runId}`);

      await page.getByTestId('edit-profile').click();
      await waitForScreen(page, 'form');
      expect(await hash(page)).toBe('#/new');
      await page.getByRole('button', { name: '레시피 만들기' }).click();
      await waitForHash(page, (now) => now.startsWith('#/result/') && now !== `#/result/${first.runId}`);
      await waitForScreen(page, 'result');
      const second = await fixture.resultOf(id);
      expect(second.runId).not.toBe(first.runId);
      expect(second.recipe.recipeName).not.toBe(first.recipe.recipeName);
      expect(await hash(page)).toBe(`#/result/${second.runId}`);

      // A reload after the second run shows the second result.
      await page.reload();
      await waitForScreen(page, 'result');
      expect(await page.getByTestId('recipe-name').textContent()).toBe(second.recipe.recipeName);

      // Printed, the recipe is its dish, ingredients, steps and basket: no frame, controls or nutrition.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.top').isVisible()).toBe(false);
      expect(await page.locator('footer').isVisible()).toBe(false);
      expect(await visibleCount(page, 'button, input, select, nav, form')).toBe(0);
      expect(await page.getByTestId('nutrition').isVisible()).toBe(false);
      expect(await page.getByTestId('recipe-name').isVisible()).toBe(true);
      expect(await page.getByTestId('ingredients').isVisible()).toBe(true);
      expect(await page.getByTestId('steps').isVisible()).toBe(true);
      expect(await page.getByTestId('basket').isVisible()).toBe(true);
      await screenshot(page, `result-print-${size}`);
      await page.emulateMedia({ media: 'screen' });

      // The history lists both, newest first, as the API does.
      await page.getByRole('link', { name: '기록' }).click();
      await waitForScreen(page, 'history');
      expect(await hash(page)).toBe('#/history');
      await page.locator('[data-screen="history"][data-loaded="true"]').waitFor();
      const { body: list } = await call<ResultList>(
        fixture.stack.gatewayUrl,
        'GET',
        `/session/${id}/results`,
      );
      expect(list.items.map((item) => item.runId)).toEqual([second.runId, first.runId]);
      const links = page.getByTestId('history-link');
      expect(await links.count()).toBe(2);
      expect(await links.nth(0).getAttribute('href')).toBe(`#/result/${second.runId}`);
      expect(await links.nth(1).locator('.history-name').textContent()).toBe(first.recipe.recipeName);
      expect(await page.getByTestId('history-state').textContent()).toBe('결과 2개');
      await screenshot(page, `history-${size}`);
      expect(await axeViolations(page)).toEqual([]);

      // Reload keeps the history; the older entry opens the first result, also after a reload.
      await page.reload();
      await waitForScreen(page, 'history');
      await page.locator('[data-screen="history"][data-loaded="true"]').waitFor();
      await links.nth(1).click();
      await waitForScreen(page, 'result');
      expect(await hash(page)).toBe(`#/result/${first.runId}`);
      expect(await page.getByTestId('recipe-name').textContent()).toBe(first.recipe.recipeName);
      await page.reload();
      await waitForScreen(page, 'result');
      expect(await page.getByTestId('recipe-name').textContent()).toBe(first.recipe.recipeName);

      // Back and Forward: first result ← history ← second result ← form.
      await page.goBack();
      await waitForScreen(page, 'history');
      await page.goBack();
      await waitForScreen(page, 'result');
      expect(await page.getByTestId('recipe-name').textContent()).toBe(second.recipe.recipeName);
      await page.goBack();
      await waitForScreen(page, 'form');
      expect(await hash(page)).toBe('#/new');
      await page.reload();
      await waitForScreen(page, 'form');
      await page.goForward();
      await waitForScreen(page, 'result');
      expect(await hash(page)).toBe(`#/result/${second.runId}`);
      await page.goForward();
      await waitForScreen(page, 'history');
      await page.goForward();
      await waitForScreen(page, 'result');
      expect(await page.getByTestId('recipe-name').textContent()).toBe(first.recipe.recipeName);

      // An address of a result the session does not have goes to the form and says so.
      await page.goto(`${fixture.stack.gatewayUrl}/#/result/00000000-0000-0000-0000-000000000000`);
      await waitForScreen(page, 'form');
      expect(await page.getByTestId('notice').textContent()).toBe(
        '이 결과를 찾을 수 없어요. 세션이 바뀌었거나 기록이 지워졌어요.',
      );
      expect(problems).toEqual([]);
    } finally {
      fixture.model.setBehaviour(() => ({ kind: 'recipe' }));
      await context.close();
    }
  });
});

describe('cancelling a meal plan', () => {
  it('when cancel is pressed while the days are written, then the plan form says the plan was cancelled', async () => {
    fixture.model.setBehaviour(() => ({ kind: 'delay', ms: 60_000, then: { kind: 'recipe' } }));
    const { page, context, problems } = await fixture.open(PHONE);
    try {
      await waitForScreen(page, 'form');
      const id = await shownSessionId(page);
      await page.goto(`${fixture.stack.gatewayUrl}/#/plan`);
      await waitForScreen(page, 'plan-form');
      await page.getByLabel('날 수 (1–7)').selectOption('2');
      await page.getByRole('button', { name: '식단 짜기' }).click();
      await page.locator('[data-screen="plan-progress"][data-phase="plan_writing"]').waitFor();
      expect(await page.getByTestId('plan-days').locator('li[data-status="writing"]').count()).toBe(2);
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: '취소' }).click();
      await waitForScreen(page, 'plan-form');
      expect(await hash(page)).toBe('#/plan');
      expect(await page.getByTestId('notice').textContent()).toBe('식단 짜기를 취소했어요.');
      const status = await call<{ status: string }>(fixture.stack.gatewayUrl, 'GET', `/session/${id}/status`);
      expect(status.body.status).toBe('cancelled');
      expect(problems).toEqual([]);
    } finally {
      fixture.model.setBehaviour(() => ({ kind: 'recipe' }));
      await context.close();
    }
  });
});

import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { ResultDocument } from '@ai-chef/contracts';
import { call } from '../support/http.js';
import {
  DESKTOP,
  PHONE,
  axeViolations,
  localStorageOf,
  screenshot,
  shownSessionId,
  tabTo,
  waitForScreen,
} from './browser-harness.js';
import { useBrowserStack } from './browser-stack.js';

// Shop prices from the Naver fake (vendors with links) and a model that tests can slow down, both local.
const fixture = useBrowserStack({ fakes: true });

/** What the result page shows must be what the API returned. */
async function expectResultShown(page: Page, result: ResultDocument): Promise<void> {
  expect(await page.getByTestId('recipe-name').textContent()).toBe(result.recipe.recipeName);
  expect(await page.getByTestId('ingredients').locator('li').count()).toBe(result.recipe.ingredients.length);
  expect(await page.getByTestId('steps').locator('li').count()).toBe(result.recipe.instructions.length);
  expect(await page.getByTestId('checks').locator('li').count()).toBe(result.nutrition.checks.length);
  for (const check of result.nutrition.checks) {
    const row = page.locator(`[data-rule="${check.rule}"]`);
    expect(await row.getAttribute('class')).toContain(check.ok ? ' ok' : 'not-ok');
  }
  const vendors = Object.keys(result.pricing.vendorBreakdown);
  expect(await page.locator('[data-vendor]').count()).toBe(vendors.length);
  expect(await page.locator('.basket-item').count()).toBe(
    result.pricing.items.filter((item) => item.chosen !== null).length,
  );
  // One estimate marker for the whole basket, none per line.
  expect(await page.getByTestId('estimate-note').count()).toBe(
    result.pricing.items.some((item) => item.estimated) ? 1 : 0,
  );
}

describe('a keto run on a phone, by keyboard only', () => {
  it('when the form is sent, then progress streams in and the result shows recipe, nutrition and basket', async () => {
    await fixture.withPage(PHONE, async ({ page, context, problems, trace }) => {
      await waitForScreen(page, 'form');
      const id = await shownSessionId(page);
      await screenshot(page, 'form-phone');
      expect(await axeViolations(page)).toEqual([]);

      // Tab into the target radios (the language switch comes first), arrow to keto.
      await tabTo(page, 'input[name="target"]');
      for (let i = 0; i < 6 && !(await page.getByRole('radio', { name: /키토/ }).isChecked()); i += 1)
        await page.keyboard.press('ArrowRight');
      expect(await page.getByRole('radio', { name: /키토/ }).isChecked()).toBe(true);
      await tabTo(page, 'input[name="servings"]');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('3');
      await tabTo(page, 'input[data-allergen="peanut"]');
      await page.keyboard.press('Space');
      await tabTo(page, 'button[type="submit"]');
      // The focus ring is visible on the button the keyboard is on.
      expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
      const stream = page.waitForRequest((request) => request.url().endsWith(`/session/${id}/stream`));
      await page.keyboard.press('Enter');
      await stream;

      await waitForScreen(page, 'result');
      const seen = await trace();
      const progress = seen.filter((entry) => entry.startsWith('progress|'));
      expect(progress.length).toBeGreaterThanOrEqual(2);
      expect(
        progress.some((entry) => /레시피를 쓰는 중|재료 가격을 찾는 중|장바구니를 정리하는 중/.test(entry)),
      ).toBe(true);
      expect(seen[seen.length - 1]).toMatch(/^result\|/);

      const result = await fixture.resultOf(id);
      expect(result.profile).toMatchObject({ target: 'keto', servings: 3, allergies: ['peanut'] });
      await expectResultShown(page, result);
      expect(await page.locator('[data-rule="keto.net_carbs"] .bar-fill').count()).toBe(1);
      expect(await page.locator('[data-rule="keto.net_carbs"] .bar-limit').count()).toBe(1);
      // Shop offers link out safely; the badge follows the budget verdict.
      const links = page.locator('a.offer-link');
      expect(await links.count()).toBeGreaterThan(0);
      for (const link of await links.all()) {
        expect(await link.getAttribute('target')).toBe('_blank');
        expect(await link.getAttribute('rel')).toContain('noopener');
        expect(await link.getAttribute('href')).toMatch(/^https:\/\//);
      }
      expect(await page.getByTestId('budget-badge').textContent()).toEqual(
        result.summary.withinBudget ? '예산 안' : expect.stringContaining('예산보다'),
      );
      expect(await page.getByTestId('total-cost').textContent()).toBe(
        `${result.summary.totalCost.toLocaleString('ko-KR')}원`,
      );
      expect(await page.getByTestId('cost-per-serving').textContent()).toBe(
        `${result.summary.costPerServing.toLocaleString('ko-KR')}원`,
      );
      await screenshot(page, 'result-phone');
      expect(await axeViolations(page)).toEqual([]);

      // A reload keeps the session and shows its result again.
      await page.reload();
      await waitForScreen(page, 'result');
      expect(await shownSessionId(page)).toBe(id);
      expect((await localStorageOf(context, fixture.stack.gatewayUrl)).sessionId).toBe(id);
      expect(await page.getByTestId('recipe-name').textContent()).toBe(result.recipe.recipeName);

      // "Change the profile" goes back to the form with the profile kept, by keyboard too.
      await tabTo(page, '[data-testid="edit-profile"]');
      await page.keyboard.press('Enter');
      await waitForScreen(page, 'form');
      expect(await page.getByRole('radio', { name: /키토/ }).isChecked()).toBe(true);
      expect(await page.getByLabel('인분 (1–12)').inputValue()).toBe('3');
      expect(await page.locator('input[data-allergen="peanut"]').isChecked()).toBe(true);
      expect(problems).toEqual([]);
    });
  });
});

describe('the page in English at desktop width', () => {
  it('when English is chosen, then it is remembered and the run shows in English', async () => {
    await fixture.withPage(DESKTOP, async ({ page, context, problems }) => {
      await waitForScreen(page, 'form');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Who are you cooking for?' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.reload();
      await page.getByRole('heading', { name: 'Who are you cooking for?' }).waitFor();
      expect((await localStorageOf(context, fixture.stack.gatewayUrl)).aiChefLanguage).toBe('en');
      // The recipe language followed the page.
      expect(await page.getByLabel('Recipe language').inputValue()).toBe('en');

      await page.getByRole('radio', { name: /Keto/ }).check();
      await page.getByLabel('Budget (KRW, 1,000–1,000,000)').fill('50000');
      await page.getByLabel('Ingredients you dislike (comma-separated)').fill('버섯');
      await screenshot(page, 'form-desktop');
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Make my recipe' }).click();
      await waitForScreen(page, 'result');
      const id = await shownSessionId(page);
      const result = await fixture.resultOf(id);
      expect(result.profile).toMatchObject({ target: 'keto', budget: 50000, language: 'en' });
      await expectResultShown(page, result);
      await page.getByRole('heading', { name: 'Nutrition per serving' }).waitFor();
      await page.getByRole('heading', { name: 'Shopping basket' }).waitFor();
      expect(await page.getByTestId('total-cost').textContent()).toBe(
        `₩${result.summary.totalCost.toLocaleString('en-US')}`,
      );
      await screenshot(page, 'result-desktop');
      expect(await axeViolations(page)).toEqual([]);

      // Switching back to Korean keeps the result on screen.
      await page.getByRole('button', { name: '한국어' }).click();
      await page.getByRole('heading', { name: '장바구니' }).waitFor();
      expect(await page.getByTestId('recipe-name').textContent()).toBe(result.recipe.recipeName);
      expect(problems).toEqual([]);
    });
  });
});

describe('cancelling a run', () => {
  it('when cancel is pressed while the recipe is being written, then the run stops and the form says so', async () => {
    fixture.model.setBehaviour(() => ({ kind: 'delay', ms: 60_000, then: { kind: 'recipe' } }));
    const { page, context, problems } = await fixture.open(PHONE);
    try {
      await waitForScreen(page, 'form');
      const id = await shownSessionId(page);
      await page.getByRole('radio', { name: /다이어트/ }).check();
      await page.getByRole('button', { name: '레시피 만들기' }).click();
      await waitForScreen(page, 'progress');
      await page.locator('[data-screen="progress"][data-phase="recipe_generation"]').waitFor();
      expect(await page.getByTestId('progress-text').textContent()).toBe('레시피를 쓰는 중 (10%)');
      expect(await page.getByTestId('progress-bar').getAttribute('value')).toBe('10');
      await screenshot(page, 'progress-phone');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: '취소' }).click();
      await waitForScreen(page, 'form');
      expect(await page.getByTestId('notice').textContent()).toBe('레시피 만들기를 취소했어요.');
      const status = await call<{ status: string; phase: string }>(
        fixture.stack.gatewayUrl,
        'GET',
        `/session/${id}/status`,
      );
      expect(status.body).toMatchObject({ status: 'cancelled', phase: 'cancelled' });
      expect(problems).toEqual([]);
    } finally {
      fixture.model.setBehaviour(() => ({ kind: 'recipe' }));
      await context.close();
    }
  });
});

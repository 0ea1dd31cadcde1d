import { describe, expect, it } from '@jest/globals';
import type { Page, Route } from 'playwright-core';
import type { SessionStatusView } from '@ai-chef/contracts';
import { call, eventually } from '../support/http.js';
import { NO_KETO_POSSIBLE } from '../support/factories.js';
import { amountText } from '../../services/gateway/web/src/amount-text.js';
import { shoppingListText } from '../../services/gateway/web/src/shopping-list-text.js';
import {
  SIZES,
  axeViolations,
  localStorageOf,
  screenshot,
  shownSessionId,
  tabTo,
  waitForScreen,
  won,
} from './browser-harness.js';
import { useBrowserStack } from './browser-stack.js';

// The offline stack (no keys): the built-in engine names alternatives, every price is an estimate.
const fixture = useBrowserStack();

const number = (value: number): string => value.toLocaleString('ko-KR', { maximumFractionDigits: 1 });

interface ProcessBody {
  profile: Record<string, unknown>;
  dish?: string;
}

/**
 * Clicks, then waits for the run it starts to be shown: the `process` request it sent and the
 * result read after it (the old result stays on screen until the new one replaces it).
 */
async function runFrom(page: Page, click: () => Promise<void>): Promise<ProcessBody> {
  const processed = page.waitForRequest((request) => request.url().endsWith('/process'));
  const loaded = page.waitForResponse(
    (response) => response.url().endsWith('/result') && response.status() === 200,
    { timeout: 60_000 },
  );
  await click();
  const body = (await processed).postDataJSON() as ProcessBody;
  await loaded;
  await waitForScreen(page, 'result');
  return body;
}

describe.each(SIZES)('what I have, on a %s', (size, viewport) => {
  it('when the pantry and fridge are set, then owned items are marked, both costs shown and the list copies', async () => {
    await fixture.withPage(viewport, async ({ page, context, problems }) => {
      if (size === 'desktop') {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
          origin: fixture.stack.gatewayUrl,
        });
      } else {
        // A browser without the clipboard API (older, or an insecure origin) gets the list selected instead.
        await page.addInitScript({
          content: "Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });",
        });
        await page.reload();
      }
      await waitForScreen(page, 'form');
      const id = await shownSessionId(page);
      // What I have: the fridge and the pantry side by side, the basic pantry ticked from the start.
      await page.getByTestId('have').waitFor();
      expect(await page.getByTestId('fridge-editor').isVisible()).toBe(true);
      const boxes = page.getByTestId('pantry-editor').locator('input[name="pantry"]');
      expect(await boxes.count()).toBe(6);
      for (const box of await boxes.all()) expect(await box.isChecked()).toBe(true);

      await page.getByRole('radio', { name: /냉장고 파먹기/ }).check();
      const search = page.getByLabel('재료 검색 (한글, 영어, 초성)');
      for (const [query, name] of [
        ['두부', /^두부 /],
        ['대파', /^대파 /],
        ['양파', /^양파 /],
        ['egg', /^(달걀|계란) /],
      ] as const) {
        await search.fill(query);
        await page.getByTestId('fridge-results').getByRole('button', { name }).first().click();
        await page.getByTestId('fridge-items').locator('.name', { hasText: name }).waitFor();
      }
      await page.getByRole('checkbox', { name: '참기름' }).uncheck();
      const otherPantry = page.getByLabel('그 밖에 집에 있는 양념·재료 (쉼표로 구분)');
      // A name the catalog does not know is refused by the server and named at the pantry field.
      await otherPantry.fill('고춧가루, 스마트폰');
      const refused = page.waitForResponse((response) => response.url().endsWith('/process'));
      await page.getByRole('button', { name: '레시피 만들기' }).click();
      expect((await refused).status()).toBe(400);
      await page.getByTestId('pantry-editor').locator('.field-error', { hasText: '스마트폰' }).waitFor();
      expect(await otherPantry.getAttribute('aria-invalid')).toBe('true');
      await otherPantry.fill('고춧가루, 다진 마늘');
      await screenshot(page, `have-form-${size}`);
      expect(await axeViolations(page)).toEqual([]);

      const sent = await runFrom(page, () => page.getByRole('button', { name: '레시피 만들기' }).click());
      expect(sent.profile.pantry).toEqual([
        'salt',
        'black_pepper',
        'sugar',
        'vegetable_oil',
        'soy_sauce',
        '고춧가루',
        '다진 마늘',
      ]);
      const result = await fixture.resultOf(id);
      expect(result.profile.pantry).not.toBe('basic');
      expect(result.profile.pantry).not.toContain('sesame_oil');

      // Owned items: marked in the ingredient list and listed apart in the basket.
      const owned = result.pricing.items.filter((item) => item.owned !== null);
      expect(owned.some((item) => item.owned === 'fridge')).toBe(true);
      const ownedById = new Map(owned.map((item) => [item.ingredientId, item.owned]));
      const rows = page.getByTestId('ingredients').locator('li');
      for (const [index, ingredient] of result.recipe.ingredients.entries()) {
        const row = rows.nth(index);
        expect(await row.getAttribute('data-owned')).toBe(ownedById.get(ingredient.ingredientId) ?? null);
        expect(await row.locator('.amount').textContent()).toBe(
          amountText(ingredient.amount, ingredient.unit),
        );
        // Weights read as whole grams from 10 g up.
        expect(await row.locator('.amount').textContent()).not.toMatch(/^(\d{2,})\.\d+ (g|ml)$/);
      }
      const fridgeRows = page.getByTestId('ingredients').locator('li[data-owned="fridge"]');
      expect(await fridgeRows.first().getByTestId('owned-badge').textContent()).toBe('냉장고에 있음');
      const ownedList = page.getByTestId('owned-items').locator('li');
      expect(await ownedList.count()).toBe(owned.length);
      for (const [index, item] of owned.entries())
        expect(await ownedList.nth(index).getAttribute('data-owned')).toBe(item.owned);
      expect(await page.locator('.basket-item').count()).toBe(
        result.pricing.items.filter((item) => item.chosen !== null).length,
      );

      // Both costs: what is paid now, and what one serving uses.
      expect(await page.getByTestId('total-cost').textContent()).toBe(won(result.summary.totalCost));
      expect(await page.getByTestId('cost-per-serving').textContent()).toBe(
        won(result.summary.costPerServing),
      );
      expect(await page.getByTestId('used-cost-per-serving').textContent()).toBe(
        won(result.summary.usedCostPerServing),
      );
      // One estimate marker for the basket, and price and count apart on each line.
      expect(await page.getByTestId('estimate-note').count()).toBe(1);
      expect(await page.getByTestId('estimate-badge').count()).toBe(0);
      for (const price of await page.locator('.basket-item-price').all())
        expect(await price.textContent()).toMatch(/^[\d,]+원 · \d+개$/);

      // Copy the shopping list: what to buy, owned items left out, the total.
      const expected = shoppingListText(result);
      expect(expected.split('\n').at(-1)).toBe(`총 비용: ${won(result.summary.totalCost)}`);
      for (const item of owned) expect(expected).not.toContain(`- ${item.ingredient}:`);
      await page.getByTestId('copy-list').click();
      if (size === 'desktop') {
        await page.getByTestId('copy-status').filter({ hasText: '복사했어요' }).waitFor();
        expect(await page.evaluate('navigator.clipboard.readText()')).toBe(expected);
      } else {
        const box = page.getByTestId('shopping-list-text');
        await box.waitFor();
        expect(await box.inputValue()).toBe(expected);
        expect(
          await page.evaluate(
            '(() => { const el = document.activeElement; return el.tagName + ":" + (el.selectionEnd - el.selectionStart) + ":" + el.value.length; })()',
          ),
        ).toBe(`TEXTAREA:${expected.length}:${expected.length}`);
        expect(await page.getByTestId('copy-status').textContent()).toContain('자동 복사가 안 돼요');
      }
      await screenshot(page, `have-result-${size}`);
      expect(await axeViolations(page)).toEqual([]);

      // The pantry is kept in the browser: back on the form it is as it was left.
      const stored = JSON.parse(
        (await localStorageOf(context, fixture.stack.gatewayUrl)).aiChefProfileDraft ?? '{}',
      ) as {
        pantry?: string[];
        pantryOther?: string;
      };
      expect(stored.pantry).not.toContain('sesame_oil');
      expect(stored.pantryOther).toBe('고춧가루, 다진 마늘');
      await page.reload();
      await waitForScreen(page, 'result');
      await page.getByTestId('edit-profile').click();
      await waitForScreen(page, 'form');
      expect(await page.getByRole('checkbox', { name: '참기름' }).isChecked()).toBe(false);
      expect(await page.getByRole('checkbox', { name: '간장' }).isChecked()).toBe(true);
      expect(await page.getByLabel('그 밖에 집에 있는 양념·재료 (쉼표로 구분)').inputValue()).toBe(
        '고춧가루, 다진 마늘',
      );
      expect(problems).toEqual([]);
    });
  });
});

describe.each(SIZES)('choosing a dish, on a %s', (size, viewport) => {
  it('when an alternative, another recipe or other servings are asked for, then each runs that dish', async () => {
    await fixture.withPage(viewport, async ({ page, problems }) => {
      await waitForScreen(page, 'form');
      const id = await shownSessionId(page);
      await page.getByRole('radio', { name: /일반/ }).check();
      await page.getByRole('checkbox', { name: /고혈압/ }).check();
      await runFrom(page, () => page.getByRole('button', { name: '레시피 만들기' }).click());
      const first = await fixture.resultOf(id);

      // Notices first: right under the dish's name, before its description and ingredients.
      expect(first.notices.length).toBeGreaterThan(0);
      const notices = page.getByTestId('notices').locator('li');
      expect(await notices.allTextContents()).toEqual(first.notices.map((notice) => notice.message));
      expect(
        await page.evaluate(`(() => {
          const notices = document.querySelector('[data-testid="notices"]');
          const later = document.querySelector('.result-screen .description');
          return Boolean(notices.compareDocumentPosition(later) & Node.DOCUMENT_POSITION_FOLLOWING);
        })()`),
      ).toBe(true);
      const top = async (testId: string): Promise<number> =>
        (await page.getByTestId(testId).boundingBox())?.y ?? Number.POSITIVE_INFINITY;
      expect(await top('notices')).toBeLessThan(await top('ingredients'));
      expect(await top('notices')).toBeLessThan(await top('nutrition'));

      // Every check reads 이하, 이상 or 사이 from its kind.
      for (const check of first.nutrition.checks) {
        const reading =
          (await page.locator(`[data-rule="${check.rule}"] .check-reading`).textContent()) ?? '';
        if (check.kind === 'max') expect(reading).toMatch(/ 이하$/);
        if (check.kind === 'min') expect(reading).toMatch(/ 이상$/);
        if (check.kind === 'range') expect(reading).toMatch(/ 사이$/);
      }
      const sodium = first.nutrition.checks.find((check) => check.rule === 'sodium');
      expect(sodium).toMatchObject({
        kind: 'max',
        unit: 'mg',
        limit: expect.any(Number),
        value: expect.any(Number),
      });
      expect(await page.locator('[data-rule="sodium"] .check-reading').textContent()).toBe(
        `${number(Number(sodium?.value))} mg · ${number(Number(sodium?.limit))} mg 이하`,
      );
      expect(await page.locator('[data-rule="sodium"] .check-name').textContent()).toBe('나트륨');

      // The alternatives as cards whose buttons carry what the click stream records.
      expect(first.alternatives.length).toBeGreaterThanOrEqual(2);
      const cards = page.getByTestId('alternatives').locator('li');
      expect(await cards.count()).toBe(first.alternatives.length);
      const buttons = page.locator('[data-track="alternative-chosen"]');
      expect(await buttons.evaluateAll((list) => list.map((b) => b.getAttribute('data-dish')))).toEqual(
        first.alternatives.map((alternative) => alternative.recipeName),
      );
      await screenshot(page, `choices-result-${size}`);
      expect(await axeViolations(page)).toEqual([]);

      // "Make this" on the last card runs that dish.
      const chosen = first.alternatives.at(-1)?.recipeName ?? '';
      const sentChosen = await runFrom(page, () =>
        page.locator(`[data-track="alternative-chosen"][data-dish="${chosen}"]`).click(),
      );
      expect(sentChosen.dish).toBe(chosen);
      const second = await fixture.resultOf(id);
      expect(second.recipe.recipeName).toBe(chosen);
      expect(await page.getByTestId('recipe-name').textContent()).toBe(chosen);

      // "Another recipe" runs a new dish: the first alternative of the result on screen.
      const next = second.alternatives[0]?.recipeName;
      expect(next).toBeDefined();
      expect(next).not.toBe(chosen);
      // On the phone by keyboard: the button is reached with Tab and pressed with Enter.
      const sentAnother = await runFrom(page, async () => {
        if (size === 'desktop') await page.getByTestId('make-another').click();
        else {
          await tabTo(page, '[data-testid="make-another"]');
          expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe(
            'none',
          );
          await page.keyboard.press('Enter');
        }
      });
      expect(sentAnother.dish).toBe(next);
      const third = await fixture.resultOf(id);
      expect(third.recipe.recipeName).toBe(next);
      expect(third.recipe.recipeName).not.toBe(second.recipe.recipeName);

      // Other servings: the same dish again for three.
      expect(third.recipe.servings).toBe(2);
      await page.getByLabel('인분 바꾸기 (1–12)').fill('3');
      const sentServings = await runFrom(page, () => page.getByTestId('servings-submit').click());
      expect(sentServings).toMatchObject({ dish: third.recipe.recipeName, profile: { servings: 3 } });
      const fourth = await fixture.resultOf(id);
      expect(fourth.recipe).toMatchObject({ recipeName: third.recipe.recipeName, servings: 3 });
      expect(await page.getByTestId('servings').textContent()).toBe('3인분');
      expect(await page.getByTestId('servings-input').inputValue()).toBe('3');

      // The same servings again is refused on the page, without a request.
      let asked = false;
      page.on('request', (request) => {
        if (request.url().endsWith('/process')) asked = true;
      });
      await page.getByTestId('servings-submit').click();
      await page.locator('.servings-control .field-error', { hasText: '1에서 12 사이' }).waitFor();
      expect(asked).toBe(false);

      if (size === 'desktop') {
        // In English the readings say "at most" and the cards "Make this".
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { name: 'Or choose another dish' }).waitFor();
        expect(await page.locator('[data-rule="sodium"] .check-reading').textContent()).toMatch(
          / mg · at most [\d,]+ mg$/,
        );
        expect(await page.locator('[data-track="alternative-chosen"]').first().textContent()).toBe(
          'Make this',
        );
        expect(await page.getByTestId('make-another').textContent()).toBe('Make another');
        expect(await axeViolations(page)).toEqual([]);
      }
      expect(problems).toEqual([]);
    });
  });

  it('when no other dish keeps the rules, then there are no cards and no "another recipe" button', async () => {
    await fixture.withPage(viewport, async ({ page, problems }) => {
      await waitForScreen(page, 'form');
      const id = await shownSessionId(page);
      // Keto with every protein but mackerel ruled out and lettuce disliked leaves one dish in the library.
      await page.getByRole('radio', { name: /키토/ }).check();
      const others: string[] = [];
      for (const allergy of NO_KETO_POSSIBLE.filter((name) => name !== 'mackerel')) {
        const box = page.locator(`input[data-allergen="${allergy}"]`);
        if ((await box.count()) === 1) await box.check();
        else others.push(allergy);
      }
      await page.getByLabel('그 밖의 알레르기 식품 (쉼표로 구분)').fill(others.join(', '));
      await page.getByLabel('싫어하는 재료 (쉼표로 구분)').fill('상추');
      await runFrom(page, () => page.getByRole('button', { name: '레시피 만들기' }).click());
      const result = await fixture.resultOf(id);
      expect(result.alternatives).toEqual([]);
      expect(await page.getByTestId('alternatives').count()).toBe(0);
      expect(await page.getByTestId('make-another').count()).toBe(0);
      // The profile can still be changed, and the servings too.
      expect(await page.getByTestId('edit-profile').isVisible()).toBe(true);
      expect(await page.getByTestId('servings-control').isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    });
  });
});

describe.each(SIZES)('a slow run and a late cancel, on a %s', (size, viewport) => {
  it('when cancel reaches the server after the run finished, then the result says it was too late', async () => {
    await fixture.withPage(viewport, async ({ page, problems }) => {
      await waitForScreen(page, 'form');
      const id = await shownSessionId(page);
      // The stream is held so the page stays on the progress screen; the cancel is held until the run is done.
      const heldStreams: Route[] = [];
      await page.route('**/stream', (route) => {
        heldStreams.push(route);
      });
      await page.route('**/cancel', async (route) => {
        await eventually(
          async () => {
            const status = await call<SessionStatusView>(
              fixture.stack.gatewayUrl,
              'GET',
              `/session/${id}/status`,
            );
            return status.body.status === 'completed' ? true : undefined;
          },
          { what: 'the run to complete' },
        );
        await route.continue();
      });

      await page.getByRole('radio', { name: /일반/ }).check();
      await page.getByRole('button', { name: '레시피 만들기' }).click();
      await waitForScreen(page, 'progress');
      const elapsed = page.getByTestId('progress-elapsed');
      await elapsed.filter({ hasText: /^[1-9]\d*초 지남 · 기다리는 것: .+/ }).waitFor();
      expect(await page.getByTestId('progress-slow').textContent()).toBe('');
      // After 15 s a calm line says it takes longer than usual.
      await page
        .getByTestId('progress-slow')
        .filter({ hasText: '평소보다 오래 걸리고 있어요' })
        .waitFor({ timeout: 25_000 });
      expect(Number((await elapsed.textContent())?.match(/^(\d+)초/)?.[1])).toBeGreaterThanOrEqual(15);
      await screenshot(page, `progress-slow-${size}`);
      expect(await axeViolations(page)).toEqual([]);

      const cancelled = page.waitForResponse((response) => response.url().endsWith('/cancel'), {
        timeout: 60_000,
      });
      await page.getByRole('button', { name: '취소' }).click();
      const answer = await cancelled;
      expect(answer.status()).toBe(409);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('not_processing');
      // Let the page learn the end: the held stream breaks and the page polls /status.
      await page.unroute('**/stream');
      await Promise.all(heldStreams.map((route) => route.abort('failed')));

      await waitForScreen(page, 'result');
      expect(await page.getByTestId('late-cancel').textContent()).toBe(
        '취소가 늦었어요 — 요리가 이미 완성됐어요.',
      );
      expect(await page.getByTestId('recipe-name').textContent()).toBe(
        (await fixture.resultOf(id)).recipe.recipeName,
      );
      await screenshot(page, `late-cancel-${size}`);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    });
  });

  it('when the result is already on screen as the late cancel is answered, then the message appears on it', async () => {
    await fixture.withPage(viewport, async ({ page, problems }) => {
      await waitForScreen(page, 'form');
      const id = await shownSessionId(page);
      const heldStreams: Route[] = [];
      await page.route('**/stream', (route) => {
        heldStreams.push(route);
      });
      let heldCancel: Route | undefined;
      await page.route('**/cancel', (route) => {
        heldCancel = route;
      });
      await page.getByRole('radio', { name: /일반/ }).check();
      await page.getByRole('button', { name: '레시피 만들기' }).click();
      await waitForScreen(page, 'progress');
      await page.getByRole('button', { name: '취소' }).click();
      const cancel = await eventually(async () => heldCancel, { what: 'the cancel request' });
      await eventually(
        async () => {
          const status = await call<SessionStatusView>(
            fixture.stack.gatewayUrl,
            'GET',
            `/session/${id}/status`,
          );
          return status.body.status === 'completed' ? true : undefined;
        },
        { what: 'the run to complete' },
      );
      // The page learns the end first and shows the result; only then is the cancel answered.
      await page.unroute('**/stream');
      await Promise.all(heldStreams.map((route) => route.abort('failed')));
      await waitForScreen(page, 'result');
      expect(await page.getByTestId('late-cancel').count()).toBe(0);
      const answered = page.waitForResponse((response) => response.url().endsWith('/cancel'));
      await cancel.continue();
      expect((await answered).status()).toBe(409);
      await page.getByTestId('late-cancel').filter({ hasText: '취소가 늦었어요' }).waitFor();
      expect(await page.getByTestId('recipe-name').textContent()).toBe(
        (await fixture.resultOf(id)).recipe.recipeName,
      );
      await screenshot(page, `late-cancel-on-result-${size}`);
      expect(problems).toEqual([]);
    });
  });
});

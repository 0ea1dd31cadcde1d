import { describe, expect, it } from '@jest/globals';

import type { FridgeView } from '@ai-chef/contracts';
import { call } from '../support/http.js';
import { NO_KETO_POSSIBLE } from '../support/factories.js';
import {
  DESKTOP,
  PHONE,
  axeViolations,
  localStorageOf,
  screenshot,
  setLocalStorage,
  shownSessionId,
  waitForScreen,
} from './browser-harness.js';
import { useBrowserStack } from './browser-stack.js';

// The offline stack (no keys): built-in recipes and reference prices, so every basket item is an estimate.
const fixture = useBrowserStack();

const SESSION_ID = /^sess-\d{13}-[A-Za-z0-9_-]{22,64}$/;

describe('the session', () => {
  it('when the page opens, then it makes a session, stores id and expiry, and keeps the id on the footer', async () => {
    await fixture.withPage(PHONE, async ({ page, context, problems }) => {
      await waitForScreen(page, 'form');
      const stored = await localStorageOf(context, fixture.stack.gatewayUrl);
      expect(stored.sessionId).toMatch(SESSION_ID);
      expect(Date.parse(stored.sessionExpiry ?? '')).toBeGreaterThan(Date.now() + 7000 * 1000);
      expect(await shownSessionId(page)).toBe(stored.sessionId);
      expect(await page.locator('html').getAttribute('lang')).toBe('ko');
      expect(problems).toEqual([]);
    });
  });

  it('when the stored expiry has passed, then a new session starts without asking about the old one', async () => {
    await fixture.withPage(PHONE, async ({ page, context, problems }) => {
      await waitForScreen(page, 'form');
      const first = await shownSessionId(page);
      await setLocalStorage(page, { sessionExpiry: new Date(Date.now() - 60_000).toISOString() });
      const asked: string[] = [];
      page.on('request', (request) => asked.push(`${request.method()} ${new URL(request.url()).pathname}`));
      await page.reload();
      await waitForScreen(page, 'form');
      const second = await shownSessionId(page);
      expect(second).toMatch(SESSION_ID);
      expect(second).not.toBe(first);
      expect(asked).toContain('POST /session/start');
      expect(asked).not.toContain(`GET /session/${first}`);
      expect((await localStorageOf(context, fixture.stack.gatewayUrl)).sessionId).toBe(second);
      expect(problems).toEqual([]);
    });
  });

  it('when the server no longer knows the stored id, then the 404 starts a new session', async () => {
    await fixture.withPage(PHONE, async ({ page, context }) => {
      await waitForScreen(page, 'form');
      const unknown = `sess-${Date.now()}-AAAAAAAAAAAAAAAAAAAAAA`;
      await setLocalStorage(page, {
        sessionId: unknown,
        sessionExpiry: new Date(Date.now() + 3_600_000).toISOString(),
      });
      const answers: string[] = [];
      page.on('response', (response) =>
        answers.push(`${response.status()} ${new URL(response.url()).pathname}`),
      );
      await page.reload();
      await waitForScreen(page, 'form');
      expect(answers).toContain(`404 /session/${unknown}`);
      const fresh = await shownSessionId(page);
      expect(fresh).toMatch(SESSION_ID);
      expect(fresh).not.toBe(unknown);
      expect((await localStorageOf(context, fixture.stack.gatewayUrl)).sessionId).toBe(fresh);
    });
  });

  it('when creating a session fails twice, then the third try 2 s later succeeds', async () => {
    const context = await fixture.browser.newContext({ viewport: PHONE });
    try {
      const page = await context.newPage();
      let failures = 0;
      const tries: number[] = [];
      await page.route('**/session/start', async (route) => {
        tries.push(Date.now());
        if (failures < 2) {
          failures += 1;
          await route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'service_unavailable', message: 'down for a moment' } }),
          });
        } else {
          await route.continue();
        }
      });
      await page.goto(fixture.stack.gatewayUrl);
      await waitForScreen(page, 'form', 30_000);
      expect(tries).toHaveLength(3);
      expect((tries[1] ?? 0) - (tries[0] ?? 0)).toBeGreaterThanOrEqual(1900);
      expect((tries[2] ?? 0) - (tries[1] ?? 0)).toBeGreaterThanOrEqual(1900);
      expect(await shownSessionId(page)).toMatch(SESSION_ID);
    } finally {
      await context.close();
    }
  });

  it('when all three tries fail, then the error shows with a retry button that works', async () => {
    const context = await fixture.browser.newContext({ viewport: PHONE });
    try {
      const page = await context.newPage();
      await page.route('**/session/start', (route) => route.abort('connectionrefused'));
      await page.goto(fixture.stack.gatewayUrl);
      await waitForScreen(page, 'error', 30_000);
      expect(await page.getByRole('alert').textContent()).toContain('서버에 연결할 수 없어요');
      await screenshot(page, 'error-phone');
      expect(await axeViolations(page)).toEqual([]);
      await page.unroute('**/session/start');
      await page.getByRole('button', { name: '다시 시도' }).click();
      await waitForScreen(page, 'form');
      expect(await shownSessionId(page)).toMatch(SESSION_ID);
    } finally {
      await context.close();
    }
  });
});

describe('keeping the session alive', () => {
  it('when the session has under 30 minutes left, then the next action extends it', async () => {
    await fixture.withPage(PHONE, async ({ page, context }) => {
      await waitForScreen(page, 'form');
      const id = await shownSessionId(page);
      // The server's own expiry is two hours away; the page is told ten minutes, as if it had aged.
      const soon = new Date(Date.now() + 10 * 60_000).toISOString();
      await page.route('**/session/*', async (route) => {
        if (route.request().method() !== 'GET') return route.continue();
        const response = await route.fetch();
        const body = (await response.json()) as Record<string, unknown>;
        await route.fulfill({ response, json: { ...body, expiresAt: soon } });
      });
      await page.reload();
      await waitForScreen(page, 'form');
      expect((await localStorageOf(context, fixture.stack.gatewayUrl)).sessionExpiry).toBe(soon);

      const extended = page.waitForResponse((response) => response.url().endsWith(`/session/${id}/extend`));
      await page.getByRole('radio', { name: /냉장고 파먹기/ }).check();
      await page.getByLabel('재료 검색 (한글, 영어, 초성)').fill('두부');
      await page
        .getByTestId('fridge-results')
        .getByRole('button', { name: /^두부 / })
        .click();
      const reply = await extended;
      expect(reply.status()).toBe(200);
      const { expiresAt } = (await reply.json()) as { expiresAt: string };
      expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
      expect((await localStorageOf(context, fixture.stack.gatewayUrl)).sessionExpiry).toBe(expiresAt);
      await page.getByTestId('fridge-items').locator('.name', { hasText: '두부' }).waitFor();
    });
  });
});

describe('the fridge target', () => {
  it('when items are found by search and added, then removing one and processing cooks from the rest', async () => {
    await fixture.withPage(PHONE, async ({ page, problems }) => {
      await waitForScreen(page, 'form');
      const id = await shownSessionId(page);
      // The fridge is part of "What I have" for every target.
      const editor = page.getByTestId('fridge-editor');
      await editor.waitFor({ state: 'visible' });
      await page.getByRole('radio', { name: /냉장고 파먹기/ }).check();
      await page.getByTestId('fridge-count').filter({ hasText: '비어 있어요' }).waitFor();

      const search = page.getByLabel('재료 검색 (한글, 영어, 초성)');
      const inFridge = (name: string | RegExp) =>
        page.getByTestId('fridge-items').locator('.name', { hasText: name });
      const addByClick = async (query: string, name: RegExp): Promise<void> => {
        await search.fill(query);
        const result = page.getByTestId('fridge-results').getByRole('button', { name });
        await result.first().click();
        await inFridge(name).waitFor();
      };
      await addByClick('두부', /^두부 /);
      await addByClick('egg', /^(달걀|계란) /);
      await addByClick('양파', /^양파 /);
      // Initial consonants and Enter: ㄷㅍ finds 대파 and Enter adds the first match.
      await search.fill('ㄷㅍ');
      await page
        .getByTestId('fridge-results')
        .getByRole('button', { name: /^대파 / })
        .first()
        .waitFor();
      await search.press('Enter');
      await inFridge('대파').waitFor();
      await addByClick('감자', /^감자 /);

      // Remove the onion again with its own button.
      await page.getByRole('button', { name: '양파 빼기' }).click();
      await inFridge('양파').waitFor({ state: 'detached' });

      const fridge = await call<FridgeView>(fixture.stack.gatewayUrl, 'GET', `/session/${id}/fridge`);
      const names = fridge.body.items.map((item) => item.nameKo).sort();
      expect(names).toHaveLength(4);
      expect(names).toEqual(expect.arrayContaining(['두부', '대파', '감자']));
      expect(names).not.toContain('양파');
      expect(await page.getByTestId('fridge-items').locator('li').count()).toBe(4);
      await screenshot(page, 'fridge-form-phone');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: '레시피 만들기' }).click();
      await waitForScreen(page, 'result');
      const recipe = await page.getByTestId('ingredients').textContent();
      const used = ['두부', '대파', '감자', '달걀', '계란'].filter((name) => recipe?.includes(name));
      expect(used.length).toBeGreaterThanOrEqual(2);
      // Without shop keys every price is a reference price: one estimate marker says so for the basket.
      const items = page.locator('.basket-item');
      expect(await items.count()).toBeGreaterThan(0);
      expect(await page.locator('.basket-item[data-estimated="true"]').count()).toBe(await items.count());
      expect(await page.getByTestId('estimate-note').count()).toBe(1);
      expect(await page.getByTestId('estimate-note').textContent()).toContain('예상가');
      expect(await page.locator('[data-rule="fridge.count"]').count()).toBe(1);
      await screenshot(page, 'fridge-result-phone');
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    });
  });

  it('when the fridge is empty, then the form says so instead of sending', async () => {
    await fixture.withPage(PHONE, async ({ page }) => {
      await waitForScreen(page, 'form');
      await page.getByRole('radio', { name: /냉장고 파먹기/ }).check();
      await page.getByTestId('fridge-count').filter({ hasText: '비어 있어요' }).waitFor();
      let processed = false;
      page.on('request', (request) => {
        if (request.url().endsWith('/process')) processed = true;
      });
      await page.getByRole('button', { name: '레시피 만들기' }).click();
      await page.getByTestId('form-error').filter({ hasText: '냉장고에 재료를 하나 이상' }).waitFor();
      expect(processed).toBe(false);
      expect(
        await page.evaluate('document.activeElement && document.activeElement.getAttribute("data-testid")'),
      ).toBe('fridge-search');
    });
  });
});

describe('progress without the stream', () => {
  it('when the event stream cannot connect, then polling /status every 2 s carries the run to its result', async () => {
    await fixture.withPage(DESKTOP, async ({ page, trace }) => {
      await page.route('**/stream', (route) => route.abort('failed'));
      const polls: number[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.endsWith('/status')) polls.push(Date.now());
      });
      await waitForScreen(page, 'form');
      await page.getByRole('radio', { name: /일반/ }).check();
      await page.getByRole('button', { name: '레시피 만들기' }).click();
      await waitForScreen(page, 'result');
      expect(polls.length).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < polls.length; i += 1)
        expect((polls[i] ?? 0) - (polls[i - 1] ?? 0)).toBeGreaterThanOrEqual(1_900);
      expect((await trace()).some((entry) => entry.startsWith('progress|'))).toBe(true);
      expect(await page.getByTestId('recipe-name').textContent()).not.toBe('');
    });
  });

  it.each([
    [
      'ends the stream (event: end)',
      { status: 200, contentType: 'text/event-stream', body: 'event: end\ndata: {"reason":"idle"}\n\n' },
    ],
    [
      'refuses the stream (429 too_many_streams)',
      {
        status: 429,
        contentType: 'application/json',
        headers: { 'retry-after': '30' },
        body: '{"error":{"code":"too_many_streams","message":"x"}}',
      },
    ],
  ])('when the gateway %s, then the page polls /status and shows the result', async (_case, answer) => {
    await fixture.withPage(DESKTOP, async ({ page }) => {
      await page.route('**/stream', (route) => route.fulfill(answer));
      const polls: number[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.endsWith('/status')) polls.push(Date.now());
      });
      await waitForScreen(page, 'form');
      await page.getByRole('radio', { name: /일반/ }).check();
      await page.getByRole('button', { name: '레시피 만들기' }).click();
      await waitForScreen(page, 'result');
      expect(polls.length).toBeGreaterThanOrEqual(1);
      expect(await page.getByTestId('recipe-name').textContent()).not.toBe('');
    });
  });
});

describe('a failed run', () => {
  it('when allergies rule out every keto recipe, then the failure shows with a retry, also after a reload', async () => {
    await fixture.withPage(PHONE, async ({ page, problems }) => {
      await waitForScreen(page, 'form');
      const id = await shownSessionId(page);
      await page.getByRole('radio', { name: /키토/ }).check();
      const others: string[] = [];
      for (const allergy of NO_KETO_POSSIBLE) {
        const box = page.locator(`input[data-allergen="${allergy}"]`);
        if ((await box.count()) === 1) await box.check();
        else others.push(allergy);
      }
      expect(others).toEqual(['연어', '참치캔', '오리고기']);
      await page.getByLabel('그 밖의 알레르기 식품 (쉼표로 구분)').fill(others.join(', '));
      await page.getByRole('button', { name: '레시피 만들기' }).click();
      await waitForScreen(page, 'failed');
      const message = await page.getByTestId('error-message').textContent();
      expect(message?.length).toBeGreaterThan(10);
      const status = await call<{ status: string; error?: { message: string } }>(
        fixture.stack.gatewayUrl,
        'GET',
        `/session/${id}/status`,
      );
      expect(status.body.status).toBe('failed');
      expect(message).toBe(status.body.error?.message);
      // In the page's words first; the server's own words (English) stay folded beneath.
      expect(await page.getByTestId('error-summary').textContent()).toBe(
        '이 조건을 모두 지키는 레시피를 찾지 못했어요. 알레르기나 싫어하는 재료를 줄여 보세요.',
      );
      expect(await page.getByTestId('error-message').isVisible()).toBe(false);
      await expect(page.getByRole('button', { name: '다시 시도' }).isVisible()).resolves.toBe(true);
      await screenshot(page, 'failed-phone');
      expect(await axeViolations(page)).toEqual([]);

      // The failure is the session's state: a reload shows it again.
      await page.reload();
      await waitForScreen(page, 'failed');
      expect(await shownSessionId(page)).toBe(id);
      expect(await page.getByTestId('error-message').textContent()).toBe(message);

      // Back to the form: the profile is kept.
      await page.getByRole('button', { name: '프로필 고치기' }).click();
      await waitForScreen(page, 'form');
      expect(await page.getByRole('radio', { name: /키토/ }).isChecked()).toBe(true);
      expect(await page.locator('input[data-allergen="egg"]').isChecked()).toBe(true);
      expect(await page.getByLabel('그 밖의 알레르기 식품 (쉼표로 구분)').inputValue()).toBe(
        '연어, 참치캔, 오리고기',
      );
      expect(problems).toEqual([]);
    });
  });
});

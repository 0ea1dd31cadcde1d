import { afterAll, beforeAll, expect } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { ResultDocument } from '@ai-chef/contracts';
import { startStack, type TestStack } from '../support/stack.js';
import { call } from '../support/http.js';
import { startNaverFake, type NaverFake } from '../fakes/naver-fake.js';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { assertPageBuilt, launchBrowser, openPage, type OpenedPage } from './browser-harness.js';

export interface BrowserStackOptions {
  /** Shop offers from the Naver fake and a model the test can steer; without them the stack runs offline. */
  fakes?: boolean;
  /** More of the stack's environment (PLAN_DAYS_AT_ONCE, ADMIN_TOKEN …). */
  env?: Record<string, string>;
}

/** A whole stack and a browser for one test file, started before its tests and stopped after them. */
export interface BrowserStack {
  readonly stack: TestStack;
  readonly browser: Browser;
  readonly naver: NaverFake;
  readonly model: AnthropicFake;
  /** A new browser context at `viewport` on the stack's page. */
  open(viewport: { width: number; height: number }): Promise<OpenedPage>;
  /** The session's result as the API returns it. */
  resultOf(id: string): Promise<ResultDocument>;
}

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new Error(
      `${what} is not started (useBrowserStack's beforeAll has not run, or no fakes were asked for)`,
    );
  return value;
}

/** Registers the file's beforeAll and afterAll: the stack (with the fakes when asked) and a browser. */
export function useBrowserStack(options: BrowserStackOptions = {}): BrowserStack {
  let stack: TestStack | undefined;
  let browser: Browser | undefined;
  let naver: NaverFake | undefined;
  let model: AnthropicFake | undefined;

  beforeAll(async () => {
    assertPageBuilt();
    let env = options.env ?? {};
    if (options.fakes) {
      naver = await startNaverFake();
      model = await startAnthropicFake();
      env = {
        NAVER_CLIENT_ID: naver.clientId,
        NAVER_CLIENT_SECRET: naver.clientSecret,
        NAVER_API_BASE_URL: naver.url,
        ANTHROPIC_API_KEY: model.apiKey,
        ANTHROPIC_BASE_URL: model.url,
        ...env,
      };
    }
    stack = await startStack(env);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await naver?.close();
    await model?.close();
  });

  const fixture: BrowserStack = {
    get stack() {
      return started(stack, 'the stack');
    },
    get browser() {
      return started(browser, 'the browser');
    },
    get naver() {
      return started(naver, 'the Naver fake');
    },
    get model() {
      return started(model, 'the model fake');
    },
    open(viewport) {
      return openPage(fixture.browser, fixture.stack.gatewayUrl, viewport);
    },
    async resultOf(id) {
      const reply = await call<ResultDocument>(fixture.stack.gatewayUrl, 'GET', `/session/${id}/result`);
      expect(reply.status).toBe(200);
      return reply.body;
    },
  };
  return fixture;
}

import { afterAll, beforeAll, expect } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { ResultDocument } from '@ai-chef/contracts';
import { startStack, type TestStack } from '../support/stack.js';
import { call } from '../support/http.js';
import { startNaverFake, type NaverFake } from '../fakes/naver-fake.js';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import {
  assertPageBuilt,
  launchBrowser,
  openPage,
  shotOnFailure,
  type OpenedPage,
} from './browser-harness.js';

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
  /**
   * Opens a page at `viewport`, runs `body` with it and closes it; when `body` fails, a full-page
   * screenshot named for the test goes to test-artifacts/browser/<test>-failure.png first.
   */
  withPage(
    viewport: { width: number; height: number },
    body: (opened: OpenedPage) => Promise<void>,
  ): Promise<void>;
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

/** The running test's name as a file name ("a-meal-plan-phone-when-…"), cut to a readable length. */
function testFileName(): string {
  const name = expect.getState().currentTestName ?? 'browser-test';
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
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
    async withPage(viewport, body) {
      const opened = await fixture.open(viewport);
      try {
        await shotOnFailure(opened.page, testFileName(), () => body(opened));
      } finally {
        await opened.context.close();
      }
    },
    async resultOf(id) {
      const reply = await call<ResultDocument>(fixture.stack.gatewayUrl, 'GET', `/session/${id}/result`);
      expect(reply.status).toBe(200);
      return reply.body;
    },
  };
  return fixture;
}

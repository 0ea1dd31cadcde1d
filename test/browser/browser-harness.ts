import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`); scripts/test.mjs runs these tests only when it is there. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 } as const;
/** Issue 19's desktop size. */
export const DESKTOP = { width: 1366, height: 900 } as const;
/** Each flow runs at both sizes: `describe.each(SIZES)('…, on a %s', (size, viewport) => …)`. */
export const SIZES = [
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const;

/** A sum of won as the Korean page writes it ("12,300원"). */
export const won = (amount: number): string => `${amount.toLocaleString('ko-KR')}원`;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The gateway serves web/dist: the tests exercise the build `npm run build` made, so it must exist. */
export function assertPageBuilt(): void {
  const index = join(ROOT, 'services', 'gateway', 'web', 'dist', 'index.html');
  if (!existsSync(index))
    throw new Error(`${index} is missing: run \`npm run build\` before the browser tests`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors that mean the page is broken (CSP refusals included). */
  problems: string[];
  /** Every screen and progress text the page showed, in order ("progress|레시피를 쓰는 중 (10%)"). */
  trace(): Promise<string[]>;
}

// Records screen changes as they happen: a run can pass through the progress screen faster than a poll.
const TRACE_SCRIPT = `
  window.__aiChefTrace = [];
  const record = () => {
    const screen = document.querySelector('[data-screen]');
    const text = document.querySelector('[data-testid="progress-text"]');
    const entry = (screen ? screen.getAttribute('data-screen') : '') + '|' + (text ? text.textContent : '');
    const trace = window.__aiChefTrace;
    if (trace[trace.length - 1] !== entry) trace.push(entry);
  };
  new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
`;

export async function openPage(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport, locale: 'ko-KR', deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (message) => {
    // Aborted requests a test provokes log "Failed to load resource"; anything else is a problem.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console: ${message.text()}`);
  });
  await page.addInitScript({ content: TRACE_SCRIPT });
  await page.goto(url);
  return {
    context,
    page,
    problems,
    trace: async () =>
      JSON.parse(String(await page.evaluate('JSON.stringify(window.__aiChefTrace)'))) as string[],
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Every axe-core violation on the page as it is now, of any impact. axe goes in through the
 * DevTools protocol (page.evaluate): the gateway's CSP (script-src 'self') rightly refuses an
 * injected inline <script>, and the tests keep that CSP on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe');
  if (loaded !== 'object') await page.evaluate(AXE_SOURCE);
  const json = await page.evaluate(`
    axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      JSON.stringify(result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }))))
  `);
  return JSON.parse(String(json)) as AxeViolation[];
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The page's localStorage, read from outside the page. */
export async function localStorageOf(context: BrowserContext, url: string): Promise<Record<string, string>> {
  const origin = new URL(url).origin;
  const state = await context.storageState();
  const entries = state.origins.find((entry) => entry.origin === origin)?.localStorage ?? [];
  return Object.fromEntries(entries.map((entry) => [entry.name, entry.value]));
}

/** Sets localStorage keys in the page (for the next load). */
export async function setLocalStorage(page: Page, values: Record<string, string>): Promise<void> {
  await page.evaluate(
    `(() => { const values = ${JSON.stringify(values)}; for (const [k, v] of Object.entries(values)) localStorage.setItem(k, v); })()`,
  );
}

/** Waits for a screen of the page: connecting, error, form, progress, result, failed. */
export async function waitForScreen(page: Page, screen: string, timeout = 60_000): Promise<void> {
  await page.locator(`[data-screen="${screen}"]`).waitFor({ state: 'visible', timeout });
}

/** The session id the page holds: kept on the footer as data-session-id for support, never shown as text. */
export async function shownSessionId(page: Page): Promise<string> {
  const footer = page.locator('footer[data-session-id]');
  await footer.waitFor({ state: 'attached', timeout: 30_000 });
  return (await footer.getAttribute('data-session-id')) ?? '';
}

/** Runs `body`; on failure a full-page screenshot goes to test-artifacts/browser/<name>-failure.png first. */
export async function shotOnFailure(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    await screenshot(page, `${name}-failure`).catch(() => undefined);
    throw err;
  }
}

/** Presses Tab until `selector` has focus; fails when it never gets it (not reachable by keyboard). */
export async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (
      await page.evaluate(
        `document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`,
      )
    )
      return;
  }
  throw new Error(`${selector} never took focus in ${limit} Tab presses`);
}

import { inject } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

/** axe-core's source, injected into pages by the accessibility checks. */
export const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const READY = '[data-chart][data-ready="true"]';

/** Launches headless Chromium (Debian's, or as scripts/chromium.mjs finds it). */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: inject('chromiumPath'), args: CHROMIUM_ARGS, headless: true });
}

export interface PageLog {
  /** Every request to an origin other than the page's own (data: and blob: URLs are local). */
  external: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

/** A fresh page (empty cache) that records foreign requests and errors. */
export async function openPage(browser: Browser, opts: { width?: number } = {}): Promise<{ page: Page; log: PageLog; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const origin = new URL(inject('baseUrl')).origin;
  const log: PageLog = { external: [], consoleErrors: [], pageErrors: [] };
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:')) log.external.push(u);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') log.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  return { page, log, close: () => context.close() };
}

/**
 * A fresh page on the data view, its default datasets listed, with the import panel's file input: where every import
 * through the UI starts.
 */
export async function openDataView(browser: Browser): Promise<{ page: Page; log: PageLog; close: () => Promise<void>; input: Locator }> {
  const opened = await openPage(browser);
  await opened.page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
  await opened.page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
  return { ...opened, input: opened.page.locator('[data-testid="import"] input[type=file]').first() };
}

/**
 * Holds DuckDB's engine and worker back until the returned function is called: until then, what the page draws comes
 * from the build-time answers.
 */
export async function holdDuckDb(page: Page): Promise<() => void> {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  await page.route(/duckdb-.*(\.wasm|worker.*\.js)$/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** The app's URL for a query string. */
export function appUrl(search = ''): string {
  return `${inject('baseUrl')}/${search}`;
}

/** Waits until every chart of the page shows data; returns their kinds. */
export async function allReady(page: Page): Promise<string[]> {
  await page.waitForFunction(() => {
    const all = [...document.querySelectorAll('[data-chart]')];
    return all.length > 0 && all.every((e) => e.getAttribute('data-ready') === 'true');
  }, null, { timeout: 60000 });
  return page.$$eval('[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart') ?? ''));
}

/** What each chart of the page says: title, summary, notes, sources and every value it carries as data. */
export function chartsShown(page: Page) {
  return page.$$eval('[data-chart]', (charts) =>
    charts.map((c) => ({
      kind: c.getAttribute('data-chart'),
      indicateur: c.getAttribute('data-indicateur'),
      title: c.querySelector('.chart-head :is(h2, h3)')?.textContent,
      summary: c.querySelector('.chart-summary')?.textContent,
      notes: [...c.querySelectorAll('.chart-notes li')].map((li) => li.textContent),
      sources: c.querySelector('.chart-sources')?.textContent,
      values: [...c.querySelectorAll('[data-value], [data-territory]')].map((e) => [e.getAttribute('data-territory'), e.getAttribute('data-value')]),
    })),
  );
}

/** Marks the shown import report as old, runs `act`, and waits for the report that follows, with its attributes and text. */
export async function nextReport(page: Page, act: () => Promise<unknown>) {
  await page.evaluate(() => document.querySelectorAll('[data-testid="import-report"]').forEach((e) => e.setAttribute('data-old', '1')));
  await act();
  const report = page.locator('[data-testid="import-report"][data-status]:not([data-old])');
  await report.waitFor({ timeout: 60000 });
  return { report, status: await report.getAttribute('data-status'), rows: Number(await report.getAttribute('data-rows')), errors: Number(await report.getAttribute('data-errors')), text: await report.innerText() };
}

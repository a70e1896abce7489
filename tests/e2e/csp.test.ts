import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { allReady, launch } from './browser';
import { serveStatic } from '../../scripts/serve.mjs';
import { DASHBOARD_CSP, DASHBOARD_DIRECTIVES, DASHBOARD_META_CSP, HEADER_ONLY_DIRECTIVES } from '../../scripts/csp.mjs';

/**
 * The dashboard under its Content-Security-Policy, built for production and served by a plain static server: once
 * with the policy as an HTTP header (as a host should send it), once with no header at all (a static host that cannot
 * send one), where the `<meta>` tag the build writes into index.html must hold on its own. Either way a whole path
 * (overview, share dialog and every download, territory page, data view with an import) runs with no violation, no
 * console error and no request to another origin.
 */
type Server = { url: string; close: () => Promise<void> };
let browser: Browser;
let withHeader: Server;
let plain: Server;
const DIST = path.resolve(import.meta.dirname, '../../dist');
beforeAll(async () => {
  browser = await launch();
  withHeader = await serveStatic(DIST, 0, '127.0.0.1', { 'content-security-policy': DASHBOARD_CSP });
  plain = await serveStatic(DIST, 0, '127.0.0.1');
});
afterAll(async () => {
  await browser?.close();
  await withHeader?.close();
  await plain?.close();
});

interface Watched {
  page: Page;
  violations: () => Promise<string[]>;
  errors: string[];
  consoleErrors: string[];
  external: string[];
  close: () => Promise<void>;
}

async function watch(base: string): Promise<Watched> {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  const page = await context.newPage();
  const origin = new URL(base).origin;
  const w: Watched = {
    page, errors: [], consoleErrors: [], external: [],
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    close: () => context.close(),
  };
  page.on('pageerror', (e) => w.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(m.text());
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:')) w.external.push(u);
  });
  return w;
}

/** Clicks a download button of the open share dialog and returns the file's name. */
async function download(page: Page, testId: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(`dialog[open] [data-testid="${testId}"]`).click()]);
  return d.suggestedFilename();
}

/** Overview, share dialog (embed code, PNG, square PNG, SVG, CSV), territory page, data view with an import. */
async function fullPath(w: Watched, base: string): Promise<void> {
  const { page } = w;
  await page.goto(`${base}/`, { waitUntil: 'commit' });
  // The trend chart (Recharts) is loaded lazily, like the share dialog, the data view and DuckDB's code.
  expect(await allReady(page)).toContain('trend');
  await page.waitForFunction(() => performance.getEntriesByName('duckdb:ready').length > 0, null, { timeout: 60000 });
  await page.locator('[data-chart="map"] [data-testid="share"]').click();
  await page.waitForFunction(() => ((document.querySelector('dialog[open] [data-testid="embed-code"]') as HTMLTextAreaElement | null)?.value ?? '').includes('#v1.'));
  expect(await download(page, 'download-png')).toMatch(/\.png$/);
  expect(await download(page, 'download-png-square')).toMatch(/\.png$/);
  expect(await download(page, 'download-svg')).toMatch(/\.svg$/);
  expect(await download(page, 'download-csv')).toMatch(/\.csv$/);
  await page.keyboard.press('Escape');
  expect(await w.violations()).toEqual([]);

  await page.goto(`${base}/?vue=territoire&territoire=31`, { waitUntil: 'commit' });
  await allReady(page);
  expect(await w.violations()).toEqual([]);
  await page.goto(`${base}/?vue=donnees`, { waitUntil: 'commit' });
  await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
  // The import worker reads the file; DuckDB's worker takes the rows in.
  await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name: 'csp.csv', mimeType: 'text/csv', buffer: Buffer.from('territoire,annee,indicateur,femmes,hommes,total\n31,2024,emploi_technique,10,20,30\n') });
  await page.waitForSelector('[data-testid="import-report"][data-status="ok"]', { timeout: 60000 });
  await page.getByRole('button', { name: /^Importer/ }).click();
  await page.waitForSelector('[data-dataset="csp"]', { timeout: 60000 });
  expect(await w.violations()).toEqual([]);
  expect(w.errors).toEqual([]);
  expect(w.consoleErrors).toEqual([]);
  expect(w.external).toEqual([]);
}

describe('Content-Security-Policy', () => {
  test('one definition: the <meta> policy is the header policy without what only a header can say', () => {
    expect(DASHBOARD_CSP).toBe(DASHBOARD_DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; '));
    expect(DASHBOARD_CSP).toContain("frame-ancestors 'self'");
    expect(DASHBOARD_META_CSP).toBe(DASHBOARD_DIRECTIVES.filter(([k]) => !HEADER_ONLY_DIRECTIVES.includes(k)).map(([k, v]) => `${k} ${v}`).join('; '));
    for (const d of HEADER_ONLY_DIRECTIVES) expect(DASHBOARD_META_CSP).not.toContain(d);
    expect(DASHBOARD_META_CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  test('on a static host that sends no header, index.html carries the policy in <meta>, first, and the whole app runs under it', async () => {
    const res = await fetch(`${plain.url}/`);
    expect(res.headers.get('content-security-policy')).toBeNull();
    const w = await watch(plain.url);
    await w.page.goto(`${plain.url}/`, { waitUntil: 'commit' });
    const head = await w.page.evaluate(() => [...document.head.children].map((e) => (e.getAttribute('http-equiv') ? `csp:${e.getAttribute('content') ?? ''}` : e.tagName.toLowerCase() + (e.hasAttribute('charset') ? ':charset' : ''))));
    // Right after <meta charset>: before every script, stylesheet, preload and icon the page loads.
    expect(head.slice(0, 2)).toEqual(['meta:charset', `csp:${DASHBOARD_META_CSP}`]);
    expect(head.filter((h) => h.startsWith('csp:'))).toHaveLength(1);
    await fullPath(w, plain.url);
    // The control: the <meta> policy is enforced, not only present (an injected inline script is refused, and said).
    const ran = await w.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ranInline = true';
      document.body.append(s);
      return (window as unknown as { __ranInline?: boolean }).__ranInline ?? false;
    });
    expect(ran).toBe(false);
    await expect.poll(() => w.violations()).toEqual([expect.stringMatching(/^script-src-elem inline /)]);
    await w.close();
  });

  test('with the policy sent as a header too (both enforced), the whole app runs with no violation', async () => {
    const res = await fetch(`${withHeader.url}/`);
    expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    const w = await watch(withHeader.url);
    await fullPath(w, withHeader.url);
    await w.close();
  });
});

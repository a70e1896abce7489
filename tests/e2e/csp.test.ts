import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { allReady, launch } from './browser';
import { serveStatic } from '../../scripts/serve.mjs';
import { DASHBOARD_CSP } from '../../scripts/csp.mjs';

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
beforeAll(async () => {
  browser = await launch();
  server = await serveStatic(path.resolve(import.meta.dirname, '../../dist'), 0, '127.0.0.1', { 'content-security-policy': DASHBOARD_CSP });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Content-Security-Policy', () => {
  test('the dashboard works under its policy: overview, territory, import, share and PNG export, with no violation', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

    await page.goto(`${server.url}/`, { waitUntil: 'commit' });
    await allReady(page);
    await page.waitForFunction(() => performance.getEntriesByName('duckdb:ready').length > 0, null, { timeout: 60000 });
    await page.locator('[data-chart="map"] [data-testid="share"]').click();
    await page.waitForFunction(() => ((document.querySelector('dialog[open] [data-testid="embed-code"]') as HTMLTextAreaElement | null)?.value ?? '').includes('#v1.'));
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('dialog[open] [data-testid="download-png"]').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    await page.keyboard.press('Escape');
    expect(await violations()).toEqual([]);

    await page.goto(`${server.url}/?vue=territoire&territoire=31`, { waitUntil: 'commit' });
    await allReady(page);
    await page.goto(`${server.url}/?vue=donnees`, { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name: 'csp.csv', mimeType: 'text/csv', buffer: Buffer.from('territoire,annee,indicateur,femmes,hommes,total\n31,2024,emploi_technique,10,20,30\n') });
    await page.waitForSelector('[data-testid="import-report"][data-status="ok"]', { timeout: 60000 });
    await page.getByRole('button', { name: /^Importer/ }).click();
    await page.waitForSelector('[data-dataset="csp"]');
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import { allReady, appUrl, launch, openPage, READY } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const chunk = (name: string) => new RegExp(`/assets/${name}-[\\w-]+\\.js$`);

describe('parts loaded on demand', () => {
  test('the first screen fetches neither the data view nor the share dialog; DuckDB\'s code is a chunk of its own', async () => {
    const { page, close } = await openPage(browser);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await page.waitForSelector(READY, { timeout: 60000 });
    await allReady(page);
    await page.waitForFunction(() => performance.getEntriesByName('duckdb:ready').length > 0, null, { timeout: 60000 });
    expect(requests.filter((u) => chunk('(DataView|ShareDialog)').test(u))).toEqual([]);
    // DuckDB's client and the app's start-up (restoring stored imports) come in their own chunk, after the first screen.
    expect(requests.some((u) => chunk('startup').test(u))).toBe(true);
    await close();
  });

  test('a share dialog still on its way shows that it is loading, then opens', async () => {
    const { page, log, close } = await openPage(browser);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route(chunk('ShareDialog'), async (route: Route) => {
      await held;
      await route.continue();
    });
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await allReady(page);
    await page.locator('[data-chart="map"] [data-testid="share"]').click();
    const status = page.locator('[data-chart="map"] [role="status"]', { hasText: 'Chargement…' });
    await status.waitFor();
    release();
    await page.locator('dialog[open] [data-testid="embed-code"]').waitFor();
    expect(await status.count()).toBe(0);
    expect(log.pageErrors).toEqual([]);
    await close();
  });

  test('when the code cannot be fetched, the page says so in place and keeps working', async () => {
    const { page, close } = await openPage(browser);
    await page.route(chunk('(ShareDialog|DataView)'), (route: Route) => route.abort());
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await allReady(page);
    await page.locator('[data-chart="ranking"] [data-testid="share"]').click();
    await expect.poll(() => page.locator('[data-chart="ranking"] [role="alert"]').innerText()).toMatch(/n’a pas pu être chargée/);
    expect(await page.locator('[data-chart]').count()).toBe(5);
    // The data view, opened from the menu, fails in place too; the navigation still works.
    await page.getByRole('link', { name: 'Données' }).click();
    await expect.poll(() => page.locator('main [role="alert"]').first().innerText()).toMatch(/n’a pas pu être chargée/);
    await page.getByRole('link', { name: 'Vue d’ensemble' }).click();
    await page.waitForSelector(READY);
    await close();
  });

  test('the trend chart (the only one drawn with Recharts) comes after the first charts; if its code is missing, it says so in place', async () => {
    const { page, log, close } = await openPage(browser);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route(chunk('TrendChart'), async (route: Route) => {
      await held;
      await route.abort();
    });
    await page.goto(appUrl(), { waitUntil: 'commit' });
    // Every other chart is drawn while the trend's code is held back: it waits, not ready, its space kept.
    await page.waitForFunction(() => ['kpi', 'map', 'ranking', 'pipeline'].every((k) => document.querySelector(`[data-chart="${k}"][data-ready="true"]`)), null, { timeout: 60000 });
    const trend = page.locator('[data-chart="trend"]');
    expect(await trend.getAttribute('data-ready')).toBeNull();
    expect(await trend.getAttribute('aria-busy')).toBe('true');
    expect((await page.locator('[data-chart="trend"] .chart-pending').boundingBox())?.height).toBe(360);
    release();
    await expect.poll(() => page.locator('[data-chart="trend"] [role="alert"]').innerText()).toMatch(/n’a pas pu être chargée/);
    expect(await trend.getAttribute('data-ready')).toBeNull();
    expect(await page.locator('[data-chart][data-ready="true"]').count()).toBe(4);
    expect(log.pageErrors).toEqual([]);
    await close();
  });
});

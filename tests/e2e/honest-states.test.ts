import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launch, openPage, READY } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Key figures that run out of their card, and the number of cards on each row of the grid. */
const kpiLayout = (page: Page) =>
  page.evaluate(() => {
    const cards = [...document.querySelectorAll<HTMLElement>('[data-chart="kpi"] .kpi')];
    const overflow = cards.flatMap((c) => [c, ...c.querySelectorAll<HTMLElement>('span')])
      .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.className}: ${e.textContent ?? ''} (${e.scrollWidth} > ${e.clientWidth})`);
    const rows = new Map<number, HTMLElement[]>();
    for (const c of cards) rows.set(Math.round(c.offsetTop), [...(rows.get(Math.round(c.offsetTop)) ?? []), c]);
    const grid = cards[0]?.parentElement?.clientWidth ?? 0;
    const layout = [...rows.values()].map((r) => ({ n: r.length, full: r.length === 1 && r[0] !== undefined && r[0].offsetWidth >= grid - 2 }));
    return { count: cards.length, overflow, layout };
  });

describe('honest states', () => {
  test('the loading line goes away once the data is loaded, and stays a live region for screen readers', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(appUrl(), { waitUntil: 'commit' });
    const status = page.locator('[data-db-status]');
    await page.waitForSelector('[data-db-status="ready"]', { timeout: 90000 });
    await page.waitForSelector(READY);
    const box = await status.boundingBox();
    expect(box?.width ?? 0).toBeLessThanOrEqual(1);
    expect(box?.height ?? 0).toBeLessThanOrEqual(1);
    expect(await status.getAttribute('role')).toBe('status');
    expect((await status.textContent())?.trim()).not.toBe('');
    await close();
  });

  test('an indicator without région or département data: no empty chart with a Share button, each empty chart says so once', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(appUrl('?indicateur=specialistes_tic'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-db-status="ready"]', { timeout: 90000 });
    await page.waitForSelector(`${READY}[data-chart="trend"][data-indicateur="specialistes_tic"]`, { timeout: 60000 });
    const charts = await page.$$eval('[data-chart]', (els) => els.map((e) => ({
      kind: e.getAttribute('data-chart'),
      ready: e.getAttribute('data-ready') === 'true',
      share: e.querySelectorAll('[data-testid="share"]').length,
      // The body's message, and the summary's when it says the same.
      empty: [...e.querySelectorAll('p')].filter((p) => ['Pas de donnée à afficher pour ce choix.', 'Aucune donnée pour ce graphique.'].includes((p.textContent ?? '').trim())).length,
    })));
    for (const c of charts) {
      if (!c.ready) expect(c, `${c.kind} without data`).toMatchObject({ share: 0, empty: 1 });
    }
    await close();
  });

  test.each([320, 375, 700, 1280])('at %i px no key figure runs out of its card, and the cards lay out in balanced rows', async (width) => {
    const { page, close } = await openPage(browser, { width });
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await page.waitForSelector(`${READY}[data-chart="kpi"]`, { timeout: 90000 });
    const { count, overflow, layout } = await kpiLayout(page);
    expect(count).toBeGreaterThanOrEqual(6);
    expect(overflow).toEqual([]);
    // Every row as full as the widest one but for one card, or a last card alone that spans the whole grid.
    const widest = Math.max(...layout.map((r) => r.n));
    for (const r of layout) expect(r.n >= widest - 1 || r.full, JSON.stringify(layout)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await close();
  });
});

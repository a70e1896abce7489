import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { allReady, appUrl, launch, openPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('charts drawn from one grammar', () => {
  test('the map names every département, readable at 375 px, with values written as in the ranking', async () => {
    const { page, log, close } = await openPage(browser, { width: 375 });
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await allReady(page);
    const names = await page.$$eval('[data-chart="map"] svg.map-svg [data-map-name]', (els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      const svg = (e.closest('svg') as SVGSVGElement).getBoundingClientRect();
      return { code: e.getAttribute('data-map-name'), text: e.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom, h: r.height, inside: r.left >= svg.left - 1 && r.right <= svg.right + 1 };
    }));
    expect(names).toHaveLength(13);
    for (const n of names) {
      expect(n.text.length, n.code ?? '').toBeGreaterThan(2);
      // Drawn at a size one can read on a phone, inside the map.
      expect(n.h, n.text).toBeGreaterThanOrEqual(9);
      expect(n.inside, n.text).toBe(true);
    }
    // No two names drawn over each other.
    for (const a of names) for (const b of names) {
      if (a === b) continue;
      const overlap = Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
      expect(overlap, `${a.text} / ${b.text}`).toBeLessThan(0.25 * a.h * a.h);
    }
    // Values with one decimal, the ranking's own formatter: every ranking value appears on the map.
    const values = (sel: string) => page.$$eval(sel, (els) => els.map((e) => (e.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ').match(/^\d+,\d %/)?.[0]).filter((v) => v !== undefined));
    const onMap = await values('[data-chart="map"] svg.map-svg text');
    const inRanking = await values('[data-chart="ranking"] svg text[data-value-label]');
    expect(inRanking.length).toBeGreaterThan(5);
    expect(onMap.sort()).toEqual(inRanking.sort());
    // The legend says what darker means and marks parity.
    const legend = await page.locator('[data-chart="map"] .map-legend').innerText();
    expect(legend).toContain('plus foncé');
    expect(legend).toMatch(/50\s%\s·\sparité/);
    expect(log.external).toEqual([]);
    await close();
  }, 180000);

  test('one colour per territory on a page: Hérault, the région and France the same in the comparison, the trend and the pipeline', async () => {
    const { page, close } = await openPage(browser, { width: 1280 });
    await page.goto(appUrl('?vue=territoire&territoire=34'), { waitUntil: 'commit' });
    // The territory page waits for DuckDB's start-up, slow on a loaded machine.
    await page.waitForFunction(() => ['comparison', 'trend', 'pipeline'].every((k) => document.querySelector(`[data-chart="${k}"][data-ready="true"] svg`)), null, { timeout: 150000 });
    // Bars of the first series (Hérault) are solid; the région's and France's are patterns filled with their colour.
    const barColour = (kind: string) => page.$eval(`[data-chart="${kind}"] svg`, (svg) => {
      const solid = [...svg.querySelectorAll('rect[fill^="#"]')].find((r) => Number(r.getAttribute('height')) >= 10 && r.closest('pattern') === null && r.closest('defs') === null);
      const pattern = (n: number) => svg.querySelector(`pattern[id$="g${n}"] rect`)?.getAttribute('fill') ?? null;
      return { first: solid?.getAttribute('fill') ?? null, second: pattern(1), third: pattern(2) };
    });
    const comparison = await barColour('comparison');
    const pipeline = await barColour('pipeline');
    const trend = await page.$$eval('[data-chart="trend"] path[data-series]', (ps) => Object.fromEntries(ps.map((p) => [p.getAttribute('data-series'), p.getAttribute('stroke')])));
    expect(trend['34']).toBeTruthy();
    expect(comparison.first).toBe(trend['34']);
    expect(pipeline.first).toBe(trend['34']);
    // Comparison: Hérault, then the région, then France.
    expect(comparison.second).toBe(trend['76']);
    expect(comparison.third).toBe(trend['FR']);
    // Each territory its own colour.
    expect(new Set([trend['34'], trend['76'], trend['FR']]).size).toBe(3);
    await close();
  }, 180000);
});

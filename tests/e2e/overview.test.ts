import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { allReady, appUrl, launch, openPage, READY } from './browser';
import { openDefaultDb } from '../helpers/node-db';
import type { Connector } from '../../src/data/connector';
import { OCCITANIE_DEPARTEMENTS } from '../helpers/constants';

const OCCITANIE = OCCITANIE_DEPARTEMENTS;
const KINDS = ['kpi', 'map', 'ranking', 'trend', 'pipeline'];

let browser: Browser;
let db: Connector & { close(): void };
beforeAll(async () => {
  [browser, db] = await Promise.all([launch(), openDefaultDb()]);
});
afterAll(async () => {
  await browser?.close();
  db?.close();
});

/** Reads "23,1 %" or "23.1%" back as 23.1. */
function parsePercent(text: string): number | null {
  const m = text.replace(/[\s\u00a0\u202f]/g, '').match(/(-?\d+(?:[.,]\d+)?)%/);
  return m?.[1] ? Number(m[1].replace(',', '.')) : null;
}

/** The région and départements for one indicator and year, straight from the raw table: sums of counts. */
async function direct(indicateur: string, annee: number) {
  const rows = await db.query({
    sql: `WITH d AS (SELECT territoire, femmes, total FROM observations WHERE indicateur = ? AND annee = ?::INTEGER)
          SELECT territoire, 100 * femmes / total AS part FROM d WHERE femmes IS NOT NULL AND territoire IN ('${OCCITANIE.join("','")}')
          UNION ALL SELECT '76', 100 * sum(femmes) / sum(total) FROM d WHERE territoire IN ('${OCCITANIE.join("','")}')`,
    params: [indicateur, annee],
  });
  return new Map(rows.map((r) => [String(r['territoire']), Number(r['part'])]));
}

describe('overview', () => {
  test('every chart kind is ready, the KPI and the ranking show the numbers of a direct query, nothing leaves the origin', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await page.waitForSelector(READY, { timeout: 60000 });
    expect((await allReady(page)).sort()).toEqual([...KINDS].sort());
    expect(await page.locator('[data-testid="illustrative-notice"]').first().isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

    const want = await direct('emploi_numerique', 2024);
    const kpi = await page.locator('[data-chart="kpi"] [data-kpi="part"]').getAttribute('data-value');
    expect(Number(kpi)).toBeCloseTo(want.get('76') ?? NaN, 9);
    expect(parsePercent(await page.locator('[data-chart="kpi"] [data-kpi="part"] .kpi-value').innerText())).toBeCloseTo(want.get('76') ?? NaN, 1);

    // The ranking's data table lists every département with its share, as displayed.
    await page.locator('[data-chart="ranking"] button[aria-expanded]').click();
    const rows = await page.$$eval('[data-chart="ranking"] table tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c as HTMLElement).innerText)),
    );
    expect(rows).toHaveLength(13);
    for (const r of rows) {
      const name = r[1] ?? '';
      const code = OCCITANIE.find((c) => name.length > 0 && rowsByName[c] === name);
      expect(code, name).toBeDefined();
      expect(parsePercent(r[2] ?? '')).toBeCloseTo(want.get(code ?? '') ?? NaN, 1);
    }
    expect(await page.$$eval('[data-chart="map"] [data-territory]', (els) => els.map((e) => e.getAttribute('data-territory')))).toEqual(OCCITANIE);
    expect(log.external).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await close();
  });

  test('the keyboard reaches all 13 départements of the map, each a link to its page', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await allReady(page);
    await page.locator('[data-chart="map"]').scrollIntoViewIfNeeded();
    await page.focus('[data-chart="map"] [data-territory="09"]');
    const reached: string[] = [];
    for (let i = 0; i < 13; i++) {
      const code = await page.evaluate(() => document.activeElement?.getAttribute('data-territory') ?? null);
      if (code) reached.push(code);
      expect(await page.locator('.map-tooltip').innerText()).not.toBe('');
      await page.keyboard.press('Tab');
    }
    expect(reached).toEqual(OCCITANIE);
    await page.focus('[data-chart="map"] [data-territory="34"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/vue=territoire&territoire=34/);
    expect(await allReady(page)).toContain('comparison');
    await close();
  });

  test('the other indicators\' overviews are computed with the first one: changing the indicator runs no query, and shows their own numbers', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?bench'), { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('duckdb:ready').length > 0, null, { timeout: 60000 });
    await page.waitForFunction(() => performance.getEntriesByName('overview:queries').length > 0, null, { timeout: 60000 });
    await allReady(page);
    const queries = () => page.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('sql:')).length);
    const before = await queries();
    for (const id of ['nsi_lycee', 'demandeurs_numerique']) {
      await page.selectOption('[aria-label] select >> nth=0', id);
      await page.waitForFunction((id) => [...document.querySelectorAll('[data-chart]')].every((e) => e.getAttribute('data-ready') === 'true' && (e.getAttribute('data-indicateur') ?? id) === id), id);
      // The KPI shows the share a direct query gives for this indicator, in the year shown.
      const year = Number(await page.locator('[aria-label] select >> nth=1').inputValue());
      const shown = await page.locator('[data-chart="kpi"] [data-kpi="part"]').getAttribute('data-value');
      expect(Number(shown)).toBeCloseTo((await direct(id, year)).get('76') ?? NaN, 9);
      expect(await queries()).toBe(before);
    }
    expect(log.pageErrors).toEqual([]);
    await close();
  });
  test('before DuckDB is ready, another indicator\'s default overview, then another year, is drawn from the build-time overviews, with a direct query\'s numbers', async () => {
    const { page, log, close } = await openPage(browser);
    // DuckDB's engine never arrives: everything shown comes from the build.
    await page.route(/duckdb-.*\.wasm/, () => undefined);
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await allReady(page);
    for (const id of ['nsi_lycee', 'sup_numerique']) {
      await page.selectOption('[aria-label] select >> nth=0', id);
      await page.waitForFunction((id) => [...document.querySelectorAll('[data-chart]')].every((e) => e.getAttribute('data-ready') === 'true' && (e.getAttribute('data-indicateur') ?? id) === id), id, { timeout: 30000 });
      const year = Number(await page.locator('[aria-label] select >> nth=1').inputValue());
      const shown = await page.locator('[data-chart="kpi"] [data-kpi="part"]').getAttribute('data-value');
      expect(Number(shown)).toBeCloseTo((await direct(id, year)).get('76') ?? NaN, 9);
      expect(new URL(page.url()).searchParams.get('indicateur')).toBe(id);
    }
    // A year other than the latest is precomputed too (issue 20 point 6): its own file, fetched when chosen.
    const years = await page.locator('[aria-label] select >> nth=1 >> option').allTextContents();
    const year = Number(years[1]);
    await page.selectOption('[aria-label] select >> nth=1', String(year));
    await page.waitForFunction((y) => [...document.querySelectorAll('[data-chart]')].every((e) => e.getAttribute('data-ready') === 'true' && e.getAttribute('aria-busy') !== 'true')
      && (document.querySelector('[data-chart="kpi"] .chart-head :is(h2, h3)')?.textContent ?? '').includes(String(y)), year, { timeout: 30000 });
    const shown = await page.locator('[data-chart="kpi"] [data-kpi="part"]').getAttribute('data-value');
    expect(Number(shown)).toBeCloseTo((await direct('sup_numerique', year)).get('76') ?? NaN, 9);
    expect(await page.evaluate(() => performance.getEntriesByName('duckdb:ready').length)).toBe(0);
    expect(log.pageErrors).toEqual([]);
    await close();
  });
  test('indicator, year and language changes update every chart; the URL round-trips and Back works', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await allReady(page);
    const titles = () => page.$$eval('[data-chart] .chart-title', (els) => els.map((e) => e.textContent ?? ''));
    const before = await titles();

    await page.selectOption('[aria-label] select >> nth=0', 'nsi_lycee');
    await page.waitForURL(/indicateur=nsi_lycee/);
    await allReady(page);
    const afterIndicator = await titles();
    for (const [i, t] of afterIndicator.entries()) if (!t.startsWith('Le parcours')) expect(t).not.toBe(before[i]);
    expect(afterIndicator[0]).toContain('NSI');

    await page.selectOption('[aria-label] select >> nth=1', '2021');
    await page.waitForURL(/annee=2021/);
    await allReady(page);
    expect((await titles()).filter((t) => t.includes('2021')).length).toBeGreaterThanOrEqual(3);
    const wantNsi = await direct('nsi_lycee', 2021);
    const kpi = await page.locator('[data-kpi="part"]').getAttribute('data-value');
    expect(Number(kpi)).toBeCloseTo(wantNsi.get('76') ?? NaN, 9);

    await page.locator('a.lang-switch').click();
    await page.waitForURL(/lang=en/);
    await allReady(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect((await titles())[0]).toMatch(/^Key figures in Occitanie, 2021/);

    // a copied URL reopens the same view
    const url = page.url();
    expect(url).toMatch(/indicateur=nsi_lycee&annee=2021&lang=en/);
    const second = await openPage(browser);
    await second.page.goto(url, { waitUntil: 'commit' });
    await allReady(second.page);
    expect(await second.page.$$eval('[data-chart] .chart-title', (els) => els.map((e) => e.textContent ?? ''))).toEqual(await titles());
    await second.close();

    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('lang=en'));
    await allReady(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(log.pageErrors).toEqual([]);
    await close();
  });
});

describe('first chart before DuckDB', () => {
  test('the default overview draws build-time charts at once (the key figures drawn first, the other drawings in the next frame), then hands over to live queries with the same numbers', async () => {
    const { page, log, close } = await openPage(browser);
    // What the page holds in each painted frame, until every chart is there.
    await page.addInitScript(() => {
      const frames: string[][] = [];
      (window as unknown as { __frames: string[][] }).__frames = frames;
      const look = () => {
        const kinds = [...document.querySelectorAll('[data-chart]')].map((e) => `${e.getAttribute('data-chart')}${e.getAttribute('data-ready') ? '*' : ''}`);
        if (kinds.length) frames.push(kinds);
        if (kinds.filter((k) => k.endsWith('*')).length < 5) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await page.waitForSelector(`${READY}[data-chart="kpi"]`, { timeout: 60000 });
    expect(await page.evaluate(() => performance.getEntriesByName('duckdb:ready').length)).toBe(0);
    const early = await page.getAttribute('[data-kpi="part"]', 'data-value');
    await page.waitForFunction(() => document.querySelectorAll('[data-chart][data-ready]').length === 5);
    const frames = await page.evaluate(() => (window as unknown as { __frames: string[][] }).__frames);
    // Every chart is on the page from the first frame (so no helper takes the page for complete), only the
    // key figures ready.
    expect(frames[0]).toEqual(['kpi*', 'map', 'ranking', 'trend', 'pipeline']);
    expect(frames.at(-1)).toEqual(['kpi*', 'map*', 'ranking*', 'trend*', 'pipeline*']);
    await page.waitForFunction(() => performance.getEntriesByName('duckdb:ready').length > 0, null, { timeout: 60000 });
    await allReady(page);
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('overview:queries').length)).toBeGreaterThan(0);
    await allReady(page);
    expect(await page.getAttribute('[data-kpi="part"]', 'data-value')).toBe(early);
    expect(log.pageErrors).toEqual([]);
    await close();
  });
});

describe('pipeline territory', () => {
  test('the pipeline can show a chosen département, kept in the URL', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await allReady(page);
    await page.locator('[data-chart="pipeline"] select').selectOption('31');
    await page.waitForURL(/parcours=31/);
    await allReady(page);
    expect(await page.locator('[data-chart="pipeline"] .chart-title').innerText()).toContain('en Haute-Garonne');
    await close();
  });
});

describe('territory page', () => {
  test('every chart of a département is ready, with its rank and quality notes', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=territoire&territoire=48'), { waitUntil: 'commit' });
    expect((await allReady(page)).sort()).toEqual(['comparison', 'kpi', 'pipeline', 'trend']);
    expect(await page.locator('[data-kpi="rang"] .kpi-value').innerText()).toMatch(/^\d+ \/ 13$/);
    await expect.poll(() => page.locator('.quality').innerText()).toContain('Secret statistique');
    expect(log.pageErrors).toEqual([]);
    await close();
  });
  test('the trend draws every series with the chart’s scales, and its tooltip gives each value of the year under the pointer', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await page.waitForSelector(`${READY}[data-chart="trend"]`, { timeout: 60000 });
    const trend = page.locator('[data-chart="trend"]');
    const legend = await trend.locator('.trend-legend li').allInnerTexts();
    expect(legend[0]).toBe('Occitanie');
    // One group per series, in the legend's order, each with its line; a marker per value (the projection has none).
    expect(await trend.locator('.trend-series > g').count()).toBe(legend.length);
    expect(await trend.locator('.trend-series > g > path[fill="none"]').count()).toBe(legend.length);
    const markers = trend.locator('.trend-series > g').first().locator('circle');
    expect(await markers.count()).toBe(10); // 2015 to 2024
    expect(await trend.locator('.trend-references text').textContent()).toMatch(/Parité \(50\s%\)/);
    // The last marker of Occitanie is its 2024 value: the tooltip there says so, as a direct query computes it.
    await markers.last().hover();
    const tip = trend.locator('.trend-tooltip');
    await tip.waitFor();
    expect(await tip.locator('.trend-tooltip-year').innerText()).toBe('2024');
    const occitanie = (await tip.locator('li').allInnerTexts()).find((t) => t.startsWith('Occitanie :'));
    const want = await direct('emploi_numerique', 2024);
    expect(parsePercent(occitanie ?? '')).toBeCloseTo(want.get('76') ?? NaN, 1);
    expect(log.pageErrors).toEqual([]);
    await close();
  });
  test('an unknown territory says so', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(appUrl('?vue=territoire&territoire=75'), { waitUntil: 'commit' });
    await page.waitForSelector('[role="alert"]', { timeout: 60000 });
    expect(await page.locator('[role="alert"]').innerText()).toContain('75');
    await close();
  });
});

const rowsByName: Record<string, string> = {
  '09': 'Ariège', '11': 'Aude', '12': 'Aveyron', '30': 'Gard', '31': 'Haute-Garonne', '32': 'Gers', '34': 'Hérault',
  '46': 'Lot', '48': 'Lozère', '65': 'Hautes-Pyrénées', '66': 'Pyrénées-Orientales', '81': 'Tarn', '82': 'Tarn-et-Garonne',
};

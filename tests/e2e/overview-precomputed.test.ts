import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { allReady, appUrl, chartsShown as shown, holdDuckDb, launch, openPage, type PageLog } from './browser';
import { openDefaultDb } from '../helpers/node-db';
import type { Connector } from '../../src/data/connector';
import { OCCITANIE_DEPARTEMENTS } from '../helpers/constants';

let browser: Browser;
let db: Connector & { close(): void };
beforeAll(async () => {
  [browser, db] = await Promise.all([launch(), openDefaultDb()]);
});
afterAll(async () => {
  await browser?.close();
  db?.close();
});

/** The région's share of women for one indicator and year, straight from the raw table: a sum of counts. */
async function regionShare(indicateur: string, annee: number): Promise<number> {
  const [row] = await db.query({
    sql: `SELECT 100 * sum(femmes) / sum(total) AS part FROM observations
          WHERE indicateur = ? AND annee = ?::INTEGER AND territoire IN ('${OCCITANIE_DEPARTEMENTS.join("','")}')`,
    params: [indicateur, annee],
  });
  return Number(row?.['part']);
}

/**
 * Opens `search` with DuckDB's engine and worker held back, and checks that every chart of the overview is ready
 * from the build-time answers while DuckDB is not.
 */
async function openBeforeDuckDb(search: string) {
  const opened = await openPage(browser);
  const { page } = opened;
  const release = await holdDuckDb(page);
  await page.goto(appUrl(search), { waitUntil: 'commit' });
  expect(await allReady(page)).toEqual(['kpi', 'map', 'ranking', 'trend', 'pipeline']);
  expect(await page.evaluate(() => performance.getEntriesByName('duckdb:ready').length)).toBe(0);
  expect(await page.getAttribute('[data-db-status]', 'data-db-status')).not.toBe('ready');
  expect(await page.getAttribute('.grid', 'data-precomputed')).toBe('true');
  return { ...opened, release };
}

/** Once DuckDB is released: the live queries take over and every chart shows what it showed before; nothing failed. */
async function expectLiveSame(page: Page, log: PageLog, before: Awaited<ReturnType<typeof shown>>) {
  await page.waitForFunction(() => performance.getEntriesByName('duckdb:ready').length > 0, null, { timeout: 120000 });
  await page.waitForSelector('.grid:not([data-precomputed])', { timeout: 120000 });
  await allReady(page);
  expect(await page.evaluate(() => performance.getEntriesByName('overview:queries').length)).toBeGreaterThan(0);
  expect(await shown(page)).toEqual(before);
  expect(log.external).toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(log.consoleErrors).toEqual([]);
}

describe('overview opened by URL on another indicator, year or language', () => {
  // Issue 20 point 6: a deep link draws from build-time snapshots before DuckDB is ready, then the live queries
  // take over with the same numbers.
  test.each([
    ['?indicateur=sup_numerique&annee=2019&lang=en', 'sup_numerique', 2019, 'en', /^Key figures in Occitanie, 2019/, null],
    ['?annee=2017', 'emploi_numerique', 2017, 'fr', /^Chiffres clés en Occitanie, 2017/, null],
    // A département's pipeline (`parcours`): its own file of that year completes the overview.
    ['?indicateur=sup_numerique&annee=2019&parcours=11&lang=en', 'sup_numerique', 2019, 'en', /^Key figures in Occitanie, 2019/, '11'],
    ['?annee=2017&parcours=34', 'emploi_numerique', 2017, 'fr', /^Chiffres clés en Occitanie, 2017/, '34'],
  ])('%s: every chart is ready before DuckDB, with the snapshot\'s numbers, and DuckDB shows the same', async (search, indicateur, annee, lang, title, parcours) => {
    const { page, log, close, release } = await openBeforeDuckDb(search);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await page.locator('[data-chart="kpi"] .chart-head :is(h2, h3)').innerText()).toMatch(title);
    const before = await shown(page);
    expect([...new Set(before.map((c) => c.indicateur).filter((x) => x !== null))]).toEqual([indicateur]);
    // The key figure is the one a direct query of the raw table gives for that indicator and year.
    const kpi = Number(await page.getAttribute('[data-chart="kpi"] [data-kpi="part"]', 'data-value'));
    expect(kpi).toBeCloseTo(await regionShare(indicateur, annee), 9);
    // Only the index and that year's file were read: no other year's, nor the other indicators' default views
    // (index.html preloads the default overview on any page: it is left out).
    const read = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.includes('/precomputed/')));
    const pipeline = parcours ? [`/precomputed/overview/parcours/${parcours}/${annee}.json`] : [];
    expect(read.filter((p) => p !== '/precomputed/overview.json').sort()).toEqual(['/precomputed/overview/index.json', `/precomputed/overview/${indicateur}/${annee}.json`, ...pipeline].sort());
    // The pipeline shown is the département's, as its selector says.
    expect(await page.locator('[data-chart="pipeline"] select').inputValue()).toBe(parcours ?? '76');

    release();
    await expectLiveSame(page, log, before);
    await close();
  });
});

describe('overview opened by URL with the trend\'s départements or a target', () => {
  // Issue 20 point 6, its last gaps: `territoires`, `cible` and `annee_cible` drawn before DuckDB is ready, by the
  // overview's model over the build's answers (none of its statements depends on them), then the same numbers live.
  test.each([
    ['?territoires=09,65&annee=2020', 'emploi_numerique', 2020, ['09', '65'], null, null],
    ['?indicateur=sup_numerique&annee=2019&cible=40&annee_cible=2028&lang=en', 'sup_numerique', 2019, null, [40, 2028], null],
    ['?annee=2017&territoires=12,46,82&cible=45&parcours=34', 'emploi_numerique', 2017, ['12', '46', '82'], [45, 2030], '34'],
    ['?cible=35', 'emploi_numerique', null, null, [35, 2030], null],
  ] as const)('%s: every chart is ready before DuckDB, with those départements and that target, and DuckDB shows the same', async (search, indicateur, annee, territoires, target, parcours) => {
    const { page, log, close, release } = await openBeforeDuckDb(search);
    const before = await shown(page);
    expect([...new Set(before.map((c) => c.indicateur).filter((x) => x !== null))]).toEqual([indicateur]);
    // The trend draws the départements asked for (with the région and France), no other.
    const series = await page.$$eval('[data-chart="trend"] [data-series]', (els) => [...new Set(els.map((e) => e.getAttribute('data-series')))]);
    if (territoires) expect(series.filter((c) => c !== null && /^\d\d$/.test(c) && c !== '76').sort()).toEqual([...territoires]);
    if (target) {
      const [cible, anneeCible] = target;
      const pace = page.locator('[data-chart="kpi"] [data-kpi="rythme_requis"]');
      expect(await pace.innerText()).toContain(String(cible));
      expect(await pace.innerText()).toContain(String(anneeCible));
      // The pace required from the région's share of that year (a sum of counts of the raw table) to the target.
      if (annee !== null) expect(Number(await pace.getAttribute('data-value'))).toBeCloseTo((cible - (await regionShare(indicateur, annee))) / (anneeCible - annee), 9);
    }
    // Read: the index, the catalogue's answers and that indicator's (and the pipeline's file), nothing else.
    const read = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.includes('/precomputed/')));
    const pipeline = parcours ? [`/precomputed/overview/parcours/${parcours}/${annee}.json`] : [];
    expect(read.filter((p) => p !== '/precomputed/overview.json').sort()).toEqual(['/precomputed/overview/index.json', '/precomputed/overview/reponses/catalogue.json', `/precomputed/overview/reponses/${indicateur}.json`, ...pipeline].sort());
    expect(await page.locator('[data-chart="pipeline"] select').inputValue()).toBe(parcours ?? '76');

    release();
    await expectLiveSame(page, log, before);
    await close();
  });
});

describe('deep link with stored data', () => {
  test('the build-time snapshot is not shown when the analyst has stored data (a default dataset turned off): DuckDB is started at once', async () => {
    const { page, log, close } = await openPage(browser);
    await page.route(/duckdb-.*(\.wasm|worker.*\.js)$/, () => undefined);
    // The app creates its storage on a first visit; the analyst then turns the illustrative dataset off.
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await allReady(page);
    await page.evaluate(() => new Promise<void>((resolve, reject) => {
      const r = indexedDB.open('parite-numerique');
      r.onerror = () => reject(r.error);
      r.onsuccess = () => {
        const tx = r.result.transaction('settings', 'readwrite');
        tx.objectStore('settings').put(['illustratif'], 'inactive-defaults');
        tx.oncomplete = () => {
          r.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    }));
    await page.goto(appUrl('?indicateur=sup_numerique&annee=2019&lang=en'), { waitUntil: 'commit' });
    // DuckDB is no longer held for the snapshot: it starts (and never arrives, its engine being held back here).
    await page.waitForSelector('[data-db-status="loading"]', { timeout: 60000 });
    await page.waitForFunction(() => performance.getEntriesByName('overview:stored-checked').length > 0, null, { timeout: 60000 });
    expect(await page.locator('[data-chart][data-ready="true"]').count()).toBe(0);
    expect(await page.locator('.grid[data-precomputed]').count()).toBe(0);
    expect(log.pageErrors).toEqual([]);
    await close();
  });
});


describe('indicator changes on the build-time overviews', () => {
  // The interaction_ms regression (docs/performance.md): an indicator change waited for a round trip through the
  // build-time files (the index read on the first change, then a promise per change) and drew a busy frame of
  // the previous indicator meanwhile, where the page had everything in memory.
  test('once the page has read them, each change draws the new indicator in the render that makes it: no chart goes busy, no file is fetched', async () => {
    const { page, log, close } = await openPage(browser);
    // DuckDB's engine never arrives: everything shown comes from the build.
    await page.route(/duckdb-.*\.wasm/, () => undefined);
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await allReady(page);
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/precomputed/overview-autres.json')), null, { timeout: 60000 });
    const fetched = () => page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.includes('/precomputed/')));
    // The first change may still find a file on its way; the following ones must not wait for anything.
    const change = (id: string) => page.evaluate(async (id) => {
      const busy: string[] = [];
      const seen = new MutationObserver(() => {
        for (const e of document.querySelectorAll('[data-chart]')) {
          if (e.getAttribute('aria-busy') === 'true' || e.getAttribute('data-ready') !== 'true') busy.push(`${e.getAttribute('data-chart')} ${e.getAttribute('data-indicateur')}`);
        }
      });
      seen.observe(document.body, { attributes: true, childList: true, subtree: true });
      const select = document.querySelector('select') as HTMLSelectElement;
      select.value = id;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise<void>((resolve) => {
        const check = () => {
          const charts = [...document.querySelectorAll('[data-chart]')];
          if (charts.length && charts.every((e) => e.getAttribute('data-ready') === 'true' && (e.getAttribute('data-indicateur') ?? id) === id)) resolve();
          else requestAnimationFrame(check);
        };
        check();
      });
      // A few frames more: a late busy frame would be caught too.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      seen.disconnect();
      return busy;
    }, id);
    await change('sup_numerique');
    const before = await fetched();
    for (const id of ['nsi_lycee', 'formation_numerique', 'emploi_numerique']) {
      expect(await change(id)).toEqual([]);
      expect(new URL(page.url()).searchParams.get('indicateur')).toBe(id);
      expect(await page.getAttribute('.grid', 'data-precomputed')).toBe('true');
    }
    expect(await fetched()).toEqual(before);
    expect(await page.evaluate(() => performance.getEntriesByName('duckdb:ready').length)).toBe(0);
    expect(log.pageErrors).toEqual([]);
    await close();
  });
});

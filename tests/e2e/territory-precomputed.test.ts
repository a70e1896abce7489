import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { allReady, appUrl, chartsShown as shown, holdDuckDb, launch, openPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('territory page opened by URL', () => {
  // Issue 20 point 6: a deep link draws from build-time answers before DuckDB is ready, then the live answers
  // take over with the same numbers.
  test.each([
    ['?vue=territoire&territoire=34', null],
    ['?vue=territoire&territoire=12&indicateur=sup_numerique&annee=2021&lang=en', 'sup_numerique'],
    // Another target: no answer depends on it (the pace to it is derived from the trend).
    ['?vue=territoire&territoire=46&cible=40&annee_cible=2028', null],
  ])('%s: every chart is ready before DuckDB, and DuckDB shows the same', async (search, indicateur) => {
    const { page, log, close } = await openPage(browser);
    // DuckDB's engine and worker are held back until the build-time page has been read.
    const release = await holdDuckDb(page);
    await page.goto(appUrl(search), { waitUntil: 'commit' });
    const kinds = await allReady(page);
    expect(kinds).toEqual(expect.arrayContaining(['kpi', 'comparison', 'trend', 'pipeline']));
    expect(await page.evaluate(() => performance.getEntriesByName('duckdb:ready').length)).toBe(0);
    expect(await page.getAttribute('[data-db-status]', 'data-db-status')).not.toBe('ready');
    expect(await page.getAttribute('.grid', 'data-precomputed')).toBe('true');
    const before = await shown(page);
    // One indicator throughout: the one asked for, else the default one.
    const ids = [...new Set(before.map((c) => c.indicateur).filter((x) => x !== null))];
    expect(ids).toHaveLength(1);
    if (indicateur) expect(ids).toEqual([indicateur]);
    expect(before.flatMap((c) => c.values).length).toBeGreaterThan(0);
    // Each build-time file is read once: the page's fetches take over what public/precharge.js preloaded (read
    // from the moment the page is parsed), for the defaults as for an indicator and year named in the URL.
    const read = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.startsWith('/precomputed/territoire/')));
    expect(read.length).toBe(6);
    expect(new Set(read).size).toBe(read.length);
    const started = await page.evaluate(() => ({
      script: performance.getEntriesByName('app:script')[0]?.startTime ?? -1,
      files: performance.getEntriesByType('resource').filter((r) => new URL(r.name).pathname.startsWith('/precomputed/territoire/')).map((r) => r.startTime),
    }));
    expect(started.script).toBeGreaterThan(0);
    for (const t of started.files) expect(t).toBeLessThan(started.script);

    release();
    await page.waitForFunction(() => performance.getEntriesByName('duckdb:ready').length > 0, null, { timeout: 120000 });
    await page.waitForSelector('.grid:not([data-precomputed])', { timeout: 120000 });
    await allReady(page);
    expect(await shown(page)).toEqual(before);
    expect(log.external).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    await close();
  });
});

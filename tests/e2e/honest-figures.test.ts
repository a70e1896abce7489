import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { allReady, appUrl, launch, openPage, READY } from './browser';
import { CANONICAL_HEADER, OCCITANIE_DEPARTEMENTS } from '../helpers/constants';

/**
 * Issue 19 as a new user meets it: a real (non-illustrative) import of one indicator for the 13 départements
 * replaces every illustrative value of that indicator (région figure, trend, notice); an indicator with no
 * département data opens on a view whose every chart becomes ready.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const DEPS = OCCITANIE_DEPARTEMENTS;
// Département i: 1000 + 10 i women, 3000 men, in 2021 and 2022. The région: 13 000 + 780 women of 52 780 in all.
const REAL = `${CANONICAL_HEADER}\n`
  + DEPS.flatMap((d, i) => [2021, 2022].map((a) => `${d},${a},emploi_numerique,${1000 + 10 * i},3000,${4000 + 10 * i},,,Insee`)).join('\n') + '\n';
const REGION_SHARE = (100 * 13780) / 52780;

async function importFile(page: Page, name: string, content: string) {
  await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  const report = page.locator('[data-testid="import-report"][data-status]');
  await report.waitFor({ timeout: 60000 });
  return { status: await report.getAttribute('data-status'), errors: Number(await report.getAttribute('data-errors')) };
}

describe('honest figures', () => {
  test('a real import of one indicator removes its illustrative values everywhere, the région and the trend included', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    expect(await importFile(page, 'emploi-reel.csv', REAL)).toMatchObject({ status: 'ok', errors: 0 });
    await page.getByRole('button', { name: /^Importer 26 lignes/ }).click();
    await page.waitForSelector('[data-dataset="emploi_reel"][data-active="true"]', { timeout: 60000 });
    // The data view says which dataset feeds the indicator: the real one alone, 2021–2022.
    const real = page.locator('[data-coverage="emploi_numerique:emploi_reel"]');
    await real.waitFor({ timeout: 60000 });
    expect(await real.innerText()).toMatch(/2021–2022\s+réel/);
    expect(await page.locator('[data-coverage="emploi_numerique:illustratif"]').count()).toBe(0);
    expect(await page.locator('[data-coverage="emploi_technique:illustratif"]').count()).toBe(1);

    await page.goto(appUrl('?indicateur=emploi_numerique'), { waitUntil: 'commit' });
    await page.waitForSelector(`${READY}[data-chart="kpi"]`, { timeout: 60000 });
    await allReady(page);
    // The latest real year, and the région summed from the real départements only.
    expect(await page.locator('select').filter({ has: page.locator('option[value="2022"]') }).first().inputValue()).toBe('2022');
    expect(Number(await page.getAttribute('[data-kpi="part"]', 'data-value'))).toBeCloseTo(REGION_SHARE, 9);
    // The trend: only the real years (and the projection's target year), no illustrative note or source.
    const trend = page.locator('[data-chart="trend"]');
    await trend.getByRole('button', { name: /Afficher les données/ }).click();
    const table = await trend.locator('table').innerText();
    expect(table).toContain('2021');
    expect(table).not.toMatch(/2015|2019|2020|2023|2024/);
    for (const kind of ['kpi', 'map', 'ranking', 'trend']) {
      const foot = await page.locator(`[data-chart="${kind}"] .chart-foot`).innerText();
      expect(foot, kind).not.toMatch(/illustratives/i);
    }
    // The notice is still there (other indicators of the pipeline are illustrative) but no longer names this one.
    const notice = await page.locator('[data-testid="illustrative-notice"]').innerText();
    expect(notice).toMatch(/^Données illustratives : parcours \(/);
    expect(notice).not.toMatch(/emplois des métiers du numérique/);
    expect(log.pageErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  });

  test('the ICT specialists (France and EU only): every chart shown becomes ready, no map or ranking', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?indicateur=specialistes_tic'), { waitUntil: 'commit' });
    await page.waitForSelector(`${READY}[data-chart="trend"]`, { timeout: 60000 });
    expect((await allReady(page)).sort()).toEqual(['pipeline', 'trend']);
    expect(await page.locator('[data-testid="national-only"]').isVisible()).toBe(true);
    // The trend is real (Eurostat): the notice names only the pipeline's illustrative stages.
    expect(await page.locator('[data-chart="trend"] .chart-foot').innerText()).not.toMatch(/illustratives/i);
    expect(await page.locator('[data-testid="illustrative-notice"]').innerText()).not.toMatch(/spécialistes des TIC/);
    // The trend says what it draws (France), offers no départements to pick, and promises no projection it lacks.
    expect(await page.locator('[data-chart="trend"]').innerText()).not.toMatch(/Aucune donnée|projection/);
    expect(await page.locator('[data-chart="trend"] details.picker').count()).toBe(0);
    // The territory page of the same indicator: no département key figures that could never be drawn.
    await page.goto(appUrl('?vue=territoire&territoire=31&indicateur=specialistes_tic'), { waitUntil: 'commit' });
    await page.waitForSelector(`${READY}[data-chart="trend"]`, { timeout: 60000 });
    expect((await allReady(page)).sort()).toEqual(['comparison', 'pipeline', 'trend']);
    expect(log.pageErrors).toEqual([]);
    await close();
  });

  test('the default view names what is illustrative, and no source is a file path', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await page.waitForSelector(READY, { timeout: 60000 });
    await allReady(page);
    expect(await page.locator('[data-testid="illustrative-notice"]').innerText()).toMatch(/^Données illustratives : emplois des métiers du numérique, départements/);
    const sources = await page.locator('.chart-sources').allInnerTexts();
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(s).not.toMatch(/scripts\/|\.mjs/);
    await close();
  });

  test('a fresh load of NSI in terminale shows the DEPP’s real 2022 figures, with no illustrative mark on them', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?indicateur=nsi_lycee'), { waitUntil: 'commit' });
    await page.waitForSelector(READY, { timeout: 60000 });
    expect((await allReady(page)).sort()).toEqual(['kpi', 'map', 'pipeline', 'ranking', 'trend']);
    // The latest real year, 220 girls of 1,496 pupils in Occitanie (DEPP, rentrée 2022).
    await expect.poll(() => page.locator('[data-chart="kpi"]').innerText()).toMatch(/Occitanie, 2022[\s\S]*14,7\s%/);
    for (const kind of ['kpi', 'map', 'ranking', 'trend']) {
      const foot = await page.locator(`[data-chart="${kind}"] .chart-foot`).innerText();
      expect(foot, kind).toMatch(/DEPP/);
      expect(foot, kind).not.toMatch(/illustrati/i);
    }
    expect(log.pageErrors).toEqual([]);
    await close();
  });
});

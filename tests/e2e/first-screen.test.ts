import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { appUrl, launch, openPage, READY } from './browser';
import { openDefaultDb } from '../helpers/node-db';
import type { Connector } from '../../src/data/connector';

const OCCITANIE = ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'];

let browser: Browser;
let db: Connector & { close(): void };
beforeAll(async () => {
  [browser, db] = await Promise.all([launch(), openDefaultDb()]);
});
afterAll(async () => {
  await browser?.close();
  db?.close();
});

/** Reads "23,1 %" back as 23.1. */
function parseFrPercent(text: string): number | null {
  const m = text.replace(/[\s\u00a0\u202f]/g, '').match(/^(-?\d+(?:,\d+)?)%/);
  return m?.[1] ? Number(m[1].replace(',', '.')) : null;
}

describe('first screen', () => {
  test('shows the région and its 13 départements with the numbers of a direct query, and nothing leaves the origin', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await page.waitForSelector(READY, { timeout: 60000 });
    expect(await page.locator('[data-testid="illustrative-notice"]').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

    const shown = await page.$$eval('tr[data-territoire]', (rows) =>
      rows.map((r) => ({ code: r.getAttribute('data-territoire') ?? '', share: r.querySelector('td')?.textContent ?? '' })),
    );
    expect(shown.map((r) => r.code)).toEqual(['76', ...OCCITANIE]);

    // The direct query reads the raw table, not the app's views: the région is the sum of its départements' counts.
    const direct = await db.query({
      sql: `WITH d AS (SELECT territoire, femmes, total FROM observations
              WHERE indicateur = 'emploi_numerique' AND annee = (SELECT max(annee) FROM observations WHERE indicateur = 'emploi_numerique'))
            SELECT territoire, round(100 * femmes / total, 1) AS part FROM d WHERE femmes IS NOT NULL
            UNION ALL SELECT '76', round(100 * sum(femmes) / sum(total), 1) FROM d WHERE territoire IN ('${OCCITANIE.join("','")}')`,
      params: [],
    });
    const expected = new Map(direct.map((r) => [String(r['territoire']), Number(r['part'])]));
    for (const row of shown) {
      const want = expected.get(row.code);
      if (want === undefined) expect(row.share).toMatch(/n\.d\./);
      else expect(parseFrPercent(row.share)).toBeCloseTo(want, 5);
    }
    expect(log.external).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await close();
  });

  test('changing the indicator updates the URL and the table, and English works', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?lang=en'), { waitUntil: 'commit' });
    await page.waitForSelector(READY, { timeout: 60000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.selectOption('select', 'nsi_lycee');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('indicateur') === 'nsi_lycee');
    await page.waitForSelector(`${READY} caption:has-text("NSI")`);
    // NSI exists since 2019 only; its latest year is 2024, and the secret Lozère cell is not shown as a number
    expect(await page.locator('caption').textContent()).toContain('2024');
    expect(log.external).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await close();
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { appUrl, launch, openPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** 20 lycées of several académies, with the real DEPP terminale header (tests/fixtures/depp). */
const FILE = readFileSync(path.resolve(import.meta.dirname, '../fixtures/depp/terminale-extrait.csv'));
const DEFAULT_ROWS = 700 + 38 + 70;

describe('a DEPP spécialités file in the browser', () => {
  test('imports through its preset with nothing typed: départements and France summed, other académies skipped and counted', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name: 'lycees.csv', mimeType: 'text/csv', buffer: FILE });
    const report = page.locator('[data-testid="import-report"][data-status]');
    await report.waitFor({ timeout: 60000 });
    // 31, 34, 48 and France in 2022; 31 and France in 2021; France in 2020. The 10 rows of other académies are a warning.
    expect(await report.getAttribute('data-status')).toBe('warning');
    expect(await report.getAttribute('data-rows')).toBe('7');
    expect(await report.getAttribute('data-errors')).toBe('0');
    expect(await report.innerText()).toContain('DEPP – spécialités en terminale générale');
    expect(await page.locator('[data-testid="recipe-applied"]').innerText()).toContain('modèle fourni');
    await page.locator('[data-testid="import-commit"]').click();
    const total = () => page.getAttribute('[data-testid="observations-count"]', 'data-total').then(Number);
    await expect.poll(total, { timeout: 60000 }).toBe(DEFAULT_ROWS + 7);
    expect(log.external).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await close();
  });
});

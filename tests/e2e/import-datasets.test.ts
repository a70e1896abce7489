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

const HEAD = 'territoire;annee;indicateur;femmes;hommes;total;part_femmes;statut;source\n';
const PREMIERE = `${HEAD}31;2024;emploi_numerique;100;900;1000;;;DEPP première\n34;2024;emploi_numerique;40;360;400;;;DEPP première\n`;
const TERMINALE = `${HEAD}31;2024;emploi_numerique;80;720;800;;;DEPP terminale\n`;

async function importFile(page: Page, name: string, content: string) {
  await page.evaluate(() => document.querySelectorAll('[data-testid="import-report"]').forEach((e) => e.setAttribute('data-old', '1')));
  await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  const report = page.locator('[data-testid="import-report"][data-status]:not([data-old])');
  await report.waitFor({ timeout: 60000 });
  return { status: await report.getAttribute('data-status'), text: await report.innerText() };
}

/** The rows of the data view's table for one dataset, as text (its filter chosen). */
async function tableOf(page: Page, jeu: string): Promise<string> {
  await page.locator('label', { hasText: 'Jeu de données' }).locator('select').selectOption(jeu);
  await expect.poll(() => page.getAttribute('[data-testid="observations-count"]', 'data-total').then(Number), { timeout: 30000 }).toBeLessThan(100);
  return page.locator('table.observations').innerText();
}

describe('several files into one dataset, overrides, identity', () => {
  test('a second file added to a dataset sums with the first, lists both files, and survives a reload; overrides are listed before « Importer »', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });

    const first = await importFile(page, 'nsi-premiere.csv', PREMIERE);
    expect(first.status).toBe('ok');
    expect(await page.locator('[data-testid="import-target"]').inputValue()).toBe('nouveau');
    // The illustrative rows of 31 and 34 for emploi_numerique 2024 are overridden: listed with a count before committing.
    const overrides = page.locator('[data-testid="import-overrides"]');
    expect(await overrides.getAttribute('data-count')).toBe('2');
    expect(await overrides.innerText()).toMatch(/remplacera 2 valeur\(s\)[\s\S]*31[\s\S]*2024[\s\S]*emploi_numerique[\s\S]*illustratif[\s\S]*→ 10,0\s%/);
    await page.locator('[data-testid="import-commit"]').click();
    await page.waitForSelector('[data-dataset="nsi_premiere"][data-rows="2"]', { timeout: 60000 });

    const second = await importFile(page, 'nsi-terminale.csv', TERMINALE);
    expect(second.status).toBe('ok');
    // No silent replacement: the default is a new dataset; the analyst chooses to add.
    expect(await page.locator('[data-testid="import-target"]').inputValue()).toBe('nouveau');
    await page.locator('[data-testid="import-target"]').selectOption('ajouter:nsi_premiere');
    await page.waitForSelector('[data-testid="import-diff"]');
    expect(await page.locator('[data-testid="import-diff"]').innerText()).toMatch(/Ajout au jeu existant : 0 ligne\(s\) nouvelle\(s\), 1 additionnée/);
    await page.locator('[data-testid="import-commit"]').click();
    await page.waitForSelector('[data-dataset="nsi_premiere"] [data-testid="dataset-files"]:has-text("nsi-terminale.csv")', { timeout: 60000 });
    expect(await page.locator('[data-dataset="nsi_terminale"]').count()).toBe(0);
    expect(await page.locator('[data-dataset="nsi_premiere"] [data-testid="dataset-files"]').innerText()).toBe('Fichiers : nsi-premiere.csv ; nsi-terminale.csv');
    await expect.poll(() => tableOf(page, 'nsi_premiere'), { timeout: 30000 }).toMatch(/31 Haute-Garonne\s+2024\s+Emplois des métiers du numérique\s+180\s+1\s?620\s+1\s?800/);

    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="nsi_premiere"][data-rows="2"] [data-testid="dataset-files"]', { timeout: 60000 });
    await expect.poll(() => tableOf(page, 'nsi_premiere'), { timeout: 30000 }).toMatch(/31 Haute-Garonne\s+2024\s+Emplois des métiers du numérique\s+180\s+1\s?620\s+1\s?800/);
    expect(log.pageErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  });

  test('the identity edited in the report is cited under the charts after a reload', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    const r = await importFile(page, 'emploi-analyste.csv', `${HEAD}31;2024;emploi_numerique;9000;21000;30000;;;Analyste\n`);
    expect(r.status).toBe('ok');
    // Canonical file: the producer starts as its source column; no date, no licence are made up.
    expect(await page.locator('[data-testid="identity-producteur"]').inputValue()).toBe('Analyste');
    expect(await page.locator('[data-testid="identity-date_publication"]').inputValue()).toBe('');
    await page.locator('[data-testid="identity-nom"]').fill('Emploi numérique 2024');
    await page.locator('[data-testid="identity-producteur"]').fill('Observatoire Test');
    await page.locator('[data-testid="identity-url"]').fill('https://example.org/emploi');
    await page.locator('[data-testid="identity-date_publication"]').fill('2025-03-14');
    await page.locator('[data-testid="identity-licence"]').fill('Licence Ouverte 2.0');
    await page.locator('[data-testid="import-commit"]').click();
    await page.waitForSelector('[data-dataset="emploi_analyste"]', { timeout: 60000 });

    await page.goto(appUrl('?indicateur=emploi_numerique'), { waitUntil: 'commit' });
    await page.waitForSelector(`${READY}`, { timeout: 60000 });
    const sources = page.locator('.chart-sources').first();
    await expect.poll(() => sources.innerText(), { timeout: 30000 }).toContain('Observatoire Test, Emploi numérique 2024, https://example.org/emploi');
    expect(await sources.innerText()).toMatch(/14 mars 2025/);
    expect(await sources.innerText()).toContain('Licence Ouverte 2.0');
    expect(log.pageErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  });
});

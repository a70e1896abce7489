import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launch, openPage } from './browser';
import { generate } from '../../scripts/hostile-corpus.mjs';

/**
 * Issue 17 through the real UI: files over 2 MB (the fast path, DuckDB's read and the import worker's proof) whose late
 * lines hold U+FEFF in a key give the full pipeline's report, and commit what it would.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function importFile(page: Page, name: string) {
  await page.evaluate(() => document.querySelectorAll('[data-testid="import-report"]').forEach((e) => e.setAttribute('data-old', '1')));
  await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(generate(name)) });
  const report = page.locator('[data-testid="import-report"][data-status]:not([data-old])');
  await report.waitFor({ timeout: 90000 });
  return report;
}

const datasets = (page: Page) => page.$$eval('[data-dataset]', (els) => els.map((e) => [e.getAttribute('data-dataset'), e.getAttribute('data-rows')]));

describe('the fast path reads U+FEFF in keys as the full one does', () => {
  test('a duplicate key written \\ufeff31 is refused; a territory \\ufeff\\ufeff81 is committed as 81', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    const before = await datasets(page);

    const dup = await importFile(page, 'rapide-bom-doublon.csv');
    expect(await dup.getAttribute('data-path')).toBe('rapide');
    expect(await dup.getAttribute('data-status')).toBe('error');
    expect(await dup.getAttribute('data-errors')).toBe('1');
    expect(await dup.innerText()).toContain('Doublon de la clé 31 × 2024 × emploi_numerique (déjà à la ligne 3255). Ligne 56001');
    expect(await page.getByRole('button', { name: /^Importer/ }).count()).toBe(0);
    expect(await datasets(page)).toEqual(before);

    const bom = await importFile(page, 'rapide-double-bom.csv');
    expect(await bom.getAttribute('data-path')).toBe('rapide');
    expect(await bom.getAttribute('data-status')).toBe('ok');
    expect(await bom.getAttribute('data-rows')).toBe('56000');
    await page.getByRole('button', { name: /^Importer/ }).click();
    await page.waitForSelector('[data-dataset="rapide_double_bom"][data-rows="56000"][data-active="true"]', { timeout: 90000 });
    // The data view's filters list the committed territories: 81 once, and no text with U+FEFF.
    await expect.poll(() => page.$$eval('select option', (os) => os.map((o) => o.getAttribute('value') ?? '')).then((vs) => vs.filter((v) => v.replace(/\ufeff/g, '') === '81')), { timeout: 30000 })
      .toEqual(['81']);
    expect(await page.$$eval('select option', (os) => os.some((o) => (o.getAttribute('value') ?? '').includes('\ufeff')))).toBe(false);
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-dataset="rapide_double_bom"] button', { hasText: 'Supprimer' }).click();
    await expect.poll(() => datasets(page), { timeout: 30000 }).toEqual(before);
    expect(log.pageErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  }, 240000);
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { appUrl, axeSource, launch, nextReport, openPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A Eurostat TSV (current layout) with two dimensions besides geo, sex and time: isced11 and iscedf13. */
const ISCED = readFileSync(path.join(import.meta.dirname, '../fixtures/eurostat/diplomes-isced.tsv'));

const datasets = (page: Page) =>
  page.$$eval('[data-dataset]', (els) => els.map((e) => `${e.getAttribute('data-dataset')}:${e.getAttribute('data-rows')}:${e.getAttribute('data-active')}`).sort());

describe('Eurostat files in the browser', () => {
  test('a Eurostat TSV saved under another name: indicator and dimensions chosen in the report, committed, listed, restored', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    const before = await datasets(page);

    const input = page.locator('[data-testid="import"] input[type=file]').first();
    const first = await nextReport(page, () => input.setInputFiles({ name: 'estat_educ_uoe_grad_sex.tsv', mimeType: 'text/tab-separated-values', buffer: ISCED }));
    // Recognised by its content; nothing can be imported yet: no indicator, two dimensions open.
    expect(first.status).toBe('error');
    expect(first.text).toContain('Eurostat');
    expect(first.text).not.toContain('recette est incomplète');
    expect(first.text).toContain('« isced11 »');
    expect(await first.report.locator('select[data-testid="import-indicator"]').count()).toBe(1);
    // The indicators are listed by their names, their ids after them; the only unit by what it measures.
    expect(await first.report.locator('select[data-testid="import-indicator"] option[value="sup_numerique"]').textContent()).toBe('Étudiants des formations supérieures du numérique (sup_numerique)');
    expect(first.text).toContain('Dimension « unit » : NR (effectif) (seule valeur du fichier)');
    expect(await first.report.locator('select[data-dimension]').evaluateAll((els) => els.map((e) => e.getAttribute('data-dimension')))).toEqual(['isced11', 'iscedf13']);
    expect(await first.report.locator('select[data-dimension="isced11"] option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value))).toEqual(['', 'ED5-8', 'ED6']);
    expect(await page.locator('[data-testid="import-commit"]').count()).toBe(0);
    // The choices are accessible: axe finds nothing serious in the report (labels tied to every select).
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const w = window as unknown as { axe: { run: (d: Element, o: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } };
      const r = await w.axe.run(document.querySelector('[data-testid="import-report"]') as Element, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);

    // Each choice analyses the file again; the selects are reached by their labels.
    const indicator = await nextReport(page, () => page.getByLabel('Indicateur cible').selectOption('sup_numerique'));
    expect(indicator.status).toBe('error');
    const isced = await nextReport(page, () => page.getByLabel(/Dimension « isced11 »/).selectOption('ED5-8'));
    expect(isced.status).toBe('error');
    expect(isced.text).toContain('« iscedf13 »');
    expect(isced.text).not.toContain('la dimension « isced11 »');
    const done = await nextReport(page, () => page.locator('select[data-dimension="iscedf13"]').selectOption('F06'));
    // FR 2020-2021, Occitanie 2020 (FRJ1 + FRJ2), Haute-Garonne 2020 and 2021 (secret), the EU in 2020 (from EU28).
    expect(done).toMatchObject({ status: 'warning', rows: 6, errors: 0 });
    expect(done.text).toContain('EU28');
    expect(await done.report.locator('select[data-dimension="iscedf13"]').inputValue()).toBe('F06');

    await page.locator('[data-testid="import-commit"]').click();
    await page.waitForSelector('[data-dataset="estat_educ_uoe_grad_sex"][data-rows="6"][data-active="true"]', { timeout: 60000 });
    expect(await datasets(page)).toEqual([...before, 'estat_educ_uoe_grad_sex:6:true'].sort());

    // A reload replays the stored file with the same choices.
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="estat_educ_uoe_grad_sex"][data-rows="6"][data-active="true"]', { timeout: 60000 });
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  });

  test('in English, the choices are labelled in English; a new indicator is declared as for any file', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees&lang=en'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    const input = page.locator('[data-testid="import"] input[type=file]').first();
    const r = await nextReport(page, () => input.setInputFiles({ name: 'grad.tsv', mimeType: 'text/tab-separated-values', buffer: ISCED }));
    expect(r.text).toContain('Several rows for the same territory, sex and year differ by the dimension "isced11"');
    expect(await page.getByLabel('Target indicator').count()).toBe(1);
    await nextReport(page, () => page.getByLabel(/Dimension "isced11"/).selectOption('ED5-8'));
    await nextReport(page, () => page.getByLabel(/Dimension "iscedf13"/).selectOption('F06'));
    // A new indicator typed by the analyst: unknown to the catalogue, the report offers to declare it.
    await page.getByLabel('Or a new indicator (id)').fill('diplomes_tic');
    const unknown = await nextReport(page, () => page.getByRole('button', { name: 'Use this id' }).click());
    expect(unknown.status).toBe('error');
    expect(unknown.text).toContain('Unknown indicator: "diplomes_tic"');
    const declared = await nextReport(page, () => page.getByRole('button', { name: /^Declare the unknown indicators \(diplomes_tic\)/ }).click());
    expect(declared).toMatchObject({ status: 'warning', rows: 6, errors: 0 });
    expect(await declared.report.locator('select[data-testid="import-indicator"]').inputValue()).toBe('diplomes_tic');
    await page.locator('[data-testid="import-commit"]').click();
    await page.waitForSelector('[data-dataset="grad"][data-rows="6"][data-active="true"]', { timeout: 60000 });
    expect(log.pageErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  });
});

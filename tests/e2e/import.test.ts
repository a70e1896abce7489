import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launch, openPage, READY } from './browser';
import { openDefaultDb } from '../helpers/node-db';
import { stage, swapIn } from '../../src/data/import/commit';
import { runQuery } from '../../src/data/client';
import { measuresQuery, MeasureRow } from '../../src/data/sql/measures';
import { CANONICAL_HEADER, OCCITANIE_DEPARTEMENTS } from '../helpers/constants';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const GOOD = 'territoire;annee;indicateur;femmes;hommes;total;part_femmes;statut;source\n31;2024;emploi_numerique;9 000;21 000;30 000;;;Analyste\n34;2024;emploi_numerique;4000;8000;12000;;;Analyste\n';
const BAD = 'territoire,annee,indicateur,femmes,hommes,total\n99,2024,emploi_numerique,1,2,3\n31,2024,emploi_numerique,5,1,3\n';

async function importFile(page: Page, name: string, content: string | Buffer) {
  await page.evaluate(() => document.querySelectorAll('[data-testid="import-report"]').forEach((e) => e.setAttribute('data-old', '1')));
  await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
  const report = page.locator('[data-testid="import-report"][data-status]:not([data-old])');
  await report.waitFor({ timeout: 60000 });
  return { status: await report.getAttribute('data-status'), rows: Number(await report.getAttribute('data-rows')), errors: Number(await report.getAttribute('data-errors')), text: await report.innerText() };
}

const datasets = (page: Page) =>
  page.$$eval('[data-dataset]', (els) => els.map((e) => ({ id: e.getAttribute('data-dataset'), rows: Number(e.getAttribute('data-rows')), active: e.getAttribute('data-active') === 'true' })));

/** The région's 2024 share once the analyst's rows replace the illustrative ones, computed by DuckDB in Node. */
async function expectedRegion(): Promise<number> {
  const db = await openDefaultDb();
  await stage(db, [
    { line: 2, territoire: '31', annee: 2024, indicateur: 'emploi_numerique', femmes: 9000, hommes: 21000, total: 30000, part_femmes: null, statut: null, source: 'Analyste' },
    { line: 3, territoire: '34', annee: 2024, indicateur: 'emploi_numerique', femmes: 4000, hommes: 8000, total: 12000, part_femmes: null, statut: null, source: 'Analyste' },
  ]);
  await swapIn(db, { id: 'analyste', nom: 'a', source: 'a', licence: 'a', priorite: 10, actif: true, derniere_maj: null });
  const [r] = await runQuery(db, measuresQuery({ indicateur: 'emploi_numerique', annee: 2024, territoires: ['76'] }), MeasureRow);
  db.close();
  return r?.part ?? NaN;
}

describe('imports in the browser', () => {
  test('a good file imports, every chart follows, a reload keeps it, a bad file changes nothing, delete removes it', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    const before = await datasets(page);

    const good = await importFile(page, 'analyste-2024.csv', GOOD);
    expect(good).toMatchObject({ status: 'ok', rows: 2, errors: 0 });
    await page.getByRole('button', { name: /^Importer 2 lignes/ }).click();
    await page.waitForSelector('[data-dataset="analyste_2024"][data-rows="2"][data-active="true"]');
    // The count is its own query: it may land just after the list of datasets.
    const total = () => page.getAttribute('[data-testid="observations-count"]', 'data-total').then(Number);
    await expect.poll(total, { timeout: 30000 }).toBe(700 + 38 + 70 + 2);

    // every chart of the overview reflects it
    const want = await expectedRegion();
    await page.getByRole('link', { name: 'Vue d’ensemble' }).click();
    await page.waitForSelector(`${READY}[data-chart="kpi"]`);
    expect(Number(await page.getAttribute('[data-kpi="part"]', 'data-value'))).toBeCloseTo(want, 9);

    // a reload rebuilds from data/ plus the stored import
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="analyste_2024"][data-rows="2"]', { timeout: 60000 });

    // a failing import leaves everything as it was
    const snapshot = await datasets(page);
    const bad = await importFile(page, 'mauvais.csv', BAD);
    expect(bad.status).toBe('error');
    expect(bad.errors).toBe(3); // unknown territory; women above total; women + men ≠ total
    expect(bad.text).toContain('territoire_inconnu');
    expect(bad.text).toContain('femmes_sup_total');
    expect(await page.getByRole('button', { name: /^Importer/ }).count()).toBe(0);
    expect(await datasets(page)).toEqual(snapshot);

    // a binary renamed .csv is refused with what to do
    const png = await importFile(page, 'image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    expect(png.status).toBe('error');
    expect(png.text).toMatch(/exportez-le en CSV/);
    expect(await datasets(page)).toEqual(snapshot);

    // delete
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-dataset="analyste_2024"] button', { hasText: 'Supprimer' }).click();
    await page.waitForSelector('[data-dataset="analyste_2024"]', { state: 'detached' });
    expect(await datasets(page)).toEqual(before);
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    expect(await datasets(page)).toEqual(before);
    expect(log.pageErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  });

  test('deactivating the illustrative dataset hides the illustrative notice', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"][data-active="true"]', { timeout: 60000 });
    expect(await page.locator('[data-testid="illustrative-notice"]').count()).toBe(1);
    await page.locator('[data-dataset="illustratif"] button', { hasText: 'Désactiver' }).click();
    await page.waitForSelector('[data-dataset="illustratif"][data-active="false"]');
    await expect.poll(() => page.locator('[data-testid="illustrative-notice"]').count()).toBe(0);
    await page.goto(appUrl('?indicateur=specialistes_tic'), { waitUntil: 'commit' });
    await page.waitForSelector(`${READY}[data-chart="trend"]`, { timeout: 60000 });
    expect(await page.locator('[data-testid="illustrative-notice"]').count()).toBe(0);
    await close();
  });

  test('exports: the whole data, formula-safe, with sources; the template and the schema', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    const evil = 'territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source\n31,2024,emploi_technique,1,2,3,,,"=HYPERLINK(""http://x"")"\n';
    expect((await importFile(page, 'evil.csv', evil)).status).toBe('ok');
    await page.getByRole('button', { name: /^Importer 1 ligne/ }).click();
    await page.waitForSelector('[data-dataset="evil"]');
    const save = async (name: RegExp) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      return readFileSync((await dl.path()) ?? '', 'utf8');
    };
    const all = await save(/^Toutes les données/);
    const lines = all.replace(/^\ufeff/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe('territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,jeu,source,licence');
    expect(lines).toHaveLength(1 + 700 + 38 + 70 + 1);
    expect(all).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(all).not.toMatch(/,=HYPERLINK/);
    expect(all).toContain('Licence Ouverte 2.0');
    const template = await save(/^Modèle de CSV/);
    expect(template).toMatch(/^\ufeffterritoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source\r\n/);
    const schema = JSON.parse(await save(/^Schéma/)) as { fields: { name: string }[] };
    expect(schema.fields.map((f) => f.name)).toEqual(['territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'statut', 'source']);
    await close();
  });

  test('an analysis cancelled while it reads changes nothing, and the next file is analysed and imported', async () => {
    const lines = [CANONICAL_HEADER];
    for (let i = 0; lines.length <= 60000; i++) lines.push(`${['31', '34', '75'][i % 3]},${1990 + (Math.floor(i / 3) % 111)},emploi_numerique,${i % 50},${i % 70},${(i % 50) + (i % 70)},,,Insee ${Math.floor(i / 333)}`);
    const big = lines.join('\n') + '\n';
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    const before = await datasets(page);
    // « Annuler » the moment it shows: the analysis of the large file (fast path) stops wherever it is.
    await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name: 'annule.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
    await page.locator('[data-testid="import"] [role="status"] button', { hasText: 'Annuler' }).click();
    const cancelled = page.locator('[data-testid="import-report"][data-status="error"]');
    await cancelled.waitFor({ timeout: 60000 });
    expect(await cancelled.innerText()).toContain('Import annulé');
    expect(await datasets(page)).toEqual(before);
    // The panel is not left waiting: a new file is analysed and imported.
    const good = await importFile(page, 'analyste-2024.csv', GOOD);
    expect(good).toMatchObject({ status: 'ok', rows: 2, errors: 0 });
    await page.getByRole('button', { name: /^Importer 2 lignes/ }).click();
    await page.waitForSelector('[data-dataset="analyste_2024"][data-rows="2"][data-active="true"]', { timeout: 60000 });
    expect(log.pageErrors).toEqual([]);
    await close();
  });

  test('a large canonical file takes the fast path: same row-precise report, commit, restored from storage after a reload', async () => {
    const deps = OCCITANIE_DEPARTEMENTS;
    const lines = [CANONICAL_HEADER];
    for (let i = 0; lines.length <= 60000; i++) {
      const total = 200 + ((i * 7919) % 5000);
      const women = Math.floor(total * 0.3);
      lines.push(`${deps[i % 13]},${1990 + (Math.floor(i / 13) % 111)},gros_${Math.floor(i / 1443)},${women},${total - women},${total},,,Insee`);
    }
    const rows = lines.length - 1;
    const bad = [...lines];
    bad[101] = '9,2101,gros_0,10,90,100,,,Insee'; // year out of range, line 102
    bad[202] = bad[202]!.replace(/^(\d+),(\d+),(\w+),(\d+)/, '$1,$2,$3,-$4'); // negative, line 203
    const text = bad.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    const before = await datasets(page);

    const first = await importFile(page, 'gros.csv', text);
    expect(first.status).toBe('error');
    expect(await page.getAttribute('[data-testid="import-report"]:not([data-old])', 'data-path-reason')).toBeNull();
    await expect.poll(() => page.getAttribute('[data-testid="import-report"]:not([data-old])', 'data-path')).toBe('rapide');
    // unknown indicators first (declared below), then the two row errors, by line and column
    await page.evaluate(() => document.querySelectorAll('[data-testid="import-report"]').forEach((e) => e.setAttribute('data-old', '1')));
    await page.getByRole('button', { name: /^Déclarer les indicateurs/ }).click();
    const report = page.locator('[data-testid="import-report"][data-status]:not([data-old])');
    await report.waitFor({ timeout: 60000 });
    expect(await report.getAttribute('data-errors')).toBe('2');
    const reportText = await report.innerText();
    expect(reportText).toContain('102');
    expect(reportText).toContain('203');
    expect(reportText).toMatch(/Année hors bornes/);
    expect(reportText).toMatch(/négatif/);
    expect(await datasets(page)).toEqual(before);

    // the fixed file imports by the fast path and survives a reload (the file is kept in IndexedDB)
    await page.evaluate(() => document.querySelectorAll('[data-testid="import-report"]').forEach((e) => e.setAttribute('data-old', '1')));
    await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name: 'gros.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
    await report.waitFor({ timeout: 60000 });
    await page.evaluate(() => document.querySelectorAll('[data-testid="import-report"]').forEach((e) => e.setAttribute('data-old', '1')));
    await page.getByRole('button', { name: /^Déclarer les indicateurs/ }).click();
    await page.waitForSelector('[data-testid="import-report"][data-status="ok"]:not([data-old])', { timeout: 60000 });
    expect(await report.getAttribute('data-path')).toBe('rapide');
    expect(Number(await report.getAttribute('data-rows'))).toBe(rows);
    await page.getByRole('button', { name: /^Importer/ }).click();
    await page.waitForSelector(`[data-dataset="gros"][data-rows="${rows}"][data-active="true"]`, { timeout: 60000 });
    // The commit's measures were computed ahead, sent to DuckDB once the analysis was over (after the report's own
    // queries: sent before, they held the report back), and the commit swapped them in instead of computing them again.
    const ahead = await page.evaluate(() => {
      const last = (name: string) => performance.getEntriesByName(name).at(-1);
      const [analyse, anticipation, stockage] = [last('import:analyse'), last('import:anticipation'), last('import:stockage')];
      if (!analyse || !anticipation || !stockage) return null;
      const refreshed = performance.getEntriesByName('import:mesures').filter((m) => m.startTime > stockage.startTime).length;
      return { sentAfterAnalysisEnd: anticipation.startTime >= analyse.startTime + analyse.duration, refreshed };
    });
    expect(ahead).toEqual({ sentAfterAnalysisEnd: true, refreshed: 0 });
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector(`[data-dataset="gros"][data-rows="${rows}"][data-active="true"]`, { timeout: 90000 });
    const total = () => page.getAttribute('[data-testid="observations-count"]', 'data-total').then(Number);
    await expect.poll(total, { timeout: 30000 }).toBe(700 + 38 + 70 + rows);
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-dataset="gros"] button', { hasText: 'Supprimer' }).click();
    await page.waitForSelector('[data-dataset="gros"]', { state: 'detached' });
    expect(await datasets(page)).toEqual(before);
    expect(log.pageErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  });
});

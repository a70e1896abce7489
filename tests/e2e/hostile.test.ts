import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launch, openPage, READY } from './browser';
import { generate } from '../../scripts/hostile-corpus.mjs';
import { CANONICAL_HEADER } from '../helpers/constants';

/**
 * The nastiest files of the hostile corpus through the real UI: nothing they hold runs or renders as HTML, the
 * report names line and column, and a refused file leaves the loaded data as it was.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const HEAD = CANONICAL_HEADER;
// Payloads that would set window.__pwned (or open a dialog) if any of them ever ran.
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const ALERT = '<img src=x onerror=alert(1)>';
const XSS_SOURCES = `territoire,annee,indicateur,femmes,hommes,total,"${IMG.replace(/"/g, '""')}",source
31,2024,emploi_numerique,300,700,1000,x,"${IMG.replace(/"/g, '""')}"
34,2024,emploi_numerique,40,60,100,y,${SCRIPT}
48,2024,emploi_numerique,10,30,40,z,${ALERT}
`;
const XSS_HEADER = `"${IMG.replace(/"/g, '""')}";annee;${SCRIPT};effectif\n31;2023;F;120\n31;2023;M;380\n`;
const FORMULAS = readFileSync(path.join(import.meta.dirname, '../fixtures/hostile/formules.csv'));
const REFUSED = `${HEAD}\n31,2024,emploi_numerique,1,2,3,,,\n${SCRIPT},2024,emploi_numerique,1,2,3,,,\n34,2024,emploi_numerique,5,,3,,,\n`;

interface Watch {
  dialogs: string[];
}

async function open(): Promise<{ page: Page; watch: Watch; log: Awaited<ReturnType<typeof openPage>>['log']; close: () => Promise<void> }> {
  const { page, log, close } = await openPage(browser);
  const watch: Watch = { dialogs: [] };
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
  await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
  await page.waitForSelector('[data-testid="observations-count"][data-total]:not([data-total="0"])', { timeout: 60000 });
  return { page, watch, log, close };
}

async function importFile(page: Page, name: string, content: string | Buffer | Uint8Array) {
  await page.evaluate(() => document.querySelectorAll('[data-testid="import-report"]').forEach((e) => e.setAttribute('data-old', '1')));
  await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  const report = page.locator('[data-testid="import-report"][data-status]:not([data-old])');
  await report.waitFor({ timeout: 60000 });
  return { report, status: await report.getAttribute('data-status'), rows: Number(await report.getAttribute('data-rows')), text: await report.innerText() };
}

const datasets = (page: Page) =>
  page.$$eval('[data-dataset]', (els) => els.map((e) => ({ id: e.getAttribute('data-dataset'), rows: Number(e.getAttribute('data-rows')), active: e.getAttribute('data-active') })));
const total = async (page: Page) => Number(await page.getAttribute('[data-testid="observations-count"]', 'data-total'));

/** Nothing ran and nothing was rendered as HTML. */
async function expectInert(page: Page, watch: Watch) {
  expect(watch.dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload], [onerror]').count()).toBe(0);
  expect(await page.evaluate(() => [...document.scripts].some((s) => s.textContent?.includes('__pwned')))).toBe(false);
}

describe('hostile files through the real UI', () => {
  test('refused files: the report names line and column, and the loaded data stay exactly as they were', async () => {
    const { page, watch, log, close } = await open();
    const before = await datasets(page);
    const count = await total(page);

    const bad = await importFile(page, 'refuse.csv', REFUSED);
    expect(bad.status).toBe('error');
    expect(bad.text).toContain('territoire_inconnu');
    expect(bad.text).toContain('femmes_sup_total');
    // Each distinct message once, under its group: the column, the message, then its line(s).
    const messages = (await bad.report.locator('[data-testid="problem-message"]').allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim());
    expect(messages).toContainEqual(`« territoire » — Territoire inconnu : « ${SCRIPT} ». Attendu : un code de département (09, 2A), 76, FR ou EU27_2020. Ligne 3`);
    expect(messages).toContainEqual('« femmes » — Plus de femmes (5) que le total (3). Ligne 4');
    expect(await page.getByRole('button', { name: /^Importer/ }).count()).toBe(0);

    const png = await importFile(page, 'image.csv', generate('image-png.csv'));
    expect(png.status).toBe('error');
    expect(png.text).toMatch(/PNG\). Ouvrez-le dans votre tableur et exportez-le en CSV/);

    const xlsx = await importFile(page, 'classeur.csv', generate('classeur-xlsx.csv'));
    expect(xlsx.status).toBe('error');
    expect(xlsx.text).toMatch(/\(XLSX, ODS, DOCX\)\. Ouvrez-le dans votre tableur et exportez-le en CSV/);

    const mixed = await importFile(page, 'octets.csv', generate('utf8-octets-invalides.csv'));
    expect(mixed.status).toBe('error');
    expect(mixed.text).toMatch(/« source » — Caractères illisibles dans « Lozère [^»]*» : [^\n]*Ligne 4/);

    expect(await datasets(page)).toEqual(before);
    expect(await total(page)).toBe(count);
    await expectInert(page, watch);
    expect(log.pageErrors).toEqual([]);
    await close();
  });

  test('HTML in sources, headers and values, and formulas, are imported and shown as text, never run', async () => {
    const { page, watch, log, close } = await open();
    const count = await total(page);

    // A header made of HTML, in a file no format recognises: the mapping form lists it as a plain option.
    const unknown = await importFile(page, 'entetes.csv', XSS_HEADER);
    expect(unknown.status).toBe('error');
    expect(await page.locator('option', { hasText: IMG }).count()).toBeGreaterThan(0);
    await expectInert(page, watch);

    const xss = await importFile(page, 'xss.csv', XSS_SOURCES);
    expect(xss).toMatchObject({ status: 'ok', rows: 3 });
    await page.getByRole('button', { name: /^Importer 3 lignes/ }).click();
    await page.waitForSelector('[data-dataset="xss"][data-rows="3"]', { timeout: 60000 });
    await expect.poll(() => total(page)).toBe(count + 3);
    // The dataset's source is the payloads themselves, shown as text.
    expect(await page.locator('[data-dataset="xss"]').innerText()).toContain(IMG);
    await expectInert(page, watch);

    const formulas = await importFile(page, 'formules.csv', FORMULAS);
    expect(formulas).toMatchObject({ status: 'ok', rows: 6 });
    await page.getByRole('button', { name: /^Importer 6 lignes/ }).click();
    await page.waitForSelector('[data-dataset="formules"][data-rows="6"]', { timeout: 60000 });
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Toutes les données/ }).click()]);
    const csv = readFileSync((await dl.path()) ?? '', 'utf8').replace(/^\ufeff/, '');
    const rows = Papa.parse<string[]>(csv.trim(), { newline: '\r\n' }).data;
    const sources = rows.map((r) => r[9] ?? '');
    expect(sources).toEqual(expect.arrayContaining(["'=1+1", "'+33 1 23 45 67 89", "'-2+3", "'@SUM(A1:A9)", "'=cmd|' /C calc'!A0", "'=1+1\n=2+2", IMG, SCRIPT, ALERT]));
    for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);

    // The charts credit their sources: the payloads appear there as text too.
    await page.goto(appUrl(''), { waitUntil: 'commit' });
    await page.waitForSelector(`${READY}[data-chart="kpi"]`, { timeout: 60000 });
    await expectInert(page, watch);
    expect(log.pageErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { launch, nextReport, openDataView } from './browser';
import { makeZip } from '../helpers/zip';

// Files shaped as INSEE's Melodi API and Eurostat's « with labels » download publish them (their real headers, made-up
// values), taken to the dashboard through the data view, nothing edited and nothing typed.
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const MELODI = ['"GEO";"GEO_OBJECT";"SEX";"EMPSTA_ENQ";"AGE";"EDUC";"RP_MEASURE";"FREQ";"OBS_STATUS";"TIME_PERIOD";"OBS_VALUE"',
  // Seine-Maritime (76 as a département), a commune, and Haute-Garonne by employment status with its total.
  '"76";"DEP";"F";"_T";"_T";"_T";"POP";"A";"A";2021;90000', '"31555";"COM";"F";"_T";"_T";"_T";"POP";"A";"A";2021;5000',
  ...[['_T', 400, 600], ['1', 300, 500], ['2', 100, 100]].flatMap(([e, f, m]) => [['F', f], ['M', m]].map(([s, v]) => `"31";"DEP";"${s}";"${e}";"_T";"_T";"POP";"A";"A";2021;${v}`)),
  '"34";"DEP";"F";"_T";"_T";"_T";"POP";"A";"A";2021;250', '"34";"DEP";"M";"_T";"_T";"_T";"POP";"A";"A";2021;750'].join('\r\n');

const LABELS = ['STRUCTURE,STRUCTURE_ID,STRUCTURE_NAME,freq,Time frequency,unit,Unit of measure,sex,Sex,geo,Geopolitical entity (reporting),TIME_PERIOD,Time,OBS_VALUE,Observation value,OBS_FLAG,Observation status (Flag) V2 structure,CONF_STATUS,Confidentiality status (flag)',
  ...[[2021, 'F', '220.5', ''], [2021, 'M', '830.0', ''], [2022, 'F', '231.2', 'd'], [2022, 'M', '900.0', 'd']].map(([y, s, v, f]) => `dataflow,ESTAT:ISOC_SKS_ITSPS(1.0),ICT specialists,A,Annual,THS_PER,Thousand persons,${s},${s === 'F' ? 'Females' : 'Males'},FR,France,${y},,${v},,${f},${f ? 'definition differs' : ''},,`)].join('\n');

describe('real formats in the browser', () => {
  test('a Melodi CSV: its preset, Seine-Maritime and communes skipped, categories never added to their total, its own indicator declared', async () => {
    const { page, log, close, input } = await openDataView(browser);
    const first = await nextReport(page, () => input.setInputFiles({ name: 'donnees.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${MELODI}\r\n`) }));
    // Not taken for digital jobs: the indicator is to declare (or to change in the recipe).
    expect(first.status).toBe('error');
    expect(first.text).toContain('Insee Melodi');
    expect(first.text).toContain('recensement_insee');
    const declared = await nextReport(page, () => page.getByRole('button', { name: /^Déclarer les indicateurs/ }).click());
    expect(declared.status).toBe('warning'); // rows of other territories, counted
    expect(declared.errors).toBe(0);
    expect(declared.rows).toBe(2);
    // Haute-Garonne: the total of employment statuses (400 women, 600 men), never 400 + 300 + 100.
    expect(declared.text).toMatch(/31\s+2021\s+recensement_insee\s+400\s+600\s+1000/);
    expect(declared.text).toContain('(76)'); // Seine-Maritime, skipped and counted
    await page.locator('[data-testid="import-commit"]').click();
    const id = await page.locator('[data-dataset="donnees"]').getAttribute('data-rows', { timeout: 60000 });
    expect(id).toBe('2');
    // Haute-Garonne: the total of employment statuses (400 women, 600 men), not 400 + 300 + 100.
    expect(log.external).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await close();
  });

  test('a Eurostat SDMX-CSV « with labels » under any name: recognised, its labels neither duplicates nor dimensions, imported', async () => {
    const { page, log, close, input } = await openDataView(browser);
    const first = await nextReport(page, () => input.setInputFiles({ name: 'telechargement (3).csv', mimeType: 'text/csv', buffer: Buffer.from(`${LABELS}\n`) }));
    expect(first.text).toContain('Eurostat');
    expect(first.text).not.toMatch(/plusieurs fois/);
    expect(await first.report.locator('select[data-dimension]').count()).toBe(0);
    // Its DATAFLOW names the dataset: indicator and unit preset, nothing to choose.
    expect(await first.report.locator('select[data-testid="import-indicator"]').inputValue()).toBe('specialistes_tic');
    expect(first.status).toBe('ok');
    expect(first.rows).toBe(2);
    expect(first.text).toMatch(/FR\s+2022\s+specialistes_tic\s+231200\s+900000\s+1131200\s+rupture/);
    // The file's labels beside its codes.
    expect(first.text).toContain('Dimension « unit » : THS_PER — Thousand persons (milliers) (seule valeur du fichier)');
    await page.locator('[data-testid="import-commit"]').click();
    await page.waitForSelector('[data-dataset][data-rows="2"]:not([data-dataset="illustratif"])', { timeout: 60000 });
    expect(log.external).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await close();
  });

  test('an SDMX-CSV 1.0 names its dataset and its last update: the identity is pre-filled with them, and the dataset cited with its date', async () => {
    const { page, log, close, input } = await openDataView(browser);
    const rows = [[2021, 'F', '220.5', '17/01/25 23:00:00'], [2021, 'M', '830.0', '17/01/25 23:00:00'], [2022, 'F', '231.2', '22/05/26 11:00:00'], [2022, 'M', '900.0', '22/05/26 11:00:00']];
    const csv = ['DATAFLOW,LAST UPDATE,freq,unit,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG', ...rows.map(([y, s, v, d]) => `ESTAT:ISOC_SKS_ITSPS(1.0),${d},A,THS_PER,${s},FR,${y},${v},`)].join('\n');
    const first = await nextReport(page, () => input.setInputFiles({ name: 'data.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) }));
    expect(first.status).toBe('ok');
    const field = (f: string) => page.locator(`[data-testid="identity-${f}"]`).inputValue();
    expect([await field('nom'), await field('producteur'), await field('url'), await field('date_publication')]).toEqual([
      'isoc_sks_itsps', 'Eurostat', 'https://ec.europa.eu/eurostat/databrowser/view/isoc_sks_itsps/default/table', '2026-05-22',
    ]);
    await page.locator('[data-testid="import-commit"]').click();
    await expect.poll(() => page.locator('[data-dataset="data"]').textContent(), { timeout: 60000 }).toContain('mise à jour : 22 mai 2026');
    expect(log.external).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await close();
  });

  test('a recipe built in the form: the level of each row from a column, one row per key, a filter applied only where it can', async () => {
    const { page, log, close, input } = await openDataView(browser);
    // No preset knows this header. 76 is Seine-Maritime on a DEP row, Occitanie on a REG row; the age column has no
    // total, and Haute-Garonne's women come in two age bands.
    const file = ['CODE;NIVEAU;SEXE;AGE;N', '76;DEP;F;15-64;7', '76;DEP;M;15-64;9', '76;REG;F;15-64;40', '76;REG;M;15-64;60',
      '31;DEP;F;15-64;10', '31;DEP;M;15-64;30', '31;DEP;F;65+;1'].join('\n');
    const first = await nextReport(page, () => input.setInputFiles({ name: 'table.csv', mimeType: 'text/csv', buffer: Buffer.from(`${file}\n`) }));
    expect(first.status).toBe('error');
    const form = page.locator('fieldset.recipe');
    await form.getByLabel('Indicateur cible').selectOption('emploi_numerique');
    await form.getByLabel('Colonne du territoire').selectOption('CODE');
    const level = form.getByLabel(/^Niveau des codes numériques/);
    expect(await level.locator('option').evaluateAll((els) => els.slice(0, 4).map((e) => (e as HTMLOptionElement).value))).toEqual(['', 'departement', 'region', 'commune']);
    await level.selectOption('colonne:NIVEAU');
    await form.getByLabel('Colonne de l’année').selectOption('');
    await form.getByLabel('ou année fixe').fill('2021');
    // A label wraps its control: its text starts with its own words, then its options'.
    const field = (re: RegExp) => form.locator('label').filter({ hasText: re }).locator('select').first();
    await field(/^Sexe/).selectOption('colonne');
    await form.getByLabel('Colonne du sexe').selectOption('SEXE');
    await form.getByLabel(/^Codes « femmes »/).fill('F');
    await form.getByLabel(/^Codes « hommes »/).fill('M');
    await form.getByLabel(/^Codes « hommes »/).blur();
    await field(/^Valeur/).selectOption('valeur');
    await form.getByLabel('Colonne de valeur ou de poids').selectOption('N');
    await form.getByLabel(/Une seule ligne par territoire/).check();
    await form.getByRole('button', { name: 'Ajouter un filtre' }).click();
    await form.getByLabel('Filtre : colonne').selectOption('AGE');
    await form.getByLabel(/^valeurs/).fill('_T');
    await form.getByLabel(/^valeurs/).blur();
    await form.getByLabel(/seulement si le fichier a la colonne/).check();
    // No `_T` in AGE: the optional filter keeps every row, and Haute-Garonne's two rows of women are an error naming
    // the column that tells them apart, never a sum.
    const twice = await nextReport(page, () => form.getByRole('button', { name: 'Appliquer la recette' }).click());
    expect(twice.status).toBe('error');
    expect(twice.text).toContain('cle_repetee');
    expect(twice.text).toContain('AGE');
    // The analyst keeps the 15-64 band (a filter no longer optional): Occitanie from its REG row, Seine-Maritime skipped.
    const again = page.locator('fieldset.recipe');
    expect(await again.getByLabel(/^Niveau des codes numériques/).inputValue()).toBe('colonne:NIVEAU');
    await again.getByLabel(/^valeurs/).fill('15-64');
    await again.getByLabel(/^valeurs/).blur();
    await again.getByLabel(/seulement si le fichier a la colonne/).uncheck();
    const ok = await nextReport(page, () => again.getByRole('button', { name: 'Appliquer la recette' }).click());
    expect(ok).toMatchObject({ status: 'warning', rows: 2, errors: 0 });
    expect(ok.text).toMatch(/76\s+2021\s+emploi_numerique\s+40\s+60\s+100/);
    expect(ok.text).toMatch(/31\s+2021\s+emploi_numerique\s+10\s+30\s+40/);
    expect(log.pageErrors).toEqual([]);
    await close();
  });

  test('a Eurostat bulk download as published, compressed (.tsv.gz): read decompressed, committed, restored after a reload; a large gzip file read the same way', async () => {
    const { page, log, close, input } = await openDataView(browser);
    const tsv = 'freq,unit,sex,geo\\TIME_PERIOD\t2021 \t2022 \r\nA,THS_PER,F,FR\t220.5 \t231.2 d\r\nA,THS_PER,M,FR\t830.0 \t900.0 d\r\n';
    const first = await nextReport(page, () => input.setInputFiles({ name: 'estat_tic_sexe.tsv.gz', mimeType: 'application/gzip', buffer: gzipSync(tsv) }));
    expect(first.text).toContain('Fichier compressé (gzip), lu décompressé');
    expect(first.text).toContain('Eurostat');
    const chosen = await nextReport(page, () => page.getByLabel('Indicateur cible').selectOption('specialistes_tic'));
    expect(chosen).toMatchObject({ status: 'ok', rows: 2, errors: 0 });
    expect(chosen.text).toMatch(/FR\s+2021\s+specialistes_tic\s+220500\s+830000\s+1050500/);
    await page.locator('[data-testid="import-commit"]').click();
    await page.waitForSelector('[data-dataset="estat_tic_sexe"][data-rows="2"][data-active="true"]', { timeout: 60000 });
    // The stored file is the compressed one, replayed with its choice at the next visit.
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="estat_tic_sexe"][data-rows="2"][data-active="true"]', { timeout: 60000 });
    // A canonical CSV gzipped to over 2 MB (long random sources): read decompressed by the full pipeline, its bytes
    // never taken for CSV by the fast path.
    const deps = ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'];
    const rows = deps.flatMap((d) => Array.from({ length: 111 }, (_, i) => `${d},${1990 + i},emploi_numerique,10,30,40,,,${randomBytes(1800).toString('base64')}`));
    const gz = gzipSync(`territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source\n${rows.join('\n')}\n`);
    expect(gz.length).toBeGreaterThan(2 * 1024 * 1024);
    const large = await nextReport(page, () => input.setInputFiles({ name: 'emploi_long.csv.gz', mimeType: 'application/gzip', buffer: gz }));
    expect(large).toMatchObject({ rows: rows.length, errors: 0 });
    expect(await large.report.getAttribute('data-path-reason')).toBe('compressed');
    expect(large.text).toContain('Fichier compressé (gzip), lu décompressé');
    expect(log.external).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await close();
  });

  test('a ZIP archive of a table and its dictionary: the table read as the only recognised file, kept when the encoding changes, committed, restored after a reload', async () => {
    const { page, log, close, input } = await openDataView(browser);
    const zip = makeZip([
      { name: 'meta_emploi.csv', data: 'COD_VAR;LIB_VAR\r\nfemmes;Femmes\r\n' },
      { name: 'emploi.csv', data: 'territoire;annee;indicateur;femmes;total\r\n31;2021;emploi_numerique;10;40\r\n34;2021;emploi_numerique;12;50\r\n' },
    ]);
    const first = await nextReport(page, () => input.setInputFiles({ name: 'emploi_2021.zip', mimeType: 'application/zip', buffer: zip }));
    expect(first).toMatchObject({ status: 'ok', rows: 2, errors: 0 });
    expect(first.text).toContain('Archive ZIP : fichier « emploi.csv » lu, le seul de l’archive dont le format est reconnu');
    const entry = page.locator('select[data-testid="import-zip-entry"]');
    expect(await entry.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value))).toEqual(['meta_emploi.csv', 'emploi.csv']);
    expect(await entry.inputValue()).toBe('emploi.csv');
    // Another encoding analyses the same file again: the file read is kept as chosen, never looked for anew (read as
    // UTF-16, neither file would be recognised and the archive would ask again).
    const encoding = () => page.locator('[data-testid="import"] select').filter({ has: page.locator('option[value="utf-16le"]') }).first();
    const utf16 = await nextReport(page, () => encoding().selectOption('utf-16le'));
    expect(utf16.status).toBe('error');
    expect(utf16.text).toContain('Archive ZIP : fichier « emploi.csv » lu');
    expect(utf16.text).not.toContain('Archive ZIP de 2 fichiers');
    const again = await nextReport(page, () => encoding().selectOption('utf-8'));
    expect(again).toMatchObject({ status: 'ok', rows: 2, errors: 0 });
    expect(again.text).toContain('Archive ZIP : fichier « emploi.csv » lu');
    await page.locator('[data-testid="import-commit"]').click();
    // The dataset goes by the archive and the file read (another file of the archive would be another dataset), and cites both.
    const dataset = page.locator('[data-dataset="emploi_2021_emploi"][data-rows="2"][data-active="true"]');
    await dataset.waitFor({ timeout: 60000 });
    expect(await dataset.locator('[data-testid="dataset-files"]').innerText()).toContain('emploi_2021.zip › emploi.csv');
    // Stored as the archive, with the file chosen: replayed at the next visit.
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="emploi_2021_emploi"][data-rows="2"][data-active="true"]', { timeout: 60000 });
    expect(log.external).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await close();
  });
});


import { describe, expect, test } from 'vitest';
import { runImport, runImportFile } from '../../src/data/import/run';
import { unzip } from '../../src/data/import/zip';
import { importCatalogue, utf8 } from '../helpers/catalogue';
import { makeZip } from '../helpers/zip';
import { importName } from '../../src/data/import/file-name';
import { datasetIdFor, metaOf, partOf } from '../../src/data/import/stored';
import type { StoredRecord } from '../../src/data/store';

// INSEE and data.gouv.fr publish many files as ZIP archives (the data, often with its dictionary): the file to read
// is the archive's only one, or the one the analyst chooses; never one picked by its name.
const cat = importCatalogue();
const CSV = 'territoire;annee;indicateur;femmes;total\n31;2021;emploi_numerique;10;40\n34;2021;emploi_numerique;12;50\n';
const META = 'COD_VAR;LIB_VAR\nP21_F;Femmes\n';
const opts = { fileName: 'base.zip' };
const u8 = (b: Buffer) => new Uint8Array(b);

describe('ZIP archives', () => {
  test('an archive of one file gives what the file gives, and names it', async () => {
    for (const stored of [false, true]) {
      const r = await runImportFile(u8(makeZip([{ name: 'donnees.csv', data: CSV, stored }])), cat, opts);
      expect(r.compression).toBe('zip');
      expect(r.archive).toEqual({ files: ['donnees.csv'], chosen: 'donnees.csv' });
      expect(r.rows).toEqual(runImport(utf8(CSV), cat, opts).rows);
      expect(r.errors).toBe(0);
    }
  });
  test('an archive of several files reads its only file of a recognised format, and says so (never by its name)', async () => {
    // An INSEE download: the data and its dictionary. The dictionary is no format the import knows.
    for (const names of [['meta_base.CSV', 'base-cc-2021.CSV'], ['donnees.csv', 'lisez-moi.csv']]) {
      const zip = u8(makeZip([{ name: names[0] as string, data: META }, { name: names[1] as string, data: CSV }, { name: 'dossier/', data: '' }]));
      const r = await runImportFile(zip, cat, opts);
      expect(r.archive).toEqual({ files: names, chosen: names[1], auto: true });
      expect(r.errors).toBe(0);
      expect(r.rows.map((x) => [x.territoire, x.femmes, x.total])).toEqual([['31', 10, 40], ['34', 12, 50]]);
    }
    // A file larger than the look at its start (256 KB), stored or deflated: recognised by its start, read whole.
    const big = CSV + Array.from({ length: 12000 }, (_, i) => `${['09', '11', '12'][i % 3]};${1000 + Math.floor(i / 3)};emploi_numerique;10;40`).join('\n') + '\n';
    expect(big.length).toBeGreaterThan(300 * 1024);
    for (const stored of [false, true]) {
      const r = await runImportFile(u8(makeZip([{ name: 'meta.csv', data: META, stored }, { name: 'gros.csv', data: big, stored }])), cat, opts);
      expect(r.archive).toEqual({ files: ['meta.csv', 'gros.csv'], chosen: 'gros.csv', auto: true });
      expect(r.dataRows).toBe(12002);
    }
    // The analyst's choice stands, even for the dictionary.
    const zip = u8(makeZip([{ name: 'meta_base.CSV', data: META }, { name: 'base-cc-2021.CSV', data: CSV }]));
    expect((await runImportFile(zip, cat, { ...opts, entree: 'meta_base.CSV' })).archive).toEqual({ files: ['meta_base.CSV', 'base-cc-2021.CSV'], chosen: 'meta_base.CSV' });
  });
  test('an archive of several files asks which one (an error listing them) when none or several are recognised, then reads the one chosen', async () => {
    const none = await runImportFile(u8(makeZip([{ name: 'a.csv', data: META }, { name: 'b.csv', data: META }])), cat, opts);
    expect(none.archive).toEqual({ files: ['a.csv', 'b.csv'], chosen: null });
    // A file that cannot be looked at (a name two files share) leaves the choice to the analyst, as do more than 20 files.
    const shared = await runImportFile(u8(makeZip([{ name: 'a.csv', data: CSV }, { name: 'a.csv', data: CSV }, { name: 'b.csv', data: CSV }])), cat, opts);
    expect(shared.archive).toEqual({ files: ['a.csv', 'b.csv'], chosen: null });
    const many = [{ name: 'donnees.csv', data: CSV }, ...Array.from({ length: 20 }, (_, i) => ({ name: `dico-${i}.csv`, data: META }))];
    expect((await runImportFile(u8(makeZip(many)), cat, opts)).archive?.chosen).toBeNull();
    expect((await runImportFile(u8(makeZip(many.slice(0, 20))), cat, opts)).archive?.chosen).toBe('donnees.csv');
    const zip = u8(makeZip([{ name: 'meta_base.CSV', data: CSV.replace('31;2021', '31;2020') }, { name: 'base-cc-2021.CSV', data: CSV }, { name: 'dossier/', data: '' }, { name: '__MACOSX/._base-cc-2021.CSV', data: 'x' }]));
    const ask = await runImportFile(zip, cat, opts);
    expect(ask.problems.map((p) => [p.code, p.severity])).toEqual([['zip_choisir', 'erreur']]);
    expect(ask.problems[0]?.message_fr).toBe('Archive ZIP de 2 fichiers : choisissez celui à importer (liste « Fichier de l’archive » du rapport).');
    expect(ask.archive).toEqual({ files: ['meta_base.CSV', 'base-cc-2021.CSV'], chosen: null });
    expect(ask.rows).toEqual([]);
    const chosen = await runImportFile(zip, cat, { ...opts, entree: 'base-cc-2021.CSV' });
    expect(chosen.rows.map((r) => [r.territoire, r.femmes, r.total])).toEqual([['31', 10, 40], ['34', 12, 50]]);
    expect(chosen.archive?.chosen).toBe('base-cc-2021.CSV');
    const missing = await runImportFile(zip, cat, { ...opts, entree: 'autre.csv' });
    expect(missing.problems[0]?.message_fr).toMatch(/^« autre\.csv » n’est pas dans cette archive ZIP/);
  });
  test('a spreadsheet (XLSX, ODS: archives of XML) is refused as before: export it as CSV', async () => {
    const xlsx = u8(makeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.xml', data: '<workbook/>' }]));
    const r = await runImportFile(xlsx, cat, opts);
    expect(r.problems.map((p) => p.code)).toEqual(['format_binaire']);
    expect(r.problems[0]?.message_fr).toContain('XLSX');
    expect(r.archive).toBeUndefined();
  });
  test('a truncated archive, or a file that grows past the limit once inflated, is refused', async () => {
    const zip = makeZip([{ name: 'a.csv', data: CSV }]);
    expect((await runImportFile(u8(zip.subarray(0, zip.length - 30)), cat, opts)).problems.map((p) => p.code)).toEqual(['zip_illisible']);
    const bomb = u8(makeZip([{ name: 'a.csv', data: new Uint8Array(3_000_000) }]));
    expect(bomb.length).toBeLessThan(10_000);
    expect(await unzip(bomb, undefined, 1024 * 1024)).toMatchObject({ problem: { code: 'decompresse_trop_gros' } });
  });
  test('a name not flagged UTF-8 is read in code page 850, as a French Windows writes it (« é » is 0x82, « À » 0xB7)', async () => {
    const zip = makeZip([{ name: 'Donnees.csv', data: CSV }]);
    for (const sig of [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x01, 0x02]]) {
      const at = zip.indexOf(Buffer.from(sig));
      const flags = sig[2] === 3 ? 6 : 8;
      zip.writeUInt16LE(zip.readUInt16LE(at + flags) & ~0x800, at + flags);
      const n = zip.indexOf(Buffer.from('Donnees'), at);
      zip[n] = 0xb7;
      zip[n + 4] = 0x82;
    }
    const r = await runImportFile(u8(zip), cat, opts);
    expect(r.archive).toEqual({ files: ['Àonnées.csv'], chosen: 'Àonnées.csv' });
    expect(r.rows).toHaveLength(2);
    // An import stored when such names were read as Latin-1 (« ·onn‚es.csv » in a browser) still finds its file at reload.
    const two = makeZip([{ name: 'Donnees.csv', data: CSV }, { name: 'autre.csv', data: META }]);
    for (let at = two.indexOf('Donnees'); at >= 0; at = two.indexOf('Donnees', at + 1)) {
      two[at] = 0xb7;
      two[at + 4] = 0x82;
    }
    for (const sig of [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x01, 0x02]]) {
      for (let at = two.indexOf(Buffer.from(sig)); at >= 0; at = two.indexOf(Buffer.from(sig), at + 4)) {
        const flags = sig[2] === 3 ? 6 : 8;
        two.writeUInt16LE(two.readUInt16LE(at + flags) & ~0x800, at + flags);
      }
    }
    const old = await runImportFile(u8(two), cat, { ...opts, entree: new TextDecoder('latin1').decode(Uint8Array.of(0xb7, ...Buffer.from('onn'), 0x82, ...Buffer.from('es.csv'))) });
    expect(old.archive).toEqual({ files: ['Àonnées.csv', 'autre.csv'], chosen: 'Àonnées.csv' });
    expect(old.rows).toHaveLength(2);
    expect((await runImportFile(u8(two), cat, { ...opts, entree: 'inconnu.csv' })).problems.map((p) => p.code)).toEqual(['zip_choisir']);
  });
  test('two files of the same name: listed once, never read (which one was meant cannot be told)', async () => {
    const zip = u8(makeZip([{ name: 'a.csv', data: CSV }, { name: 'a.csv', data: CSV.replace('31;2021', '34;2020') }, { name: 'b.csv', data: CSV }]));
    const r = await runImportFile(zip, cat, { ...opts, entree: 'a.csv' });
    expect(r.problems.map((p) => p.code)).toEqual(['zip_doublon']);
    expect(r.problems[0]?.message_fr).toContain('plusieurs fichiers nommés « a.csv »');
    expect(r.archive).toEqual({ files: ['a.csv', 'b.csv'], chosen: 'a.csv' });
    expect((await runImportFile(zip, cat, { ...opts, entree: 'b.csv' })).rows).toHaveLength(2);
    expect((await runImportFile(u8(makeZip([{ name: 'a.csv', data: CSV }, { name: 'a.csv', data: CSV }])), cat, opts)).problems.map((p) => p.code)).toEqual(['zip_doublon']);
  });
  test('a damaged file (its bytes or its recorded CRC-32 altered), stored or deflated, is refused: never read with wrong figures', async () => {
    const stored = makeZip([{ name: 'a.csv', data: CSV, stored: true }]);
    expect((await runImportFile(u8(stored), cat, opts)).problems).toEqual([]);
    const changed = Buffer.from(stored);
    changed[changed.indexOf(Buffer.from('31;2021')) + 1] = 0x34; // « 31 » becomes « 34 »: still a valid CSV
    expect((await runImportFile(u8(changed), cat, opts)).problems.map((p) => p.code)).toEqual(['zip_illisible']);
    const deflated = makeZip([{ name: 'a.csv', data: CSV }]);
    const dir = deflated.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    deflated.writeUInt32LE(deflated.readUInt32LE(dir + 16) ^ 1, dir + 16);
    const r = await runImportFile(u8(deflated), cat, opts);
    expect(r.problems.map((p) => p.code)).toEqual(['zip_illisible']);
    expect(r.problems[0]?.message_fr).toContain('abîmée');
    const resized = Buffer.from(stored);
    const at = resized.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    resized.writeUInt32LE(resized.readUInt32LE(at + 24) + 1, at + 24); // the size recorded, not the bytes
    expect((await runImportFile(u8(resized), cat, opts)).problems.map((p) => p.code)).toEqual(['zip_illisible']);
  });
  test('an archive written as a stream (its local headers without CRC or sizes, flag 8): read from its central directory', async () => {
    const zip = makeZip([{ name: 'a.csv', data: CSV }]);
    zip.writeUInt16LE(0x808, 6);
    for (const at of [14, 18, 22]) zip.writeUInt32LE(0, at);
    const r = await runImportFile(u8(zip), cat, opts);
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(2);
  });
  test('an archive with no file to read, a ZIP64 entry, an encrypted one: refused with what is wrong, never « choose » from an empty list', async () => {
    const empty = await runImportFile(u8(makeZip([{ name: 'dossier/', data: '' }, { name: '__MACOSX/._a.csv', data: 'x' }])), cat, opts);
    expect(empty.problems.map((p) => p.code)).toEqual(['zip_vide']);
    expect(empty.archive).toBeUndefined();
    // ZIP64 (streaming writers): sizes of 0xFFFFFFFF in the central directory, the real ones elsewhere.
    const z64 = makeZip([{ name: 'a.csv', data: CSV }]);
    const dir = z64.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    z64.writeUInt32LE(0xffffffff, dir + 20);
    z64.writeUInt32LE(0xffffffff, dir + 24);
    const r64 = await runImportFile(u8(z64), cat, opts);
    expect(r64.problems.map((p) => p.code)).toEqual(['zip_illisible']);
    // The archive's only file could not be read: the report names it, it does not ask for a choice.
    expect(r64.archive).toEqual({ files: ['a.csv'], chosen: 'a.csv' });
    const locked = makeZip([{ name: 'a.csv', data: CSV }]);
    locked.writeUInt16LE(0x801, locked.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    expect((await runImportFile(u8(locked), cat, opts)).problems.map((p) => p.code)).toEqual(['zip_illisible']);
  });
  test('the file chosen in an archive of several cannot be read: refused, and the list stays to choose another', async () => {
    const zip = makeZip([{ name: 'a.csv', data: CSV }, { name: 'b.csv', data: CSV }]);
    const dir = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt16LE(0x801, dir + 8); // a.csv encrypted
    const r = await runImportFile(u8(zip), cat, { ...opts, entree: 'a.csv' });
    expect(r.problems.map((p) => p.code)).toEqual(['zip_illisible']);
    expect(r.archive).toEqual({ files: ['a.csv', 'b.csv'], chosen: 'a.csv' });
    expect((await runImportFile(u8(zip), cat, { ...opts, entree: 'b.csv' })).rows).toHaveLength(2);
  });
  test('a file of an archive of several goes by the archive\'s name and its own (another file, or next year\'s archive, is another dataset); the sources cite both', async () => {
    const both = await runImportFile(u8(makeZip([{ name: 'meta_emploi.csv', data: META }, { name: 'donnees/emploi.csv', data: CSV }])), cat, { ...opts, entree: 'donnees/emploi.csv' });
    expect(importName('insee_2021.zip', both.archive)).toBe('insee_2021 › emploi.csv');
    expect(datasetIdFor(importName('insee_2021.zip', both.archive))).toBe('insee_2021_emploi');
    expect(datasetIdFor(importName('insee_2022.zip', both.archive))).toBe('insee_2022_emploi');
    expect(datasetIdFor(importName('insee_2021.zip', { files: ['a.csv', 'donnees\\meta.csv'], chosen: 'donnees\\meta.csv' }))).toBe('insee_2021_meta');
    expect(datasetIdFor(importName('insee_2021.zip', { files: ['a.csv', 'x/数据.csv'], chosen: 'x/数据.csv' }))).toBe('insee_2021'); // a name that folds to nothing
    const one = await runImportFile(u8(makeZip([{ name: 'emploi.csv', data: CSV }])), cat, opts);
    expect(datasetIdFor(importName('insee_2021.zip', one.archive))).toBe('insee_2021');
    expect(datasetIdFor(importName('insee_2021.zip', { files: ['a.csv', 'b.csv'], chosen: null }))).toBe('insee_2021');
    const part = { fileName: 'insee_2021.zip', sha256: '0'.repeat(64), options: { entree: 'donnees/emploi.csv' }, recipe: null, importedAt: '2026-12-05T00:00:00Z', rows: 2, bytes: new ArrayBuffer(0) };
    const rec = { ...part, id: 'emploi', nom: 'emploi', actif: true, priorite: 10, parts: [{ ...part, options: {}, fileName: 'emploi_2022.csv' }] } as StoredRecord;
    expect(metaOf(rec, [], both).fichiers).toEqual(['insee_2021.zip › donnees/emploi.csv', 'emploi_2022.csv']);
  });
  test('a file read as the archive\'s only recognised one is stored as chosen: replayed the same way, cited with the archive', async () => {
    const zip = makeZip([{ name: 'meta_emploi.csv', data: META }, { name: 'emploi.csv', data: CSV }]);
    const file = { blob: new Blob([new Uint8Array(zip)]), fileName: 'insee_2021.zip' };
    const auto = await runImportFile(u8(zip), cat, opts);
    expect(partOf(file, { sha256: '0'.repeat(64), rowCount: 2, result: auto }, {}, '2026-12-05T00:00:00Z').options.entree).toBe('emploi.csv');
    // A choice of the analyst's is stored as made; an archive of one file needs none.
    const chosen = await runImportFile(u8(zip), cat, { ...opts, entree: 'meta_emploi.csv' });
    expect(partOf(file, { sha256: '0'.repeat(64), rowCount: 0, result: chosen }, { entree: 'meta_emploi.csv' }, '2026-12-05T00:00:00Z').options.entree).toBe('meta_emploi.csv');
    const one = await runImportFile(u8(makeZip([{ name: 'emploi.csv', data: CSV }])), cat, opts);
    expect(partOf(file, { sha256: '0'.repeat(64), rowCount: 2, result: one }, {}, '2026-12-05T00:00:00Z').options.entree).toBeUndefined();
  });
});

import { describe, expect, test } from 'vitest';
import { gzipSync } from 'node:zlib';
import { gunzip, isGzip } from '../../src/data/import/gzip';
import { runImport, runImportFile } from '../../src/data/import/run';
import { importCatalogue, utf8 } from '../helpers/catalogue';
import { datasetIdFor } from '../../src/data/import/stored';
import { identityDefaults } from '../../src/data/import/identity';

// Eurostat's bulk downloads come as `.tsv.gz`: read decompressed, recognised by their bytes, never by their name.
const cat = importCatalogue();
const TSV = 'freq,unit,sex,geo\\TIME_PERIOD\t2021 \t2022 \nA,THS_PER,F,FR\t220.5 \t231.2 d\nA,THS_PER,M,FR\t830.0 \t900.0 d\nA,THS_PER,F,DE\t400.0 \t410.0 \n';
const opts = { fileName: 'telechargement', indicateur: 'specialistes_tic' };

describe('gzip files', () => {
  test('a gzip file gives what its decompressed bytes give, and says it came compressed', async () => {
    const plain = runImport(utf8(TSV), cat, opts);
    const zipped = await runImportFile(new Uint8Array(gzipSync(TSV)), cat, opts);
    expect(zipped.compression).toBe('gzip');
    expect(zipped.format).toBe('eurostat');
    expect(zipped.rows).toEqual(plain.rows);
    expect(zipped.rows.map((r) => [r.territoire, r.annee, r.femmes, r.total])).toEqual([['FR', 2021, 220500, 1050500], ['FR', 2022, 231200, 1131200]]);
    expect(zipped.problems).toEqual(plain.problems);
    expect((await runImportFile(utf8(TSV), cat, opts)).compression).toBeUndefined();
  });
  test('any other file is read as it is (the same bytes)', async () => {
    const bytes = utf8(TSV);
    expect(isGzip(bytes)).toBe(false);
    expect(await gunzip(bytes)).toBe(bytes);
  });
  test('a truncated stream is refused, never read in part', async () => {
    const z = gzipSync(TSV.repeat(50));
    const r = await runImportFile(new Uint8Array(z.subarray(0, z.length - 20)), cat, opts);
    expect(r.problems.map((p) => p.code)).toEqual(['gzip_illisible']);
    expect(r.rows).toEqual([]);
  });
  test('a file that decompresses past the limit is refused as soon as it does (a small file can hold gigabytes)', async () => {
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(5_000_000)));
    expect(bomb.length).toBeLessThan(10_000);
    const r = await gunzip(bomb, 1024 * 1024);
    expect(r).not.toBeInstanceOf(Uint8Array);
    expect(r).toMatchObject({ code: 'decompresse_trop_gros', severity: 'erreur' });
    expect((r as { message_fr: string }).message_fr).toBe("Une fois décompressé, ce fichier dépasse 1,0 Mo, la limite de l’import (il pèse 5 Ko compressé). Filtrez-le avant l’import.");
  });
  test('a zip inside a gzip is still refused as a binary', async () => {
    const r = await runImportFile(new Uint8Array(gzipSync(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))), cat, opts);
    expect(r.problems.map((p) => p.code)).toEqual(['format_binaire']);
  });
  test('the dataset and its source are named without .gz, as without compression', () => {
    expect(datasetIdFor('estat_isoc_sks_itsps.tsv.gz')).toBe('estat_isoc_sks_itsps');
    expect(identityDefaults({ format: 'eurostat', recipe: null, eurostat: null }, [], 'estat_isoc_sks_itsps.tsv.gz').nom).toBe('estat_isoc_sks_itsps');
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openNodeDb, readDefaultFiles } from '../helpers/node-db';
import { importCatalogue } from '../helpers/catalogue';
import type { Connector } from '../../src/data/connector';
import { loadDefaults } from '../../src/data/load';
import { runImport } from '../../src/data/import/run';
import { rowsToCsv } from '../../src/data/import/commit';
import { ImportSession, type AnalysedImport, type LoadedSide } from '../../src/data/import/session';
import { bumpDataVersion, getDataVersion } from '../../src/data/version';

/**
 * The report's comparison (ImportSession.preview in src/data/import/session.ts) with its loaded side asked ahead
 * (loadedSide, while DuckDB waits for the file's bytes), in a real DuckDB holding the defaults: the same preview as
 * asked after the analysis, and a side asked for another target or before the data changed is asked again.
 */
const CSV = 'territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source\n31,2024,emploi_numerique,300,700,1000,,,Test\n34,2024,emploi_numerique,50,350,400,,,Test\n';
let db: Connector & { close(): void };
let session: ImportSession;
let analysed: AnalysedImport;

beforeAll(async () => {
  db = await openNodeDb();
  await loadDefaults(db, readDefaultFiles());
  session = new ImportSession(db);
  const result = runImport(new TextEncoder().encode(CSV), importCatalogue(), { fileName: 'essai.csv' });
  analysed = { result, rowCount: result.rows.length, staged: { kind: 'csv', csv: rowsToCsv(result.rows) }, sources: ['Test'], sha256: Promise.resolve(''), path: { kind: 'complet', reason: 'test' } };
});
afterAll(() => db?.close());

describe('the preview with its loaded side asked ahead', () => {
  test('gives the preview asked after the analysis', async () => {
    const after = await session.preview(analysed, { kind: 'nouveau' }, 'essai.csv');
    expect(after.overrides.map((o) => [o.territoire, o.jeu])).toEqual([['31', 'illustratif'], ['34', 'illustratif']]);
    const side = session.loadedSide({ kind: 'nouveau' }, 'essai.csv');
    expect((await side).indicators).toContain('emploi_numerique');
    expect(await session.preview(analysed, { kind: 'nouveau' }, 'essai.csv', side)).toEqual(after);
  });

  test('a side that still holds is used as it is; one of another target or an older data version is asked again', async () => {
    const side: LoadedSide = { version: getDataVersion(), kind: 'nouveau', id: 'essai', other: '', priorite: 1000, indicators: [] };
    // Used: no indicator can collide, so the staged rows are not compared.
    expect((await session.preview(analysed, { kind: 'nouveau' }, 'essai.csv', Promise.resolve(side))).overrides).toEqual([]);
    const replacing = await session.preview(analysed, { kind: 'remplacer', id: 'essai' }, 'essai.csv', Promise.resolve(side));
    expect(replacing.overrides).toHaveLength(2);
    bumpDataVersion();
    expect((await session.preview(analysed, { kind: 'nouveau' }, 'essai.csv', Promise.resolve(side))).overrides).toHaveLength(2);
    // A side that failed is asked again too.
    expect((await session.preview(analysed, { kind: 'nouveau' }, 'essai.csv', Promise.reject(new Error('gone')))).overrides).toHaveLength(2);
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openNodeDb, readDefaultFiles } from '../helpers/node-db';
import { importCatalogue } from '../helpers/catalogue';
import type { Connector } from '../../src/data/connector';
import { loadDefaults } from '../../src/data/load';
import { runImport } from '../../src/data/import/run';
import { rowsToCsv } from '../../src/data/import/commit';
import { ImportSession, type AnalysedImport, type LoadedSide } from '../../src/data/import/session';
import { bumpDataVersion, getDataVersion } from '../../src/data/version';
import { appFastPath } from '../helpers/fast-path';

/**
 * The report's comparison (ImportSession.preview in src/data/import/session.ts) with its loaded side asked ahead
 * (loadedSide, while DuckDB waits for the file's bytes), in a real DuckDB holding the defaults: the same preview as
 * asked after the analysis, and a side asked for another target or before the data changed is asked again. On the
 * fast path, the override list is compared over the import's own indicators only (AnalysedImport.indicators): the same list.
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

describe('the override list over the fast path’s own indicators', () => {
  /** The fast path's analysis of `csv` in this database, as the session leaves it for the report. */
  async function fastAnalysis(csv: string, declared: string[], table: string): Promise<AnalysedImport> {
    const cat = importCatalogue();
    const { answer } = await appFastPath(db, new TextEncoder().encode(csv), { ...cat, indicators: [...cat.indicators, ...declared] }, table);
    if ('fallback' in answer) throw new Error(answer.fallback);
    return { result: answer.result, rowCount: answer.rowCount, staged: { kind: 'table', table, own: answer.own }, sources: answer.sources, indicators: answer.indicators, sha256: Promise.resolve(''), path: { kind: 'rapide' } };
  }

  test.each([
    ['indicators that loaded datasets hold', CSV, [], 2],
    ['an indicator no loaded dataset holds', CSV.replaceAll('emploi_numerique', 'essai_declare'), ['essai_declare'], 0],
    ['both', CSV.replace('31,2024,emploi_numerique', '31,2024,essai_declare'), ['essai_declare'], 1],
  ] as const)('%s: the same list as over every indicator that can collide', async (_name, csv, declared, n) => {
    const a = await fastAnalysis(csv, [...declared], `import_apercu_${n}`);
    expect(a.indicators).toBeDefined();
    const list = await session.preview(a, { kind: 'nouveau' }, 'essai.csv');
    expect(list.overrides).toHaveLength(n);
    expect(await session.preview({ ...a, indicators: undefined }, { kind: 'nouveau' }, 'essai.csv')).toEqual(list);
  });
});

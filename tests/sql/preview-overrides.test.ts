import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openNodeDb, readDefaultFiles } from '../helpers/node-db';
import { importCatalogue } from '../helpers/catalogue';
import type { Connector } from '../../src/data/connector';
import { loadDefaults } from '../../src/data/load';
import { ImportSession, type AnalysedImport } from '../../src/data/import/session';
import { appFastPath } from '../helpers/fast-path';

/**
 * The report's override list (ImportSession.preview in src/data/import/session.ts) in a real DuckDB holding the
 * defaults: on the fast path it is compared over the import's own indicators only (AnalysedImport.indicators, known
 * without reading the rows), and it is the list compared over every indicator that can collide.
 */
const CSV = 'territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source\n31,2024,emploi_numerique,300,700,1000,,,Test\n34,2024,emploi_numerique,50,350,400,,,Test\n';
let db: Connector & { close(): void };
let session: ImportSession;

beforeAll(async () => {
  db = await openNodeDb();
  await loadDefaults(db, readDefaultFiles());
  session = new ImportSession(db);
});
afterAll(() => db?.close());

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

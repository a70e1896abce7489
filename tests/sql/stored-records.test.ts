import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { openNodeDb, readDefaultFiles } from '../helpers/node-db';
import { importCatalogue } from '../helpers/catalogue';
import { plantedRecord, storedCases, type StoredCase } from '../helpers/hostile-stored';
import type { Connector } from '../../src/data/connector';
import { loadDefaults } from '../../src/data/load';
import { runQuery } from '../../src/data/client';
import { datasetsQuery, DatasetRow } from '../../src/data/sql/datasets';
import { runImport, type ImportOptions } from '../../src/data/import/run';
import { rowsToCsv } from '../../src/data/import/commit';
import { ImportSession, type AnalysedImport } from '../../src/data/import/session';
import { partitionStored } from '../../src/data/store';

/**
 * The start's restore (ImportSession.replay in src/data/import/session.ts, without IndexedDB): the stored records are checked
 * against the default datasets loaded into a real DuckDB, then the valid ones are replayed through the import
 * pipeline. A refused record never reaches DuckDB; the default datasets keep every row.
 */
const cat = importCatalogue();
const cases = storedCases();

/** The full import pipeline, as the import worker runs it (the same function, in Node). */
async function run(file: Blob, opts: ImportOptions): Promise<AnalysedImport> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = runImport(bytes, cat, opts);
  const sources = [...new Set(result.rows.map((r) => r.source).filter((s): s is string => Boolean(s)))];
  return {
    result, rowCount: result.rows.length, staged: { kind: 'csv', csv: rowsToCsv(result.rows) }, sources,
    sha256: Promise.resolve(createHash('sha256').update(bytes).digest('hex')), path: { kind: 'complet', reason: 'test' },
  };
}

async function restore(records: readonly unknown[]) {
  const db = await openNodeDb();
  const defaults = await loadDefaults(db, readDefaultFiles());
  const { ok, refused } = partitionStored(records, defaults);
  const { restored, failed } = await new ImportSession(db).replay(ok, run);
  return { db, defaults, refused, restored, failed };
}

const rowsOf = async (db: Connector) => Object.fromEntries((await runQuery(db, datasetsQuery(), DatasetRow)).map((d) => [d.id, `${d.origine}:${d.lignes}:${d.actif}`]));
const DEFAULTS = { illustratif: 'defaut:700:true', depp_nsi: 'defaut:70:true', eurostat_tic: 'defaut:38:true' };
const restoredRows = (c: StoredCase) => (String(c.record['bytes']).trim().split('\n').length - 1);

describe('hostile stored records (cases.json, key `stored`), replayed into a real DuckDB', () => {
  test('loadDefaults names the default datasets it loaded', async () => {
    const { db, defaults } = await restore([]);
    expect(defaults).toEqual(['illustratif', 'eurostat_tic', 'depp_nsi']);
    db.close();
  });

  test.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const { db, refused, restored, failed } = await restore([plantedRecord(c)]);
    const id = String(c.record['id']);
    const want = c.expect.outcome;
    // The defaults first: a record under a default dataset's id replaced its rows (700 → 1) before the check.
    expect(await rowsOf(db)).toEqual(want === 'restored' ? { ...DEFAULTS, [id]: `import:${restoredRows(c)}:true` } : DEFAULTS);
    expect(refused).toEqual(want === 'refused' ? [{ id: c.expect.named, reason: c.expect.reason }] : []);
    expect(failed).toEqual(want === 'failed' ? [c.expect.named] : []);
    expect(restored).toEqual(want === 'restored' ? [id] : []);
    db.close();
  });

  test('all planted at once: the valid ones load, in priority order, the others are named, the defaults are whole', async () => {
    const { db, refused, restored, failed } = await restore(cases.map(plantedRecord));
    expect(restored).toEqual(cases.filter((c) => c.expect.outcome === 'restored').map((c) => c.record['id']));
    expect([...refused.map((r) => r.id), ...failed].sort()).toEqual(cases.filter((c) => c.expect.outcome !== 'restored').map((c) => c.expect.named).sort());
    const rows = await rowsOf(db);
    expect(rows).toMatchObject(DEFAULTS);
    expect(Object.keys(rows).sort()).toEqual([...Object.keys(DEFAULTS), ...restored].sort());
    db.close();
  });
});

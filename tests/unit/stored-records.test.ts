import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import fc from 'fast-check';
import { checkStored, DEFAULT_DATASET_IDS, isImportId, partitionStored, StoredImport, type StoredRecord } from '../../src/data/store';
import { datasetIdFor } from '../../src/data/import/stored';
import { DOC_PATH, withStoredTables } from '../../scripts/hostile-corpus.mjs';
import { plantedRecord, storedCases } from '../helpers/hostile-stored';

const ROOT = path.resolve(import.meta.dirname, '../..');
const cases = storedCases();

/** A record exactly as commitImport writes it (options it did not set are present and undefined, as there). */
function written(over: Partial<StoredRecord> = {}): StoredRecord {
  return {
    id: 'ds_rp_emploi_2022', nom: 'DS_RP_EMPLOI 2022.csv', fileName: 'DS_RP_EMPLOI 2022.csv', sha256: 'a'.repeat(64),
    options: { encoding: undefined, delimiter: undefined, headerLine: undefined, indicateur: undefined, declared: undefined },
    recipe: null, importedAt: new Date(Date.UTC(2026, 11, 1)).toISOString(), actif: true, priorite: 10, rows: 3,
    bytes: new Blob(['territoire\n']), ...over,
  };
}

describe('stored records: only what the app writes is restored', () => {
  test('the reserved ids are exactly the default datasets of data/datasets.csv', () => {
    const rows = Papa.parse<{ id: string }>(readFileSync(path.join(ROOT, 'data/datasets.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect([...DEFAULT_DATASET_IDS].sort()).toEqual(rows.map((r) => r.id).sort());
  });

  test('every id datasetIdFor writes is accepted, and none is a default dataset’s', () => {
    for (const name of ['illustratif.csv', 'Eurostat_TIC.tsv', 'ILLUSTRATIF', '', '...csv', 'Données « Hérault » 2024.csv', `${'a'.repeat(59)} b.csv`]) {
      const id = datasetIdFor(name);
      expect(isImportId(id), `${name} → ${id}`).toBe(true);
      expect(DEFAULT_DATASET_IDS).not.toContain(id);
    }
    expect(datasetIdFor('illustratif.csv')).toBe('illustratif_import');
    expect(datasetIdFor(`${'a'.repeat(59)} b.csv`)).toBe(`${'a'.repeat(59)}_`); // the cut leaves one trailing underscore
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (name) => isImportId(datasetIdFor(name))), { seed: 42, numRuns: 2000 });
  });

  test('a record as commitImport writes it passes the shared schema, Blob or ArrayBuffer', () => {
    expect(checkStored(written())).toMatchObject({ ok: true, record: { id: 'ds_rp_emploi_2022' } });
    expect(checkStored(written({ bytes: new ArrayBuffer(4) })).ok).toBe(true);
    expect(StoredImport.safeParse(written()).success).toBe(true);
  });

  test('reserved ids and shapes the app never writes are refused, named, with the reason', () => {
    const refused = (raw: unknown, reserved?: string[]) => {
      const c = checkStored(raw, reserved);
      return c.ok ? null : c.refused;
    };
    expect(refused(written({ id: 'illustratif' }))).toEqual({ id: 'illustratif', reason: 'id_reserve' });
    expect(refused(written({ id: 'eurostat_tic' }))).toEqual({ id: 'eurostat_tic', reason: 'id_reserve' });
    // A default dataset the loaded data/datasets.csv lists, beyond the built-in list.
    expect(refused(written({ id: 'nouveau_defaut' }), ['nouveau_defaut'])).toEqual({ id: 'nouveau_defaut', reason: 'id_reserve' });
    expect(checkStored(written({ id: 'nouveau_defaut' })).ok).toBe(true);
    for (const id of ['Illustratif', 'mon-import', '_x', 'a__b', 'é', ' x', 'x'.repeat(68), '']) expect(refused(written({ id })), id).toMatchObject({ reason: 'forme_inconnue' });
    expect(refused({ ...written(), sql: 'DROP TABLE observations_base' })).toEqual({ id: 'ds_rp_emploi_2022', reason: 'forme_inconnue' });
    expect(refused({ ...written(), options: { encoding: 'utf-8', script: 'x' } })).toMatchObject({ reason: 'forme_inconnue' });
    expect(refused(written({ priorite: 1 }))).toMatchObject({ reason: 'forme_inconnue' });
    expect(refused(written({ importedAt: 'hier' }))).toMatchObject({ reason: 'forme_inconnue' });
    expect(refused({ ...written(), bytes: 'texte' })).toMatchObject({ reason: 'forme_inconnue' });
    // Named as the analyst can read it: numbers as text, no id as `?`, long ids cut.
    expect(refused({ ...written(), id: 42 })).toEqual({ id: '42', reason: 'forme_inconnue' });
    expect(refused({ nom: 'x' })).toEqual({ id: '?', reason: 'forme_inconnue' });
    expect(refused(null)).toEqual({ id: '?', reason: 'forme_inconnue' });
    expect(refused(written({ id: `${'x'.repeat(100)}\n<b>` }))?.id).toBe(`${'x'.repeat(79)}…`);
  });

  test('partitionStored keeps the valid records, by priority, beside the refused ones', () => {
    const p = partitionStored([written({ id: 'b', priorite: 12 }), written({ id: 'illustratif' }), written({ id: 'a', priorite: 11 }), { id: 'x-y' }]);
    expect(p.ok.map((r) => r.id)).toEqual(['a', 'b']);
    expect(p.refused).toEqual([{ id: 'illustratif', reason: 'id_reserve' }, { id: 'x-y', reason: 'forme_inconnue' }]);
  });
});

describe('hostile stored records (cases.json, key `stored`): checkStored', () => {
  test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const r = checkStored(plantedRecord(c), DEFAULT_DATASET_IDS);
    if (c.expect.outcome === 'refused') expect(r).toEqual({ ok: false, refused: { id: c.expect.named, reason: c.expect.reason } });
    else expect(r.ok).toBe(true);
  });

  test('docs/reliability.md shows the same table (regenerate with node scripts/hostile-corpus.mjs --docs)', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    expect(withStoredTables(doc, cases)).toBe(doc);
  });
});

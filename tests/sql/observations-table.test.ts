import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import { runQuery } from '../../src/data/client';
import type { Connector } from '../../src/data/connector';
import { NameRow, observationNamesQuery, observationsQuery, ObservationRow } from '../../src/data/sql/observations';
import { observationShare } from '../../src/render/table-model';

let db: Connector & { close(): void };
beforeAll(async () => {
  db = await openDefaultDb();
});
afterAll(() => db.close());

describe('the observations table on the default data (real DuckDB)', () => {
  test('names of the territories, indicators and datasets the rows refer to, in both languages', async () => {
    const rows = await runQuery(db, observationNamesQuery(), NameRow);
    const find = (kind: string, code: string) => rows.find((r) => r.kind === kind && r.code === code);
    expect(find('territoire', '34')).toMatchObject({ nom_fr: 'Hérault' });
    expect(find('indicateur', 'emploi_numerique')?.nom_en).toMatch(/digital/i);
    const rowsAll = await runQuery(db, observationsQuery({}, { col: 'territoire', desc: false }), ObservationRow);
    for (const code of new Set(rowsAll.map((r) => r.territoire))) expect(find('territoire', code), code).toBeDefined();
    for (const jeu of new Set(rowsAll.map((r) => r.jeu))) expect(find('jeu', jeu), jeu).toBeDefined();
  });

  test('sorted by share, the rows follow the share the table shows (computed from the counts when not published)', async () => {
    const rows = await runQuery(db, observationsQuery({ indicateur: 'emploi_numerique' }, { col: 'part_femmes', desc: true }, { limit: 40, offset: 0 }), ObservationRow);
    const shares = rows.map(observationShare);
    expect(shares.every((s) => s !== null)).toBe(true);
    expect(shares).toEqual([...shares].sort((a, b) => (b ?? 0) - (a ?? 0)));
    expect(rows.every((r) => r.source_en !== null)).toBe(true);
  });
});

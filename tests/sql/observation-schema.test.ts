import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import type { Connector } from '../../src/data/connector';
import { YEAR_MAX, YEAR_MIN, OBSERVATION_NAMES, ObservationValues, readCsvColumns, ObservationStatus, STATUSES } from '../../src/data/sql/observation-schema';
import { CanonicalRow } from '../../src/data/import/canonical';
import { checkRows } from '../../src/data/import/row-check';
import { stageCsvSql } from '../../src/data/sql/import/commit';

/**
 * The observation schema is declared once (src/data/sql/observation-schema.ts): the table's constraints in real
 * DuckDB, the staging read, the zod types and the byte-level proof must all say the same thing about every status and
 * every bound. A status or a bound added in one place only makes one of these disagree.
 */
let db: Connector & { close(): void };
beforeAll(async () => {
  db = await openDefaultDb();
}, 120000);
afterAll(() => db?.close());

const insert = (statut: string, annee = 2020) =>
  db.exec(`INSERT INTO observations_base VALUES ('t', '76', ${annee}, 'nsi_lycee', 1, 1, 2, NULL, ${statut === 'NULL' ? 'NULL' : `'${statut}'`}, NULL);`);
const cleanup = () => db.exec(`DELETE FROM observations_base WHERE jeu = 't';`);

/** A canonical file of one row with status `statut` and year `annee`, as the byte-level proof reads it. */
function proven(statut: string, annee = 2020): boolean {
  const text = `territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source\n76,${annee},nsi_lycee,1,1,2,,${statut},\n`;
  const idx = { territoire: 0, annee: 1, indicateur: 2, femmes: 3, hommes: 4, total: 5, part_femmes: 6, statut: 7, source: 8 };
  const marks = checkRows(new TextEncoder().encode(text), { delimiter: ',', skipLines: 1, width: 9, idx, decimalComma: false });
  return marks !== null && marks.rows.length === 0;
}

describe('the observation schema, one definition', () => {
  test.each(STATUSES.map((s) => [s]))('status %s: the table, zod and the byte proof accept it', async (s) => {
    await insert(s);
    await cleanup();
    expect(ObservationStatus.parse(s)).toBe(s);
    expect(CanonicalRow.shape.statut.safeParse(s).success).toBe(true);
    expect(proven(s)).toBe(true);
  });

  test('a status outside the list: the table refuses it, zod refuses it, the byte proof does not prove the row', async () => {
    await expect(insert('inconnu')).rejects.toThrow();
    await cleanup();
    expect(ObservationValues.shape.statut.safeParse('inconnu').success).toBe(false);
    expect(proven('inconnu')).toBe(false);
  });

  test.each([[YEAR_MIN, true], [YEAR_MAX, true], [YEAR_MIN - 1, false], [YEAR_MAX + 1, false]])('year %i: accepted everywhere, or nowhere (%s)', async (annee, ok) => {
    const inserted = await insert('NULL', annee).then(() => true, () => false);
    await cleanup();
    expect(inserted).toBe(ok);
    expect(ObservationValues.shape.annee.safeParse(annee).success).toBe(ok);
    expect(proven('', annee)).toBe(ok);
  });

  test('the staging read gives the table its columns, in order, with their types', async () => {
    expect(readCsvColumns()).toBe(`{${OBSERVATION_NAMES.map((c) => `'${c}': '${['annee'].includes(c) ? 'INTEGER' : ['femmes', 'hommes', 'total', 'part_femmes'].includes(c) ? 'DOUBLE' : 'VARCHAR'}'`).join(', ')}}`);
    await db.registerText('schema-stage.csv', `${OBSERVATION_NAMES.join(',')}\n"76",2020,"nsi_lycee",1,1,2,,"secret","s"\n`);
    await db.exec(stageCsvSql('schema-stage.csv'));
    const cols = await db.query({ sql: "SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = 'preparation' ORDER BY ordinal_position", params: [] });
    const base = await db.query({ sql: "SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = 'observations_base' AND column_name <> 'jeu' ORDER BY ordinal_position", params: [] });
    expect(cols.map((r) => r['c'])).toEqual([...OBSERVATION_NAMES]);
    expect(cols).toEqual(base);
    await db.exec('DROP TABLE preparation;');
  });
});

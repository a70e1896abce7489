import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import type { Connector } from '../../src/data/connector';

/**
 * The naming rule (docs/architecture.md, « Naming »): what users see is in French, SQL tables and views included.
 * The model's relations once the default data are loaded, by name: a table or view added or renamed in English
 * fails here.
 */
let db: Connector & { close(): void };
beforeAll(async () => {
  db = await openDefaultDb();
});
afterAll(() => db.close());

describe('naming rule', () => {
  test("the model's tables and views have French names", async () => {
    const rows = await db.query({
      sql: `SELECT table_name AS name FROM duckdb_tables() WHERE NOT internal
            UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY name`,
      params: [],
    });
    expect(rows.map((r) => r['name'])).toEqual([
      'indicateurs', 'jeux', 'jeux_indicateurs', 'jeux_tables', 'lignes_par_jeu', 'mesures', 'observations', 'observations_base',
      'observations_retenues', 'territoires', 'v_observations', 'valeurs', 'valeurs_calculees',
    ]);
  });
});

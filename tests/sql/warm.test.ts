import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import { transaction, transactionOpen } from '../../src/data/import/commit';
import { warmMeasures, warmTablesSql, WARM_MAX_LOADED_ROWS, WARM_TABLE } from '../../src/data/import/warm';
import { dropFastTables } from '../../src/data/import/fast';
import type { Connector } from '../../src/data/connector';

/**
 * The warm-up of an import's measures (src/data/import/warm.ts) runs their SQL on synthetic rows and leaves the
 * database exactly as it found it; it stops when asked, and never sends a statement into an open transaction.
 */
let db: Awaited<ReturnType<typeof openDefaultDb>>;
beforeAll(async () => {
  db = await openDefaultDb();
});
afterAll(() => db.close());

/** Every table and view, with its row count for tables, and a digest of the measures. */
async function state(conn: Connector) {
  const objects = await conn.query({ sql: `SELECT table_name AS name, temporary, estimated_size AS n FROM duckdb_tables()
    UNION ALL SELECT view_name, temporary, NULL FROM duckdb_views() WHERE NOT internal ORDER BY name`, params: [] });
  const [measures] = await conn.query({ sql: `SELECT count(*) AS n, sum(part) AS parts, sum(femmes) AS femmes, count(DISTINCT territoire || annee || indicateur) AS keys,
    (SELECT count(*) FROM observations_retenues) AS retenues, (SELECT count(*) FROM valeurs_calculees) AS calculees FROM mesures`, params: [] });
  return { objects, measures };
}

/** A connector that records the statements sent, and whether a transaction of ours was open when each was. */
function recording(conn: Connector) {
  const sent: { sql: string; inTransaction: boolean }[] = [];
  const rec: Connector = { ...conn, exec: (sql) => (sent.push({ sql, inTransaction: transactionOpen() }), conn.exec(sql)), query: (q) => conn.query(q) };
  return { rec, sent };
}

describe('import warm-up', () => {
  test('runs the measures computed ahead on synthetic rows, then leaves nothing behind', async () => {
    const before = await state(db);
    const { rec, sent } = recording(db);
    expect(await warmMeasures(rec, () => false)).toBe('done');
    // The measures' SQL ran on the synthetic analysis (its candidates were written), then everything was dropped.
    expect(sent.some((s) => s.sql.includes(`CREATE OR REPLACE TABLE "${WARM_TABLE}_mesures_retenues"`) && s.sql.includes(`FROM "${WARM_TABLE}"`))).toBe(true);
    expect(sent.at(-1)?.sql).toContain(`DROP TABLE IF EXISTS "${WARM_TABLE}_lu"`);
    expect(await state(db)).toEqual(before);
  });

  test('the synthetic rows are shaped like an analysis: mostly out of scope, each key once', async () => {
    await db.exec(warmTablesSql());
    const [shape] = await db.query({ sql: `SELECT count(*) AS n, count(DISTINCT (territoire, annee, indicateur)) AS keys,
      count(*) FILTER (WHERE territoire IN (SELECT code FROM territoires WHERE occitanie)) AS in_scope, count(DISTINCT source) AS sources,
      (SELECT count(*) FROM "${WARM_TABLE}") AS accepted FROM "${WARM_TABLE}_lu"`, params: [] });
    await dropFastTables(db, WARM_TABLE);
    expect(shape).toEqual({ n: 109 * 111 * 17, keys: 109 * 111 * 17, in_scope: 13 * 111 * 17, sources: 2, accepted: 109 * 111 * 17 });
  });

  test('stops when asked between its two requests, and drops what the first made', async () => {
    const before = await state(db);
    const { rec, sent } = recording(db);
    let asked = 0;
    expect(await warmMeasures(rec, () => ++asked > 1)).toBe('interrupted');
    expect(sent.some((s) => s.sql.includes(`CREATE OR REPLACE TABLE "${WARM_TABLE}_mesures_retenues"`))).toBe(false);
    expect(await state(db)).toEqual(before);
    // Asked to stop before anything: nothing is sent at all.
    const none = recording(db);
    expect(await warmMeasures(none.rec, () => true)).toBe('interrupted');
    expect(none.sent).toEqual([]);
  });

  test('a request that fails ends it, and what the first made is dropped', async () => {
    const before = await state(db);
    for (const failing of ['CREATE TEMP TABLE', 'CREATE OR REPLACE TEMP VIEW']) {
      const sent: string[] = [];
      const broken: Connector = { ...db, query: (q) => db.query(q), exec: (sql) => (sent.push(sql), sql.trimStart().startsWith(failing) ? Promise.reject(new Error('panne')) : db.exec(sql)) };
      expect(await warmMeasures(broken, () => false)).toBe('failed');
      expect(sent.at(-1)).toContain(`DROP TABLE IF EXISTS "${WARM_TABLE}_lu"`);
      expect(await state(db)).toEqual(before);
    }
  });

  test('does nothing when many rows are loaded: their own measures ran the same code', async () => {
    await db.exec(`INSERT INTO observations_base SELECT 'gros_jeu_charge', '31', 1990 + (i % 100), 'ind_' || (i // 100), 1, 1, 2, NULL, NULL, 'Test' FROM range(${WARM_MAX_LOADED_ROWS}) r(i);`);
    const { rec, sent } = recording(db);
    expect(await warmMeasures(rec, () => false)).toBe('unneeded');
    expect(sent).toEqual([]);
    await db.exec("DELETE FROM observations_base WHERE jeu = 'gros_jeu_charge';");
  });

  test('transaction(): rolled back and thrown again when its body fails; never opened inside another', async () => {
    await db.exec('CREATE TABLE trace_transaction (a INTEGER);');
    await expect(transaction(db, async () => {
      await db.exec('BEGIN TRANSACTION; INSERT INTO trace_transaction VALUES (1);');
      throw new Error('en cours de route');
    })).rejects.toThrow('en cours de route');
    expect(transactionOpen()).toBe(false);
    expect(await db.query({ sql: 'SELECT count(*) AS n FROM trace_transaction', params: [] })).toEqual([{ n: 0 }]);
    // A second one while the first is open is refused before it sends anything; the first still commits.
    let inner: Promise<void> | null = null;
    await transaction(db, async () => {
      await db.exec('BEGIN TRANSACTION; INSERT INTO trace_transaction VALUES (2);');
      inner = transaction(db, () => db.exec('BEGIN TRANSACTION; INSERT INTO trace_transaction VALUES (3); COMMIT;'));
      await expect(inner).rejects.toThrow('in progress');
      await db.exec('COMMIT;');
    });
    expect(await db.query({ sql: 'SELECT a FROM trace_transaction', params: [] })).toEqual([{ a: 2 }]);
    await db.exec('DROP TABLE trace_transaction;');
  });

  test('never sends a statement into an open transaction: it stops, and drops its tables after the commit', async () => {
    const before = await state(db);
    const { rec, sent } = recording(db);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let committed: Promise<void> | null = null;
    let holding = false;
    let asked = 0;
    // A transaction begins between the warm-up's two requests, and stays open until released.
    let finished = false;
    const warm = warmMeasures(rec, () => {
      if (++asked === 2) committed = transaction(db, async () => {
        await db.exec('BEGIN TRANSACTION; CREATE TABLE pendant_le_prechauffage (a INTEGER); INSERT INTO pendant_le_prechauffage VALUES (1);');
        holding = true;
        await held;
        await db.exec('COMMIT;');
      });
      return false;
    }).finally(() => (finished = true));
    // Once the transaction has sent its statements and holds, DuckDB has answered a round trip since the warm-up was
    // told a transaction is open: whatever the warm-up would send at once, it has sent by then.
    await vi.waitFor(() => expect(holding).toBe(true), { timeout: 60000, interval: 5 });
    // The warm-up waits: its tables are still there, nothing was sent into the transaction.
    expect(finished).toBe(false);
    expect(sent.every((s) => !s.inTransaction)).toBe(true);
    expect(await db.query({ sql: `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '${WARM_TABLE}_lu'`, params: [] })).toEqual([{ n: 1 }]);
    release();
    await committed;
    expect(await warm).toBe('interrupted');
    expect(sent.every((s) => !s.inTransaction)).toBe(true);
    expect(await db.query({ sql: 'SELECT a FROM pendant_le_prechauffage', params: [] })).toEqual([{ a: 1 }]);
    await db.exec('DROP TABLE pendant_le_prechauffage;');
    expect(await state(db)).toEqual(before);
  });
});

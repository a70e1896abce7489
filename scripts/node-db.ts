/**
 * A Connector over duckdb-wasm's Node build: the same engine and SQL dialect as the browser, so the SQL builders
 * are tested against real DuckDB and build scripts (scripts/precompute.ts) run the app's own SQL at build time. Build
 * scripts import it from here, never from tests/; the tests' helper re-exports it.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as Blocking from '@duckdb/duckdb-wasm/blocking';
import type { Connector, SqlQuery, RawRow } from '../src/data/connector';
import { plainRow } from '../src/data/arrow-rows';
import { loadDefaults, type DefaultFiles } from '../src/data/load';

const require = createRequire(import.meta.url);

export const ROOT = path.resolve(import.meta.dirname, '..');

/** Opens a fresh in-memory DuckDB (wasm, Node build) and returns a Connector over one connection. */
export async function openNodeDb(): Promise<Connector & { close(): void }> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as typeof Blocking;
  const dir = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const bundles = {
    mvp: { mainModule: path.join(dir, 'duckdb-mvp.wasm'), mainWorker: path.join(dir, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dir, 'duckdb-eh.wasm'), mainWorker: path.join(dir, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({});
  const conn = db.connect();
  return {
    async query(q: SqlQuery): Promise<RawRow[]> {
      const stmt = conn.prepare(q.sql);
      try {
        return stmt.query(...q.params).toArray().map(plainRow);
      } finally {
        stmt.close();
      }
    },
    async exec(sql: string) {
      conn.query(sql);
    },
    async registerText(name: string, text: string) {
      db.registerFileText(name, text);
    },
    async registerFile(name: string, file: Blob | ArrayBuffer) {
      db.registerFileBuffer(name, new Uint8Array(file instanceof ArrayBuffer ? file : await file.arrayBuffer()));
    },
    async dropFile(name: string) {
      db.dropFile(name);
    },
    close() {
      conn.close();
    },
  };
}

/** Reads the committed default data from `data/`. */
export function readDefaultFiles(root = ROOT): DefaultFiles {
  const read = (f: string) => readFileSync(path.join(root, 'data', f), 'utf8');
  return {
    territories: read('territoires.csv'),
    indicators: read('indicators.csv'),
    datasets: read('datasets.csv'),
    observations: {
      'observations-illustratives.csv': read('observations-illustratives.csv'),
      'eurostat-specialistes-tic.csv': read('eurostat-specialistes-tic.csv'),
      'depp-nsi.csv': read('depp-nsi.csv'),
    },
  };
}

/** A database with the schema and the default data loaded (from `root`/data). */
export async function openDefaultDb(root = ROOT) {
  const db = await openNodeDb();
  await loadDefaults(db, readDefaultFiles(root));
  return db;
}

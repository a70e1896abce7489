/**
 * The page's one DuckDB: an AsyncDuckDB in a Web Worker, created lazily behind one promise, never owned by a
 * React component. Bundles are imported with `?url`, so the app serves them itself (no CDN); the EH bundle is
 * preferred and the MVP bundle is the fallback for browsers without wasm exceptions. The threaded COI bundle is
 * left out: on a 2-core machine it instantiated about three times slower.
 * This is the only module of the app that imports duckdb-wasm.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { Connector, RawRow, SqlQuery } from './connector';
import { plainRow } from './arrow-rows';
import { loadDefaults, SAFE_SETTINGS } from './load';
import { fetchDefaultFiles } from './default-files';
import { BENCH_DROP, benchReadSql } from './sql/bench';

/** Loading is an explicit state that the UI shows. */
export type DbState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly step: 'engine' | 'data' }
  | { readonly status: 'ready'; readonly conn: Connector; readonly readyAt: number; readonly restore: RestoreReport }
  | { readonly status: 'failed'; readonly error: string };

/**
 * What the app's start-up step did once the defaults were loaded (startup.ts: the analyst's stored imports). This
 * module runs that step and knows nothing of what it does.
 */
export interface RestoreReport {
  readonly restored: number;
  readonly failed: string[];
  /** Storage could not be read (private browsing, cleared, blocked): the defaults are shown. */
  readonly storageUnavailable: boolean;
  /**
   * Imports the localStorage marker remembers but IndexedDB no longer holds (it was cleared), or could not be read
   * (with `storageUnavailable`): the analyst is told the defaults are shown instead.
   */
  readonly lost: string[];
}

let state: DbState = { status: 'idle' };
let pending: Promise<Connector> | null = null;
const listeners = new Set<() => void>();

function setState(next: DbState): void {
  state = next;
  for (const l of listeners) l();
}

/** Current loading state (for useSyncExternalStore). */
export function getDbState(): DbState {
  return state;
}

/** Subscribes to state changes; returns the unsubscribe function. */
export function subscribeDb(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `?bench` in the URL: each query's time is recorded as a performance measure (sql:…) for the bench. */
const TRACE = typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('bench');

/** Prepared statements kept for reuse (the dashboard runs the same few queries with other parameters). */
const MAX_PREPARED = 64;

function connectorOf(db: duckdb.AsyncDuckDB, conn: duckdb.AsyncDuckDBConnection): Connector {
  // Preparing costs two round trips to the worker and a planning: each statement is prepared once, then reused.
  // Any exec (schema change, refresh of the measures) closes them all, so none outlives the tables it read.
  const prepared = new Map<string, Promise<duckdb.AsyncPreparedStatement>>();
  const closeAll = async () => {
    const all = [...prepared.values()];
    prepared.clear();
    await Promise.all(all.map((p) => p.then((s) => s.close()).catch(() => undefined)));
  };
  return {
    async query(q: SqlQuery): Promise<RawRow[]> {
      let stmt = prepared.get(q.sql);
      if (!stmt) {
        if (prepared.size >= MAX_PREPARED) await closeAll();
        stmt = conn.prepare(q.sql);
        prepared.set(q.sql, stmt);
        stmt.catch(() => prepared.delete(q.sql));
      }
      const t0 = performance.now();
      const table = await (await stmt).query(...q.params);
      const rows = table.toArray().map(plainRow);
      if (TRACE) performance.measure(`sql:${q.sql.replace(/\s+/g, ' ').slice(0, 60)}`, { start: t0 });
      return rows;
    },
    async exec(sql: string) {
      const t0 = performance.now();
      // Sent at once: DuckDB's worker runs requests in the order they are sent, so statements sent without waiting
      // for each other's answers run in call order (awaiting the closes first let a later exec overtake this one).
      const closing = closeAll();
      await conn.query(sql);
      await closing;
      if (TRACE) performance.measure(`exec:${sql.replace(/\s+/g, ' ').trim().slice(0, 60)}`, { start: t0 });
    },
    async registerText(name: string, text: string) {
      await db.registerFileText(name, text);
    },
    async registerFile(name: string, file: Blob | ArrayBuffer) {
      // The bytes are read asynchronously (chunk by chunk, without freezing the page) and transferred (not copied)
      // to DuckDB's worker, which then reads them from memory like its read_csv floor: by handle, every chunk went
      // through FileReaderSync, much slower (docs/performance.md). Costs the file's size in memory while it is
      // registered (256 MB at most: the guard's cap).
      await db.registerFileBuffer(name, new Uint8Array(file instanceof ArrayBuffer ? file : await file.arrayBuffer()));
    },
    async dropFile(name: string) {
      await db.dropFile(name);
    },
  };
}

/** The app's step between the defaults and `ready`, given to getDb (startup.ts restores the stored imports). */
export type StartupStep = (conn: Connector, defaults: readonly string[]) => Promise<RestoreReport>;

async function create(startup: StartupStep): Promise<Connector> {
  setState({ status: 'loading', step: 'engine' });
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker },
  });
  if (!bundle.mainWorker) throw new Error('No DuckDB worker bundle');
  const files = fetchDefaultFiles();
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: false } });
  const conn = await db.connect();
  await conn.query(SAFE_SETTINGS);
  performance.mark('duckdb:instantiated');
  const connector = connectorOf(db, conn);
  setState({ status: 'loading', step: 'data' });
  const defaults = await loadDefaults(connector, await files);
  performance.mark('duckdb:data-loaded');
  const restore = await startup(connector, defaults);
  setState({ status: 'ready', conn: connector, readyAt: performance.now(), restore });
  performance.mark('duckdb:ready');
  if (new URLSearchParams(window.location.search).has('bench')) exposeBench(connector);
  return connector;
}

/** The page's database, created on first call with the app's start-up step; later calls get the same promise. */
export function getDb(startup: StartupStep): Promise<Connector> {
  if (!pending) {
    pending = create(startup).catch((e: unknown) => {
      setState({ status: 'failed', error: e instanceof Error ? e.message : String(e) });
      pending = null;
      throw e;
    });
  }
  return pending;
}

declare global {
  interface Window {
    /** Present only with `?bench` in the URL: lets `npm run bench` time DuckDB's own read_csv in this page. */
    __pariteBench?: { readCsvMs(url: string): Promise<number> };
  }
}

/** The floor of the import benchmark: DuckDB's own read_csv with explicit types, in the same page and worker. */
function exposeBench(conn: Connector): void {
  window.__pariteBench = {
    /** Fetches the bench's CSV (same origin) as text, then times DuckDB reading it from memory. */
    async readCsvMs(url: string) {
      const text = await (await fetch(url)).text();
      await conn.registerText('bench-raw.csv', text);
      const t0 = performance.now();
      await conn.exec(benchReadSql('bench-raw.csv'));
      const ms = performance.now() - t0;
      await conn.exec(BENCH_DROP);
      await conn.dropFile('bench-raw.csv');
      return ms;
    },
  };
}

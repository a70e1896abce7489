/**
 * The page's DuckDB, reached through a dynamic import of ./startup (./db, then the stored imports restored):
 * duckdb-wasm's API and Apache Arrow (a seventh of the dashboard's code) are fetched right after the first render
 * instead of before it, while the first charts come from the build-time snapshots. Same functions and states as
 * ./db, which stays the only module that imports duckdb-wasm; import the database (and the page's import session)
 * from here in anything that is part of the first screen.
 */
import type { Connector } from './connector';
import type { DbState } from './db';
import type { ImportSession } from './import';

type DbModule = typeof import('./startup');

const IDLE: DbState = { status: 'idle' };
const FETCHING: DbState = { status: 'loading', step: 'engine' };
let mod: DbModule | null = null;
let pending: Promise<DbModule> | null = null;
let failed: DbState | null = null;
/** What DuckDB's start waits for (see holdDbStart). */
let hold: Promise<void> = Promise.resolve();

/**
 * Delays DuckDB's start (its code, then 33 MB of wasm to fetch and compile, then the defaults to load) until
 * `until` settles or `maxMs` passes: the overview calls it while it paints its build-time charts, so the two do
 * not compete for the first second of the page. Only a call before the start counts.
 */
export function holdDbStart(until: Promise<unknown>, maxMs = 2500): void {
  if (pending) return;
  hold = Promise.race([until.then(() => undefined, () => undefined), new Promise<void>((r) => setTimeout(r, maxMs))]);
}
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

function load(): Promise<DbModule> {
  if (!pending) {
    failed = null;
    pending = hold.then(() => import('./startup')).then(
      (m) => {
        mod = m;
        m.subscribeDb(notify);
        notify();
        return m;
      },
      (e: unknown) => {
        pending = null;
        failed = { status: 'failed', error: e instanceof Error ? e.message : String(e) };
        notify();
        throw e;
      },
    );
    notify();
  }
  return pending;
}

/** Current loading state (for useSyncExternalStore): the engine counts as loading while its code is fetched. */
export function getDbState(): DbState {
  return mod ? mod.getDbState() : (failed ?? (pending ? FETCHING : IDLE));
}

/** Subscribes to state changes; returns the unsubscribe function. */
export function subscribeDb(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The page's database, created on first call; later calls get the same one. */
export function getDb(): Promise<Connector> {
  return load().then((m) => m.getDb());
}

/** The page's import session (analyse, choose, commit, cancel; the stored imports), once the database is ready. */
export function getImportSession(): Promise<ImportSession> {
  return load().then((m) => m.getImportSession());
}

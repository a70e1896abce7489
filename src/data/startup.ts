import type { Connector } from './connector';
import { getDb as getEngine, type RestoreReport } from './db';
import { ImportSession } from './import';
import { readMarker } from './store';

/**
 * The app's start-up: the page's database (db.ts: the engine and the default data), then the analyst's stored
 * imports restored by the page's one ImportSession, before the database counts as ready. Reached through
 * db-loader.ts, like db.ts.
 */
export { getDbState, subscribeDb } from './db';

/** The page's import session, made once the database is there (its state lives in it, see import/session.ts). */
let session: ImportSession | null = null;

/** Restores the stored imports; a storage that cannot be read leaves the defaults, said in the report. */
async function restoreStored(conn: Connector, defaults: readonly string[]): Promise<RestoreReport> {
  session = new ImportSession(conn);
  try {
    const r = await session.restore(defaults);
    return { restored: r.restored.length, failed: r.failed, storageUnavailable: false, lost: r.lost };
  } catch {
    return { restored: 0, failed: [], storageUnavailable: true, lost: readMarker() };
  }
}

/** The page's database, its stored imports restored; later calls get the same promise. */
export function getDb(): Promise<Connector> {
  return getEngine(restoreStored);
}

/** The page's import session, once the database is ready. */
export async function getImportSession(): Promise<ImportSession> {
  const conn = await getDb();
  session ??= new ImportSession(conn);
  return session;
}

import type { Connector } from '../connector';
import { runQuery } from '../client';
import { speculateMeasures, transactionEnd, transactionOpen } from './commit';
import { LoadedRows, loadedRowsQuery, warmTablesSql as warmTablesSqlOf } from '../sql/import/warm';
import { candidatesPrefix, dropFastTables } from './fast';

/**
 * Warms DuckDB's code for an import's measures while the analyst picks a file. V8 first runs DuckDB's WebAssembly
 * with its baseline compiler and optimises a function only once it has run a while: the first time the measures of a
 * large import are computed, most of their code is not yet optimised. On synthetic rows shaped like an analysis (a
 * read table under the fast path's view of accepted rows, mostly territories out of scope, short and long texts),
 * the same SQL as the measures computed ahead of a commit (speculateMeasures) runs once, then everything it made is
 * dropped: nothing loaded changes. DuckDB's own read of a file is not warmed.
 * What it buys on the bench: docs/performance.md.
 */

/** The warm-up's tables (an analysis's are `import_<n>`, see analyseFile). */
export const WARM_TABLE = 'prechauffage';
/** The dataset id its rows take in the measures: no imported dataset's id starts with `_` (datasetIdFor). */
const WARM_ID = '_prechauffage';
/** The synthetic read table, its empty table of corrected rows and the view of its accepted rows (as runFastImport makes them). */
export function warmTablesSql(): string {
  return warmTablesSqlOf(WARM_TABLE);
}

/**
 * Loaded rows beyond which there is nothing to warm: their own measures, computed when they were loaded, ran the
 * same code at that scale (and the warm-up's measures, which read them too, would cost as much as a refresh).
 */
export const WARM_MAX_LOADED_ROWS = 250000;

export type WarmOutcome = 'done' | 'unneeded' | 'interrupted' | 'failed';

/**
 * Runs the warm-up in two requests to DuckDB, each sent only while `stop()` is false and no transaction of ours is
 * open (it would land inside it), then drops what it made (once no transaction is open). Nothing to do when many
 * rows are loaded (WARM_MAX_LOADED_ROWS). Never throws.
 */
export async function warmMeasures(conn: Connector, stop: () => boolean): Promise<WarmOutcome> {
  const go = () => !stop() && !transactionOpen();
  let made = false;
  try {
    const [loaded] = await runQuery(conn, loadedRowsQuery(), LoadedRows);
    if ((loaded?.n ?? 0) > WARM_MAX_LOADED_ROWS) return 'unneeded';
    if (!go()) return 'interrupted';
    made = true;
    await conn.exec(warmTablesSql());
    if (!go()) return 'interrupted';
    return (await speculateMeasures(conn, WARM_ID, WARM_TABLE, candidatesPrefix(WARM_TABLE), 1)) ? 'done' : 'failed';
  } catch {
    return 'failed';
  } finally {
    if (made) {
      while (transactionOpen()) await transactionEnd();
      await dropFastTables(conn, WARM_TABLE).catch(() => undefined);
    }
  }
}

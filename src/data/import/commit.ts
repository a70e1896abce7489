import type { Connector } from '../connector';
import { runQuery } from '../client';
import { adoptCandidatesSql, refreshMeasures } from '../sql/schema';
import { YEAR_MAX, YEAR_MIN, PART_MAX, BREAKS_ROW_RULES, BREAKS_STATUS_RULE, OBSERVATION_NAMES, STATUSES } from '../sql/observation-schema';
import {
  catalogueRowSql, copySwapSql, declareIndicatorsSql, DiffRow, diffQuery, dropTableSql, LoadedStateRow, loadedStateQuery, ownSwapBeginSql, ownSwapEndSql,
  removeDatasetSql, ROLLBACK_SQL, rulesCheckSql, setActiveQuery, speculationSql, stageCsvSql, statsQuery, type DatasetMeta,
} from '../sql/import/commit';
import type { CanonicalRow } from './canonical';
import { sumIntoSql } from '../sql/merge';

const COLUMNS = OBSERVATION_NAMES;

/** One cell of our own CSV: empty for NULL, text always quoted, numbers and booleans as JavaScript writes them. */
export function ownCsvCell(v: string | number | boolean | null): string {
  return v === null ? '' : typeof v === 'string' ? `"${v.replace(/"/g, '""')}"` : String(v);
}

/** Our own serialisation of validated rows, read back by DuckDB with explicit types. */
export function rowsToCsv(rows: readonly CanonicalRow[]): string {
  const cell = ownCsvCell;
  const lines = [COLUMNS.join(',')];
  for (const r of rows) lines.push(COLUMNS.map((c) => cell(r[c])).join(','));
  return lines.join('\n') + '\n';
}

export type { DatasetMeta } from '../sql/import/commit';
export { dropSpeculationSql } from '../sql/import/commit';

/** Loads validated rows into the temporary table `preparation` (replacing any previous one). */
export async function stage(conn: Connector, rows: readonly CanonicalRow[]): Promise<void> {
  await stageCsv(conn, rowsToCsv(rows));
}

/** Loads validated rows, already serialised by `rowsToCsv` (in the import worker), into `preparation`. */
export async function stageCsv(conn: Connector, csv: string): Promise<void> {
  const file = 'preparation-import.csv';
  await conn.registerText(file, csv);
  await conn.exec(stageCsvSql(file));
  await conn.dropFile(file);
}

export { DiffRow } from '../sql/import/commit';

/**
 * What replacing dataset `id` with the staged rows (table or view `from`: `preparation`, or the fast path's view)
 * changes: rows added, removed, with changed values, unchanged.
 */
export async function diffStaged(conn: Connector, id: string, from = 'preparation'): Promise<DiffRow> {
  const [row] = await runQuery(conn, diffQuery(id, from), DiffRow);
  return row ?? { ajoutees: 0, retirees: 0, modifiees: 0, inchangees: 0 };
}

/**
 * The fast path's rows of one analysis: `finalize` (SQL, run inside the swap's transaction) leaves exactly the
 * accepted rows in `table`, which then becomes the dataset's own table (renamed, not copied).
 */
export interface OwnTable {
  readonly table: string;
  readonly finalize: string;
  /** SQL that drops everything else the analysis left in DuckDB (run in the swap's transaction, after the rename). */
  readonly leftovers: string;
}

/*
 * A row that breaks a rule observations_base's CHECK constraints enforce, for a dataset's own table (which has
 * none): BREAKS_ROW_RULES of observation-schema.ts, plain comparisons that DuckDB drops when its column statistics
 * rule them out, instead of reading every row.
 */

/** What DuckDB's column statistics prove of a table's rows: every rule, every rule but the statuses', or nothing. */
export type RulesProof = 'all' | 'all_but_status' | 'none';

/**
 * What DuckDB's column statistics of `table` prove of the rules of BREAKS_ROW_RULES (a million-row table: one row
 * read instead of every cell). Statistics only ever widen (an UPDATE widens them, a DELETE does not narrow them),
 * so a proof holds for the rows as they are. Any text this does not recognise proves nothing: the full check runs.
 */
export async function statsProveRules(conn: Connector, table: string): Promise<RulesProof> {
  const [row] = await conn.query(statsQuery(table));
  if (!row) return 'all'; // no rows: nothing to break a rule
  const numberOf = (t: string) => (t === 'inf' ? Infinity : t === '-inf' ? -Infinity : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN);
  const range = (c: string) => {
    const m = /^\[Min: ([^,\]]+), Max: ([^,\]]+)\]\[Has Null: (true|false), /.exec(String(row[c] ?? ''));
    return m ? { min: numberOf(m[1] ?? ''), max: numberOf(m[2] ?? ''), nulls: m[3] === 'true' } : null;
  };
  const noNull = (c: string) => /\]\[Has Null: false, /.test(String(row[c] ?? ''));
  const annee = range('annee');
  const part = range('part_femmes');
  // An empty range (no value at all) reads as Min: inf, Max: -inf, which both bounds accept.
  const counts = noNull('territoire') && noNull('indicateur') && annee !== null && !annee.nulls && annee.min >= YEAR_MIN && annee.max <= YEAR_MAX
    && (['femmes', 'hommes', 'total'] as const).every((c) => (range(c)?.min ?? -1) >= 0)
    && part !== null && part.min >= 0 && part.max <= PART_MAX;
  if (!counts) return 'none';
  // Texts keep 8-byte prefixes as bounds, and their longest length. No value at all reads as Min \xFF… (no UTF-8
  // text starts so), Max '' and length 0; one status of 8 bytes at most (secret, rupture) and nothing else, as
  // that status for both bounds and its length.
  const m = /^\[Min: (.*?), Max: (.*?), Has Unicode: (?:true|false), Max String Length: (\d+)\]/.exec(String(row['statut'] ?? ''));
  const none = m?.[1] === '\\xFF'.repeat(8) && m[2] === '' && m[3] === '0';
  const one = m !== null && m[1] === m[2] && (STATUSES as readonly string[]).includes(m[1] ?? '') && Number(m[3]) === m[1]?.length;
  return none || one ? 'all' : 'all_but_status';
}

/** What a swap or a removal needs to know first: the own tables (jeux_tables), and whether `id` has a catalogue row. */
async function loadedState(conn: Connector, id: string): Promise<{ readonly own: readonly string[]; readonly listed: boolean }> {
  const rows = await runQuery(conn, loadedStateQuery(id), LoadedStateRow);
  return { own: rows.filter((r) => !r.catalogue).map((r) => r.jeu).sort(), listed: rows.some((r) => r.catalogue) };
}

/** The connections with a transaction of ours open (see `transaction`). */
const inTransaction = new WeakSet<Connector>();

/**
 * Runs `body`, which begins a transaction on `conn` and ends it with COMMIT, over several requests to DuckDB:
 * rolled back if `body` throws (then the error is thrown again). Refused while another of ours is open on `conn`.
 */
export async function transaction(conn: Connector, body: () => Promise<void>): Promise<void> {
  // DuckDB has no nested transactions: a BEGIN inside one would fail, and the ROLLBACK below would end the other.
  if (inTransaction.has(conn)) throw new Error('Another change of the data is in progress: try again once it is done.');
  inTransaction.add(conn);
  try {
    await body();
  } catch (e) {
    await conn.exec(ROLLBACK_SQL).catch(() => undefined);
    throw e;
  } finally {
    inTransaction.delete(conn);
  }
}

/**
 * Swaps the staged rows in as dataset `meta.id`, in one transaction: the dataset's old rows go, the new ones come,
 * its catalogue row is written. `from` is a table or view (`preparation`: the full pipeline's rows, copied into
 * observations_base) or the fast path's own table (renamed into place). On any error the transaction is rolled
 * back and nothing changes. The statements travel in three batches, not one round trip to DuckDB's worker each
 * (the swap made twenty), values written as quoted literals.
 */
export async function swapIn(conn: Connector, meta: DatasetMeta, from: string | OwnTable = 'preparation', candidates: string | null = null): Promise<void> {
  const t0 = performance.now();
  const { own, listed } = await loadedState(conn, meta.id);
  // Written before the transaction: a priority that is not an integer is refused before anything is sent (a
  // ROLLBACK without a transaction of ours could end another one).
  const catalogueRow = catalogueRowSql(meta, listed);
  // Measures computed ahead for exactly this swap (see speculateMeasures) take the place of the refresh, renamed
  // into place in the swap's own transaction.
  const adopt = candidates ? adoptCandidatesSql(candidates) : '';
  try {
    await transaction(conn, async () => {
      if (typeof from === 'string') {
        await conn.exec(copySwapSql(meta.id, own, from, { catalogueRow, adopt }));
      } else {
        await conn.exec(ownSwapBeginSql(meta.id, own, from.finalize));
        // The statistics prove the rules on counts, years, shares and missing codes in most files, and the statuses'
        // when a file has none or one kind; otherwise only what they leave open is checked (the statuses, text, alone
        // when that is all). A row that breaks a rule makes error() stop the batch.
        const proof = await statsProveRules(conn, from.table);
        const rules = proof === 'all' ? null : proof === 'all_but_status' ? BREAKS_STATUS_RULE : BREAKS_ROW_RULES;
        const check = rules ? rulesCheckSql(from.table, rules) : '';
        await conn.exec(ownSwapEndSql(meta.id, own, { table: from.table, check, leftovers: from.leftovers, catalogueRow, adopt }));
      }
    });
  } catch (e) {
    // Candidates that cannot be renamed (dropped meanwhile) are not worth a failed import: the swap runs again, with
    // the refresh (everything above was rolled back).
    if (candidates) return swapIn(conn, meta, from, null);
    throw e;
  }
  if (from === 'preparation') await conn.exec(dropTableSql('preparation'));
  performance.measure('import:insertion', { start: t0 });
  if (!candidates) {
    const t1 = performance.now();
    await refreshMeasures(conn);
    performance.measure('import:mesures', { start: t1 });
  }
}

/**
 * Adds the rows of `from` (`preparation` or the fast path's view) to dataset `meta.id`: its loaded rows and these are
 * summed per key (sumIntoSql) and swapped in as the dataset, in one transaction (swapIn). `meta` is the dataset's
 * catalogue row (its priority kept). The summed table goes afterwards.
 */
export async function addIn(conn: Connector, meta: DatasetMeta, from = 'preparation'): Promise<void> {
  const into = 'preparation_somme';
  await conn.exec(sumIntoSql(meta.id, from, into));
  try {
    await swapIn(conn, meta, into);
  } finally {
    await conn.exec(dropTableSql(into));
  }
  if (from === 'preparation') await conn.exec(dropTableSql('preparation'));
}

/**
 * Computes ahead, as candidate tables named `prefix`…, the measures that swapping the accepted rows of `accepted`
 * (a table or view with the observation columns) in as dataset `id`, active, with priority `priorite`, would give:
 * the analyst reads the report meanwhile, and the commit then only renames them (see swapIn). Resolves to whether
 * they were computed.
 */
export async function speculateMeasures(conn: Connector, id: string, accepted: string, prefix: string, priorite: number): Promise<boolean> {
  if (!Number.isInteger(priorite)) return false;
  try {
    await conn.exec(speculationSql(id, accepted, prefix, priorite));
    return true;
  } catch {
    return false;
  }
}

/** Activates or deactivates a dataset. */
export async function setActive(conn: Connector, id: string, actif: boolean): Promise<void> {
  await conn.query(setActiveQuery(id, actif));
  await refreshMeasures(conn);
}

/** Removes an imported dataset and its rows, in one transaction. */
export async function removeDataset(conn: Connector, id: string): Promise<void> {
  const { own } = await loadedState(conn, id);
  await transaction(conn, () => conn.exec(removeDatasetSql(id, own)));
  await refreshMeasures(conn);
}

/**
 * Adds indicator ids declared by the analyst to the catalogue (stage "emploi" and the id as label until someone
 * edits data/indicators.csv); ids already there are left alone.
 */
export async function declareIndicators(conn: Connector, ids: readonly string[]): Promise<void> {
  // One statement for all (see declareIndicatorsSql).
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  await conn.exec(declareIndicatorsSql(unique));
}

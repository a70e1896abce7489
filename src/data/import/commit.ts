import { z } from 'zod';
import type { Connector } from '../connector';
import { runQuery } from '../client';
import { quoteIdent, quoteLiteral, sqlQuery } from '../sql/quote';
import { adoptCandidatesSql, candidateMeasuresSql, dropCandidatesSql, observationsViewSql, OWN_TABLE_PREFIX, refreshMeasures, STATUTS } from '../sql/schema';
import type { CanonicalRow } from './canonical';
import { sumIntoSql } from '../sql/merge';

const COLUMNS = ['territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'statut', 'source'] as const;

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

export interface DatasetMeta {
  readonly id: string;
  readonly nom: string;
  readonly source: string;
  readonly licence: string;
  readonly priorite: number;
  readonly actif: boolean;
  /** The source's publication date as the analyst confirmed it (YYYY-MM-DD), else null: never the import's day. */
  readonly derniere_maj: string | null;
  /** The licence's English wording (defaults to `licence`). */
  readonly licence_en?: string;
  /** Who publishes the data, and the source's page (null: not stated). */
  readonly producteur?: string | null;
  readonly url?: string | null;
  /** The files the dataset is made of, in the order they were added. */
  readonly fichiers?: readonly string[];
}

/** Loads validated rows into the temporary table `staging` (replacing any previous one). */
export async function stage(conn: Connector, rows: readonly CanonicalRow[]): Promise<void> {
  await stageCsv(conn, rowsToCsv(rows));
}

/** Loads validated rows, already serialised by `rowsToCsv` (in the import worker), into `staging`. */
export async function stageCsv(conn: Connector, csv: string): Promise<void> {
  const file = 'staging-import.csv';
  await conn.registerText(file, csv);
  await conn.exec(`CREATE OR REPLACE TEMP TABLE staging AS SELECT * FROM read_csv(${quoteLiteral(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'territoire': 'VARCHAR', 'annee': 'INTEGER', 'indicateur': 'VARCHAR', 'femmes': 'DOUBLE', 'hommes': 'DOUBLE', 'total': 'DOUBLE', 'part_femmes': 'DOUBLE', 'statut': 'VARCHAR', 'source': 'VARCHAR'});`);
  await conn.dropFile(file);
}

export const DiffRow = z.object({ ajoutees: z.number().int(), retirees: z.number().int(), modifiees: z.number().int(), inchangees: z.number().int() });
export type DiffRow = z.infer<typeof DiffRow>;

/**
 * What replacing dataset `id` with the staged rows (table or view `from`: `staging`, or the fast path's view)
 * changes: rows added, removed, with changed values, unchanged.
 */
export async function diffStaged(conn: Connector, id: string, from = 'staging'): Promise<DiffRow> {
  const same = `o.femmes IS NOT DISTINCT FROM s.femmes AND o.hommes IS NOT DISTINCT FROM s.hommes AND o.total IS NOT DISTINCT FROM s.total
    AND o.part_femmes IS NOT DISTINCT FROM s.part_femmes AND o.statut IS NOT DISTINCT FROM s.statut`;
  const [row] = await runQuery(
    conn,
    sqlQuery(
      `WITH o AS (SELECT * FROM observations WHERE jeu = ?)
       SELECT CAST(count(*) FILTER (WHERE o.territoire IS NULL) AS INTEGER) AS ajoutees,
              CAST(count(*) FILTER (WHERE s.territoire IS NULL) AS INTEGER) AS retirees,
              CAST(count(*) FILTER (WHERE o.territoire IS NOT NULL AND s.territoire IS NOT NULL AND NOT (${same})) AS INTEGER) AS modifiees,
              CAST(count(*) FILTER (WHERE o.territoire IS NOT NULL AND s.territoire IS NOT NULL AND ${same}) AS INTEGER) AS inchangees
       FROM o FULL JOIN ${quoteIdent(from)} s ON o.territoire = s.territoire AND o.annee = s.annee AND o.indicateur = s.indicateur`,
      [id],
    ),
    DiffRow,
  );
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

/**
 * A row that breaks a rule observations_base's CHECK constraints enforce, for a dataset's own table (which has
 * none). Written as a disjunction of plain comparisons (NULL counts and shares pass, as under the constraints):
 * DuckDB drops those its column statistics rule out, and reads less.
 */
const BREAKS_STATUS_RULE = `(statut IS NOT NULL AND ${STATUTS.map((st) => `statut <> ${quoteLiteral(st)}`).join(' AND ')})`;
const BREAKS_ROW_RULES = `territoire IS NULL OR indicateur IS NULL OR annee IS NULL OR annee < 1990 OR annee > 2100 OR femmes < 0 OR hommes < 0 OR total < 0
  OR (part_femmes IS NOT NULL AND (part_femmes < 0 OR part_femmes > 100)) OR ${BREAKS_STATUS_RULE}`;

const STATS_COLUMNS = ['territoire', 'indicateur', 'annee', 'femmes', 'hommes', 'total', 'part_femmes', 'statut'] as const;

/** What DuckDB's column statistics prove of a table's rows: every rule, every rule but the statuses', or nothing. */
export type RulesProof = 'toutes' | 'sauf_statut' | 'aucune';

/**
 * What DuckDB's column statistics of `table` prove of the rules of BREAKS_ROW_RULES (a million-row table: one row
 * read instead of every cell). Statistics only ever widen (an UPDATE widens them, a DELETE does not narrow them),
 * so a proof holds for the rows as they are. Any text this does not recognise proves nothing: the full check runs.
 */
export async function statsProveRules(conn: Connector, table: string): Promise<RulesProof> {
  const [row] = await conn.query(sqlQuery(`SELECT ${STATS_COLUMNS.map((c) => `stats(${c}) AS ${c}`).join(', ')} FROM ${quoteIdent(table)} LIMIT 1`));
  if (!row) return 'toutes'; // no rows: nothing to break a rule
  const numberOf = (t: string) => (t === 'inf' ? Infinity : t === '-inf' ? -Infinity : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN);
  const range = (c: string) => {
    const m = /^\[Min: ([^,\]]+), Max: ([^,\]]+)\]\[Has Null: (true|false), /.exec(String(row[c] ?? ''));
    return m ? { min: numberOf(m[1] ?? ''), max: numberOf(m[2] ?? ''), nulls: m[3] === 'true' } : null;
  };
  const noNull = (c: string) => /\]\[Has Null: false, /.test(String(row[c] ?? ''));
  const annee = range('annee');
  const part = range('part_femmes');
  // An empty range (no value at all) reads as Min: inf, Max: -inf, which both bounds accept.
  const counts = noNull('territoire') && noNull('indicateur') && annee !== null && !annee.nulls && annee.min >= 1990 && annee.max <= 2100
    && (['femmes', 'hommes', 'total'] as const).every((c) => (range(c)?.min ?? -1) >= 0)
    && part !== null && part.min >= 0 && part.max <= 100;
  if (!counts) return 'aucune';
  // Texts keep 8-byte prefixes as bounds, and their longest length. No value at all reads as Min \xFF… (no UTF-8
  // text starts so), Max '' and length 0; one status of 8 bytes at most (secret, rupture) and nothing else, as
  // that status for both bounds and its length.
  const m = /^\[Min: (.*?), Max: (.*?), Has Unicode: (?:true|false), Max String Length: (\d+)\]/.exec(String(row['statut'] ?? ''));
  const none = m?.[1] === '\\xFF'.repeat(8) && m[2] === '' && m[3] === '0';
  const one = m !== null && m[1] === m[2] && (STATUTS as readonly string[]).includes(m[1] ?? '') && Number(m[3]) === m[1]?.length;
  return none || one ? 'toutes' : 'sauf_statut';
}

/** What a swap or a removal needs to know first: the own tables (jeux_tables), and whether `id` has a catalogue row. */
async function loadedState(conn: Connector, id: string): Promise<{ readonly own: readonly string[]; readonly listed: boolean }> {
  const rows = await runQuery(conn, sqlQuery('SELECT jeu, FALSE AS catalogue FROM jeux_tables UNION ALL SELECT id, TRUE FROM datasets WHERE id = ?', [id]),
    z.object({ jeu: z.string(), catalogue: z.boolean() }));
  return { own: rows.filter((r) => !r.catalogue).map((r) => r.jeu).sort(), listed: rows.some((r) => r.catalogue) };
}

/** SQL that removes dataset `id`'s rows, wherever they are (run inside the caller's transaction). */
function dropRowsSql(id: string, own: readonly string[]): string {
  const sql = `DELETE FROM observations_base WHERE jeu = ${quoteLiteral(id)};`;
  return own.includes(id) ? `${sql} DROP TABLE IF EXISTS ${quoteIdent(OWN_TABLE_PREFIX + id)}; DELETE FROM jeux_tables WHERE jeu = ${quoteLiteral(id)};` : sql;
}

/** SQL that writes dataset `meta`'s catalogue row (UPDATE when `listed`: DuckDB refuses re-inserting a primary key deleted in the same transaction). */
function catalogueRowSql(meta: DatasetMeta, listed: boolean): string {
  if (!Number.isInteger(meta.priorite)) throw new Error(`Priority ${meta.priorite} is not an integer`);
  const [nom, source, licence, licenceEn, id] = [meta.nom, meta.source, meta.licence, meta.licence_en ?? meta.licence, meta.id].map(quoteLiteral);
  const orNull = (v: string | null | undefined) => (v ? quoteLiteral(v) : 'NULL');
  const files = orNull(meta.fichiers?.join(' ; '));
  const date = meta.derniere_maj === null ? 'NULL' : `CAST(${quoteLiteral(meta.derniere_maj)} AS DATE)`;
  const actif = meta.actif ? 'TRUE' : 'FALSE';
  return listed
    ? `UPDATE datasets SET nom_fr = ${nom}, nom_en = ${nom}, origine = 'import', source = ${source}, source_en = ${source}, licence = ${licence}, licence_en = ${licenceEn},
         derniere_maj = ${date}, illustratif = FALSE, priorite = ${meta.priorite}, actif = ${actif}, producteur = ${orNull(meta.producteur)}, url = ${orNull(meta.url)}, fichiers = ${files} WHERE id = ${id};`
    : `INSERT INTO datasets (nom_fr, nom_en, origine, source, source_en, licence, licence_en, derniere_maj, illustratif, priorite, actif, producteur, url, fichiers, id)
         VALUES (${nom}, ${nom}, 'import', ${source}, ${source}, ${licence}, ${licenceEn}, ${date}, FALSE, ${meta.priorite}, ${actif}, ${orNull(meta.producteur)}, ${orNull(meta.url)}, ${files}, ${id});`;
}

/** How many transactions of ours are open (see `transaction`), and who waits for none to be. */
let openTransactions = 0;
let waitingForNone: (() => void)[] = [];

/**
 * Runs `body`, which begins a transaction and ends it with COMMIT, over several requests to DuckDB: counted as open
 * meanwhile (what runs in the background, the warm-up of warm.ts, never sends a statement into it), rolled back if
 * `body` throws (then the error is thrown again). Refused while another is open.
 */
export async function transaction(conn: Connector, body: () => Promise<void>): Promise<void> {
  // DuckDB has no nested transactions: a BEGIN inside one would fail, and the ROLLBACK below would end the other.
  if (openTransactions > 0) throw new Error('Another change of the data is in progress: try again once it is done.');
  openTransactions++;
  try {
    await body();
  } catch (e) {
    await conn.exec('ROLLBACK;').catch(() => undefined);
    throw e;
  } finally {
    if (--openTransactions === 0) {
      const waiting = waitingForNone;
      waitingForNone = [];
      for (const w of waiting) w();
    }
  }
}

/** Whether a transaction of ours is open: a statement sent now could land inside it. */
export function transactionOpen(): boolean {
  return openTransactions > 0;
}

/** Resolves when no transaction of ours is open any more (check `transactionOpen` again before sending: another may have begun). */
export function transactionEnd(): Promise<void> {
  return openTransactions === 0 ? Promise.resolve() : new Promise((resolve) => waitingForNone.push(resolve));
}

/**
 * Swaps the staged rows in as dataset `meta.id`, in one transaction: the dataset's old rows go, the new ones come,
 * its catalogue row is written. `from` is a table or view (`staging`: the full pipeline's rows, copied into
 * observations_base) or the fast path's own table (renamed into place). On any error the transaction is rolled
 * back and nothing changes. The statements travel in three batches (each round trip to DuckDB's worker has a cost,
 * and the swap made twenty), values written as quoted literals.
 */
export async function swapIn(conn: Connector, meta: DatasetMeta, from: string | OwnTable = 'staging', candidates: string | null = null): Promise<void> {
  const t0 = performance.now();
  const { own, listed } = await loadedState(conn, meta.id);
  const others = own.filter((id) => id !== meta.id);
  // Written before the transaction: a priority that is not an integer is refused before anything is sent (a
  // ROLLBACK without a transaction of ours could end another one).
  const catalogueRow = catalogueRowSql(meta, listed);
  // Measures computed ahead for exactly this swap (see speculateMeasures) take the place of the refresh, renamed
  // into place in the swap's own transaction.
  const adopt = candidates ? adoptCandidatesSql(candidates) : '';
  try {
    await transaction(conn, async () => {
      if (typeof from === 'string') {
        await conn.exec(`BEGIN TRANSACTION; ${dropRowsSql(meta.id, own)}
          INSERT INTO observations_base SELECT ${quoteLiteral(meta.id)}, ${COLUMNS.join(', ')} FROM ${quoteIdent(from)};
          ${own.includes(meta.id) ? observationsViewSql(others) : ''}
          ${catalogueRow}
          ${adopt}
          COMMIT;`);
      } else {
        await conn.exec(`BEGIN TRANSACTION; ${dropRowsSql(meta.id, own)} ${from.finalize}`);
        // The statistics prove the rules on counts, years, shares and missing codes in most files, and the statuses'
        // when a file has none or one kind; otherwise the statuses (text) are checked alone, rather than reading every
        // column. A row that breaks a rule makes error() stop the batch.
        const proof = await statsProveRules(conn, from.table);
        const rules = proof === 'toutes' ? null : proof === 'sauf_statut' ? BREAKS_STATUS_RULE : BREAKS_ROW_RULES;
        const check = rules && `SELECT CASE WHEN count(*) > 0 THEN error(count(*) || ' rows break the observation rules') END FROM ${quoteIdent(from.table)} WHERE ${rules};`;
        await conn.exec(`${check ?? ''}
          ALTER TABLE ${quoteIdent(from.table)} RENAME TO ${quoteIdent(OWN_TABLE_PREFIX + meta.id)};
          INSERT INTO jeux_tables VALUES (${quoteLiteral(meta.id)});
          ${observationsViewSql([...others, meta.id].sort())}
          ${catalogueRow}
          ${adopt}
          ${from.leftovers}
          COMMIT;`);
      }
    });
  } catch (e) {
    // Candidates that cannot be renamed (dropped meanwhile) are not worth a failed import: the swap runs again, with
    // the refresh (everything above was rolled back).
    if (candidates) return swapIn(conn, meta, from, null);
    throw e;
  }
  if (from === 'staging') await conn.exec('DROP TABLE IF EXISTS staging;');
  performance.measure('import:insertion', { start: t0 });
  if (!candidates) {
    const t1 = performance.now();
    await refreshMeasures(conn);
    performance.measure('import:mesures', { start: t1 });
  }
}

/**
 * Adds the rows of `from` (`staging` or the fast path's view) to dataset `meta.id`: its loaded rows and these are
 * summed per key (sumIntoSql) and swapped in as the dataset, in one transaction (swapIn). `meta` is the dataset's
 * catalogue row (its priority kept). The summed table goes afterwards.
 */
export async function addIn(conn: Connector, meta: DatasetMeta, from = 'staging'): Promise<void> {
  const into = 'staging_somme';
  await conn.exec(sumIntoSql(meta.id, from, into));
  try {
    await swapIn(conn, meta, into);
  } finally {
    await conn.exec(`DROP TABLE IF EXISTS ${quoteIdent(into)};`);
  }
  if (from === 'staging') await conn.exec('DROP TABLE IF EXISTS staging;');
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
    const { obs, sets } = candidateViews(prefix);
    await conn.exec(`CREATE OR REPLACE TEMP VIEW ${obs} AS SELECT * FROM observations WHERE jeu <> ${quoteLiteral(id)}
        UNION ALL SELECT ${quoteLiteral(id)} AS jeu, ${COLUMNS.join(', ')} FROM ${quoteIdent(accepted)};
      CREATE OR REPLACE TEMP VIEW ${sets} AS SELECT id, actif, illustratif, priorite FROM datasets WHERE id <> ${quoteLiteral(id)}
        UNION ALL SELECT ${quoteLiteral(id)}, TRUE, FALSE, ${priorite};
      ${candidateMeasuresSql(prefix, obs, sets)}
      DROP VIEW ${obs}; DROP VIEW ${sets};`);
    return true;
  } catch {
    return false;
  }
}

/** The views a speculation reads: the loaded observations and datasets with the analysis swapped in. */
function candidateViews(prefix: string): { readonly obs: string; readonly sets: string } {
  return { obs: quoteIdent(`${prefix}observations`), sets: quoteIdent(`${prefix}jeux_de_donnees`) };
}

/** Drops what a speculation on `prefix` left, if anything (its candidate tables, and its views if it failed midway). */
export function dropSpeculationSql(prefix: string): string {
  const { obs, sets } = candidateViews(prefix);
  return `${dropCandidatesSql(prefix)} DROP VIEW IF EXISTS ${obs}; DROP VIEW IF EXISTS ${sets};`;
}

/** Activates or deactivates a dataset. */
export async function setActive(conn: Connector, id: string, actif: boolean): Promise<void> {
  await conn.query(sqlQuery('UPDATE datasets SET actif = ?::BOOLEAN WHERE id = ?', [actif, id]));
  await refreshMeasures(conn);
}

/** Removes an imported dataset and its rows, in one transaction. */
export async function removeDataset(conn: Connector, id: string): Promise<void> {
  const { own } = await loadedState(conn, id);
  await transaction(conn, () => conn.exec(`BEGIN TRANSACTION; ${dropRowsSql(id, own)}
    ${own.includes(id) ? observationsViewSql(own.filter((x) => x !== id)) : ''}
    DELETE FROM datasets WHERE id = ${quoteLiteral(id)} AND origine = 'import';
    COMMIT;`));
  await refreshMeasures(conn);
}

/**
 * Adds indicator ids declared by the analyst to the catalogue (stage "emploi" and the id as label until someone
 * edits data/indicators.csv); ids already there are left alone.
 */
export async function declareIndicators(conn: Connector, ids: readonly string[]): Promise<void> {
  // One statement for all (one per id added a round trip each), with the ids as quoted literals: the page's first
  // INSERT … SELECT with parameters costs its first binding of untyped parameters (docs/performance.md).
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  await conn.exec(
    `INSERT INTO indicators SELECT id, 'emploi', 100, id, id, 'Indicateur déclaré à l’import.', 'Indicator declared at import.', '%', 'Import', '(' || id || ')', '(' || id || ')'
     FROM (VALUES ${unique.map((id) => `(${quoteLiteral(id)})`).join(', ')}) AS d(id) WHERE id NOT IN (SELECT id FROM indicators);`,
  );
}

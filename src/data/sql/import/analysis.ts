import { z } from 'zod';
import type { SqlQuery } from '../../connector';
import { quoteIdent, quoteLiteral, sqlQuery } from '../quote';
import { duckType, OBSERVATION_LIST, OBSERVATION_NAMES, ObservationValues, readCsvColumns } from '../observation-schema';
import { dropSpeculationSql } from './commit';
import { readCsvSql } from './fast-read';
import type { FastHead } from '../../import/scan';

/**
 * The SQL of the fast path's analysis (src/data/import/fast.ts), after DuckDB's read: the tables an analysis named
 * `table` makes (`table_lu` the rows read, `table_corrige` the rows JavaScript mapped, `table_doublons` the later
 * duplicates, `table_marques` the rows the import worker did not prove clean) and the view `table` of its accepted
 * rows; the queries that make its report. Identifiers come quoted by the caller unless said otherwise.
 */

/** The columns of an analysis's accepted rows (its view). */
export const ACCEPTED_COLUMNS = `line, ${OBSERVATION_LIST}`;

/** The names of the tables of the analysis `table` (unquoted). */
export function analysisTables(table: string): { readonly read: string; readonly fixed: string; readonly dups: string; readonly marks: string } {
  return { read: `${table}_lu`, fixed: `${table}_corrige`, dups: `${table}_doublons`, marks: `${table}_marques` };
}

/** The prefix of the measures computed ahead for the analysis whose view is `table` (see speculateMeasures). */
export function candidatesPrefix(table: string): string {
  return `${table}_mesures_`;
}

/** Drops everything the analysis `table` made (after its commit, or when a newer analysis replaces it). */
export function dropFastTablesSql(table: string): string {
  const t = analysisTables(table);
  return `DROP VIEW IF EXISTS ${quoteIdent(table)}; DROP TABLE IF EXISTS ${quoteIdent(t.read)};
    DROP TABLE IF EXISTS ${quoteIdent(t.fixed)}; DROP TABLE IF EXISTS ${quoteIdent(t.dups)};
    DROP TABLE IF EXISTS ${quoteIdent(t.marks)}; ${dropSpeculationSql(candidatesPrefix(table))}`;
}

/** A read row's line in the file: the table keeps the file's order, so it is its rowid + the header line + 1. */
export function rowLineSql(headerLine: number): string {
  return `CAST(rowid AS INTEGER) + ${headerLine + 1}`;
}

/** The table of the rows the import worker did not prove clean, from our own CSV `file` (`rid,cellules_ok` lines). */
export function marksTableSql(marked: string, file: string): string {
  return `CREATE TEMP TABLE ${marked} AS SELECT * FROM read_csv(${quoteLiteral(file)}, header = false, auto_detect = false, delim = ',',
      columns = {'rid': 'BIGINT', 'cellules_ok': 'BOOLEAN'});`;
}

/** The clean-row flags of a read, narrowed by the marks table `marked` (a marked row is never clean). */
export function markedFlags(flags: { readonly clean0: string; readonly cellsOk: string }, marked: string): { clean0: string; cellsOk: string } {
  return { clean0: `${flags.clean0} AND rowid NOT IN (SELECT rid FROM ${marked})`, cellsOk: `${flags.cellsOk} AND rowid NOT IN (SELECT rid FROM ${marked} WHERE NOT cellules_ok)` };
}

export const DistinctText = z.object({ v: z.string().nullable() });
/** The distinct texts of column `col` of the read table `read`, `limit` at most. */
export function distinctTextsQuery(read: string, col: 'territoire' | 'indicateur', limit: number): SqlQuery {
  return sqlQuery(`SELECT DISTINCT ${col} AS v FROM ${read} LIMIT ${limit}`);
}

/** The rows left to JavaScript: neither clean nor only of an unknown indicator. */
export function dirtySql(clean: string, unknownOnly: string): string {
  return `NOT ${clean} AND NOT ${unknownOnly}`;
}

export const ReadCounts = z.object({ n: z.number(), dirty: z.number(), unknown: z.number() });
/** Rows read, rows left to JavaScript (`dirtyWhere`), rows whose only problem is an unknown indicator. */
export function readCountsQuery(read: string, dirtyWhere: string, unknownOnly: string): SqlQuery {
  return sqlQuery(`SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(*) FILTER (WHERE ${dirtyWhere}) AS INTEGER) AS dirty, CAST(count(*) FILTER (WHERE ${unknownOnly}) AS INTEGER) AS unknown FROM ${read}`);
}

/**
 * The text of the rows left to JavaScript: the file read again as text (the read table keeps values), numbered
 * in the same order, only the rows of `read` that are `dirtyWhere`. Columns `line`, `c0`…
 */
export function dirtyRowsQuery(a: Pick<FastHead, 'headerLine' | 'delimiter'> & { readonly file: string; readonly width: number; readonly read: string; readonly dirtyWhere: string }): SqlQuery {
  const cells = Array.from({ length: a.width }, (_, i) => `c${i}`).join(', ');
  return sqlQuery(`SELECT CAST(n AS INTEGER) + ${a.headerLine + 1} AS line, ${cells}
        FROM (SELECT row_number() OVER () - 1 AS n, * FROM ${readCsvSql(a.file, a, a.width)})
        WHERE n IN (SELECT rowid FROM ${a.read} WHERE ${a.dirtyWhere}) ORDER BY n`);
}

/** The table of the rows JavaScript mapped (`ok`: they break no rule), read back into DuckDB. */
export function fixedTableSql(fixed: string): string {
  const columns = OBSERVATION_NAMES.map((c) => `${c} ${duckType(c)}`).join(', ');
  return `CREATE TEMP TABLE ${fixed} (line INTEGER, ${columns}, ok BOOLEAN);`;
}

/** Fills `fixed` from our own CSV `file` of mapped rows (line, the observation's columns, ok). */
export function fixedInsertSql(fixed: string, file: string): string {
  return `INSERT INTO ${fixed} SELECT * FROM read_csv(${quoteLiteral(file)}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"',
      columns = ${readCsvColumns([['ok', 'BOOLEAN']], [['line', 'INTEGER']])});`;
}

/**
 * The later duplicates of the analysis, as table `dups` (line, key, `premiere`: the line that keeps the key), over
 * every mapped row in line order. A first pass groups on one hash of the key (much faster than three columns);
 * only keys whose hash repeats are then compared exactly. `keysDistinct`: the import worker found the raw keys of
 * all lines distinct, so only a corrected row's key can repeat: only rows with such a key are grouped.
 * Null when there is nothing to look for (distinct raw keys and no corrected row).
 */
export function duplicatesSql(a: { readonly read: string; readonly fixed: string; readonly dups: string; readonly headerLine: number; readonly clean: string; readonly keysDistinct: boolean; readonly anyFixed: boolean }): string | null {
  if (a.keysDistinct && !a.anyFixed) return null;
  const fixedKeys = `SELECT line, territoire, annee, indicateur FROM ${a.fixed}`;
  const allKeys = `SELECT ${rowLineSql(a.headerLine)} AS line, territoire, annee, indicateur FROM ${a.read} WHERE ${a.clean} UNION ALL ${fixedKeys}`;
  const keys = !a.keysDistinct ? allKeys
    : `SELECT k.* FROM (${allKeys}) k SEMI JOIN (SELECT DISTINCT territoire, annee, indicateur FROM ${a.fixed}) f
        ON k.territoire = f.territoire AND k.annee = f.annee AND k.indicateur = f.indicateur`;
  return `CREATE TEMP TABLE ${a.dups} AS
    WITH c AS (SELECT *, hash(territoire, annee, indicateur) AS h FROM (${keys})),
    hk AS (SELECT h FROM c GROUP BY h HAVING count(*) > 1),
    cand AS (SELECT c.* FROM c SEMI JOIN hk ON c.h = hk.h),
    k AS (SELECT territoire, annee, indicateur FROM cand GROUP BY ALL HAVING count(*) > 1)
    SELECT * FROM (
      SELECT c.line, c.territoire, c.annee, c.indicateur, min(c.line) OVER (PARTITION BY c.territoire, c.annee, c.indicateur) AS premiere
      FROM cand c SEMI JOIN k ON c.territoire = k.territoire AND c.annee = k.annee AND c.indicateur = k.indicateur
    ) WHERE line > premiere;`;
}

export const Count = z.object({ n: z.number() });
/** The rows of a table or view (quoted by the caller). */
export function countQuery(table: string): SqlQuery {
  return sqlQuery(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`);
}

/** Who owns the accepted rows: the clean rows of `read`, the `ok` rows of `fixed`, lines of `dups` apart. */
export interface AcceptedRows {
  readonly read: string;
  readonly fixed: string;
  readonly headerLine: number;
  readonly clean: string;
  readonly dups: string | null;
}

/**
 * An analysis's accepted rows: the clean rows of the read table (`clean`), with their lines, and the corrected rows
 * of `fixed` that break no rule, lines of `dups` (later duplicates) apart; with `upTo`, only those on lines up to it
 * (a bound on rowid, which DuckDB's scan skips by).
 */
export function acceptedSql(a: AcceptedRows, upTo?: number): string {
  const line = rowLineSql(a.headerLine);
  const notDup = (l: string) => (a.dups ? ` AND ${l} NOT IN (SELECT line FROM ${a.dups})` : '');
  return `SELECT ${line} AS ${ACCEPTED_COLUMNS} FROM ${a.read} WHERE ${a.clean}${notDup(line)}${upTo === undefined ? '' : ` AND rowid <= ${upTo - a.headerLine - 1}`}
    UNION ALL SELECT ${ACCEPTED_COLUMNS} FROM ${a.fixed} WHERE ok${notDup('line')}${upTo === undefined ? '' : ` AND line <= ${upTo}`}`;
}

/** The view `view` (quoted) of the accepted rows. */
export function acceptedViewSql(view: string, a: AcceptedRows): string {
  return `CREATE TEMP VIEW ${view} AS ${acceptedSql(a)};`;
}

/** At the commit, the read table itself becomes the dataset's table: rows not accepted go, corrected ones come (see OwnTable). */
export function finalizeSql(a: AcceptedRows): string {
  const line = rowLineSql(a.headerLine);
  const cols = OBSERVATION_LIST;
  const notDup = a.dups ? ` AND line NOT IN (SELECT line FROM ${a.dups})` : '';
  return `DELETE FROM ${a.read} WHERE NOT ${a.clean}${a.dups ? ` OR ${line} IN (SELECT line FROM ${a.dups})` : ''};
    INSERT INTO ${a.read} (${cols}) SELECT ${cols} FROM ${a.fixed} WHERE ok${notDup};`;
}

export const DuplicateRow = z.object({ line: z.number(), territoire: z.string(), annee: z.number(), indicateur: z.string(), premiere: z.number() });
/** The later duplicates in line order, `limit` at most. */
export function duplicateRowsQuery(dups: string, limit: number): SqlQuery {
  return sqlQuery(`SELECT line, territoire, annee, indicateur, premiere FROM ${dups} ORDER BY line LIMIT ${limit}`);
}

export const UnknownRow = z.object({ line: z.number(), valeur: z.string() });
/** The rows whose only problem is an unknown indicator, in line order, `limit` at most. */
export function unknownRowsQuery(read: string, headerLine: number, unknownOnly: string, limit: number): SqlQuery {
  return sqlQuery(`SELECT ${rowLineSql(headerLine)} AS line, indicateur AS valeur FROM ${read} WHERE ${unknownOnly} ORDER BY line LIMIT ${limit}`);
}

export const FirstSeen = z.object({ v: z.string(), line: z.number() });
/** Each unknown indicator id and the first line that names it. */
export function unknownFirstSeenQuery(read: string, headerLine: number, unknownOnly: string): SqlQuery {
  return sqlQuery(`SELECT indicateur AS v, min(${rowLineSql(headerLine)}) AS line FROM ${read} WHERE ${unknownOnly} GROUP BY 1`);
}

export const PreviewRow = z.object({
  line: z.number(), territoire: z.string(), annee: z.number(), indicateur: z.string(),
  femmes: z.number().nullable(), hommes: z.number().nullable(), total: z.number().nullable(), part_femmes: z.number().nullable(),
  statut: ObservationValues.shape.statut, source: z.string().nullable(),
});
/** The report's preview: the first `rows` accepted rows, lines up to `lastLine` only. */
export function previewQuery(a: AcceptedRows, lastLine: number, rows: number): SqlQuery {
  return sqlQuery(`SELECT ${ACCEPTED_COLUMNS} FROM (${acceptedSql(a, lastLine)}) ORDER BY line LIMIT ${rows}`);
}

export const SourceRow = z.object({ source: z.string() });
/** The accepted rows' first five sources, in line order. */
export function sourcesQuery(view: string): SqlQuery {
  return sqlQuery(`SELECT source FROM ${view} WHERE source IS NOT NULL GROUP BY source ORDER BY min(line) LIMIT 5`);
}

import type { Connector } from '../connector';
import { runQuery } from '../client';
import { quoteIdent } from '../sql/quote';
import { canonicalColumns, mapCanonical, validationColumns, type CanonicalRow, type ImportCatalogue } from './canonical';
import { problem, type Problem } from './problems';
import type { ParsedRow } from './parse';
import type { ByteScan, FastHead } from './scan';
import { territoryMatcher } from './territory';
import { MAX_DISTINCT, readStatement, readTypedStatement, textChecks } from '../sql/import/fast-read';
import { validateRows } from './validate';
import type { ImportResult } from './run';
import { ownCsvCell, type OwnTable } from './commit';
import {
  acceptedViewSql, analysisTables, Count, countQuery, DistinctText, distinctTextsQuery, dirtyRowsQuery, dirtySql, dropFastTablesSql, DuplicateRow, duplicateRowsQuery,
  duplicatesSql, finalizeSql, FirstSeen, fixedInsertSql, fixedTableSql, markedFlags, marksTableSql, PreviewRow, previewQuery, ReadCounts, readCountsQuery, SourceRow,
  sourcesQuery, UnknownRow, unknownFirstSeenQuery, unknownRowsQuery, type AcceptedRows,
} from '../sql/import/analysis';
import { dropTableSql } from '../sql/import/commit';
import type { RowCheck, RowMarks } from './row-check';

/**
 * The fast import path for large canonical CSV files: DuckDB reads and types the file itself (its bytes
 * transferred to its worker, never parsed in the page), and the validation is SQL that proves most rows clean. Only the rows
 * it cannot prove clean (an odd number, a name instead of a code, an error) go through the same JavaScript
 * mapping and validation as the full pipeline, so the report is exactly the one `runImport` would give:
 * same problems, same lines, same columns, same accepted rows (tests/sql/fast-import.test.ts compares them).
 *
 * Whenever the file is not what this path assumes, it says so (`fallback`) and the caller runs the full
 * pipeline: a record over several lines, an empty line, a wrong number of fields, bytes that are not UTF-8,
 * a header problem, or many rows that need the full pipeline anyway.
 */

/** Files under this size go through the full pipeline (it takes well under a second there). */
export const FAST_MIN_BYTES = 2 * 1024 * 1024;
/** Bytes read for the head analysis (enough for the 2,000 rows that decide on a decimal comma). */
export const HEAD_BYTES = 2 * 1024 * 1024;
/**
 * The looks at the head, each taken only when the one before holds fewer than 2,000 rows: 128 KB hold them in most
 * files, and a larger first look costs every file more (docs/performance.md).
 */
export const HEAD_STEPS = [128 * 1024, 512 * 1024, HEAD_BYTES];
/** Rows left to JavaScript beyond which the full pipeline is as fast and simpler. */
export const MAX_DIRTY = 20000;
/** Rows of the report's preview (as the import worker sends). */
const PREVIEW_ROWS = 50;
/** Problems kept in a report (counts stay exact), as in the import worker. */
export const MAX_PROBLEMS = 100000;
/** Widest header the fast path reads (a wider one is not a canonical file anyway). */
const MAX_COLUMNS = 64;

/** The JavaScript part: maps and checks the rows SQL could not prove clean (run in the import worker). */
export interface DirtyResult {
  /** Rows that mapped to observations (they may still break a row rule: see `rowProblems`). */
  readonly mapped: CanonicalRow[];
  /** Problems of each mapped row, by index into `mapped` (validation without the duplicate check). */
  readonly rowProblems: Problem[][];
  /** Problems of the mapping (bad cells), in line order. */
  readonly mapProblems: Problem[];
  readonly skipped: number;
  /** A row with fewer than two filled cells: the full pipeline counts it as blank or a footnote. */
  readonly needsFullPipeline: boolean;
}

/** Maps and checks rows the SQL could not prove clean, exactly as `runImport` would. Pure. */
export function processDirty(rows: readonly ParsedRow[], head: Pick<FastHead, 'delimiter' | 'header' | 'headerLine' | 'titleRows' | 'decimalComma'>, cat: ImportCatalogue): DirtyResult {
  if (rows.some((r) => r.cells.filter((c) => c.trim() !== '').length < 2)) {
    return { mapped: [], rowProblems: [], mapProblems: [], skipped: 0, needsFullPipeline: true };
  }
  const m = mapCanonical({ ...head, rows: [...rows], blankRows: 0, footnoteRows: 0, problems: [] }, cat);
  const columns = validationColumns(head.header);
  return { mapped: m.rows, rowProblems: m.rows.map((r) => validateRows([r], columns).problems), mapProblems: m.problems, skipped: m.skipped, needsFullPipeline: false };
}

export interface FastOutcome {
  readonly result: ImportResult;
  readonly rowCount: number;
  /** Temporary view holding the accepted rows (with `line`), ready for `swapIn`. */
  readonly table: string;
  /** The accepted rows as a table of their own, for the commit (see swapIn). */
  readonly own: OwnTable;
  readonly sources: string[];
  /**
   * Every indicator id the accepted rows may hold (a few more at most), known without reading them: the file's
   * distinct indicator texts from the import worker (a clean row's is its id) and those of the rows JavaScript mapped.
   * Absent when the worker gave no texts.
   */
  readonly indicators?: readonly string[];
  /** How DuckDB read the file: with types (rows proven clean by the import worker) or as text (proofs in SQL). */
  readonly read: 'typed' | 'text';
}

export type FastAnswer = FastOutcome | { readonly fallback: string };
type Fallback = { readonly fallback: string };

export { candidatesPrefix } from '../sql/import/analysis';
export { acceptedSql, fixedTableSql } from '../sql/import/analysis';

/** Drops the temporary tables of an analysis (after its commit, or when a newer analysis replaces it). */
export async function dropFastTables(conn: Connector, table: string): Promise<void> {
  await conn.exec(dropFastTablesSql(table));
}

/** What runFastImport is given. */
interface FastInput {
  readonly file: string;
  readonly table: string;
  readonly head: FastHead;
  readonly scan: ByteScan | Promise<ByteScan>;
  readonly cat: ImportCatalogue;
  readonly textRead?: boolean;
}

/** The quoted names of an analysis's tables. */
interface Tables {
  readonly view: string;
  readonly read: string;
  readonly fixed: string;
  readonly dups: string;
}

/**
 * Runs the fast path on `file`, already registered in DuckDB. `dirty` runs `processDirty` (in a worker in the
 * browser). Leaves the accepted rows in the temporary view `table`.
 */
export async function runFastImport(conn: Connector, a: FastInput, dirty: (rows: ParsedRow[]) => Promise<DirtyResult>): Promise<FastAnswer> {
  const { head, table } = a;
  const idx = canonicalColumns(head.header);
  if (!idx) return { fallback: 'not canonical' };
  const width = head.header.length;
  if (width > MAX_COLUMNS) return { fallback: 'too many columns' };
  const names = analysisTables(table);
  const t: Tables = { view: quoteIdent(table), read: quoteIdent(names.read), fixed: quoteIdent(names.fixed), dups: quoteIdent(names.dups) };
  const typed = await readFile(conn, a, idx, width, t.read);
  if (typeof typed !== 'boolean') return typed;
  // The byte scan runs in the import worker while DuckDB reads: its verdict is checked now.
  const tScan = performance.now();
  const scan = await a.scan;
  performance.measure('import:controle', { start: tScan });
  const refused = scanRefusal(scan);
  if (refused) return { fallback: refused };
  // Only rows the import worker proves clean from their bytes, all of whose cells are plain (row-check.ts), are taken
  // as DuckDB read them: without its proof (quotes it cannot follow line by line, too many rows to mark), the full
  // pipeline reads the file.
  const marks = scan.marks ?? null;
  if (!marks) return { fallback: 'rows not proven from the bytes' };
  const flags = await markRows(conn, table, marks, typed);
  const checks = await checkTexts(conn, t.read, scan, a.cat, flags);
  if ('fallback' in checks) return checks;
  const { clean, unknownOnly } = checks;
  const dirtyWhere = dirtySql(clean, unknownOnly);
  const [counts] = await runQuery(conn, readCountsQuery(t.read, dirtyWhere, unknownOnly), ReadCounts);
  const n = counts?.n ?? 0;
  const nDirty = counts?.dirty ?? 0;
  if (n !== scan.lines - head.headerLine) return { fallback: `rows read ${n}, lines ${scan.lines - head.headerLine}` };
  if (nDirty > MAX_DIRTY) return { fallback: 'many rows need the full pipeline' };
  const d = await mapDirtyRows(conn, { ...a, width, read: t.read, dirtyWhere, nDirty, marks }, dirty);
  if (d.needsFullPipeline) return { fallback: 'blank or footnote rows' };
  await loadFixed(conn, table, t.fixed, d);
  const t1 = performance.now();
  const nDups = await findDuplicates(conn, { read: t.read, fixed: t.fixed, dups: t.dups, headerLine: head.headerLine, clean, keysDistinct: scan.keysDistinct === true, anyFixed: d.mapped.length > 0 });
  const accepted: AcceptedRows = { read: t.read, fixed: t.fixed, headerLine: head.headerLine, clean, dups: nDups ? t.dups : null };
  await conn.exec(acceptedViewSql(t.view, accepted));
  const report = await reportOf(conn, { head, idx, t, accepted, unknownOnly, d, n, nDirty, nDups, nUnknown: counts?.unknown ?? 0, texts: scan.texts ?? null, t1 });
  return { ...report, table, own: { table: names.read, finalize: finalizeSql(accepted), leftovers: dropFastTablesSql(table) }, read: typed ? 'typed' : 'text' };
}

/**
 * DuckDB's read of the file into `read`: typed (DuckDB's own read, the rows proven clean from the bytes by the
 * import worker meanwhile, see row-check.ts), or as text with the proofs in SQL (fast-read.ts), when the head shows
 * quotes or cells DuckDB would not cast, when the typed read fails, or when the worker cannot give its proof.
 * Resolves to whether the read was typed, or to the reason the full pipeline must read the file.
 */
async function readFile(conn: Connector, a: FastInput, idx: NonNullable<ReturnType<typeof canonicalColumns>>, width: number, read: string): Promise<boolean | Fallback> {
  // Leftovers of a table of the same name go first: DuckDB runs its requests in the order they come, so the read
  // below is sent at once instead of after this answer comes back.
  const cleared = dropFastTables(conn, a.table);
  cleared.catch(() => undefined);
  const t0 = performance.now();
  let typed = a.head.typed && !a.textRead;
  const reading = typed ? conn.exec(readTypedStatement(read, a.file, a.head, idx, width)) : null;
  reading?.catch(() => undefined);
  await cleared;
  if (typed) {
    try {
      await reading;
    } catch {
      typed = false;
      await conn.exec(dropTableSql(analysisTables(a.table).read));
    }
  }
  if (!typed) {
    try {
      await conn.exec(readStatement(read, a.file, a.head, idx, width));
    } catch (e) {
      return { fallback: `DuckDB could not read the file: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}` };
    }
  }
  performance.measure('import:lecture', { start: t0 });
  return typed;
}

/** Why the byte scan sends the file to the full pipeline, or null. */
function scanRefusal(scan: ByteScan): string | null {
  if (scan.loneCr) return 'carriage returns alone';
  if (scan.quotedNewline) return 'record over several lines';
  if (scan.emptyLines) return 'empty lines';
  if (scan.invalidUtf8) return 'not UTF-8';
  if (scan.badChars) return 'control characters or U+FFFD';
  if (scan.badWidth) return 'a row with another number of fields';
  return null;
}

/** Which rows are clean: the rows the worker did not mark (and, read as text, that the SQL proofs pass too). */
async function markRows(conn: Connector, table: string, marks: RowMarks, typed: boolean): Promise<{ clean0: string; cellsOk: string }> {
  const flags = typed ? { clean0: 'TRUE', cellsOk: 'TRUE' } : { clean0: 'propre0', cellsOk: 'cellules_ok' };
  if (!marks.rows.length) return flags;
  const marked = quoteIdent(analysisTables(table).marks);
  const file = `${table}_marques.csv`;
  await conn.registerText(file, marks.rows.map((r, i) => `${r},${marks.cellsOk[i] ? 'true' : 'false'}`).join('\n') + '\n');
  await conn.exec(marksTableSql(marked, file));
  await conn.dropFile(file);
  return markedFlags(flags, marked);
}

/**
 * Territories and indicators are checked once per distinct text (a file names few), not once per row. The import
 * worker gives them (plain cells' texts are their bytes; the other rows are marked, never clean), else SQL does.
 */
async function checkTexts(conn: Connector, read: string, scan: ByteScan, cat: ImportCatalogue, flags: { clean0: string; cellsOk: string }): Promise<{ clean: string; unknownOnly: string } | Fallback> {
  const distinct = async (col: 'territoire' | 'indicateur') => (await runQuery(conn, distinctTextsQuery(read, col, MAX_DISTINCT + 1), DistinctText)).map((r) => r.v);
  const texts = scan.texts;
  const [ts, is] = texts ? [texts.territories, texts.indicators] : [await distinct('territoire'), await distinct('indicateur')];
  if (ts.length > MAX_DISTINCT || is.length > MAX_DISTINCT) return { fallback: 'many distinct territories or indicators' };
  return textChecks(ts, is, catalogueCodes(cat), new Set(cat.indicators), flags);
}

/**
 * Codes written exactly as the catalogue spells them (the matcher maps each to itself); any other spelling
 * (9, DEP-31, a name) is left to JavaScript.
 */
function catalogueCodes(cat: ImportCatalogue): Set<string> {
  const matcher = territoryMatcher(cat.territories);
  return new Set(cat.territories.filter((t) => {
    const m = matcher(t.code);
    return 'code' in m && m.code === t.code;
  }).map((t) => t.code));
}

const NO_DIRTY: DirtyResult = { mapped: [], rowProblems: [], mapProblems: [], skipped: 0, needsFullPipeline: false };

/**
 * The rows left to JavaScript, mapped and checked there. Their text: the table keeps values, not text, so the file
 * is read again (only when there are such rows), numbered in the same order. That is the text of rows whose cells
 * are all plain; the others' is papaparse's, from the worker (row-check.ts), as the full pipeline reads them.
 */
async function mapDirtyRows(
  conn: Connector,
  a: FastInput & { readonly width: number; readonly read: string; readonly dirtyWhere: string; readonly nDirty: number; readonly marks: RowMarks },
  dirty: (rows: ParsedRow[]) => Promise<DirtyResult>,
): Promise<DirtyResult> {
  const { head, width } = a;
  const raw = a.nDirty ? await conn.query(dirtyRowsQuery({ file: a.file, headerLine: head.headerLine, delimiter: head.delimiter, width, read: a.read, dirtyWhere: a.dirtyWhere })) : [];
  const parsed = new Map(a.marks.parsed.map((p) => [p.row + head.headerLine + 1, p.cells]));
  const dirtyRows: ParsedRow[] = raw.map((r) => {
    const at = Number(r['line']);
    return { line: at, cells: parsed.get(at) ?? Array.from({ length: width }, (_, i) => String(r[`c${i}`] ?? '')) };
  });
  return dirtyRows.length ? dirty(dirtyRows) : NO_DIRTY;
}

/** The rows JavaScript mapped, back into DuckDB as table `fixed` (a few at most; text so that values keep their exact doubles). */
async function loadFixed(conn: Connector, table: string, fixed: string, d: DirtyResult): Promise<void> {
  const okByLine = new Map<number, boolean>();
  d.mapped.forEach((r, i) => okByLine.set(r.line, (d.rowProblems[i] ?? []).length === 0));
  await conn.exec(fixedTableSql(fixed));
  if (!d.mapped.length) return;
  const file = `${table}_corrige.csv`;
  const lines = d.mapped.map((r) => [r.line, r.territoire, r.annee, r.indicateur, r.femmes, r.hommes, r.total, r.part_femmes, r.statut, r.source, okByLine.get(r.line) ?? false].map(ownCsvCell).join(','));
  await conn.registerText(file, lines.join('\n') + '\n');
  await conn.exec(fixedInsertSql(fixed, file));
  await conn.dropFile(file);
}

/** Finds the later duplicate keys over every mapped row, in line order, into `dups` (see duplicatesSql); resolves to their count. */
async function findDuplicates(conn: Connector, a: Parameters<typeof duplicatesSql>[0]): Promise<number> {
  const sql = duplicatesSql(a);
  // With distinct raw keys and no corrected row, there is nothing to look for.
  if (!sql) return 0;
  await conn.exec(sql);
  const [dupCount] = await runQuery(conn, countQuery(a.dups), Count);
  return dupCount?.n ?? 0;
}

/** What reportOf reads. */
interface ReportInput {
  readonly head: FastHead;
  readonly idx: NonNullable<ReturnType<typeof canonicalColumns>>;
  readonly t: Tables;
  readonly accepted: AcceptedRows;
  readonly unknownOnly: string;
  readonly d: DirtyResult;
  readonly n: number;
  readonly nDirty: number;
  readonly nDups: number;
  readonly nUnknown: number;
  readonly texts: RowCheck['texts'];
  readonly t1: number;
}

/** The report of the analysis, exactly as runImport would give it, with its accepted row count and first sources. */
async function reportOf(conn: Connector, r: ReportInput): Promise<{ result: ImportResult; rowCount: number; sources: string[]; indicators?: readonly string[] }> {
  const { head, d, n, nDups, nUnknown } = r;
  const problems = await problemsOf(conn, r);
  let errors = d.mapProblems.filter((p) => p.severity === 'erreur').length + nUnknown + d.rowProblems.reduce((s, ps) => s + ps.filter((p) => p.severity === 'erreur').length, 0) + nDups;
  const warnings = d.mapProblems.filter((p) => p.severity !== 'erreur').length;
  // Without duplicates or corrected rows, the accepted rows are the read rows but those SQL left out.
  const [acceptedCount] = nDups === 0 && d.mapped.length === 0 ? [{ n: n - r.nDirty - nUnknown }] : await runQuery(conn, countQuery(r.t.view), Count);
  const rowCount = acceptedCount?.n ?? 0;
  if (rowCount === 0 && errors === 0) {
    problems.push(problem('aucune_ligne', {}));
    errors++;
  }
  // Data lines are consecutive (one record per line), so the 50th accepted row is at most 50 lines plus the
  // rows not accepted: the preview sorts only the lines up to there.
  const lastPreviewLine = head.headerLine + PREVIEW_ROWS + (n - rowCount);
  const preview = await runQuery(conn, previewQuery(r.accepted, lastPreviewLine, PREVIEW_ROWS), PreviewRow);
  // When every row read is accepted as it is, the accepted rows' first sources are the file's (the worker's).
  const sources = r.texts && rowCount === n && d.mapped.length === 0 ? r.texts.sources.map((source) => ({ source })) : await runQuery(conn, sourcesQuery(r.t.view), SourceRow);
  const result: ImportResult = {
    format: 'canonique', recipe: null, encoding: 'utf-8', bom: head.bom, delimiter: head.delimiter, header: head.header, headerLine: head.headerLine,
    titleRows: head.titleRows, blankRows: 0, footnoteRows: 0, dataRows: n, skipped: d.skipped, rows: preview, problems,
    errors, warnings, sample: head.sample, unknownIndicators: await unknownIndicators(conn, r),
  };
  const indicators = r.texts ? [...new Set([...r.texts.indicators, ...d.mapped.map((m) => m.indicateur)])] : undefined;
  return { result, rowCount, sources: sources.map((s) => s.source), indicators };
}

/**
 * The problems, in the order runImport gives them: mapping problems by line, then each row's validation problems by
 * line (a duplicate last within its row). Rows whose only problem is an unknown indicator: SQL writes their problem,
 * as mapCanonical would.
 */
async function problemsOf(conn: Connector, r: ReportInput): Promise<Problem[]> {
  const { d } = r;
  const dupRows = r.nDups ? await runQuery(conn, duplicateRowsQuery(r.t.dups, MAX_PROBLEMS), DuplicateRow) : [];
  const byLine = new Map<number, Problem[]>();
  d.mapped.forEach((row, i) => {
    const ps = d.rowProblems[i] ?? [];
    if (ps.length) byLine.set(row.line, [...ps]);
  });
  for (const row of dupRows) {
    const list = byLine.get(row.line) ?? [];
    list.push(problem('doublon', { ligne: row.line, colonne: null }, `${row.territoire} × ${row.annee} × ${row.indicateur}`, String(row.premiere)));
    byLine.set(row.line, list);
  }
  performance.measure('import:doublons', { start: r.t1 });
  const checkProblems = [...byLine.entries()].sort((x, y) => x[0] - y[0]).flatMap(([, ps]) => ps);
  const indColumn = r.head.header[r.idx.indicateur ?? -1] ?? 'indicateur';
  const unknownRows = r.nUnknown ? await runQuery(conn, unknownRowsQuery(r.t.read, r.head.headerLine, r.unknownOnly, MAX_PROBLEMS), UnknownRow) : [];
  const mapProblems = mergeByLine(d.mapProblems, unknownRows.map((u) => problem('indicateur_inconnu', { ligne: u.line, colonne: indColumn }, u.valeur)));
  return [...mapProblems, ...checkProblems].slice(0, MAX_PROBLEMS);
}

/** Unknown indicator ids in the order the file first names them (as runImport lists them). */
async function unknownIndicators(conn: Connector, r: ReportInput): Promise<string[]> {
  const firstSeen = r.nUnknown ? await runQuery(conn, unknownFirstSeenQuery(r.t.read, r.head.headerLine, r.unknownOnly), FirstSeen) : [];
  for (const p of r.d.mapProblems) {
    const v = p.code === 'indicateur_inconnu' ? (p.valeur ?? '').trim().toLowerCase() : '';
    if (/^[a-z0-9_]{1,64}$/.test(v)) firstSeen.push({ v, line: p.ligne ?? 0 });
  }
  const unknown = new Set(firstSeen.sort((x, y) => x.line - y.line).map((x) => x.v));
  return [...unknown].slice(0, 1000);
}

/** Merges two lists of problems sorted by line, keeping each list's order within a line. */
function mergeByLine(a: readonly Problem[], b: readonly Problem[]): Problem[] {
  if (!b.length) return [...a];
  if (!a.length) return [...b];
  const out: Problem[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && (x.ligne ?? 0) <= (y.ligne ?? 0))) {
      out.push(x as Problem);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

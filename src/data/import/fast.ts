import { z } from 'zod';
import type { Connector } from '../connector';
import { runQuery } from '../client';
import { quoteIdent, quoteLiteral, sqlQuery } from '../sql/quote';
import { canonicalColumns, mapCanonical, validationColumns, type CanonicalRow, type ImportCatalogue } from './canonical';
import { problem, type Problem } from './problems';
import type { ParsedRow } from './parse';
import type { ByteScan, FastHead } from './scan';
import { territoryMatcher } from './territory';
import { MAX_DISTINCT, readCsvSql, readStatement, readTypedStatement, textChecks } from './fast-sql';
import { validateRows } from './validate';
import type { ImportResult } from './run';
import { dropSpeculationSql, ownCsvCell, type OwnTable } from './commit';

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

/** Files under this size go through the full pipeline (quick at that size, docs/performance.md). */
export const FAST_MIN_BYTES = 2 * 1024 * 1024;
/** Bytes read for the head analysis (enough for the 2,000 rows that decide on a decimal comma). */
export const HEAD_BYTES = 2 * 1024 * 1024;
/**
 * The looks at the head, each taken only when the one before holds fewer than 2,000 rows: 128 KB hold them in most
 * files, and a fresh worker's parse grows faster than the bytes it reads (docs/performance.md).
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
  /** How DuckDB read the file: with types (rows proven clean by the import worker) or as text (proofs in SQL). */
  readonly read: 'types' | 'texte';
}

export type FastAnswer = FastOutcome | { readonly fallback: string };

const Counts = z.object({ n: z.number(), dirty: z.number(), unknown: z.number() });
const N = z.object({ n: z.number() });

/** The prefix of the measures computed ahead for the analysis whose view is `table` (see speculateMeasures). */
export function candidatesPrefix(table: string): string {
  return `${table}_mesures_`;
}

/** Drops the temporary tables of an analysis (after its commit, or when a newer analysis replaces it). */
export async function dropFastTables(conn: Connector, table: string): Promise<void> {
  await conn.exec(dropFastTablesSql(table));
}

/** The SQL of dropFastTables. */
function dropFastTablesSql(table: string): string {
  return `DROP VIEW IF EXISTS ${quoteIdent(table)}; DROP TABLE IF EXISTS ${quoteIdent(`${table}_lu`)};
    DROP TABLE IF EXISTS ${quoteIdent(`${table}_corrige`)}; DROP TABLE IF EXISTS ${quoteIdent(`${table}_doublons`)};
    DROP TABLE IF EXISTS ${quoteIdent(`${table}_marques`)}; ${dropSpeculationSql(candidatesPrefix(table))}`;
}

/**
 * Runs the fast path on `file`, already registered in DuckDB. `dirty` runs `processDirty` (in a worker in the
 * browser). Leaves the accepted rows in the temporary view `table`.
 */
export async function runFastImport(
  conn: Connector,
  a: { file: string; table: string; head: FastHead; scan: ByteScan | Promise<ByteScan>; cat: ImportCatalogue; textRead?: boolean },
  dirty: (rows: ParsedRow[]) => Promise<DirtyResult>,
): Promise<FastAnswer> {
  const { head, cat, table } = a;
  const idx = canonicalColumns(head.header);
  if (!idx) return { fallback: 'not canonical' };
  const width = head.header.length;
  if (width > MAX_COLUMNS) return { fallback: 'too many columns' };
  const read = quoteIdent(`${table}_lu`);
  const fixed = quoteIdent(`${table}_corrige`);
  const dups = quoteIdent(`${table}_doublons`);
  // Leftovers of a table of the same name go first: DuckDB runs its requests in the order they come, so the read
  // below is sent at once instead of after this answer comes back (a round trip that is slow while the page is
  // busy with the file's bytes).
  const cleared = dropFastTables(conn, table);
  cleared.catch(() => undefined);

  // The table keeps the file's order (insertion order is preserved), so a row's line is its rowid + the header line + 1.
  const line = `CAST(rowid AS INTEGER) + ${head.headerLine + 1}`;
  const cells = Array.from({ length: width }, (_, i) => `c${i}`).join(', ');
  const matcher = territoryMatcher(cat.territories);
  // Codes written exactly as the catalogue spells them (the matcher maps each to itself); any other spelling
  // (9, DEP-31, a name) is left to JavaScript.
  const codes = new Set(cat.territories.filter((t) => {
    const m = matcher(t.code);
    return 'code' in m && m.code === t.code;
  }).map((t) => t.code));
  const t0 = performance.now();
  // Two ways to read: typed (DuckDB's own read, the rows proven clean from the bytes by the import worker meanwhile,
  // see row-check.ts), or as text with the proofs in SQL (fast-sql.ts), when the head shows quotes or cells DuckDB
  // would not cast, when the typed read fails, or when the worker cannot give its proof.
  const readText = async (): Promise<FastAnswer | null> => {
    try {
      await conn.exec(readStatement(read, a.file, head, idx, width));
      return null;
    } catch (e) {
      return { fallback: `DuckDB could not read the file: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}` };
    }
  };
  let typed = head.typed && !a.textRead;
  const reading = typed ? conn.exec(readTypedStatement(read, a.file, head, idx, width)) : null;
  reading?.catch(() => undefined);
  await cleared;
  if (typed) {
    try {
      await reading;
    } catch {
      typed = false;
      await conn.exec(`DROP TABLE IF EXISTS ${read};`);
    }
  }
  if (!typed) {
    const failed = await readText();
    if (failed) return failed;
  }
  performance.measure('import:lecture', { start: t0 });
  // The byte scan runs in the import worker while DuckDB reads: its verdict is checked now.
  const tScan = performance.now();
  const scan = await a.scan;
  performance.measure('import:controle', { start: tScan });
  if (scan.loneCr) return { fallback: 'carriage returns alone' };
  if (scan.quotedNewline) return { fallback: 'record over several lines' };
  if (scan.emptyLines) return { fallback: 'empty lines' };
  if (scan.invalidUtf8) return { fallback: 'not UTF-8' };
  if (scan.badChars) return { fallback: 'control characters or U+FFFD' };
  if (scan.badWidth) return { fallback: 'a row with another number of fields' };
  // Only rows the import worker proves clean from their bytes, all of whose cells are plain (row-check.ts), are taken
  // as DuckDB read them: without its proof (quotes it cannot follow line by line, too many rows to mark), the full
  // pipeline reads the file.
  const marks = scan.marks ?? null;
  if (!marks) return { fallback: 'rows not proven from the bytes' };
  // Which rows are clean: the rows the worker did not mark (and, read as text, that the SQL proofs pass too).
  let flags = typed ? { propre0: 'TRUE', cellulesOk: 'TRUE' } : { propre0: 'propre0', cellulesOk: 'cellules_ok' };
  if (marks.rows.length) {
    const marked = quoteIdent(`${table}_marques`);
    const file = `${table}_marques.csv`;
    await conn.registerText(file, marks.rows.map((r, i) => `${r},${marks.cellsOk[i] ? 'true' : 'false'}`).join('\n') + '\n');
    await conn.exec(`CREATE TEMP TABLE ${marked} AS SELECT * FROM read_csv(${quoteLiteral(file)}, header = false, auto_detect = false, delim = ',',
      columns = {'rid': 'BIGINT', 'cellules_ok': 'BOOLEAN'});`);
    await conn.dropFile(file);
    flags = { propre0: `${flags.propre0} AND rowid NOT IN (SELECT rid FROM ${marked})`, cellulesOk: `${flags.cellulesOk} AND rowid NOT IN (SELECT rid FROM ${marked} WHERE NOT cellules_ok)` };
  }
  // Territories and indicators are checked once per distinct text (a file names few), not once per row.
  const distinct = (col: string) => runQuery(conn, sqlQuery(`SELECT DISTINCT ${col} AS v FROM ${read} LIMIT ${MAX_DISTINCT + 1}`), z.object({ v: z.string().nullable() }));
  // The import worker gives them (plain cells' texts are their bytes; the other rows are marked, never clean).
  const texts = scan.texts;
  const [ts, is] = texts
    ? [texts.territories, texts.indicators]
    : [(await distinct('territoire')).map((r) => r.v), (await distinct('indicateur')).map((r) => r.v)];
  if (ts.length > MAX_DISTINCT || is.length > MAX_DISTINCT) return { fallback: 'many distinct territories or indicators' };
  const { propre, inconnu } = textChecks(ts, is, codes, new Set(cat.indicators), flags);
  const sale = `NOT ${propre} AND NOT ${inconnu}`;
  const [counts] = await runQuery(conn, sqlQuery(`SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(*) FILTER (WHERE ${sale}) AS INTEGER) AS dirty, CAST(count(*) FILTER (WHERE ${inconnu}) AS INTEGER) AS unknown FROM ${read}`), Counts);
  const n = counts?.n ?? 0;
  if (n !== scan.lines - head.headerLine) return { fallback: `rows read ${n}, lines ${scan.lines - head.headerLine}` };
  if ((counts?.dirty ?? 0) > MAX_DIRTY) return { fallback: 'many rows need the full pipeline' };

  // The text of the rows left to JavaScript: the table keeps values, not text, so the file is read again (only
  // when there are such rows), numbered in the same order. That is the text of rows whose cells are all plain; the
  // others' is papaparse's, from the worker (row-check.ts), as the full pipeline reads them.
  const raw = counts?.dirty
    ? await conn.query(sqlQuery(`SELECT CAST(n AS INTEGER) + ${head.headerLine + 1} AS line, ${cells}
        FROM (SELECT row_number() OVER () - 1 AS n, * FROM ${readCsvSql(a.file, head, width)})
        WHERE n IN (SELECT rowid FROM ${read} WHERE ${sale}) ORDER BY n`))
    : [];
  const parsed = new Map(marks.parsed.map((p) => [p.row + head.headerLine + 1, p.cells]));
  const dirtyRows: ParsedRow[] = raw.map((r) => {
    const at = Number(r['line']);
    return { line: at, cells: parsed.get(at) ?? Array.from({ length: width }, (_, i) => String(r[`c${i}`] ?? '')) };
  });
  const d = dirtyRows.length ? await dirty(dirtyRows) : { mapped: [], rowProblems: [], mapProblems: [], skipped: 0, needsFullPipeline: false };
  if (d.needsFullPipeline) return { fallback: 'blank or footnote rows' };

  // The rows JavaScript mapped, back into DuckDB (a few at most; text so that values keep their exact doubles).
  const okByLine = new Map<number, boolean>();
  d.mapped.forEach((r, i) => okByLine.set(r.line, (d.rowProblems[i] ?? []).length === 0));
  await conn.exec(fixedTableSql(fixed));
  if (d.mapped.length) {
    const file = `${table}_corrige.csv`;
    const lines = d.mapped.map((r) => [r.line, r.territoire, r.annee, r.indicateur, r.femmes, r.hommes, r.total, r.part_femmes, r.statut, r.source, okByLine.get(r.line) ?? false].map(ownCsvCell).join(','));
    await conn.registerText(file, lines.join('\n') + '\n');
    await conn.exec(`INSERT INTO ${fixed} SELECT * FROM read_csv(${quoteLiteral(file)}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"',
      columns = {'line': 'INTEGER', 'territoire': 'VARCHAR', 'annee': 'INTEGER', 'indicateur': 'VARCHAR', 'femmes': 'DOUBLE', 'hommes': 'DOUBLE', 'total': 'DOUBLE',
        'part_femmes': 'DOUBLE', 'statut': 'VARCHAR', 'source': 'VARCHAR', 'ok': 'BOOLEAN'});`);
    await conn.dropFile(file);
  }

  const t1 = performance.now();
  // Duplicate keys over every mapped row, in line order: the first keeps the key, later ones are errors.
  // A first pass groups on one hash of the key (much faster than three columns); only keys whose hash repeats
  // are then compared exactly.
  // When the import worker found the raw keys of all lines distinct (row-check.ts), clean rows repeat no
  // key: only a corrected row's key can repeat, so only rows with such a key are grouped (none: nothing to do).
  const fixedKeys = `SELECT line, territoire, annee, indicateur FROM ${fixed}`;
  const allKeys = `SELECT ${line} AS line, territoire, annee, indicateur FROM ${read} WHERE ${propre} UNION ALL ${fixedKeys}`;
  const keys = scan.keysDistinct !== true ? allKeys
    : d.mapped.length === 0 ? fixedKeys
    : `SELECT k.* FROM (${allKeys}) k SEMI JOIN (SELECT DISTINCT territoire, annee, indicateur FROM ${fixed}) f
        ON k.territoire = f.territoire AND k.annee = f.annee AND k.indicateur = f.indicateur`;
  // With distinct raw keys and no corrected row, there is nothing to look for.
  const noDups = scan.keysDistinct === true && d.mapped.length === 0;
  if (!noDups) await conn.exec(`CREATE TEMP TABLE ${dups} AS
    WITH c AS (SELECT *, hash(territoire, annee, indicateur) AS h FROM (${keys})),
    hk AS (SELECT h FROM c GROUP BY h HAVING count(*) > 1),
    cand AS (SELECT c.* FROM c SEMI JOIN hk ON c.h = hk.h),
    k AS (SELECT territoire, annee, indicateur FROM cand GROUP BY ALL HAVING count(*) > 1)
    SELECT * FROM (
      SELECT c.line, c.territoire, c.annee, c.indicateur, min(c.line) OVER (PARTITION BY c.territoire, c.annee, c.indicateur) AS premiere
      FROM cand c SEMI JOIN k ON c.territoire = k.territoire AND c.annee = k.annee AND c.indicateur = k.indicateur
    ) WHERE line > premiere;`);
  const [dupCount] = noDups ? [{ n: 0 }] : await runQuery(conn, sqlQuery(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${dups}`), N);
  const nDups = dupCount?.n ?? 0;
  const notDup = (l: string) => (nDups ? ` AND ${l} NOT IN (SELECT line FROM ${dups})` : '');
  // At the commit, the read table itself becomes the dataset's table: rows not accepted go, corrected ones come.
  const cols = OUT.replace('line, ', '');
  const finalize = `DELETE FROM ${read} WHERE NOT ${propre}${nDups ? ` OR ${line} IN (SELECT line FROM ${dups})` : ''};
    INSERT INTO ${read} (${cols}) SELECT ${cols} FROM ${fixed} WHERE ok${notDup('line')};`;
  const accepted = (upTo?: number) => acceptedSql({ read, fixed, headerLine: head.headerLine, propre, dups: nDups ? dups : null }, upTo);
  await conn.exec(`CREATE TEMP VIEW ${quoteIdent(table)} AS ${accepted()};`);

  // The problems, in the order runImport gives them: mapping problems by line, then each row's validation
  // problems by line (a duplicate last within its row).
  const dupRows = nDups
    ? await runQuery(conn, sqlQuery(`SELECT line, territoire, annee, indicateur, premiere FROM ${dups} ORDER BY line LIMIT ${MAX_PROBLEMS}`),
        z.object({ line: z.number(), territoire: z.string(), annee: z.number(), indicateur: z.string(), premiere: z.number() }))
    : [];
  const byLine = new Map<number, Problem[]>();
  d.mapped.forEach((r, i) => {
    const ps = d.rowProblems[i] ?? [];
    if (ps.length) byLine.set(r.line, [...ps]);
  });
  for (const r of dupRows) {
    const list = byLine.get(r.line) ?? [];
    list.push(problem('doublon', { ligne: r.line, colonne: null }, `${r.territoire} × ${r.annee} × ${r.indicateur}`, String(r.premiere)));
    byLine.set(r.line, list);
  }
  performance.measure('import:doublons', { start: t1 });
  const checkProblems = [...byLine.entries()].sort((x, y) => x[0] - y[0]).flatMap(([, ps]) => ps);
  // Rows whose only problem is an unknown indicator: SQL writes their problem, as mapCanonical would.
  const nUnknown = counts?.unknown ?? 0;
  const indColumn = head.header[idx.indicateur ?? -1] ?? 'indicateur';
  const unknownRows = nUnknown
    ? await runQuery(conn, sqlQuery(`SELECT ${line} AS line, indicateur AS valeur FROM ${read} WHERE ${inconnu} ORDER BY line LIMIT ${MAX_PROBLEMS}`), z.object({ line: z.number(), valeur: z.string() }))
    : [];
  const mapProblems = mergeByLine(d.mapProblems, unknownRows.map((r) => problem('indicateur_inconnu', { ligne: r.line, colonne: indColumn }, r.valeur)));
  const problems = [...mapProblems, ...checkProblems].slice(0, MAX_PROBLEMS);
  const rowErrors = d.rowProblems.reduce((s, ps) => s + ps.filter((p) => p.severity === 'erreur').length, 0);
  const mapErrors = d.mapProblems.filter((p) => p.severity === 'erreur').length + nUnknown;
  let errors = mapErrors + rowErrors + nDups;
  const warnings = d.mapProblems.filter((p) => p.severity !== 'erreur').length;

  // Without duplicates or corrected rows, the accepted rows are the read rows but those SQL left out.
  const [acceptedCount] = nDups === 0 && d.mapped.length === 0
    ? [{ n: n - (counts?.dirty ?? 0) - nUnknown }]
    : await runQuery(conn, sqlQuery(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${quoteIdent(table)}`), N);
  const rowCount = acceptedCount?.n ?? 0;
  if (rowCount === 0 && errors === 0) {
    problems.push(problem('aucune_ligne', {}));
    errors++;
  }
  // Data lines are consecutive (one record per line), so the 50th accepted row is at most 50 lines plus the
  // rows not accepted: the preview sorts only the lines up to there.
  const lastPreviewLine = head.headerLine + PREVIEW_ROWS + (n - rowCount);
  const preview = await runQuery(conn, sqlQuery(`SELECT ${OUT} FROM (${accepted(lastPreviewLine)}) ORDER BY line LIMIT ${PREVIEW_ROWS}`), PreviewRow);
  // When every row read is accepted as it is, the accepted rows' first sources are the file's (the worker's).
  const sources = texts && rowCount === n && d.mapped.length === 0
    ? texts.sources.map((source) => ({ source }))
    : await runQuery(conn, sqlQuery(`SELECT source FROM ${quoteIdent(table)} WHERE source IS NOT NULL GROUP BY source ORDER BY min(line) LIMIT 5`), z.object({ source: z.string() }));
  // Unknown indicator ids in the order the file first names them (as runImport lists them).
  const firstSeen = nUnknown
    ? await runQuery(conn, sqlQuery(`SELECT indicateur AS v, min(${line}) AS line FROM ${read} WHERE ${inconnu} GROUP BY 1`), z.object({ v: z.string(), line: z.number() }))
    : [];
  for (const p of d.mapProblems) {
    const v = p.code === 'indicateur_inconnu' ? (p.valeur ?? '').trim().toLowerCase() : '';
    if (/^[a-z0-9_]{1,64}$/.test(v)) firstSeen.push({ v, line: p.ligne ?? 0 });
  }
  const unknown = new Set(firstSeen.sort((x, y) => x.line - y.line).map((x) => x.v));
  const result: ImportResult = {
    format: 'canonique', recipe: null, encoding: 'utf-8', bom: head.bom, delimiter: head.delimiter, header: head.header, headerLine: head.headerLine,
    titleRows: head.titleRows, blankRows: 0, footnoteRows: 0, dataRows: n, skipped: d.skipped, rows: preview, problems,
    errors, warnings, sample: head.sample, unknownIndicators: [...unknown].slice(0, 1000),
  };
  return { result, rowCount, table, own: { table: `${table}_lu`, finalize, leftovers: dropFastTablesSql(table) }, sources: sources.map((s) => s.source), read: typed ? 'types' : 'texte' };
}

/** The columns of an analysis's accepted rows (its view). */
const OUT = ['line', 'territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'statut', 'source'].join(', ');

/** The table of the rows JavaScript corrected (`ok`: they break no rule), read back into DuckDB. */
export function fixedTableSql(fixed: string): string {
  return `CREATE TEMP TABLE ${fixed} (line INTEGER, territoire VARCHAR, annee INTEGER, indicateur VARCHAR, femmes DOUBLE, hommes DOUBLE, total DOUBLE,
    part_femmes DOUBLE, statut VARCHAR, source VARCHAR, ok BOOLEAN);`;
}

/**
 * An analysis's accepted rows: the clean rows of the read table `read` (`propre`), with their lines, and the corrected
 * rows of `fixed` that break no rule, lines of `dups` (later duplicates) apart; with `upTo`, only those on lines up
 * to it (a bound on rowid, which DuckDB's scan skips by).
 */
export function acceptedSql(a: { readonly read: string; readonly fixed: string; readonly headerLine: number; readonly propre: string; readonly dups: string | null }, upTo?: number): string {
  const line = `CAST(rowid AS INTEGER) + ${a.headerLine + 1}`;
  const notDup = (l: string) => (a.dups ? ` AND ${l} NOT IN (SELECT line FROM ${a.dups})` : '');
  return `SELECT ${line} AS ${OUT} FROM ${a.read} WHERE ${a.propre}${notDup(line)}${upTo === undefined ? '' : ` AND rowid <= ${upTo - a.headerLine - 1}`}
    UNION ALL SELECT ${OUT} FROM ${a.fixed} WHERE ok${notDup('line')}${upTo === undefined ? '' : ` AND line <= ${upTo}`}`;
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

const PreviewRow = z.object({
  line: z.number(), territoire: z.string(), annee: z.number(), indicateur: z.string(),
  femmes: z.number().nullable(), hommes: z.number().nullable(), total: z.number().nullable(), part_femmes: z.number().nullable(),
  statut: z.enum(['secret', 'estimation', 'faible_fiabilite', 'rupture', 'provisoire']).nullable(), source: z.string().nullable(),
});

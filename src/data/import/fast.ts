import { z } from 'zod';
import type { Connector } from '../connector';
import { runQuery } from '../client';
import { quoteIdent, quoteLiteral, sqlQuery } from '../sql/quote';
import { CANONICAL_COLUMNS, canonicalColumns, mapCanonical, validationColumns, type CanonicalRow, type ImportCatalogue } from './canonical';
import { problem, type Problem } from './problems';
import type { ParsedRow } from './parse';
import type { ByteScan, FastHead } from './scan';
import { territoryMatcher } from './territory';
import { validateRows } from './validate';
import type { ImportResult } from './run';
import { ownCsvCell } from './commit';

/**
 * The fast import path for large canonical CSV files: DuckDB reads and types the file itself (registered by
 * handle, never copied through the page), and the validation is SQL that proves most rows clean. Only the rows
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
/** Rows left to JavaScript beyond which the full pipeline is as fast and simpler. */
export const MAX_DIRTY = 20000;
/** Problems kept in a report (counts stay exact), as in the import worker. */
export const MAX_PROBLEMS = 100000;
/** Widest header the fast path reads (a wider one is not a canonical file anyway). */
const MAX_COLUMNS = 64;

type Column = keyof typeof CANONICAL_COLUMNS;

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
  readonly sources: string[];
}

export type FastAnswer = FastOutcome | { readonly fallback: string };

const Counts = z.object({ n: z.number(), dirty: z.number(), unknown: z.number() });
const N = z.object({ n: z.number() });

/** A number cell: NULL when empty, -1 when SQL cannot prove it a plain non-negative number. */
function numberSql(cell: string, decimalComma: boolean): string {
  // With a decimal comma, a dot may group thousands (1.234 is 1234): JavaScript decides those.
  const plain = decimalComma ? `'\\d{1,15}(,\\d{1,15})?'` : `'\\d{1,15}(\\.\\d{1,15})?'`;
  return `CASE WHEN ${cell} IS NULL OR ${cell} = '' THEN NULL
    WHEN regexp_full_match(${cell}, ${plain}) THEN CAST(${decimalComma ? `replace(${cell}, ',', '.')` : cell} AS DOUBLE) ELSE -1 END`;
}

/** Characters JavaScript's trim() removes, and zero-width ones cleanText() removes. */
const JS_SPACE = '\\s\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
const ZERO_WIDTH = '\\x{200b}-\\x{200d}\\x{2060}\\x{feff}';

/** Drops the temporary tables of an analysis (after its commit, or when a newer analysis replaces it). */
export async function dropFastTables(conn: Connector, table: string): Promise<void> {
  await conn.exec(`DROP VIEW IF EXISTS ${quoteIdent(table)}; DROP TABLE IF EXISTS ${quoteIdent(`${table}_lu`)};
    DROP TABLE IF EXISTS ${quoteIdent(`${table}_corrige`)}; DROP TABLE IF EXISTS ${quoteIdent(`${table}_doublons`)};`);
}

/**
 * Runs the fast path on `file`, already registered in DuckDB. `dirty` runs `processDirty` (in a worker in the
 * browser). Leaves the accepted rows in the temporary view `table`.
 */
export async function runFastImport(
  conn: Connector,
  a: { file: string; table: string; head: FastHead; scan: ByteScan | Promise<ByteScan>; cat: ImportCatalogue },
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
  await dropFastTables(conn, table);

  // The table keeps the file's order (insertion order is preserved), so a row's line is its rowid + the header line + 1.
  const line = `CAST(rowid AS INTEGER) + ${head.headerLine + 1}`;
  const cellOf = (c: Column) => (idx[c] === undefined ? 'NULL::VARCHAR' : `c${idx[c]}`);
  const columns = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const matcher = territoryMatcher(cat.territories);
  // Codes written exactly as the catalogue spells them (the matcher maps each to itself); any other spelling
  // (9, DEP-31, a name) is left to JavaScript. Lists, not joins: a join would not keep the file's order.
  const codes = cat.territories.filter((t) => {
    const m = matcher(t.code);
    return 'code' in m && m.code === t.code;
  }).map((t) => quoteLiteral(t.code));
  const indicators = [...new Set(cat.indicators)].map(quoteLiteral);
  const cells = Array.from({ length: width }, (_, i) => `c${i}`).join(', ');
  const src = cellOf('source');
  const statut = cellOf('statut');
  const ind = cellOf('indicateur');
  const t0 = performance.now();
  try {
    // One pass: DuckDB reads the file (all text), numbers the rows, and computes each value and whether SQL can
    // prove the row clean (the same rules as mapCanonical + validateRows, on plain values only).
    await conn.exec(`
      CREATE TEMP TABLE ${read} AS
      WITH r AS (
        SELECT *
        FROM read_csv(${quoteLiteral(a.file)}, header = false, skip = ${head.headerLine}, auto_detect = false,
          delim = ${quoteLiteral(head.delimiter)}, quote = '"', escape = '"', columns = {${columns}},
          strict_mode = true, null_padding = false)
      ),
      v AS (
        SELECT r.*,
          CASE WHEN list_contains([${codes.join(', ')}]::VARCHAR[], ${cellOf('territoire')}) THEN ${cellOf('territoire')} END AS territoire,
          CASE WHEN list_contains([${indicators.join(', ')}]::VARCHAR[], ${ind}) THEN ${ind} END AS indicateur,
          CASE WHEN regexp_full_match(${cellOf('annee')}, '\\d{4}') THEN CAST(${cellOf('annee')} AS INTEGER) ELSE -1 END AS annee,
          ${numberSql(cellOf('femmes'), head.decimalComma)} AS femmes,
          ${numberSql(cellOf('hommes'), head.decimalComma)} AS hommes,
          ${numberSql(cellOf('total'), head.decimalComma)} AS total,
          ${numberSql(cellOf('part_femmes'), head.decimalComma)} AS part_femmes,
          nullif(${statut}, '') AS statut,
          nullif(${src}, '') AS source
        FROM r
      ),
      b AS (
        -- what mapCanonical checks cell by cell, the indicator apart
        SELECT v.*, coalesce(territoire IS NOT NULL AND annee BETWEEN 1990 AND 2100
          AND coalesce(femmes, 0) >= 0 AND coalesce(hommes, 0) >= 0 AND coalesce(total, 0) >= 0 AND coalesce(part_femmes, 0) BETWEEN 0 AND 100
          AND (statut IS NULL OR statut IN ('secret', 'estimation', 'faible_fiabilite', 'rupture', 'provisoire')), FALSE) AS cellules_ok
        FROM v
      ),
      p AS (SELECT * EXCLUDE (cellules_ok), coalesce(cellules_ok AND indicateur IS NOT NULL
        -- CASE, not OR: nfc_normalize runs only on non-ASCII sources (on every row it doubled the read's time)
        AND (source IS NULL OR (strlen(source) <= 500 AND CASE WHEN regexp_full_match(source, '[\\x20-\\x7e]*') THEN source = trim(source)
          ELSE nfc_normalize(source) = source AND NOT regexp_matches(source, '^[${JS_SPACE}]|[${JS_SPACE}]$|[${ZERO_WIDTH}]') END))
        AND NOT coalesce(part_femmes > 0 AND part_femmes < 1, FALSE) -- a share written as a fraction: a warning
        AND NOT coalesce(femmes > total, FALSE)
        AND NOT coalesce(abs(femmes + hommes - total) > greatest(1, total * 0.001), FALSE)
        AND (femmes IS NOT NULL AND (total IS NOT NULL OR hommes IS NOT NULL) OR part_femmes IS NOT NULL OR statut = 'secret'),
        FALSE) AS propre,
        -- the only problem of the row is an indicator the catalogue does not know (yet: the analyst may declare it)
        coalesce(cellules_ok AND indicateur IS NULL AND regexp_full_match(${ind}, '[a-z0-9_]{1,64}'), FALSE) AS inconnu
      FROM b)
      -- Stored: the values of clean rows, the file's text of the others (half the width to write for a clean file).
      SELECT propre, inconnu,
        ${['territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'statut', 'source'].map((c) => `CASE WHEN propre THEN ${c} END AS ${c}`).join(', ')},
        ${Array.from({ length: width }, (_, i) => `CASE WHEN NOT propre THEN c${i} END AS c${i}`).join(', ')}
      FROM p;`);
  } catch (e) {
    return { fallback: `DuckDB could not read the file: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}` };
  }
  performance.measure('import:lecture', { start: t0 });
  // The byte scan runs in the import worker while DuckDB reads: its verdict is checked now.
  const scan = await a.scan;
  if (scan.loneCr) return { fallback: 'carriage returns alone' };
  if (scan.quotedNewline) return { fallback: 'record over several lines' };
  if (scan.emptyLines) return { fallback: 'empty lines' };
  if (scan.invalidUtf8) return { fallback: 'not UTF-8' };
  if (scan.badChars) return { fallback: 'control characters or U+FFFD' };
  const [counts] = await runQuery(conn, sqlQuery(`SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(*) FILTER (WHERE NOT propre AND NOT inconnu) AS INTEGER) AS dirty, CAST(count(*) FILTER (WHERE inconnu) AS INTEGER) AS unknown FROM ${read}`), Counts);
  const n = counts?.n ?? 0;
  if (n !== scan.lines - head.headerLine) return { fallback: `rows read ${n}, lines ${scan.lines - head.headerLine}` };
  if ((counts?.dirty ?? 0) > MAX_DIRTY) return { fallback: 'many rows need the full pipeline' };

  const raw = await conn.query(sqlQuery(`SELECT ${line} AS line, ${cells} FROM ${read} WHERE NOT propre AND NOT inconnu ORDER BY line`));
  const dirtyRows: ParsedRow[] = raw.map((r) => ({ line: Number(r['line']), cells: Array.from({ length: width }, (_, i) => String(r[`c${i}`] ?? '')) }));
  const d = dirtyRows.length ? await dirty(dirtyRows) : { mapped: [], rowProblems: [], mapProblems: [], skipped: 0, needsFullPipeline: false };
  if (d.needsFullPipeline) return { fallback: 'blank or footnote rows' };

  // The rows JavaScript mapped, back into DuckDB (a few at most; text so that values keep their exact doubles).
  const okByLine = new Map<number, boolean>();
  d.mapped.forEach((r, i) => okByLine.set(r.line, (d.rowProblems[i] ?? []).length === 0));
  await conn.exec(`CREATE TEMP TABLE ${fixed} (line INTEGER, territoire VARCHAR, annee INTEGER, indicateur VARCHAR, femmes DOUBLE, hommes DOUBLE, total DOUBLE,
    part_femmes DOUBLE, statut VARCHAR, source VARCHAR, ok BOOLEAN);`);
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
  const keys = `SELECT ${line} AS line, territoire, annee, indicateur FROM ${read} WHERE propre UNION ALL SELECT line, territoire, annee, indicateur FROM ${fixed}`;
  await conn.exec(`CREATE TEMP TABLE ${dups} AS
    WITH c AS (SELECT *, hash(territoire, annee, indicateur) AS h FROM (${keys})),
    hk AS (SELECT h FROM c GROUP BY h HAVING count(*) > 1),
    cand AS (SELECT c.* FROM c SEMI JOIN hk ON c.h = hk.h),
    k AS (SELECT territoire, annee, indicateur FROM cand GROUP BY ALL HAVING count(*) > 1)
    SELECT * FROM (
      SELECT c.line, c.territoire, c.annee, c.indicateur, min(c.line) OVER (PARTITION BY c.territoire, c.annee, c.indicateur) AS premiere
      FROM cand c SEMI JOIN k ON c.territoire = k.territoire AND c.annee = k.annee AND c.indicateur = k.indicateur
    ) WHERE line > premiere;`);
  const [dupCount] = await runQuery(conn, sqlQuery(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${dups}`), N);
  const nDups = dupCount?.n ?? 0;
  const notDup = (l: string) => (nDups ? ` AND ${l} NOT IN (SELECT line FROM ${dups})` : '');
  const out = ['line', 'territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'statut', 'source'].join(', ');
  await conn.exec(`CREATE TEMP VIEW ${quoteIdent(table)} AS
    SELECT ${line} AS ${out} FROM ${read} WHERE propre${notDup(line)}
    UNION ALL SELECT ${out} FROM ${fixed} WHERE ok${notDup('line')};`);

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
    ? await runQuery(conn, sqlQuery(`SELECT ${line} AS line, ${ind} AS valeur FROM ${read} WHERE inconnu ORDER BY line LIMIT ${MAX_PROBLEMS}`), z.object({ line: z.number(), valeur: z.string() }))
    : [];
  const mapProblems = mergeByLine(d.mapProblems, unknownRows.map((r) => problem('indicateur_inconnu', { ligne: r.line, colonne: indColumn }, r.valeur)));
  const problems = [...mapProblems, ...checkProblems].slice(0, MAX_PROBLEMS);
  const rowErrors = d.rowProblems.reduce((s, ps) => s + ps.filter((p) => p.severity === 'erreur').length, 0);
  const mapErrors = d.mapProblems.filter((p) => p.severity === 'erreur').length + nUnknown;
  let errors = mapErrors + rowErrors + nDups;
  const warnings = d.mapProblems.filter((p) => p.severity !== 'erreur').length;

  const [accepted] = await runQuery(conn, sqlQuery(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${quoteIdent(table)}`), N);
  const rowCount = accepted?.n ?? 0;
  if (rowCount === 0 && errors === 0) {
    problems.push(problem('aucune_ligne', {}));
    errors++;
  }
  const preview = await runQuery(conn, sqlQuery(`SELECT ${out} FROM ${quoteIdent(table)} ORDER BY line LIMIT 50`), PreviewRow);
  const sources = await runQuery(conn, sqlQuery(`SELECT source FROM ${quoteIdent(table)} WHERE source IS NOT NULL GROUP BY source ORDER BY min(line) LIMIT 5`), z.object({ source: z.string() }));
  // Unknown indicator ids in the order the file first names them (as runImport lists them).
  const firstSeen = nUnknown
    ? await runQuery(conn, sqlQuery(`SELECT ${ind} AS v, min(${line}) AS line FROM ${read} WHERE inconnu GROUP BY 1`), z.object({ v: z.string(), line: z.number() }))
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
  return { result, rowCount, table, sources: sources.map((s) => s.source) };
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

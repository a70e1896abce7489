import { quoteLiteral } from '../quote';
import type { CANONICAL_COLUMNS } from '../../import/canonical';
import type { FastHead } from '../../import/scan';
import { MAX_COUNT } from '../../import/limits';
import { YEAR_MAX, YEAR_MIN, duckType, OBSERVATION_NAMES, PART_MAX, statusOkSql } from '../observation-schema';

/**
 * The SQL of the fast import path's one pass over the file (see src/data/import/fast.ts). Every check here is a cheap proof that
 * JavaScript (mapCanonical + validateRows) would read a cell to the same value and find nothing to say; a cell
 * SQL cannot prove so leaves its row to JavaScript. Regular expressions and Unicode normalisation run only on the
 * cells the cheap checks leave undecided (on every cell they took most of the read's time).
 */

type Column = keyof typeof CANONICAL_COLUMNS;

/** Characters JavaScript's trim() removes, and zero-width ones cleanText() removes. */
const JS_SPACE = '\\s\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
const ZERO_WIDTH = '\\x{200b}-\\x{200d}\\x{2060}\\x{feff}';

/** The file read as text cells `c0`…, rows in the file's order (one record per line: the byte scan checks it). */
export function readCsvSql(file: string, head: Pick<FastHead, 'headerLine' | 'delimiter'>, width: number): string {
  const columns = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv(${quoteLiteral(file)}, header = false, skip = ${head.headerLine}, auto_detect = false,
    delim = ${quoteLiteral(head.delimiter)}, quote = '"', escape = '"', columns = {${columns}}, strict_mode = true, null_padding = false)`;
}

/**
 * A number cell: NULL when empty, -1 when SQL cannot prove it a plain non-negative number read as JavaScript reads it.
 * First the cheap proofs: the cell is exactly how DuckDB writes the integer (or, without a decimal comma, the
 * double) it casts to, so no sign, space, exponent, separator or leading zero can hide in it; JavaScript reads
 * such text to the same double (both round correctly). `-0`, `inf` and `nan` are refused (JavaScript refuses or
 * reads them otherwise). Then the former rule, a regular expression, only for cells the proofs leave undecided.
 */
export function numberSql(cell: string, decimalComma: boolean, asBigint = `TRY_CAST(${cell} AS BIGINT)`): string {
  // With a decimal comma, a dot may group thousands (1.234 is 1234): JavaScript decides those.
  const plain = decimalComma ? `'\\d{1,15}(,\\d{1,15})?'` : `'\\d{1,15}(\\.\\d{1,15})?'`;
  const text = decimalComma ? `replace(${cell}, ',', '.')` : cell;
  const asDouble = decimalComma
    ? `NOT contains(${cell}, '.') AND ${text} = CAST(TRY_CAST(${text} AS DOUBLE) AS VARCHAR)`
    : `${cell} = CAST(TRY_CAST(${cell} AS DOUBLE) AS VARCHAR)`;
  return `CASE WHEN ${cell} IS NULL OR ${cell} = '' THEN NULL
    WHEN strlen(${cell}) <= 15 AND ${cell} = CAST(${asBigint} AS VARCHAR) THEN CAST(${asBigint} AS DOUBLE)
    WHEN strlen(${cell}) <= 31 AND NOT starts_with(${cell}, '-') AND ${asDouble} AND isfinite(CAST(${text} AS DOUBLE)) THEN CAST(${text} AS DOUBLE)
    WHEN regexp_full_match(${cell}, ${plain}) THEN CAST(${text} AS DOUBLE) ELSE -1 END`;
}

/** A year cell: its value when it is written exactly as the integer it is (`2024`), else -1. */
export function yearSql(cell: string): string {
  return `coalesce(CASE WHEN ${cell} = CAST(TRY_CAST(${cell} AS INTEGER) AS VARCHAR) THEN CAST(${cell} AS INTEGER) END, -1)`;
}

/**
 * A source cell JavaScript keeps as it is (cleanText changes nothing, 500 characters at most). ASCII text needs no
 * normalisation and only spaces and tabs at its ends would be trimmed (the byte scan refuses other control
 * characters); other text is checked as before (NFC, no space or zero-width character to remove).
 */
function sourceOk(source: string): string {
  return `(${source} IS NULL OR (strlen(${source}) <= 500 AND CASE WHEN strlen(${source}) = length(${source})
      THEN NOT (starts_with(${source}, ' ') OR ends_with(${source}, ' ') OR starts_with(${source}, '\t') OR ends_with(${source}, '\t'))
    ELSE nfc_normalize(${source}) = ${source} AND NOT regexp_matches(${source}, '^[${JS_SPACE}]|[${JS_SPACE}]$|[${ZERO_WIDTH}]') END))`;
}

/**
 * The one pass: DuckDB reads the file and stores, for each row in the file's order, its values and two flags.
 * `cellules_ok`: every cell mapCanonical checks reads plainly, counts within MAX_COUNT (territory and indicator apart: their text is
 * stored and checked by distinct value, see `textChecks`). `propre0`: that, and no rule of validateRows and no
 * warning applies. Values of rows that are not clean are never used (JavaScript maps those rows again).
 */
export function readStatement(table: string, file: string, head: FastHead, idx: Partial<Record<Column, number>>, width: number): string {
  const cellOf = (c: Column) => (idx[c] === undefined ? 'NULL::VARCHAR' : `c${idx[c]}`);
  const numbers = ['femmes', 'hommes', 'total', 'part_femmes'] as const;
  // Each number cell cast once to an integer, below the CASE that uses it twice (25 % of the numbers' time).
  const num = (c: Column) => numberSql(cellOf(c), head.decimalComma, `i_${c}`);
  const casts = numbers.map((c) => `TRY_CAST(${cellOf(c)} AS BIGINT) AS i_${c}`).join(', ');
  return `CREATE TEMP TABLE ${table} AS
    WITH v AS (
      SELECT ${cellOf('territoire')} AS territoire, ${yearSql(cellOf('annee'))} AS annee, ${cellOf('indicateur')} AS indicateur,
        ${num('femmes')} AS femmes, ${num('hommes')} AS hommes, ${num('total')} AS total, ${num('part_femmes')} AS part_femmes,
        nullif(${cellOf('statut')}, '') AS statut, nullif(${cellOf('source')}, '') AS source
      FROM (SELECT *, ${casts} FROM ${readCsvSql(file, head, width)})
    ),
    b AS (
      SELECT v.*, coalesce(territoire IS NOT NULL AND annee BETWEEN ${YEAR_MIN} AND ${YEAR_MAX}
        AND coalesce(femmes, 0) BETWEEN 0 AND ${MAX_COUNT} AND coalesce(hommes, 0) BETWEEN 0 AND ${MAX_COUNT} AND coalesce(total, 0) BETWEEN 0 AND ${MAX_COUNT}
        AND coalesce(part_femmes, 0) BETWEEN 0 AND ${PART_MAX}
        AND ${statusOkSql()}, FALSE) AS cellules_ok
      FROM v
    )
    SELECT *, coalesce(cellules_ok AND indicateur IS NOT NULL AND ${sourceOk('source')}
      AND NOT coalesce(part_femmes > 0 AND part_femmes < 1, FALSE) -- a share written as a fraction: a warning
      AND NOT coalesce(femmes > total, FALSE)
      AND NOT coalesce(abs(femmes + hommes - total) > greatest(1, total * 0.001), FALSE)
      AND (femmes IS NOT NULL AND (total IS NOT NULL OR hommes IS NOT NULL) OR part_femmes IS NOT NULL OR statut = 'secret'), FALSE) AS propre0
    FROM b;`;
}

/**
 * The typed read: DuckDB reads and types the file itself, exactly as the benchmark's floor does, and stores nothing
 * else. Whether each row is clean is proven from the bytes by the import worker at the same time (row-check.ts);
 * a cell DuckDB cannot cast makes this statement fail, and the text read (`readStatement`) runs instead.
 */
export function readTypedStatement(table: string, file: string, head: FastHead, idx: Partial<Record<Column, number>>, width: number): string {
  const typeOf = new Map(Object.entries(idx).map(([c, i]) => [i, duckType(c as Column)]));
  const columns = Array.from({ length: width }, (_, i) => `'c${i}': '${typeOf.get(i) ?? 'VARCHAR'}'`).join(', ');
  const select = OBSERVATION_NAMES.map((c) => `${idx[c] === undefined ? `NULL::${duckType(c)}` : `c${idx[c]}`} AS ${c}`).join(', ');
  return `CREATE TEMP TABLE ${table} AS SELECT ${select}
    FROM read_csv(${quoteLiteral(file)}, header = false, skip = ${head.headerLine}, auto_detect = false, delim = ${quoteLiteral(head.delimiter)},
      quote = '"', escape = '"', columns = {${columns}}, strict_mode = true, null_padding = false${head.decimalComma ? `, decimal_separator = ','` : ''});`;
}

/** Distinct territory or indicator texts beyond which the lists below would cost more than the full pipeline. */
export const MAX_DISTINCT = 2000;

/** What the distinct territory and indicator texts of a file say, as SQL conditions on its read table. */
export interface TextChecks {
  /** The row is clean (given `propre0`). */
  readonly clean: string;
  /** The row's only problem is an indicator id the catalogue does not know (the analyst may declare it). */
  readonly unknownOnly: string;
}

const list = (values: readonly string[]) => `[${values.map(quoteLiteral).join(', ')}]::VARCHAR[]`;

/**
 * Sorts each distinct territory and indicator text of the file: a territory is clean when it is a code as the
 * catalogue spells it (any other spelling, 9, DEP-31, a name, is left to JavaScript), an indicator when the
 * catalogue has it; an unknown indicator written as an id is the `unknownOnly` case.
 */
export function textChecks(
  territories: readonly (string | null)[], indicators: readonly (string | null)[], codes: ReadonlySet<string>, known: ReadonlySet<string>,
  flags: { readonly clean0: string; readonly cellsOk: string } = { clean0: 'propre0', cellsOk: 'cellules_ok' },
): TextChecks {
  const badT = territories.filter((t): t is string => t !== null && !codes.has(t));
  const unknownIds = indicators.filter((i): i is string => i !== null && !known.has(i) && /^[a-z0-9_]{1,64}$/.test(i));
  const badI = indicators.filter((i): i is string => i !== null && !known.has(i));
  const tOk = badT.length ? `NOT list_contains(${list(badT)}, territoire)` : 'TRUE';
  return {
    clean: `(${flags.clean0} AND ${tOk}${badI.length ? ` AND NOT list_contains(${list(badI)}, indicateur)` : ''})`,
    unknownOnly: unknownIds.length ? `(${flags.cellsOk} AND ${tOk} AND list_contains(${list(unknownIds)}, indicateur))` : 'FALSE',
  };
}

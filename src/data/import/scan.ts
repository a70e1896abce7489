import { canonicalColumns } from './canonical';
import { decode } from './decode';
import { checkMagic, checkSize } from './guard';
import { parseText, type Delimiter } from './parse';

/**
 * What the fast import path needs to know about a file before DuckDB reads it, from one pass over its bytes.
 * The fast path maps DuckDB's row n to line `headerLine + n`; that holds only when no record spans two lines
 * and no line is empty, which is what this scan checks.
 */
export interface ByteScan {
  /** Lines in the file (a last line without a newline counts). */
  readonly lines: number;
  /** A line with nothing on it (DuckDB and papaparse count those differently). */
  readonly emptyLines: number;
  /** A carriage return not followed by a line feed (old Mac line ends). */
  readonly loneCr: boolean;
  /** A line feed inside quotes (a record over several lines), or a quote still open at the end. */
  readonly quotedNewline: boolean;
  /** Bytes ≥ 0x80 (then the text must still be valid UTF-8). */
  readonly nonAscii: boolean;
  /**
   * Characters a damaged decoding leaves (control characters but tab and line breaks, U+0080 to U+009F, U+FFFD):
   * the full pipeline names each such cell.
   */
  readonly badChars: boolean;
  /** Set by the import worker when non-ASCII bytes do not decode as UTF-8. */
  readonly invalidUtf8?: boolean;
  /** Set by the import worker: whether the data lines' raw keys are pairwise distinct (see `keysDistinct`). */
  readonly keysDistinct?: boolean | null;
}

/** One pass over the bytes, quote-aware (`"` toggles, so `""` inside quotes is neutral). */
export function scanBytes(bytes: Uint8Array): ByteScan {
  let lines = 0;
  let emptyLines = 0;
  let loneCr = false;
  let quotedNewline = false;
  let nonAscii = false;
  let badChars = false;
  let inQuote = false;
  let lineLength = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 10) {
      if (inQuote) quotedNewline = true;
      if (lineLength === 0) emptyLines++;
      lines++;
      lineLength = 0;
    } else if (b === 13) {
      if (bytes[i + 1] !== 10) loneCr = true;
    } else {
      if (b === 34) inQuote = !inQuote;
      else if (b >= 0x80) {
        nonAscii = true;
        const c = bytes[i + 1] ?? 0;
        if ((b === 0xc2 && c >= 0x80 && c <= 0x9f) || (b === 0xef && c === 0xbf && bytes[i + 2] === 0xbd)) badChars = true;
      } else if ((b < 0x20 && b !== 9) || b === 0x7f) badChars = true;
      lineLength++;
    }
  }
  if (lineLength > 0) lines++;
  if (inQuote) quotedNewline = true;
  return { lines, emptyLines, loneCr, quotedNewline, nonAscii, badChars };
}

/** What the first part of a file says, when it is a canonical CSV the fast path can take. */
export interface FastHead {
  readonly delimiter: Delimiter;
  readonly header: string[];
  readonly headerLine: number;
  readonly titleRows: number;
  readonly decimalComma: boolean;
  readonly bom: boolean;
  /** The first rows, as the full parse would give them (preview). */
  readonly sample: string[][];
}

/** Rows the slow path looks at to decide on a decimal comma: the head must hold them all. */
const DECIMAL_ROWS = 2000;

/**
 * Reads the head of a file (its first bytes, cut at a line end) the way `runImport` reads a whole file, and
 * returns what the fast path needs, or the reason it cannot take the file (the full pipeline then runs).
 */
export function analyseHead(head: Uint8Array, totalSize: number): FastHead | { reason: string } {
  if (checkSize(totalSize) ?? checkMagic(head.subarray(0, 8192))) return { reason: 'guard' };
  const whole = head.length >= totalSize;
  let end = head.length;
  if (!whole) {
    end = head.lastIndexOf(10) + 1;
    if (end <= 0) return { reason: 'no line end in head' };
  }
  const bytes = head.subarray(0, end);
  const dec = decode(bytes);
  if (dec.encoding !== 'utf-8') return { reason: `encoding ${dec.encoding}` };
  if (/^[^\t\r\n]*\\\s*(time_period|time)\s*\t/i.test(dec.text)) return { reason: 'eurostat' };
  const parsed = parseText(dec.text);
  if (parsed.problems.length) return { reason: 'problems in head' };
  if (!canonicalColumns(parsed.header)) return { reason: 'not canonical' };
  if (!whole && parsed.rows.length < DECIMAL_ROWS) return { reason: 'head too short' };
  if (parsed.blankRows || parsed.footnoteRows) return { reason: 'blank or footnote rows' };
  return {
    delimiter: parsed.delimiter,
    header: parsed.header,
    headerLine: parsed.headerLine,
    titleRows: parsed.titleRows,
    decimalComma: parsed.decimalComma,
    bom: dec.bom,
    sample: parsed.rows.slice(0, 8).map((r) => r.cells.map((c) => c.slice(0, 200))),
  };
}

/** Data lines beyond which `keysDistinct` does not try (its table would take more than 32 MB). */
const MAX_KEY_LINES = 1 << 23;

/**
 * Whether the key cells (territory, year, indicator: `cols`) of the data lines are pairwise distinct as raw text,
 * from the bytes, in the import worker while DuckDB reads the file. `null` when it cannot say: a quote anywhere
 * (a quoted cell's text is not its bytes), or too many lines. A false `true` is impossible: two equal keys hash
 * equal; a hash collision only answers `false` (the full duplicate check then runs). DuckDB keeps unquoted cells
 * byte for byte (no trimming), and a clean row's values are its texts (fast-sql.ts), so distinct raw keys mean no
 * duplicate among clean rows.
 */
export function keysDistinct(bytes: Uint8Array, delimiter: string, skipLines: number, cols: readonly number[], lines: number): boolean | null {
  if (lines > MAX_KEY_LINES || bytes.includes(34)) return null;
  const delim = delimiter.charCodeAt(0);
  let size = 1024;
  while (size < lines * 2) size *= 2;
  const table = new Uint32Array(size);
  const keyCol = new Uint8Array(Math.max(...cols) + 2);
  for (const c of cols) keyCol[c] = 1;
  let line = 0;
  let field = 0;
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  const n = bytes.length;
  for (let i = 0; i <= n; i++) {
    const b = i < n ? (bytes[i] as number) : 10;
    if (b === 10) {
      if (line >= skipLines && (i < n || field > 0 || (bytes[n - 1] ?? 10) !== 10)) {
        const stored = (h1 | 1) >>> 0;
        let slot = (h2 >>> 0) & (size - 1);
        while (table[slot] !== 0) {
          if (table[slot] === stored) return false;
          slot = (slot + 1) & (size - 1);
        }
        table[slot] = stored;
      }
      line++;
      field = 0;
      h1 = 0x811c9dc5;
      h2 = 0x9747b28c;
    } else if (b === 13) {
      // part of a CRLF line end (a lone CR sends the file to the full pipeline)
    } else if (b === delim) {
      field++;
      if (keyCol[field]) {
        h1 = Math.imul(h1 ^ (256 + field), 16777619);
        h2 = Math.imul(h2 ^ (256 + field), 0x5bd1e995);
      }
    } else if (keyCol[field]) {
      h1 = Math.imul(h1 ^ b, 16777619);
      h2 = Math.imul(h2 ^ b, 0x5bd1e995);
    }
  }
  return true;
}

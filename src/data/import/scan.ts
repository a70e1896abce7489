import { canonicalColumns } from './canonical';
import { decode } from './decode';
import { checkMagic, checkSize } from './guard';
import { parseText, type Delimiter } from './parse';
import { checkRows, type ByteScan } from './row-check';

/** The byte scan's facts: declared beside the line check that completes them (row-check.ts), which this file uses. */
export type { ByteScan } from './row-check';

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
  /**
   * Whether DuckDB should read the file with types (fast.ts): the head has no cell the row check cannot read (`n/a`,
   * `1 234`, a cell that is not plain: see row-check.ts), which would make DuckDB's typed read fail or leave many rows
   * to JavaScript.
   */
  readonly typed: boolean;
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
  const idx = canonicalColumns(parsed.header) ?? {};
  const marks = checkRows(bytes, { delimiter: parsed.delimiter, skipLines: parsed.headerLine, width: parsed.header.length, idx, decimalComma: parsed.decimalComma });
  return {
    delimiter: parsed.delimiter,
    header: parsed.header,
    headerLine: parsed.headerLine,
    titleRows: parsed.titleRows,
    decimalComma: parsed.decimalComma,
    bom: dec.bom,
    sample: parsed.rows.slice(0, 8).map((r) => r.cells.map((c) => c.slice(0, 200))),
    typed: marks !== null && marks.cellsOk.every((ok) => ok === 1),
  };
}

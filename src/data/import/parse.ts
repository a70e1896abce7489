import Papa from 'papaparse';
import { problem, type Problem } from './problems';
import { foldKey, parseNumber, writesDecimalComma } from './numbers';

export type Delimiter = ',' | ';' | '\t';

export interface ParsedRow {
  /** Line of the file where the row starts (1-based). */
  readonly line: number;
  readonly cells: string[];
}

export interface Parsed {
  readonly delimiter: Delimiter;
  readonly header: string[];
  readonly headerLine: number;
  readonly rows: ParsedRow[];
  /** Rows above the header (titles), skipped. */
  readonly titleRows: number;
  /** Blank rows, ignored. */
  readonly blankRows: number;
  /** Notes below the data (a single filled cell after the last data row), ignored. */
  readonly footnoteRows: number;
  /** True when numbers use a decimal comma. */
  readonly decimalComma: boolean;
  readonly problems: Problem[];
}

const CANDIDATES: Delimiter[] = [';', '\t', ','];

/**
 * Picks the delimiter whose count per line is the most consistent over the first lines of the first megabyte.
 * Quoted cells are taken out first, across line breaks: a quoted source such as "a; b;⏎c; d" holds neither
 * delimiters nor lines.
 */
export function sniffDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 1 << 20).replace(/"(?:[^"]|"")*"/g, '""');
  const lines = sample.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 40);
  let best: { d: Delimiter; score: number; count: number } = { d: ',', score: -1, count: 0 };
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    for (const [count, n] of freq) {
      if (n > best.score || (n === best.score && count > best.count)) best = { d, score: n, count };
    }
  }
  return best.d;
}

const nonEmpty = (cells: string[]) => cells.filter((c) => c.trim() !== '').length;
const isNumeric = (c: string) => parseNumber(c).kind === 'ok';
/** Cells this long past their last filled one: trailing delimiters (`;;;;`) give empty cells. */
const filledWidth = (cells: string[]) => {
  let w = cells.length;
  while (w > 0 && (cells[w - 1] ?? '').trim() === '') w--;
  return w;
};

/** What a damaged decoding leaves: U+FFFD, NUL and other control characters (tab and line breaks are fine). */
// eslint-disable-next-line no-control-regex
const BAD_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;

/**
 * A file mixing CRLF, LF and CR line ends (pieces pasted together) gets LF everywhere outside quotes: papaparse
 * reads one kind of line end per file. A file with one kind is left as it is (quoted line breaks included).
 */
export function unifyLineEnds(text: string): string {
  if (!text.includes('\r')) return text;
  const ends = /("(?:[^"]|"")*")|\r\n|\r|\n/g;
  const kinds = new Set<string>();
  for (const m of text.matchAll(ends)) {
    if (m[1] === undefined) kinds.add(m[0]);
    if (kinds.size > 1) return text.replace(ends, (_m: string, quoted: string | undefined) => quoted ?? '\n');
  }
  return text;
}

/**
 * Parses CSV text with papaparse: sniffs the delimiter, finds the header under any title rows, drops blank rows
 * and footnotes, and reports rows with the wrong number of fields and unclosed quotes, by line.
 */
export function parseText(input: string, opts: { delimiter?: Delimiter; headerLine?: number } = {}): Parsed {
  const text = unifyLineEnds(input);
  const delimiter = opts.delimiter ?? sniffDelimiter(text);
  const problems: Problem[] = [];
  const raw: ParsedRow[] = [];
  /** Unclosed quotes: the line, and the field where the quote opened (the last one papaparse gives). */
  const unclosed: { line: number; field: number }[] = [];
  let line = 1;
  let cursor = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (res) => {
      const end = res.meta.cursor;
      const cells = res.data;
      raw.push({ line, cells });
      if (res.errors.some((e) => e.code === 'MissingQuotes')) unclosed.push({ line, field: cells.length - 1 });
      for (let i = cursor; i < end; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) line++;
      }
      cursor = end;
    },
  });
  // A final newline yields one empty row; it is not a blank row of the file.
  if (raw.length && raw[raw.length - 1]?.cells.every((c) => c === '') && /(\r\n|\n|\r)$/.test(text)) raw.pop();

  const h = headerIndex(raw, opts.headerLine);
  const headerRow = raw[h];
  if (!headerRow) {
    const empty = raw.every((r) => nonEmpty(r.cells) === 0);
    const quotes = unclosed.map((u) => problem('guillemet_non_ferme', { ligne: u.line }));
    return { delimiter, header: [], headerLine: 0, rows: [], titleRows: 0, blankRows: 0, footnoteRows: 0, decimalComma: false, problems: [...quotes, problem(empty ? 'fichier_vide' : 'entete_absente', {})] };
  }
  // Trailing delimiters (`;;;;`) give empty headers over empty columns: drop them.
  const header = headerRow.cells.map((c) => c.trim());
  const body = raw.slice(h + 1);
  const bodyWidth = body.reduce((w, r) => Math.max(w, filledWidth(r.cells)), 0);
  while (header.length > Math.max(1, bodyWidth) && header[header.length - 1] === '') header.pop();
  const colName = (i: number) => (header[i] ? header[i] : `#${i + 1}`);
  for (const u of unclosed) problems.push(problem('guillemet_non_ferme', { ligne: u.line, colonne: colName(u.field) }));
  // Headers are matched with case, accents and spaces ignored, so `Année` and `annee` are the same column.
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') problems.push(problem('entete_vide', { ligne: headerRow.line, colonne: `#${i + 1}` }));
    else if (seen.has(foldKey(name))) problems.push(problem('entete_dupliquee', { ligne: headerRow.line, colonne: name }, name));
    seen.add(foldKey(name));
  });

  let lastData = -1;
  body.forEach((r, i) => {
    if (nonEmpty(r.cells) >= 2) lastData = i;
  });
  const rows: ParsedRow[] = [];
  let blankRows = 0;
  let footnoteRows = 0;
  body.forEach((r, i) => {
    const n = nonEmpty(r.cells);
    if (n === 0) return void blankRows++;
    if (i > lastData) return void footnoteRows++;
    const cells = r.cells.slice();
    while (cells.length > header.length && (cells[cells.length - 1] ?? '').trim() === '') cells.pop();
    if (cells.length !== header.length && header.length > 1) {
      problems.push(problem('nombre_champs', { ligne: r.line }, String(cells.length), String(header.length)));
      return;
    }
    rows.push({ line: r.line, cells });
  });
  if (BAD_CHARS.test(text)) problems.push(...badCharacters(headerRow, header, rows));
  // A scan, not a regex: the check runs on every cell of the first rows, whatever their length.
  const decimalComma = delimiter !== ',' && rows.slice(0, 2000).some((r) => r.cells.some(writesDecimalComma));
  return { delimiter, header, headerLine: headerRow.line, rows, titleRows: h, blankRows, footnoteRows, decimalComma, problems };
}

/**
 * The index of the header row: the analyst's line, else the first row with at least half the usual number of filled
 * cells (and two), mostly text.
 */
function headerIndex(raw: readonly ParsedRow[], headerLine: number | undefined): number {
  const h = headerLine !== undefined ? raw.findIndex((r) => r.line === headerLine) : -1;
  if (h >= 0) return h;
  // Row widths, not counting columns that are empty everywhere (trailing `;;;;` on every line, however many).
  const used = raw.reduce((w, r) => Math.max(w, filledWidth(r.cells)), 0);
  const widths = new Map<number, number>();
  for (const r of raw) {
    const w = Math.min(r.cells.length, used);
    if (nonEmpty(r.cells) >= 2) widths.set(w, (widths.get(w) ?? 0) + 1);
  }
  const modal = [...widths.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
  return raw.findIndex((r) => {
    const n = nonEmpty(r.cells);
    const texts = r.cells.filter((c) => c.trim() !== '' && !isNumeric(c)).length;
    return n >= Math.max(2, Math.ceil(modal * 0.5)) && texts >= Math.ceil(n / 2);
  });
}

/** One problem per cell holding what a damaged decoding leaves (U+FFFD, control characters), by line and column. */
function badCharacters(headerRow: ParsedRow, header: string[], rows: ParsedRow[]): Problem[] {
  const out: Problem[] = [];
  for (const r of [headerRow, ...rows]) {
    r.cells.forEach((c, i) => {
      if (BAD_CHARS.test(c)) out.push(problem('encodage_invalide', { ligne: r.line, colonne: header[i] || `#${i + 1}` }, c));
    });
  }
  return out;
}

import Papa from 'papaparse';
import { problem, type Problem } from './problems';
import { parseNumber } from './numbers';

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

/** Picks the delimiter whose count per line is the most consistent over the first lines (quotes ignored). */
export function sniffDelimiter(text: string): Delimiter {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 40);
  let best: { d: Delimiter; score: number; count: number } = { d: ',', score: -1, count: 0 };
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => l.replace(/"[^"]*"/g, '').split(d).length - 1);
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

/**
 * Parses CSV text with papaparse: sniffs the delimiter, finds the header under any title rows, drops blank rows
 * and footnotes, and reports rows with the wrong number of fields and unclosed quotes, by line.
 */
export function parseText(text: string, opts: { delimiter?: Delimiter; headerLine?: number } = {}): Parsed {
  const delimiter = opts.delimiter ?? sniffDelimiter(text);
  const problems: Problem[] = [];
  const raw: ParsedRow[] = [];
  let line = 1;
  let cursor = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (res) => {
      const end = res.meta.cursor;
      const cells = res.data;
      raw.push({ line, cells });
      for (const e of res.errors) {
        if (e.code === 'MissingQuotes') problems.push(problem('guillemet_non_ferme', { ligne: line }));
      }
      for (let i = cursor; i < end; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) line++;
      }
      cursor = end;
    },
  });
  // A final newline yields one empty row; it is not a blank row of the file.
  if (raw.length && raw[raw.length - 1]?.cells.every((c) => c === '') && /(\r\n|\n|\r)$/.test(text)) raw.pop();

  const widths = new Map<number, number>();
  for (const r of raw) if (nonEmpty(r.cells) >= 2) widths.set(r.cells.length, (widths.get(r.cells.length) ?? 0) + 1);
  const modal = [...widths.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;

  let h = opts.headerLine !== undefined ? raw.findIndex((r) => r.line === opts.headerLine) : -1;
  if (h < 0) {
    h = raw.findIndex((r) => {
      const n = nonEmpty(r.cells);
      const texts = r.cells.filter((c) => c.trim() !== '' && !isNumeric(c)).length;
      return n >= Math.max(2, Math.ceil(modal * 0.5)) && texts >= Math.ceil(n / 2);
    });
  }
  const headerRow = raw[h];
  if (!headerRow) {
    return { delimiter, header: [], headerLine: 0, rows: [], titleRows: 0, blankRows: 0, footnoteRows: 0, decimalComma: false, problems: [...problems, problem(raw.length ? 'entete_absente' : 'fichier_vide', {})] };
  }
  // Trailing delimiters (`;;;;`) give empty headers over empty columns: drop them.
  let header = headerRow.cells.map((c) => c.trim());
  const body = raw.slice(h + 1);
  while (header.length > 1 && header[header.length - 1] === '' && body.every((r) => (r.cells[header.length - 1] ?? '').trim() === '')) header = header.slice(0, -1);
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') problems.push(problem('entete_vide', { ligne: headerRow.line, colonne: `#${i + 1}` }));
    else if (seen.has(name)) problems.push(problem('entete_dupliquee', { ligne: headerRow.line, colonne: name }, name));
    seen.add(name);
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
  const decimalComma = delimiter !== ',' && rows.slice(0, 2000).some((r) => r.cells.some((c) => /^\s*-?[\d\s\u00a0\u202f.]*\d,\d+\s*%?\s*$/.test(c)));
  return { delimiter, header, headerLine: headerRow.line, rows, titleRows: h, blankRows, footnoteRows, decimalComma, problems };
}

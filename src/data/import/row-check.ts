import Papa from 'papaparse';
import type { CANONICAL_COLUMNS } from './canonical';
import { MAX_COUNT } from './limits';
import { YEAR_MAX, YEAR_MIN, PART_MAX, STATUSES as STATUT_NAMES } from '../sql/observation-schema';

/**
 * The fast path's proof that a row is clean, made from the file's bytes in the import worker while DuckDB reads
 * the same file with types (fast.ts). A row is proven clean when JavaScript (mapCanonical + validateRows) would read
 * every cell to the value DuckDB's typed read gives and find nothing to say: the conditions are those of
 * `readStatement` (fast-sql.ts), on the text itself. Territory and indicator codes are checked by SQL, once per
 * distinct text (textChecks). The proof is allowed to be too strict, never too lax: a row it cannot prove goes to
 * JavaScript, which decides (tests/sql/fast-import.test.ts compares both paths on tricky files, and
 * tests/sql/fast-import-diff.test.ts on thousands of generated mutations).
 *
 * Plain cells. The two paths read a cell's text with two CSV readers (DuckDB's, papaparse's), which agree only on
 * plain cells, so everything the fast path takes from DuckDB's reading is restricted to rows whose cells are all plain:
 * - an unquoted cell is plain when it holds no quote and no U+FEFF (DuckDB drops one U+FEFF at a cell's start, papaparse
 *   none); its territory, year and indicator cells are ASCII besides;
 * - a quoted cell is plain when its quote opens the field, its closing quote is followed at once by the delimiter or
 *   the line end, and what it encloses is not empty and holds no quote (`""`) and no U+FEFF; its text is then what it
 *   encloses, for both readers.
 * A row with a cell that is not plain is never proven clean, and its cells' text is papaparse's reading of its line
 * (`RowMarks.parsed`), exactly as the full pipeline reads it; the text of every other row the fast path hands to
 * JavaScript is DuckDB's, equal to the bytes. A quote the line-by-line reading cannot follow (a quoted field that does
 * not end where it should, or goes on past its line) makes the whole pass give up (`null`): papaparse's records might
 * then span lines, and the full pipeline reads the file. Either way both paths then normalise each text with the one
 * `cleanText` (numbers.ts) and compare keys after it.
 */

type Column = keyof typeof CANONICAL_COLUMNS;

export interface RowCheckOptions {
  readonly delimiter: string;
  /** Lines before the first data line (title rows and the header). */
  readonly skipLines: number;
  /** Fields per line (the header's). */
  readonly width: number;
  readonly idx: Partial<Record<Column, number>>;
  readonly decimalComma: boolean;
}

/** The rows not proven clean, by data row (DuckDB's rowid), each with whether its cells read plainly. */
export interface RowMarks {
  readonly rows: number[];
  /** `cellules_ok` of fast-sql.ts for each marked row: 1 when only the indicator, the source or a row rule is in question. */
  readonly cellsOk: number[];
  /** The rows with a cell that is not plain (all marked, `cellsOk` 0), as the full pipeline's parser reads their line. */
  readonly parsed: { readonly row: number; readonly cells: string[] }[];
}

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
  /** Set by the import worker: whether the data lines' raw keys are pairwise distinct (see below). */
  readonly keysDistinct?: boolean | null;
  /** Set by the import worker: the rows not proven clean from the bytes (see below), or null. */
  readonly marks?: RowMarks | null;
  /** Set by the import worker: the distinct territory and indicator texts, the first sources (see below). */
  readonly texts?: RowCheck['texts'];
  /** Set by the import worker: a data line with another number of fields than the header (see below). */
  readonly badWidth?: boolean;
}

/** Rows not proven clean beyond which the answer is `null` (the SQL proofs then run instead). */
export const MAX_MARKED = 20000;

const STATUSES = STATUT_NAMES.map((s) => new TextEncoder().encode(s));
const SECRET = STATUT_NAMES.indexOf('secret');
/** Zero-width characters cleanText removes (U+FEFF is never in a plain cell: see above). */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/;
/** A number cell: empty, not plain, or its value. */
const EMPTY = -1;
const INVALID = -2;

/** Data lines beyond which the raw key check does not try (its table would take more than 32 MB). */
const MAX_KEY_LINES = 1 << 23;

/** What one pass over the data lines says (in the import worker, while DuckDB reads the file). */
export interface RowCheck {
  /** The rows not proven clean, or `null` when this proof cannot be made: more than MAX_MARKED rows to mark. */
  readonly marks: RowMarks | null;
  /**
   * Whether the key cells (territory, year, indicator) of the data lines are pairwise distinct as text (a quoted
   * cell's text is what its quotes enclose); `null` when it cannot say (too many lines). A false `true` is
   * impossible: two equal keys hash equal; a hash collision only answers `false` (the full duplicate check then
   * runs). A clean row's cells are plain (DuckDB's text is the bytes) and its key cells are the catalogue's own
   * spelling (normalised: cleanText changes nothing in them), so distinct key texts mean no duplicate among clean rows.
   */
  readonly keysDistinct: boolean | null;
  /** A data line whose number of fields is not the header's (read as papaparse reads it): the full pipeline decides. */
  readonly badWidth: boolean;
  /**
   * The distinct non-empty texts of the territory and indicator cells (what DuckDB's `SELECT DISTINCT` would give,
   * NULL apart), and the first five distinct sources in line order; `null` beyond MAX_DISTINCT_TEXTS.
   */
  readonly texts: { readonly territories: string[]; readonly indicators: string[]; readonly sources: string[] } | null;
}

/** Distinct territory or indicator texts beyond which `texts` is not given (fast-sql.ts's MAX_DISTINCT). */
export const MAX_DISTINCT_TEXTS = 2000;

/** Marks every data row of `bytes` that is not proven clean (see RowCheck). */
export function checkRows(bytes: Uint8Array, o: RowCheckOptions): RowMarks | null {
  return scanLines(bytes, o)?.marks ?? null;
}

/** The cells of the current line: where each field starts and ends (see Pass). */
interface Fields {
  /** starts[k]: where field k of the current line starts (typed arrays: a variable closed over is read through its context, twice as slow). */
  readonly starts: Int32Array;
  /** ends[k]: the offset just past field k of the current line; field k starts after field k - 1's end. */
  readonly ends: Int32Array;
}

/** The column of each canonical field in the file (-1: absent). */
interface Cols {
  readonly cT: number; readonly cA: number; readonly cI: number; readonly cF: number; readonly cH: number;
  readonly cTot: number; readonly cP: number; readonly cS: number; readonly cSrc: number;
}

/** What one pass keeps from line to line, and what it found so far. */
interface Pass extends Fields {
  readonly bytes: Uint8Array;
  readonly o: RowCheckOptions;
  readonly cols: Cols;
  readonly cells: CellReaders;
  readonly keys: KeyCheck;
  readonly texts: TextCollector;
  rows: number[] | null;
  readonly cellsOk: number[];
  /** The rows with a cell that is not plain: row and the bytes of its line (read by papaparse after the pass). */
  readonly odd: number[];
  badWidth: boolean;
}

/** Reads the number, status and source cells of the current line from the bytes (see the rules at the top). */
interface CellReaders {
  num(k: number): number;
  statusOk(k: number): number;
  sourceOk(k: number, lineAscii: boolean): boolean;
  len(k: number): number;
  start(k: number): number;
}

function cellReaders(bytes: Uint8Array, f: Fields, decimalComma: boolean, decoder: TextDecoder): CellReaders {
  const { starts, ends } = f;
  const sep = decimalComma ? 44 : 46;
  const sources = new Map<string, boolean>();
  const start = (k: number) => starts[k] as number;
  const len = (k: number) => (k < 0 ? 0 : (ends[k] as number) - (starts[k] as number));
  /** A number as the former SQL rule proves it: 1 to 15 digits, then optionally the separator and 1 to 15 digits. */
  const num = (k: number): number => {
    if (k < 0) return EMPTY;
    const s = start(k);
    const e = ends[k] as number;
    if (s === e) return EMPTY;
    let v = 0;
    let i = s;
    while (i < e && (bytes[i] as number) >= 48 && (bytes[i] as number) <= 57) v = v * 10 + ((bytes[i++] as number) - 48);
    const intDigits = i - s;
    if (intDigits < 1 || intDigits > 15) return INVALID;
    if (i === e) return v;
    if (bytes[i] !== sep) return INVALID;
    const f0 = ++i;
    while (i < e && (bytes[i] as number) >= 48 && (bytes[i] as number) <= 57) i++;
    if (i !== e || i - f0 < 1 || i - f0 > 15) return INVALID;
    // Both JavaScript and DuckDB round the decimal text correctly: the same double.
    let text = '';
    for (let j = s; j < e; j++) text += j === f0 - 1 ? '.' : String.fromCharCode(bytes[j] as number);
    return Number(text);
  };
  const statusOk = (k: number): number => {
    // -1: empty, else the index of the status (5: not a status)
    if (k < 0 || len(k) === 0) return -1;
    const s = start(k);
    const l = len(k);
    for (let t = 0; t < STATUSES.length; t++) {
      const w = STATUSES[t] as Uint8Array;
      if (w.length !== l) continue;
      let same = true;
      for (let j = 0; j < l && same; j++) same = bytes[s + j] === w[j];
      if (same) return t;
    }
    return STATUSES.length;
  };
  /** `lineAscii`: the line has no byte ≥ 0x80 (then neither has its source). */
  const sourceOk = (k: number, lineAscii: boolean): boolean => {
    if (k < 0) return true;
    const s = start(k);
    const e = ends[k] as number;
    if (s === e) return true;
    if (e - s > 500) return false;
    let ascii = true;
    if (!lineAscii) for (let j = s; j < e && ascii; j++) ascii = (bytes[j] as number) < 0x80;
    if (ascii) {
      const a = bytes[s] as number;
      const z = bytes[e - 1] as number;
      return a !== 32 && a !== 9 && z !== 32 && z !== 9;
    }
    const text = decoder.decode(bytes.subarray(s, e));
    let ok = sources.get(text);
    if (ok === undefined) {
      ok = text.normalize('NFC') === text && text.trim() === text && !ZERO_WIDTH.test(text);
      if (sources.size < 10000) sources.set(text, ok);
    }
    return ok;
  };
  return { num, statusOk, sourceOk, len, start };
}

/**
 * The raw key check. Each line's key as a 52-bit hash (two 32-bit FNV-style hashes, one cut to 20 bits), kept in
 * line order, then sorted: equal neighbours mean a repeated key (or, about once in 10,000 files of a million lines, a
 * collision, which only sends the file to SQL's duplicate check). Sorting took a third of the time of a hash table
 * probed at random (its cache misses were the pass's largest cost). Most files are grouped: the lines of one
 * territory × indicator follow each other, years rising. Then keys are distinct when no group comes back, which a
 * set of groups (a few thousand) proves without hashing every line. The first line that breaks this sends the pass
 * to hashing: the lines before it are hashed afterwards.
 */
interface KeyCheck {
  readonly keyCols: number[];
  readonly lastKey: number;
  keyHashes: Float64Array | null;
  nKeys: number;
  grouped: boolean;
  ungroupedFrom: number;
  dataStart: number;
  readonly groups: Set<string>;
  /** Start and end of the previous line's territory, indicator and year. */
  readonly prev: Int32Array;
  /** Whether the current line's territory and indicator are the previous line's (as stillGrouped found them). */
  sameGroup: boolean;
}

function keyCheck(bytes: Uint8Array, width: number, c: Cols): KeyCheck {
  const keyCols = [c.cT, c.cA, c.cI].filter((k) => k >= 0 && k < width);
  return {
    keyCols, lastKey: Math.max(...keyCols),
    keyHashes: keyCols.length === 3 ? new Float64Array(Math.max(1024, bytes.length >> 5)) : null, nKeys: 0,
    grouped: keyCols.length === 3 && c.cT >= 0 && c.cI >= 0 && c.cA >= 0, ungroupedFrom: -1, dataStart: -1,
    groups: new Set<string>(), prev: new Int32Array(6).fill(-1), sameGroup: false,
  };
}

/** Whether the line keeps the file grouped (see KeyCheck). */
function stillGrouped(bytes: Uint8Array, f: Fields, c: Cols, k: KeyCheck, decoder: TextDecoder): boolean {
  const { starts, ends } = f;
  const prev = k.prev;
  const ts = starts[c.cT] as number, te = ends[c.cT] as number, is = starts[c.cI] as number, ie = ends[c.cI] as number;
  const as = starts[c.cA] as number, ae = ends[c.cA] as number;
  let ok: boolean;
  if (prev[0] !== -1 && sameBytes(bytes, ts, te, prev[0] as number, prev[1] as number) && sameBytes(bytes, is, ie, prev[2] as number, prev[3] as number)) {
    k.sameGroup = true;
    ok = yearAfter(bytes, as, ae, prev[4] as number, prev[5] as number);
  } else {
    const key = `${decoder.decode(bytes.subarray(ts, te))}\u0000${decoder.decode(bytes.subarray(is, ie))}`;
    ok = !k.groups.has(key) && k.groups.size < 200000;
    k.groups.add(key);
  }
  prev[0] = ts; prev[1] = te; prev[2] = is; prev[3] = ie; prev[4] = as; prev[5] = ae;
  return ok;
}

/** Hashes the current line's key into the key check's table (dropped past MAX_KEY_LINES). */
function storeKey(bytes: Uint8Array, f: Fields, k: KeyCheck): void {
  const { starts, ends } = f;
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (const c of k.keyCols) {
    const e = ends[c] as number;
    for (let j = starts[c] as number; j < e; j++) {
      const b = bytes[j] as number;
      h1 = Math.imul(h1 ^ b, 16777619);
      h2 = Math.imul(h2 ^ b, 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ (256 + c), 16777619);
    h2 = Math.imul(h2 ^ (256 + c), 0x5bd1e995);
  }
  let table = k.keyHashes as Float64Array;
  if (k.nKeys === table.length) {
    if (k.nKeys >= MAX_KEY_LINES) {
      k.keyHashes = null;
      return;
    }
    const bigger = new Float64Array(table.length * 2);
    bigger.set(table);
    k.keyHashes = table = bigger;
  }
  table[k.nKeys++] = (h1 >>> 0) * 1048576 + (h2 >>> 12);
}

/**
 * Distinct texts of the territory, indicator and source cells. A cell is decoded only when it differs from the
 * last one decoded in its column (files group their rows, so most lines repeat the line above).
 */
interface TextCollector {
  readonly seen: Set<string>[];
  readonly textCols: number[];
  readonly lastStart: Int32Array;
  readonly lastEnd: Int32Array;
  /** prevLast[x]: the previous line's cell x is the one last decoded (then an equal cell needs no comparing). */
  readonly prevLast: Uint8Array;
  full: boolean;
}

const TEXT_MAX = [MAX_DISTINCT_TEXTS, MAX_DISTINCT_TEXTS, 4];

function textCollector(c: Cols): TextCollector {
  return { seen: [new Set<string>(), new Set<string>(), new Set<string>()], textCols: [c.cT, c.cI, c.cSrc], lastStart: new Int32Array(3), lastEnd: new Int32Array(3).fill(-1), prevLast: new Uint8Array(3), full: false };
}

function addTexts(bytes: Uint8Array, f: Fields, x0: TextCollector, sameGroup: boolean, decoder: TextDecoder): void {
  const { starts, ends } = f;
  for (let x = 0; x < 3; x++) {
    const k = x0.textCols[x] as number;
    const set = x0.seen[x] as Set<string>;
    if (k < 0 || set.size > (TEXT_MAX[x] as number) || starts[k] === ends[k]) {
      x0.prevLast[x] = 0;
      continue;
    }
    const s0 = starts[k] as number;
    const e0 = ends[k] as number;
    // The territory and indicator of the previous line, when this line repeats them and they were decoded last.
    if (x < 2 && sameGroup && x0.prevLast[x] === 1) continue;
    x0.prevLast[x] = 1;
    if (sameBytes(bytes, s0, e0, x0.lastStart[x] as number, x0.lastEnd[x] as number)) continue;
    x0.lastStart[x] = s0;
    x0.lastEnd[x] = e0;
    set.add(decoder.decode(bytes.subarray(s0, e0)));
    if (x < 2 && set.size > (TEXT_MAX[x] as number)) x0.full = true;
  }
}

/** What each byte is: 0 nothing to do, 1 the delimiter, 2 a line feed, 3 a carriage return, 4 a byte ≥ 0x80, 5 a control character (tab apart) that a damaged decoding leaves, 6 a quote. */
function byteClasses(delim: number): Uint8Array {
  const CLASS = new Uint8Array(256);
  for (let b = 0; b < 256; b++) CLASS[b] = b >= 0x80 ? 4 : (b < 0x20 && b !== 9) || b === 0x7f ? 5 : 0;
  CLASS[10] = 2;
  CLASS[13] = 3;
  CLASS[delim] = 1;
  CLASS[34] = 6;
  return CLASS;
}

/** The state of a data line at its end, as the byte loop of scanLines found it. */
interface LineEnd {
  readonly line: number;
  readonly lineStart: number;
  readonly end: number;
  readonly field: number;
  readonly plain: boolean;
  readonly lineAscii: boolean;
}

/** Decides a data line: proven clean or marked, its key checked, its texts collected. */
function endDataLine(p: Pass, l: LineEnd, decoder: TextDecoder): void {
  const { bytes, ends, cols: c, cells: r, o } = p;
  const width = o.width;
  let plain = l.plain;
  // Key cells are ASCII in a plain row (their text is compared as bytes).
  if (plain && !l.lineAscii) plain = asciiCell(bytes, r.start(c.cT), ends[c.cT] as number) && asciiCell(bytes, r.start(c.cA), ends[c.cA] as number) && asciiCell(bytes, r.start(c.cI), ends[c.cI] as number);
  let cells = false;
  let clean = false;
  if (l.field + 1 !== width) {
    if (l.end > l.lineStart) p.badWidth = true;
  } else if (plain) {
    const year = r.len(c.cA) === 4 && (bytes[r.start(c.cA)] as number) >= 49 ? r.num(c.cA) : INVALID;
    const f = r.num(c.cF);
    const h = r.num(c.cH);
    const t = r.num(c.cTot);
    const pf = r.num(c.cP);
    const st = r.statusOk(c.cS);
    // Counts over MAX_COUNT are JavaScript's to refuse (effectif_trop_grand): 13 to 15 digits read plainly here.
    cells = r.len(c.cT) > 0 && year >= YEAR_MIN && year <= YEAR_MAX && f !== INVALID && h !== INVALID && t !== INVALID && pf !== INVALID && pf <= PART_MAX && st < STATUSES.length
      && f <= MAX_COUNT && h <= MAX_COUNT && t <= MAX_COUNT;
    clean = cells && r.len(c.cI) > 0 && r.sourceOk(c.cSrc, l.lineAscii) && !(pf > 0 && pf < 1)
      && !(f >= 0 && t >= 0 && f > t)
      && !(f >= 0 && h >= 0 && t >= 0 && Math.abs(f + h - t) > Math.max(1, t * 0.001))
      && ((f >= 0 && (t >= 0 || h >= 0)) || pf >= 0 || st === SECRET);
  }
  if (!clean && p.rows) {
    if (p.rows.length >= MAX_MARKED) p.rows = null;
    else {
      p.rows.push(l.line - o.skipLines);
      p.cellsOk.push(cells ? 1 : 0);
      if (!plain) p.odd.push(l.line - o.skipLines, l.lineStart, l.end);
    }
  }
  // A line with too few fields has no key, nor texts, to compare (DuckDB refuses the file anyway).
  const k = p.keys;
  if (l.field >= k.lastKey && l.field < width) {
    k.sameGroup = false;
    if (k.grouped && !stillGrouped(bytes, p, c, k, decoder)) {
      k.grouped = false;
      k.ungroupedFrom = l.lineStart;
    }
    if (k.keyHashes && !k.grouped) storeKey(bytes, p, k);
    if (!p.texts.full) addTexts(bytes, p, p.texts, k.sameGroup, decoder);
  }
}

/**
 * One pass over a file: the byte scan's facts (as `scanBytes` gives them), the rows not proven clean, the raw key
 * check and the distinct texts. `null` when the file holds a quote this line-by-line reading cannot follow (see
 * above: the caller runs `scanBytes`, and the fast path hands the file to the full pipeline).
 */
export function scanLines(bytes: Uint8Array, o: RowCheckOptions): (RowCheck & { readonly scan: ByteScan }) | null {
  const width = o.width;
  const col = (c: Column) => o.idx[c] ?? -1;
  const [cT, cA, cI, cF, cH, cTot, cP, cS, cSrc] = (['territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'statut', 'source'] as const).map(col) as [
    number, number, number, number, number, number, number, number, number,
  ];
  const cols: Cols = { cT, cA, cI, cF, cH, cTot, cP, cS, cSrc };
  const fields: Fields = { starts: new Int32Array(width + 1), ends: new Int32Array(width + 1) };
  // A U+FEFF at a text's start is a character of the cell, not a byte order mark (the file's own is not in a data line).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const p: Pass = {
    ...fields, bytes, o, cols, cells: cellReaders(bytes, fields, o.decimalComma, decoder), keys: keyCheck(bytes, width, cols), texts: textCollector(cols),
    rows: [], cellsOk: [], odd: [], badWidth: false,
  };
  const scan = byteLoop(p, decoder);
  if (!scan) return null;
  const k = p.keys;
  if (o.skipLines === 0) k.dataStart = 0;
  hashLinesBefore(p);
  let distinct: boolean | null = null;
  if (k.grouped) distinct = true;
  else if (k.keyHashes) {
    const sorted = k.keyHashes.subarray(0, k.nKeys).sort();
    distinct = true;
    for (let j = 1; j < k.nKeys && distinct; j++) distinct = sorted[j] !== sorted[j - 1];
  }
  const seen = p.texts.seen;
  const texts = p.texts.full ? null : { territories: [...(seen[0] as Set<string>)], indicators: [...(seen[1] as Set<string>)], sources: [...(seen[2] as Set<string>)].slice(0, 5) };
  return {
    scan,
    marks: p.rows && { rows: p.rows, cellsOk: p.cellsOk, parsed: parseOdd(bytes, p.odd, o.delimiter) }, keysDistinct: distinct, texts, badWidth: p.badWidth,
  };
}

/** The lines before the one that broke the grouping, hashed after the pass (their fields found again). */
function hashLinesBefore(p: Pass): void {
  const { bytes, starts, ends, keys: k } = p;
  const width = p.o.width;
  const delim = p.o.delimiter.charCodeAt(0);
  if (!(k.keyHashes && k.ungroupedFrom > k.dataStart && k.dataStart >= 0)) return;
  let f = 0;
  starts[0] = k.dataStart;
  for (let j = k.dataStart; j < k.ungroupedFrom && k.keyHashes; j++) {
    const b = bytes[j] as number;
    if (b === delim) {
      if (f < width) {
        ends[f] = j;
        starts[f + 1] = j + 1;
      }
      f++;
    } else if (b === 10) {
      if (f < width) ends[f] = j > 0 && bytes[j - 1] === 13 ? j - 1 : j;
      if (f >= k.lastKey && f < width) storeKey(bytes, p, k);
      f = 0;
      starts[0] = j + 1;
    }
  }
}

/**
 * The pass over every byte: fields found, each data line decided at its end (endDataLine), the byte scan's facts
 * gathered. Null when a quote cannot be followed line by line.
 */
function byteLoop(p: Pass, decoder: TextDecoder): ByteScan | null {
  const { o, starts, ends } = p;
  const width = o.width;
  const delim = o.delimiter.charCodeAt(0);
  const CLASS = byteClasses(delim);
  // The current line's quoted fields (their text ends before their closing quote: `ends` is moved back at the line's
  // end, which leaves the delimiter's branch as it was), and whether every cell of the line is plain so far.
  const quotedFields = new Int32Array(width + 1);
  let nQuoted = 0;
  let plain = true;
  let lineStart = 0;
  let line = 0;
  let field = 0;
  let emptyLines = 0;
  let loneCr = false;
  let nonAscii = false;
  let badChars = false;
  let lineAscii = true;
  // The bytes as a local of this loop alone.
  const buf = p.bytes;
  const n = buf.length;
  for (let i = 0; i <= n; i++) {
    // Most bytes need nothing: skipped in a tight loop.
    while (i < n && CLASS[buf[i] as number] === 0) i++;
    const b = i < n ? (buf[i] as number) : 10;
    const c = CLASS[b] as number;
    if (c === 1) {
      if (field < width) {
        ends[field] = i;
        starts[field + 1] = i + 1;
      }
      field++;
    } else if (c === 2) {
      if (i === n && lineStart === n) break;
      const end = i > lineStart && buf[i - 1] === 13 ? i - 1 : i;
      if (end === lineStart) emptyLines++;
      if (line >= o.skipLines) {
        if (field < width) ends[field] = end;
        for (let q = 0; q < nQuoted; q++) ends[quotedFields[q] as number] = (ends[quotedFields[q] as number] as number) - 1;
        endDataLine(p, { line, lineStart, end, field, plain, lineAscii }, decoder);
      }
      line++;
      field = 0;
      lineAscii = true;
      plain = true;
      nQuoted = 0;
      lineStart = i + 1;
      starts[0] = lineStart;
      if (line === o.skipLines) p.keys.dataStart = lineStart;
    } else if (c === 3) {
      if (buf[i + 1] !== 10) loneCr = true;
    } else if (c === 4) {
      nonAscii = true;
      lineAscii = false;
      const next = buf[i + 1] ?? 0;
      if ((b === 0xc2 && next >= 0x80 && next <= 0x9f) || (b === 0xef && next === 0xbf && buf[i + 2] === 0xbd)) badChars = true;
      if (b === 0xef && next === 0xbb && buf[i + 2] === 0xbf) plain = false; // U+FEFF
    } else if (c === 5) badChars = true;
    else {
      // A quote. Inside an unquoted cell papaparse keeps it as text (DuckDB may not): the row is not plain. (A quoted
      // field is passed over whole, so a delimiter just before the quote is one.)
      if (i !== lineStart && buf[i - 1] !== delim) plain = false;
      else {
        const q = quotedField(buf, i, delim);
        if (q.close < 0) return null;
        if (q.nonAscii) {
          nonAscii = true;
          lineAscii = false;
        }
        if (q.badChars) badChars = true;
        if (!q.plain) plain = false;
        if (field < width) {
          starts[field] = i + 1;
          quotedFields[nQuoted++] = field;
        }
        i = q.close;
      }
      // Grouped lines are told apart by their bytes: from the first quote on, every key is hashed (see storeKey).
      if (p.keys.grouped && line >= o.skipLines) {
        p.keys.grouped = false;
        p.keys.ungroupedFrom = lineStart;
      }
    }
  }
  return { lines: line, emptyLines, loneCr, quotedNewline: false, nonAscii, badChars };
}

/**
 * A field opened by the quote at `i`, read as papaparse reads it: its closing quote (`close`), or -1 when the quoted
 * text goes past its line or is not followed at once by the delimiter or the line end (papaparse would then look
 * further, maybe on the next lines). `plain`: the field is a plain cell (see above).
 */
function quotedField(bytes: Uint8Array, i: number, delim: number): { close: number; plain: boolean; nonAscii: boolean; badChars: boolean } {
  let plain = true;
  let nonAscii = false;
  let badChars = false;
  let j = i + 1;
  const n = bytes.length;
  for (; ; j++) {
    if (j >= n) return { close: -1, plain, nonAscii, badChars };
    const b = bytes[j] as number;
    if (b === 34) {
      if (bytes[j + 1] !== 34) break;
      plain = false; // an escaped quote: the text is not the bytes
      j++;
    } else if (b === 10 || b === 13) return { close: -1, plain, nonAscii, badChars };
    else if (b >= 0x80) {
      nonAscii = true;
      const next = bytes[j + 1] ?? 0;
      if ((b === 0xc2 && next >= 0x80 && next <= 0x9f) || (b === 0xef && next === 0xbf && bytes[j + 2] === 0xbd)) badChars = true;
      if (b === 0xef && next === 0xbb && bytes[j + 2] === 0xbf) plain = false;
    } else if ((b < 0x20 && b !== 9) || b === 0x7f) badChars = true;
  }
  const after = j + 1 < n ? (bytes[j + 1] as number) : 10;
  if (after !== delim && after !== 10 && after !== 13) return { close: -1, plain, nonAscii, badChars };
  return { close: j, plain: plain && j > i + 1, nonAscii, badChars };
}

/** Whether the bytes [s, e) are ASCII (an absent cell, s > e, is). */
function asciiCell(bytes: Uint8Array, s: number, e: number): boolean {
  for (let j = s; j < e; j++) if ((bytes[j] as number) >= 0x80) return false;
  return true;
}

/** The rows of `odd` (row, start, end of its line, in threes) as the full pipeline's parser reads their lines. */
function parseOdd(bytes: Uint8Array, odd: readonly number[], delimiter: string): { row: number; cells: string[] }[] {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const out: { row: number; cells: string[] }[] = [];
  for (let k = 0; k < odd.length; k += 3) {
    const text = decoder.decode(bytes.subarray(odd[k + 1] as number, odd[k + 2] as number));
    // After a line end, as in the whole file: papaparse drops a U+FEFF at the very start of its input.
    const cells = Papa.parse<string[]>(`\n${text}`, { delimiter, newline: '\n', skipEmptyLines: false }).data[1] ?? [''];
    out.push({ row: odd[k] as number, cells });
  }
  return out;
}

/** Whether the bytes [s0, e0) and [s1, e1) of `bytes` are the same. */
function sameBytes(bytes: Uint8Array, s0: number, e0: number, s1: number, e1: number): boolean {
  if (e0 - s0 !== e1 - s1) return false;
  for (let j = 0; j < e0 - s0; j++) if (bytes[s0 + j] !== bytes[s1 + j]) return false;
  return true;
}

/** Whether the year cell [s0, e0) is after [s1, e1) (by length, then bytes: a strict total order). */
function yearAfter(bytes: Uint8Array, s0: number, e0: number, s1: number, e1: number): boolean {
  if (e0 - s0 !== e1 - s1) return e0 - s0 > e1 - s1;
  for (let j = 0; j < e0 - s0; j++) if (bytes[s0 + j] !== bytes[s1 + j]) return (bytes[s0 + j] as number) > (bytes[s1 + j] as number);
  return false;
}

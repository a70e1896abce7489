import type { CANONICAL_COLUMNS } from './canonical';

/**
 * The fast path's proof that a row is clean, made from the file's bytes in the import worker while DuckDB reads
 * the same file with types (fast.ts). A row is proven clean when JavaScript (mapCanonical + validateRows) would read
 * every cell to the value DuckDB's typed read gives and find nothing to say: the conditions are those of
 * `readStatement` (fast-sql.ts), on the text itself. Territory and indicator codes are checked by SQL, once per
 * distinct text (textChecks). The proof is allowed to be too strict, never too lax: a row it cannot prove goes to
 * JavaScript, which decides (tests/sql/fast-import.test.ts compares both paths on tricky files).
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
}

/** Rows not proven clean beyond which the answer is `null` (the SQL proofs then run instead). */
export const MAX_MARKED = 20000;

const STATUTS = ['secret', 'estimation', 'faible_fiabilite', 'rupture', 'provisoire'].map((s) => new TextEncoder().encode(s));
const SECRET = 0;
/** Zero-width characters cleanText removes. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/;
/** A number cell: empty, not plain, or its value. */
const EMPTY = -1;
const INVALID = -2;

/** Data lines beyond which the raw key check does not try (its table would take more than 32 MB). */
const MAX_KEY_LINES = 1 << 23;

/** What one pass over the data lines says (in the import worker, while DuckDB reads the file). */
export interface RowCheck {
  /**
   * The rows not proven clean, or `null` when this proof cannot be made: a quote anywhere (a quoted cell's text is
   * not its bytes), or more than MAX_MARKED rows to mark.
   */
  readonly marks: RowMarks | null;
  /**
   * Whether the key cells (territory, year, indicator) of the data lines are pairwise distinct as raw text; `null`
   * when it cannot say (a quote anywhere, or too many lines). A false `true` is impossible: two equal keys hash
   * equal; a hash collision only answers `false` (the full duplicate check then runs). DuckDB keeps unquoted cells
   * byte for byte (no trimming), and a clean row's values are its texts, so distinct raw keys mean no duplicate
   * among clean rows.
   */
  readonly keysDistinct: boolean | null;
}

/** Marks every data row of `bytes` that is not proven clean (see RowCheck). */
export function checkRows(bytes: Uint8Array, o: RowCheckOptions): RowMarks | null {
  return checkLines(bytes, o).marks;
}

/** One pass over the data lines: the rows not proven clean and the raw key check (`lines`: the byte scan's count). */
export function checkLines(bytes: Uint8Array, o: RowCheckOptions, lines = Infinity): RowCheck {
  if (bytes.includes(34)) return { marks: null, keysDistinct: null };
  const delim = o.delimiter.charCodeAt(0);
  const sep = o.decimalComma ? 44 : 46;
  const width = o.width;
  const col = (c: Column) => o.idx[c] ?? -1;
  const [cT, cA, cI, cF, cH, cTot, cP, cS, cSrc] = (['territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'statut', 'source'] as const).map(col) as [
    number, number, number, number, number, number, number, number, number,
  ];
  // ends[k]: the offset just past field k of the current line; field k starts after field k - 1's end.
  const ends = new Int32Array(width + 1);
  let lineStart = 0;
  const start = (k: number) => (k === 0 ? lineStart : (ends[k - 1] as number) + 1);
  const len = (k: number) => (k < 0 ? 0 : (ends[k] as number) - start(k));
  const sources = new Map<string, boolean>();
  const decoder = new TextDecoder();

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
    const f = ++i;
    while (i < e && (bytes[i] as number) >= 48 && (bytes[i] as number) <= 57) i++;
    if (i !== e || i - f < 1 || i - f > 15) return INVALID;
    // Both JavaScript and DuckDB round the decimal text correctly: the same double.
    let text = '';
    for (let j = s; j < e; j++) text += j === f - 1 ? '.' : String.fromCharCode(bytes[j] as number);
    return Number(text);
  };
  const statutOk = (k: number): number => {
    // -1: empty, else the index of the status (5: not a status)
    if (k < 0 || len(k) === 0) return -1;
    const s = start(k);
    const l = len(k);
    for (let t = 0; t < STATUTS.length; t++) {
      const w = STATUTS[t] as Uint8Array;
      if (w.length !== l) continue;
      let same = true;
      for (let j = 0; j < l && same; j++) same = bytes[s + j] === w[j];
      if (same) return t;
    }
    return STATUTS.length;
  };
  const sourceOk = (k: number): boolean => {
    if (k < 0) return true;
    const s = start(k);
    const e = ends[k] as number;
    if (s === e) return true;
    if (e - s > 500) return false;
    let ascii = true;
    for (let j = s; j < e && ascii; j++) ascii = (bytes[j] as number) < 0x80;
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

  const keyCols = [cT, cA, cI].filter((c) => c >= 0 && c < width);
  const hashing = lines <= MAX_KEY_LINES && keyCols.length === 3;
  const lastKey = Math.max(...keyCols);
  let size = 1024;
  while (hashing && size < lines * 2) size *= 2;
  const table = new Uint32Array(hashing ? size : 0);
  let distinct: boolean | null = hashing ? true : null;
  /** Stores the line's key hash; false when an equal hash is already there. */
  const storeKey = (): boolean => {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (const k of keyCols) {
      const e = ends[k] as number;
      for (let j = start(k); j < e; j++) {
        const b = bytes[j] as number;
        h1 = Math.imul(h1 ^ b, 16777619);
        h2 = Math.imul(h2 ^ b, 0x5bd1e995);
      }
      h1 = Math.imul(h1 ^ (256 + k), 16777619);
      h2 = Math.imul(h2 ^ (256 + k), 0x5bd1e995);
    }
    const stored = (h1 | 1) >>> 0;
    let slot = (h2 >>> 0) & (size - 1);
    while (table[slot] !== 0) {
      if (table[slot] === stored) return false;
      slot = (slot + 1) & (size - 1);
    }
    table[slot] = stored;
    return true;
  };
  let rows: number[] | null = [];
  const cellsOk: number[] = [];
  const n = bytes.length;
  let line = 0;
  let field = 0;
  for (let i = 0; i <= n; i++) {
    const b = i < n ? (bytes[i] as number) : 10;
    if (b === delim) {
      if (field < width) ends[field] = i;
      field++;
    } else if (b === 10) {
      if (line >= o.skipLines && !(i === n && lineStart === n)) {
        const end = i > lineStart && bytes[i - 1] === 13 ? i - 1 : i;
        if (field < width) ends[field] = end;
        let cells = false;
        let clean = false;
        if (field + 1 === width) {
          const year = len(cA) === 4 && (bytes[start(cA)] as number) >= 49 ? num(cA) : INVALID;
          const f = num(cF);
          const h = num(cH);
          const t = num(cTot);
          const p = num(cP);
          const st = statutOk(cS);
          cells = len(cT) > 0 && year >= 1990 && year <= 2100 && f !== INVALID && h !== INVALID && t !== INVALID && p !== INVALID && p <= 100 && st < STATUTS.length;
          clean = cells && len(cI) > 0 && sourceOk(cSrc) && !(p > 0 && p < 1)
            && !(f >= 0 && t >= 0 && f > t)
            && !(f >= 0 && h >= 0 && t >= 0 && Math.abs(f + h - t) > Math.max(1, t * 0.001))
            && ((f >= 0 && (t >= 0 || h >= 0)) || p >= 0 || st === SECRET);
        }
        if (!clean && rows) {
          if (rows.length >= MAX_MARKED) rows = null;
          else {
            rows.push(line - o.skipLines);
            cellsOk.push(cells ? 1 : 0);
          }
        }
        // A line with too few fields has no key to compare (DuckDB refuses the file anyway).
        if (distinct && field >= lastKey && !storeKey()) distinct = false;
        if (!rows && distinct === false) return { marks: null, keysDistinct: false };
      }
      line++;
      field = 0;
      lineStart = i + 1;
    }
  }
  return { marks: rows && { rows, cellsOk }, keysDistinct: distinct };
}

/**
 * Markers of a suppressed value (secret statistique) or of a missing one, as published. Only tried on short cells
 * (MAX_MARKER): no marker is longer, and the regex then never runs on an attacker's unbounded text.
 */
const SECRET = /^(s|c|x|nd|n\.d\.?|nc|n\.c\.?|secret|confidentiel|<\s*\d+|-|–|—|:)$/i;
const MAX_MARKER = 32;

export type NumberResult =
  | { readonly kind: 'empty' }
  | { readonly kind: 'secret' }
  | { readonly kind: 'ok'; readonly value: number; readonly percent: boolean }
  | { readonly kind: 'invalid' };

/** Spaces used as thousands separators: space, no-break space, narrow no-break space, thin space. */
const SPACES = /[\s\u00a0\u202f\u2009\u2007]+/g;
const ZERO_WIDTH = /\u200b|\u200c|\u200d|\u2060|\ufeff/g;
const INVALID_NUMBER: NumberResult = { kind: 'invalid' };

/**
 * Reads a number as French and European files write it: `1 234,5`, `1 234,5` (U+00A0, U+202F), `45,7 %`,
 * `45.7%`, `1234.5`, `1.234,5`. With `decimalComma` (the file writes decimals with a comma), a dot is a thousands
 * separator when it groups digits by three (`1.234` is 1234, `1.234.567`, `1.234,5`); otherwise a dot is a decimal
 * point (`0.457`, `12.5`). Without it, `1.234` is 1.234.
 *
 * Linear in the length of `raw`: the text is read by plain scans (no regex that could backtrack runs on it), so a
 * cell of a million digits costs what reading it costs.
 */
export function parseNumber(raw: string, decimalComma = true): NumberResult {
  let s = raw.replace(ZERO_WIDTH, '').trim();
  if (s === '') return { kind: 'empty' };
  if (s.length <= MAX_MARKER && SECRET.test(s)) return { kind: 'secret' };
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  s = s.replace(SPACES, '');
  if (s.startsWith('+')) s = s.slice(1);
  const comma = s.indexOf(',');
  const dot = s.indexOf('.');
  if (comma >= 0 && dot >= 0) {
    // 1.234,5 (continental) or 1,234.5 (English)
    s = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replaceAll('.', '').replace(',', '.') : s.replaceAll(',', '');
  } else if (comma >= 0) {
    if (!decimalComma && groupedByThree(s, ',', false)) s = s.replaceAll(',', '');
    else if (s.lastIndexOf(',') === comma) s = s.replace(',', '.');
    else return INVALID_NUMBER;
  } else if (dot >= 0 && decimalComma && groupedByThree(s, '.', true)) {
    s = s.replaceAll('.', '');
  }
  if (!isPlainDecimal(s)) return INVALID_NUMBER;
  const value = Number(s);
  return Number.isFinite(value) ? { kind: 'ok', value, percent } : INVALID_NUMBER;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Index of the first character at or after `i` that is not an ASCII digit. */
function skipDigits(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/**
 * `-?\d{1,3}(SEP\d{3})+` as a scan (with `nonZeroLead`, the first digit is not 0): digits grouped by three with
 * `sep`, at least one group.
 */
function groupedByThree(s: string, sep: string, nonZeroLead: boolean): boolean {
  const start = s.startsWith('-') ? 1 : 0;
  const lead = skipDigits(s, start) - start;
  if (lead < 1 || lead > 3 || (nonZeroLead && s[start] === '0')) return false;
  let i = start + lead;
  if (i === s.length) return false;
  while (i < s.length) {
    if (s[i] !== sep || skipDigits(s, i + 1) - (i + 1) < 3) return false;
    i += 4;
  }
  return true;
}

/** `-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?` (case-insensitive), the whole text, as a scan. */
function isPlainDecimal(s: string): boolean {
  let i = s.startsWith('-') ? 1 : 0;
  const intEnd = skipDigits(s, i);
  let digits = intEnd - i;
  i = intEnd;
  if (s[i] === '.') {
    const fracEnd = skipDigits(s, i + 1);
    digits += fracEnd - (i + 1);
    i = fracEnd;
  }
  if (digits === 0) return false;
  if (s[i] === 'e' || s[i] === 'E') {
    i++;
    if (s[i] === '+' || s[i] === '-') i++;
    const expEnd = skipDigits(s, i);
    if (expEnd === i) return false;
    i = expEnd;
  }
  return i === s.length;
}

/**
 * Whether a cell writes a number with a decimal comma: `12,5`, `-1 234,5 %`, `1.234,56` (what
 * `^\s*-?[\d\s\u00a0\u202f.]*\d,\d+\s*%?\s*$` matches), as a scan that is linear in the cell's length.
 */
export function writesDecimalComma(cell: string): boolean {
  let s = cell.trim();
  if (s.endsWith('%')) s = s.slice(0, -1).trimEnd();
  if (s.startsWith('-')) s = s.slice(1);
  const comma = s.indexOf(',');
  if (comma < 1 || s.lastIndexOf(',') !== comma || !isDigit(s.charCodeAt(comma - 1))) return false;
  if (comma + 1 === s.length || skipDigits(s, comma + 1) !== s.length) return false;
  for (let i = 0; i < comma - 1; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c) && c !== 46 && s[i]?.trim() !== '') return false;
  }
  return true;
}

/** Whether `c` is a character JavaScript's `\s` and `trim()` treat as white space. */
const isSpace = (ch: string | undefined) => ch !== undefined && ch.trim() === '';

/**
 * A year, or a school year written `2022-23` / `2022/2023` (read as its first year, the rentrée): what
 * `^(\d{4})(?:\.0+)?(?:\s*[-/]\s*(\d{2}|\d{4}))?$` matches, as a scan that is linear in the length of `raw`.
 */
export function parseYear(raw: string): number | null {
  const s = raw.replace(ZERO_WIDTH, '').trim();
  if (skipDigits(s, 0) < 4) return null;
  let i = 4;
  if (s[i] === '.') {
    const zeros = i + 1;
    while (s[i + 1] === '0') i++;
    if (i + 1 === zeros) return null;
    i++;
  }
  if (i < s.length) {
    while (isSpace(s[i])) i++;
    if (s[i] !== '-' && s[i] !== '/') return null;
    i++;
    while (isSpace(s[i])) i++;
    const end = skipDigits(s, i);
    if (end !== s.length || (end - i !== 2 && end - i !== 4)) return null;
  }
  return Number(s.slice(0, 4));
}

/** Trims, removes zero-width characters and composes accents (NFC). */
export function cleanText(raw: string): string {
  return raw.replace(ZERO_WIDTH, '').normalize('NFC').trim();
}

/** A key to compare names and headers: lower case, no accents, single underscores for spaces and dashes. */
export function foldKey(raw: string): string {
  return cleanText(raw)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s'’-]+/g, '_');
}

/** Markers of a suppressed value (secret statistique) or of a missing one, as published. */
const SECRET = /^(s|c|x|nd|n\.d\.?|nc|n\.c\.?|secret|confidentiel|<\s*\d+|-|–|—|:)$/i;

export type NumberResult =
  | { readonly kind: 'vide' }
  | { readonly kind: 'secret' }
  | { readonly kind: 'ok'; readonly value: number; readonly percent: boolean }
  | { readonly kind: 'invalide' };

/** Spaces used as thousands separators: space, no-break space, narrow no-break space, thin space. */
const SPACES = /[\s\u00a0\u202f\u2009\u2007]/g;
const ZERO_WIDTH = /\u200b|\u200c|\u200d|\u2060|\ufeff/g;

/**
 * Reads a number as French and European files write it: `1 234,5`, `1 234,5` (U+00A0, U+202F), `45,7 %`,
 * `45.7%`, `1234.5`, `1.234,5`. With `decimalComma` (the file writes decimals with a comma), a dot is a thousands
 * separator when it groups digits by three (`1.234` is 1234, `1.234.567`, `1.234,5`); otherwise a dot is a decimal
 * point (`0.457`, `12.5`). Without it, `1.234` is 1.234.
 */
export function parseNumber(raw: string, decimalComma = true): NumberResult {
  let s = raw.replace(ZERO_WIDTH, '').trim();
  if (s === '') return { kind: 'vide' };
  if (SECRET.test(s)) return { kind: 'secret' };
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  s = s.replace(SPACES, '');
  if (s.startsWith('+')) s = s.slice(1);
  const hasComma = s.includes(',');
  const hasDot = s.includes('.');
  if (hasComma && hasDot) {
    // 1.234,5 (continental) or 1,234.5 (English)
    s = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (hasComma) {
    if (!decimalComma && /^-?\d{1,3}(,\d{3})+$/.test(s)) s = s.replace(/,/g, '');
    else if ((s.match(/,/g) ?? []).length === 1) s = s.replace(',', '.');
    else return { kind: 'invalide' };
  } else if (hasDot && decimalComma && /^-?[1-9]\d{0,2}(\.\d{3})+$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return { kind: 'invalide' };
  const value = Number(s);
  return Number.isFinite(value) ? { kind: 'ok', value, percent } : { kind: 'invalide' };
}

/** A year, or a school year written `2022-23` / `2022/2023` (read as its first year, the rentrée). */
export function parseYear(raw: string): number | null {
  const s = raw.replace(ZERO_WIDTH, '').trim();
  const m = s.match(/^(\d{4})(?:\.0+)?(?:\s*[-/]\s*(\d{2}|\d{4}))?$/);
  if (!m?.[1]) return null;
  return Number(m[1]);
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

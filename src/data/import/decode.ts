/** Encodings the import understands. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Decoded {
  readonly text: string;
  readonly encoding: Encoding;
  readonly bom: boolean;
}

/**
 * Windows-1252 bytes 0x80 to 0x9F (WHATWG index): `€`, `’`, `œ`, `…`… Some Node versions decode `windows-1252` as
 * Latin-1 (nodejs/node#60888), leaving U+0080 to U+009F; browsers do not. Mapping them here makes every engine agree.
 */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/**
 * Counts well-formed multi-byte UTF-8 sequences and bytes that start none, to tell a UTF-8 file with a few damaged
 * bytes (many valid sequences) from a Windows-1252 file (every accented letter is an invalid byte).
 */
export function utf8Evidence(b: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i] ?? 0;
    if (c < 0x80) continue;
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    let ok = n > 0 && i + n < b.length;
    for (let k = 1; ok && k <= n; k++) ok = ((b[i + k] ?? 0) & 0xc0) === 0x80;
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either.
    const d = b[i + 1] ?? 0;
    if (ok && ((c === 0xe0 && d < 0xa0) || (c === 0xed && d > 0x9f) || (c === 0xf0 && d < 0x90) || (c === 0xf4 && d > 0x8f))) ok = false;
    if (ok) {
      valid++;
      i += n;
    } else invalid++;
  }
  return { valid, invalid };
}

/**
 * Decodes file bytes: a byte order mark decides (UTF-8, UTF-16 LE or BE); without one, strict UTF-8 first; if that
 * fails, UTF-8 with U+FFFD for the bad bytes when the file is mostly valid UTF-8 (the parser then names each
 * damaged cell), else Windows-1252. `force` overrides the choice (the analyst can change it in the preview).
 */
export function decode(bytes: Uint8Array, force?: Encoding): Decoded {
  let bom = false;
  let encoding: Encoding;
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bom = true;
    encoding = 'utf-8';
    start = 3;
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    bom = true;
    encoding = 'utf-16le';
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    bom = true;
    encoding = 'utf-16be';
    start = 2;
  } else {
    encoding = 'utf-8';
  }
  const body = bytes.subarray(start);
  if (force) {
    const input = force === encoding ? body : bytes;
    return { text: force === 'windows-1252' ? decodeWindows1252(input) : new TextDecoder(force).decode(input), encoding: force, bom };
  }
  if (encoding !== 'utf-8' || bom) return { text: new TextDecoder(encoding).decode(body), encoding, bom };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', bom };
  } catch {
    const { valid, invalid } = utf8Evidence(body);
    if (valid > invalid) return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8', bom };
    return { text: decodeWindows1252(body), encoding: 'windows-1252', bom };
  }
}

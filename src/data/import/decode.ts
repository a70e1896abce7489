/** Encodings the import understands. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Decoded {
  readonly text: string;
  readonly encoding: Encoding;
  readonly bom: boolean;
}

/**
 * Decodes file bytes: a byte order mark decides (UTF-8, UTF-16 LE or BE); without one, strict UTF-8 first, then
 * Windows-1252. `force` overrides the choice (the analyst can change it in the preview).
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
  if (force) return { text: new TextDecoder(force).decode(force === encoding ? body : bytes), encoding: force, bom };
  if (encoding !== 'utf-8' || bom) return { text: new TextDecoder(encoding).decode(body), encoding, bom };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', bom };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252', bom };
  }
}

import { problem, type Problem } from './problems';

/** Files larger than this are refused before being read. */
export const MAX_BYTES = 256 * 1024 * 1024;

const SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'ZIP, XLSX, ODS ou DOCX', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'ZIP', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'XLS (Excel 97-2003)', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: 'PNG', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'PDF', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'GZIP', bytes: [0x1f, 0x8b] },
  { name: '7-Zip', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
  { name: 'RAR', bytes: [0x52, 0x61, 0x72, 0x21] },
  { name: 'Parquet', bytes: [0x50, 0x41, 0x52, 0x31] },
];

/** Checks the size before reading anything. */
export function checkSize(size: number, max = MAX_BYTES): Problem | null {
  if (size === 0) return problem('fichier_vide', {});
  return size > max ? problem('fichier_trop_gros', {}, String(size), String(max)) : null;
}

/**
 * Refuses binaries by their magic bytes (zip, xlsx, images, pdf…), and any file whose first kilobytes hold NUL
 * bytes without a UTF-16 byte order mark.
 */
export function checkMagic(head: Uint8Array): Problem | null {
  for (const sig of SIGNATURES) {
    if (sig.bytes.every((b, i) => head[i] === b)) return problem('format_binaire', {}, sig.name);
  }
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.subarray(0, 4096).includes(0)) return problem('format_binaire', {}, 'binaire');
  return null;
}

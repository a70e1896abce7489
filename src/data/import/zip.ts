import { MAX_BYTES } from './guard';
import { decompress } from './gzip';
import { pipeHead } from '../../lib/pipe-bytes';
import { problem, type Problem } from './problems';

/** One file of a ZIP archive, from its central directory. */
interface ZipEntry {
  readonly name: string;
  /**
   * A name not flagged UTF-8 as it was read before code page 850 (TextDecoder's `latin1`, windows-1252 in browsers):
   * the choice a stored import recorded then still finds its file (see unzip).
   */
  readonly latin1: string | null;
  readonly method: number;
  readonly flags: number;
  /** CRC-32 of the file's bytes, as the archive records it. */
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

/** A ZIP archive's first bytes (a local file header), as INSEE's and data.gouv.fr's downloads start. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Longest entry name offered (and stored with the import's options). */
const MAX_ENTRY_NAME = 300;

/** ZIP64's mark in a 32-bit size or offset: the real value is elsewhere, in a format the import does not read. */
const ZIP64 = 0xffffffff;

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/** The CRC-32 of ZIP (and gzip), byte by byte with its 256-entry table. */
let crcTable: Uint32Array | null = null;
function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Bytes 0x80 to 0xFF of code page 850, for names not flagged UTF-8: Windows' « Envoyer vers › Dossier compressé »
 * writes them in its OEM code page, 850 in France and in most of western Europe (ZIP's own 437 agrees with it on
 * lower-case accented letters, not on capitals: « É » is 0x90 in both, « À » 0xB7 in 850 only).
 */
const CP850_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´­±‗¾¶§÷¸°¨·¹³²■\u00a0';
const cp850 = (raw: Uint8Array) => Array.from(raw, (b) => (b < 0x80 ? String.fromCharCode(b) : CP850_HIGH[b - 0x80])).join('');

/**
 * The files of an archive (directories and macOS's `__MACOSX/` copies left out), from its central directory; null
 * when the archive cannot be read (no end record, entries outside the file). Names are UTF-8 when the archive says
 * so, else code page 850 (see CP850_HIGH).
 */
function entries(b: Uint8Array): ZipEntry[] | null {
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (u32(b, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(b, end + 10);
  const out: ZipEntry[] = [];
  for (let i = 0, at = u32(b, end + 16); i < count; i++) {
    if (at + 46 > b.length || u32(b, at) !== 0x02014b50) return null;
    const flags = u16(b, at + 8);
    const n = u16(b, at + 28);
    const raw = b.subarray(at + 46, at + 46 + n);
    const name = flags & 0x800 ? new TextDecoder().decode(raw) : cp850(raw);
    const latin1 = flags & 0x800 ? null : new TextDecoder('latin1').decode(raw);
    const entry = { name, latin1: latin1 === name ? null : latin1, method: u16(b, at + 10), flags, crc: u32(b, at + 16), compressedSize: u32(b, at + 20), size: u32(b, at + 24), offset: u32(b, at + 42) };
    // Directories, macOS's copies, and names no one could choose or store (empty, or longer than a stored choice).
    if (name !== '' && name.length <= MAX_ENTRY_NAME && !name.endsWith('/') && !name.startsWith('__MACOSX/')) out.push(entry);
    at += 46 + n + u16(b, at + 30) + u16(b, at + 32);
  }
  return out;
}

/** What an archive gives the import: the chosen file's bytes, or the list of files to choose from, or a problem. */
export type Unzipped =
  | { readonly bytes: Uint8Array; readonly files: string[]; readonly chosen: string }
  | { readonly files: string[]; readonly problem: Problem };

/**
 * The file of a ZIP archive the import reads: `chosen` (the analyst's), else the archive's only file. An archive of
 * several files (an INSEE download: the data and its dictionary) asks which one, never picks by name (runImportFile
 * then reads its only file of a recognised format, if there is one: see recognisedEntry). Spreadsheets
 * (XLSX, ODS: archives of XML) are refused as before, an encrypted file or a method other than stored and deflate
 * too, a file whose size or CRC-32 is not the one recorded, and a file past MAX_BYTES once inflated is refused as
 * soon as it grows past it. `head`: only the file's first bytes (at least that many, when it has them), unchecked.
 */
export async function unzip(b: Uint8Array, chosen: string | undefined, max = MAX_BYTES, head?: number): Promise<Unzipped> {
  const all = entries(b);
  if (!all) return { files: [], problem: problem('zip_illisible', {}) };
  // Each name once in the list; a name two files share is never read (which one was meant cannot be told).
  const files = [...new Set(all.map((e) => e.name))];
  if (files.includes('[Content_Types].xml') || files.includes('mimetype')) return { files: [], problem: problem('format_binaire', {}, 'XLSX, ODS, DOCX') };
  if (files.length === 0) return { files, problem: problem('zip_vide', {}) };
  let name = chosen ?? (files.length === 1 ? files[0] : undefined);
  // A choice stored before names were read in code page 850 names its file as Latin-1 read it: taken when it names
  // one file that way, never picked among several.
  if (name !== undefined && !files.includes(name)) {
    const legacy = new Set(all.filter((e) => e.latin1 === name).map((e) => e.name));
    if (legacy.size === 1) name = [...legacy][0];
  }
  const same = all.filter((e) => e.name === name);
  const entry = same[0];
  if (!entry) return { files, problem: problem('zip_choisir', {}, String(files.length), chosen ?? '') };
  if (same.length > 1) return { files, problem: problem('zip_doublon', {}, entry.name) };
  if (entry.flags & 1 || (entry.method !== 0 && entry.method !== 8) || [entry.size, entry.compressedSize, entry.offset].includes(ZIP64)) return { files, problem: problem('zip_illisible', {}) };
  if (entry.size > max) return { files, problem: problem('decompresse_trop_gros', {}, String(b.length), String(max)) };
  const at = entry.offset;
  if (u32(b, at) !== 0x04034b50) return { files, problem: problem('zip_illisible', {}) };
  const start = at + 30 + u16(b, at + 26) + u16(b, at + 28);
  const data = b.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) return { files, problem: problem('zip_illisible', {}) };
  if (head !== undefined) {
    // A look at the file's start only (see recognisedEntry): checked whole once it is the one read.
    const start = entry.method === 0 ? data.subarray(0, head) : await pipeHead(data, new DecompressionStream('deflate-raw'), head).catch(() => null);
    return start ? { bytes: start, files, chosen: entry.name } : { files, problem: problem('zip_illisible', {}) };
  }
  const bytes = entry.method === 0 ? data.slice() : await decompress(data, 'deflate-raw', max, b.length, 'zip_illisible');
  if (!(bytes instanceof Uint8Array)) return { files, problem: bytes };
  // A damaged archive can inflate without error (a raw deflate stream carries no check of its own), or store its
  // bytes altered: its file would be read with wrong figures. gzip's own stream checks its CRC.
  if (bytes.length !== entry.size || crc32(bytes) !== entry.crc) return { files, problem: problem('zip_illisible', {}) };
  return { bytes, files, chosen: entry.name };
}

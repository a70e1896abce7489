import { MAX_BYTES } from './guard';
import { pipeBytes, TooLarge } from '../../lib/pipe-bytes';
import { problem, type Problem } from './problems';

/** A gzip file's first two bytes (RFC 1952): Eurostat's bulk downloads (`.tsv.gz`), compressed open-data exports. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * `bytes` decompressed by the browser's own stream (`gzip`, or ZIP's `deflate-raw`), bounded as a plain file is
 * (`max`, MAX_BYTES): a file that grows past it is refused as soon as it does, without holding more (a small file can
 * decompress to gigabytes); a truncated or corrupt stream is refused as `unreadable`. `compressed`: the size the
 * refusal names (the whole file's).
 */
export async function decompress(bytes: Uint8Array, format: 'gzip' | 'deflate-raw', max: number, compressed: number, unreadable: 'gzip_illisible' | 'zip_illisible'): Promise<Uint8Array | Problem> {
  try {
    return await pipeBytes(bytes, new DecompressionStream(format), max);
  } catch (e) {
    return e instanceof TooLarge ? problem('decompresse_trop_gros', {}, String(compressed), String(max)) : problem(unreadable, {});
  }
}

/** The bytes of a file as the import reads them: a gzip file decompressed (recognised by its content, never by its name), any other file as it is. */
export function gunzip(bytes: Uint8Array, max = MAX_BYTES): Promise<Uint8Array | Problem> {
  return isGzip(bytes) ? decompress(bytes, 'gzip', max, bytes.length, 'gzip_illisible') : Promise.resolve(bytes);
}

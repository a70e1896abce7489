import { MAX_BYTES } from './guard';
import { pipeBytes, TooLarge } from '../../lib/pipe-bytes';
import { problem, type Problem } from './problems';

/** A gzip file's first two bytes (RFC 1952): Eurostat's bulk downloads (`.tsv.gz`), compressed open-data exports. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The bytes of a file as the import reads them: a gzip file decompressed (recognised by its content, never by its
 * name), any other file as it is. The decompressed size is bounded as a plain file's is (MAX_BYTES): a file that
 * grows past it is refused as soon as it does, without holding more (a small file can decompress to gigabytes).
 * A truncated or corrupt stream is refused too.
 */
export async function gunzip(bytes: Uint8Array, max = MAX_BYTES): Promise<Uint8Array | Problem> {
  if (!isGzip(bytes)) return bytes;
  try {
    return await pipeBytes(bytes, new DecompressionStream('gzip'), max);
  } catch (e) {
    return e instanceof TooLarge ? problem('decompresse_trop_gros', {}, String(bytes.length), String(max)) : problem('gzip_illisible', {});
  }
}

import { MAX_BYTES } from './guard';
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
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.length;
      if (length > max) {
        await reader.cancel().catch(() => undefined);
        return problem('decompresse_trop_gros', {}, String(bytes.length), String(max));
      }
      parts.push(value);
    }
  } catch {
    return problem('gzip_illisible', {});
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The output of a stream grew past the limit given to pipeBytes (it was cancelled there). */
export class TooLarge extends Error {}

/**
 * Pipes bytes through a compression or decompression stream (the browser's own) and returns the whole output. Past
 * `limit` bytes of output it stops at once (a small input can inflate to gigabytes) and throws TooLarge; a corrupt
 * or truncated input rejects with the stream's own error.
 */
export async function pipeBytes(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge(`more than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return concat(chunks, size);
}

/**
 * The first bytes of a stream's output, at least `n` when there are that many (whole chunks, then the stream is
 * cancelled): a look at the start of a large compressed file without inflating all of it.
 */
export async function pipeHead(bytes: Uint8Array, stream: DecompressionStream, n: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < n) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  return concat(chunks, size);
}

/** The chunks one after the other (`size`: their total length). */
function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

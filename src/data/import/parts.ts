import type { Connector } from '../connector';

/**
 * A large file handed to DuckDB in parts, each cut at a line end, so that DuckDB reads the first part while the page
 * reads the next: read whole first, DuckDB waited for the page's read of every byte (docs/performance.md). The fast
 * path's typed read appends the parts in order (one record per line: a cut at a line end never splits a record of
 * a file the fast path keeps); the readers that need the file in one piece (the text read, the rows left to
 * JavaScript) ask for it whole, which registers it once more.
 */

/** About how many parts a file is cut into: enough for DuckDB to start early, few enough that each statement is worth sending. */
export const PARTS = 6;
/** The smallest part (a smaller file is one part). */
export const MIN_PART_BYTES = 1024 * 1024;

/** The size of the parts of a file of `size` bytes (the last part takes the rest). */
export function partBytes(size: number): number {
  return Math.max(MIN_PART_BYTES, Math.ceil(size / PARTS));
}

/** The length of `bytes` up to and including its last line feed (0: it has none). */
export function lineCut(bytes: Uint8Array): number {
  return bytes.lastIndexOf(10) + 1;
}

/** A file's bytes registered in DuckDB, in parts. */
export interface FileParts {
  /** Each part's registered name, in the file's order, once DuckDB has it; null past the last part (never the first). */
  readonly parts: readonly Promise<string | null>[];
  /** The name of the whole file in one piece: the first part's when it is the whole file, else registered on the first call. */
  whole(): Promise<string>;
  /** Every part registered (and every other part settled). */
  readonly ready: Promise<void>;
  /** Forgets every name registered, once the parts (and the whole file, if asked for) are settled. */
  drop(): Promise<void>;
}

/** A file already registered in one piece as `name` (its owner drops it). */
export function wholeFile(name: string): FileParts {
  const named = Promise.resolve(name);
  return { parts: [named], whole: () => named, ready: Promise.resolve(), drop: () => Promise.resolve() };
}

/**
 * Reads `file` in parts of `size` bytes (each cut at its last line feed; the bytes after it start the next part) and
 * registers each in DuckDB as `base.k` as soon as it is read, without waiting for DuckDB's answer: DuckDB runs
 * requests in the order they come, so a part is registered before any statement sent after it is known. A part
 * without a line feed takes the rest of the file. The bytes are transferred to DuckDB's worker, not copied.
 * `onRead` is called once every byte is read.
 */
export function registerParts(conn: Connector, file: Blob, base: string, size = partBytes(file.size), onRead: () => void = () => undefined): FileParts {
  const count = Math.max(1, Math.ceil(file.size / size));
  const settle: { resolve: (name: string | null) => void; reject: (e: unknown) => void }[] = [];
  const parts = Array.from({ length: count }, () => new Promise<string | null>((resolve, reject) => settle.push({ resolve, reject })));
  const names: string[] = [];
  const pump = async () => {
    let start = 0;
    let k = 0;
    for (; k < count && start < file.size; k++) {
      const end = k === count - 1 ? file.size : Math.min(file.size, start + size);
      let bytes = new Uint8Array(await file.slice(start, end).arrayBuffer());
      let length = end === file.size ? bytes.length : lineCut(bytes);
      if (length === 0) {
        bytes = new Uint8Array(await file.slice(start).arrayBuffer());
        length = bytes.length;
      }
      const name = count === 1 ? base : `${base}.${k}`;
      names.push(name);
      const s = settle[k];
      conn.registerFile(name, bytes.subarray(0, length)).then(() => s?.resolve(name), (e: unknown) => s?.reject(e));
      start += length;
    }
    onRead();
    for (; k < count; k++) settle[k]?.resolve(null);
  };
  pump().catch((e: unknown) => settle.forEach((s) => s.reject(e)));
  const ready = Promise.all(parts).then(() => undefined);
  // Failures surface where the parts are awaited.
  parts.forEach((p) => p.catch(() => undefined));
  ready.catch(() => undefined);
  let whole: Promise<string> | null = null;
  return {
    parts,
    ready,
    drop: async () => {
      await Promise.all([ready, whole?.catch(() => undefined)]);
      await Promise.all(names.map((n) => conn.dropFile(n)));
    },
    whole: () => {
      whole ??= (async () => {
        const [first, second] = await Promise.all([parts[0], parts[1] ?? null]);
        if (first && second === null) return first;
        await conn.registerFile(base, await file.arrayBuffer());
        names.push(base);
        return base;
      })();
      return whole;
    },
  };
}

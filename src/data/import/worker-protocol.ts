import type { ImportCatalogue } from './canonical';
import type { ParsedRow } from './parse';
import type { ImportOptions } from './run';
import type { FastHead } from './scan';
import type { RowCheckOptions } from './row-check';

/** Requests the page sends to the import worker (src/data/import/import.worker.ts). */
export type WorkerRequest =
  /** The fast path's look at the first bytes: a FastHead, or the reason the full pipeline must run. */
  | { readonly type: 'head'; readonly file: Blob }
  /** The fast path's pass over the whole file: line structure, UTF-8 validity, raw keys, clean rows, SHA-256. */
  | { readonly type: 'scan'; readonly file: Blob; readonly rows?: RowCheckOptions }
  /** The SHA-256 of the bytes the last scan looked at (then forgotten). */
  | { readonly type: 'sha256' }
  /** The rows SQL could not prove clean, mapped and checked in JavaScript. */
  | { readonly type: 'dirty'; readonly rows: readonly ParsedRow[]; readonly head: FastHead; readonly cat: ImportCatalogue }
  /** The full pipeline over the whole file. */
  | { readonly type: 'full'; readonly file: Blob; readonly cat: ImportCatalogue; readonly opts: ImportOptions };

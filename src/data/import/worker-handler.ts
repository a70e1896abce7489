import { runImportFile, type ImportOptions } from './run';
import type { ImportCatalogue } from './canonical';
import { rowsToCsv } from './commit';
import { analyseHead, scanBytes, type FastHead } from './scan';
import { HEAD_STEPS, MAX_PROBLEMS, processDirty } from './fast';
import type { ParsedRow } from './parse';
import { scanLines } from './row-check';
import type { WorkerRequest } from './worker-protocol';

/** Rows sent back for the preview; the rest travel as the CSV text DuckDB will read. */
const PREVIEW = 50;

/** SHA-256 of the file's bytes, as hex (kept with the stored file). */
async function sha256(bytes: ArrayBuffer): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * What one import worker does with the page's requests, and what it keeps between them: the bytes of its last scan,
 * until their SHA-256 is asked. One per worker (import.worker.ts creates it), so nothing is module state.
 */
export class ImportWorkerHandler {
  /** The bytes of the last scan, until their SHA-256 is asked for. */
  private scanned: ArrayBuffer | null = null;

  async handle(msg: WorkerRequest): Promise<unknown> {
    switch (msg.type) {
      case 'head':
        return head(msg.file);
      case 'scan': {
        const buffer = await msg.file.arrayBuffer();
        this.scanned = buffer;
        return scan(new Uint8Array(buffer), msg.rows);
      }
      case 'sha256': {
        if (!this.scanned) throw new Error('no scan to hash');
        const buffer = this.scanned;
        this.scanned = null;
        return sha256(buffer);
      }
      case 'dirty':
        return processDirty(msg.rows as ParsedRow[], msg.head as FastHead, msg.cat);
      case 'full':
        return full(msg.file, msg.cat as ImportCatalogue, msg.opts as ImportOptions);
    }
  }
}

/** The fast path's look at the head: a short look first, it holds the 2,000 rows the head needs in most files. */
async function head(file: Blob): Promise<ReturnType<typeof analyseHead>> {
  let found: ReturnType<typeof analyseHead> = { reason: 'head too short' };
  for (const size of HEAD_STEPS) {
    found = analyseHead(new Uint8Array(await file.slice(0, size).arrayBuffer()), file.size);
    if (!('reason' in found) || found.reason !== 'head too short' || size >= file.size) break;
  }
  return found;
}

/**
 * The fast path's pass over the whole file. One pass gives everything, unless a quote leaves the file's records
 * unclear line by line (row-check.ts): then the quote-aware byte scan alone, and the fast path hands the file to the
 * full pipeline.
 */
function scan(bytes: Uint8Array, rows: Extract<WorkerRequest, { type: 'scan' }>['rows']) {
  const lines = rows ? scanLines(bytes, rows) : null;
  const s = lines ? { ...lines.scan, keysDistinct: lines.keysDistinct, marks: lines.marks, texts: lines.texts, badWidth: lines.badWidth } : scanBytes(bytes);
  return { scan: { ...s, invalidUtf8: s.nonAscii && !validUtf8(bytes) } };
}

/** The full pipeline over the whole file, with the preview rows, the accepted rows as CSV and the file's SHA-256. */
async function full(file: Blob, cat: ImportCatalogue, opts: ImportOptions) {
  const buffer = await file.arrayBuffer();
  const result = await runImportFile(new Uint8Array(buffer), cat, opts);
  const sources = [...new Set(result.rows.map((r) => r.source).filter((x): x is string => Boolean(x)))].slice(0, 5);
  const csv = result.errors === 0 && result.rows.length ? rowsToCsv(result.rows) : '';
  return {
    result: { ...result, rows: result.rows.slice(0, PREVIEW), problems: result.problems.slice(0, MAX_PROBLEMS) },
    rowCount: result.rows.length, csv, sources, sha256: await sha256(buffer),
  };
}

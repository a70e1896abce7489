/// <reference lib="webworker" />
import { runImport, type ImportOptions } from './run';
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

/** The bytes of the last scan, until their SHA-256 is asked for. */
let scanned: ArrayBuffer | null = null;

async function handle(msg: WorkerRequest): Promise<unknown> {
  switch (msg.type) {
    case 'head': {
      // A short look first: it holds the 2,000 rows the head needs in most files.
      let head: ReturnType<typeof analyseHead> = { reason: 'head too short' };
      for (const size of HEAD_STEPS) {
        head = analyseHead(new Uint8Array(await msg.file.slice(0, size).arrayBuffer()), msg.file.size);
        if (!('reason' in head) || head.reason !== 'head too short' || size >= msg.file.size) break;
      }
      return head;
    }
    case 'scan': {
      const buffer = await msg.file.arrayBuffer();
      scanned = buffer;
      const bytes = new Uint8Array(buffer);
      // One pass gives everything, unless a quote leaves the file's records unclear line by line (row-check.ts): then the
      // quote-aware byte scan alone, and the fast path hands the file to the full pipeline.
      const lines = msg.rows ? scanLines(bytes, msg.rows) : null;
      const scan = lines ? { ...lines.scan, keysDistinct: lines.keysDistinct, marks: lines.marks, texts: lines.texts, badWidth: lines.badWidth } : scanBytes(bytes);
      return { scan: { ...scan, invalidUtf8: scan.nonAscii && !validUtf8(bytes) } };
    }
    case 'sha256': {
      if (!scanned) throw new Error('no scan to hash');
      const buffer = scanned;
      scanned = null;
      return sha256(buffer);
    }
    case 'dirty':
      return processDirty(msg.rows as ParsedRow[], msg.head as FastHead, msg.cat);
    case 'full': {
      const buffer = await msg.file.arrayBuffer();
      const result = runImport(new Uint8Array(buffer), msg.cat as ImportCatalogue, msg.opts as ImportOptions);
      const sources = [...new Set(result.rows.map((r) => r.source).filter((x): x is string => Boolean(x)))].slice(0, 5);
      const csv = result.errors === 0 && result.rows.length ? rowsToCsv(result.rows) : '';
      return {
        result: { ...result, rows: result.rows.slice(0, PREVIEW), problems: result.problems.slice(0, MAX_PROBLEMS) },
        rowCount: result.rows.length, csv, sources, sha256: await sha256(buffer),
      };
    }
  }
}

/** Runs import work off the main thread, one request at a time; the page cancels by terminating the worker. */
self.onmessage = (e: MessageEvent<WorkerRequest & { id: number }>) => {
  const { id } = e.data;
  handle(e.data).then(
    (value) => self.postMessage({ id, ok: true, value }),
    (err: unknown) => self.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};

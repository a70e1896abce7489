/// <reference lib="webworker" />
import { runImport, type ImportOptions } from './run';
import type { ImportCatalogue } from './canonical';
import { rowsToCsv } from './commit';

/** Rows sent back for the preview; the rest travel as the CSV text DuckDB will read. */
const PREVIEW = 50;
/** Problems sent back: enough for any report and download; the counts stay exact. */
const MAX_PROBLEMS = 100000;

/** Runs the import off the main thread; the page cancels it by terminating the worker. */
self.onmessage = (e: MessageEvent<{ bytes: ArrayBuffer; cat: ImportCatalogue; opts: ImportOptions }>) => {
  const { bytes, cat, opts } = e.data;
  try {
    const result = runImport(new Uint8Array(bytes), cat, opts);
    const sources = [...new Set(result.rows.map((r) => r.source).filter((x): x is string => Boolean(x)))].slice(0, 5);
    const csv = result.errors === 0 && result.rows.length ? rowsToCsv(result.rows) : '';
    self.postMessage({ type: 'done', analysed: { result: { ...result, rows: result.rows.slice(0, PREVIEW), problems: result.problems.slice(0, MAX_PROBLEMS) }, rowCount: result.rows.length, csv, sources } });
  } catch (err) {
    self.postMessage({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
  }
};

/// <reference lib="webworker" />
import { runImport, type ImportOptions } from './run';
import type { ImportCatalogue } from './canonical';

/** Runs the import off the main thread; the page cancels it by terminating the worker. */
self.onmessage = (e: MessageEvent<{ bytes: ArrayBuffer; cat: ImportCatalogue; opts: ImportOptions }>) => {
  const { bytes, cat, opts } = e.data;
  try {
    self.postMessage({ type: 'done', result: runImport(new Uint8Array(bytes), cat, opts) });
  } catch (err) {
    self.postMessage({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
  }
};

import { expect } from 'vitest';
import type { Connector } from '../../src/data/connector';
import type { ImportCatalogue } from '../../src/data/import/canonical';
import { canonicalColumns } from '../../src/data/import/canonical';
import { HEAD_STEPS, processDirty, runFastImport, type FastAnswer } from '../../src/data/import/fast';
import { scanLines } from '../../src/data/import/row-check';
import { runImport, type ImportResult } from '../../src/data/import/run';
import { analyseHead, scanBytes, type ByteScan, type FastHead } from '../../src/data/import/scan';

/**
 * The fast import path as the app runs it (src/data/import/session.ts and the import worker), on bytes registered in DuckDB as
 * the page registers a file's: the head looked at in the worker's steps, the worker's one pass over the bytes, DuckDB's
 * read, the rows left to JavaScript. Only the size gate is not applied (FAST_MIN_BYTES): tests run the fast path on
 * small files too. `typed` forces the typed read (true: DuckDB's own read, the text read when a cell fails its cast) or
 * the text read (false) instead of the head's choice.
 */
export async function appFastPath(db: Connector, bytes: Uint8Array, cat: ImportCatalogue, table: string, typed?: boolean): Promise<{ answer: FastAnswer; rows: unknown[] }> {
  let found: FastHead | { reason: string } = { reason: 'head too short' };
  for (const size of HEAD_STEPS) {
    found = analyseHead(bytes.subarray(0, size), bytes.length);
    if (!('reason' in found) || found.reason !== 'head too short' || size >= bytes.length) break;
  }
  if ('reason' in found) return { answer: { fallback: found.reason }, rows: [] };
  const head = typed === undefined ? found : { ...found, typed };
  const file = `${table}.csv`;
  await db.registerFile(file, bytes.slice().buffer);
  try {
    const answer = await runFastImport(db, { file, table, head, scan: workerScan(bytes, head), cat, textRead: typed === false }, async (rows) => processDirty(structuredClone(rows), head, cat));
    const rows = 'fallback' in answer ? [] : await db.query({ sql: `SELECT * FROM "${table}" ORDER BY line`, params: [] });
    return { answer, rows };
  } finally {
    await db.dropFile(file);
  }
}

/** The import worker's `scan` answer (import.worker.ts), passed through structured cloning as postMessage does. */
export function workerScan(bytes: Uint8Array, head: FastHead): ByteScan {
  const idx = canonicalColumns(head.header);
  const lines = idx ? scanLines(bytes, { delimiter: head.delimiter, skipLines: head.headerLine, width: head.header.length, idx, decimalComma: head.decimalComma }) : null;
  const scan: ByteScan = lines ? { ...lines.scan, keysDistinct: lines.keysDistinct, marks: lines.marks, texts: lines.texts, badWidth: lines.badWidth } : scanBytes(bytes);
  let valid = true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    valid = false;
  }
  return structuredClone({ ...scan, invalidUtf8: scan.nonAscii && !valid });
}

/** What both paths must agree on: the report (everything but the preview's rows), the preview, the accepted rows. */
export function expectSameReport(full: ImportResult, fast: Exclude<FastAnswer, { fallback: string }>, fastRows: unknown[], label = ''): void {
  const { rows: fullRows, ...fullRest } = full;
  const { rows: preview, ...fastRest } = fast.result;
  expect(fastRest, label).toEqual(fullRest);
  expect(preview, label).toEqual(fullRows.slice(0, 50));
  expect(fast.rowCount, label).toBe(fullRows.length);
  expect(fastRows, label).toEqual(fullRows);
}

/** The full pipeline on the same bytes, as the import worker runs it. */
export function fullPath(bytes: Uint8Array, cat: ImportCatalogue, fileName = 'x.csv'): ImportResult {
  return runImport(bytes, cat, { fileName });
}

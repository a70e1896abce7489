import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import { importCatalogue, utf8 } from '../helpers/catalogue';
import { appFastPath, expectSameReport, fullPath, workerScan } from '../helpers/fast-path';
import { CANONICAL_HEADER, OCCITANIE_DEPARTEMENTS } from '../helpers/constants';
import { analyseHead } from '../../src/data/import/scan';
import { processDirty, runFastImport, type FastAnswer } from '../../src/data/import/fast';
import { lineCut, registerParts } from '../../src/data/import/parts';
import type { Connector } from '../../src/data/connector';

/**
 * A large file reaches DuckDB in parts cut at line ends (parts.ts): DuckDB reads the first while the page reads the
 * next. The fast path must give the same report and rows from the parts as from the file in one piece and as the
 * full pipeline, whichever reader needs the file: the typed read (parts appended), the text read and the rows left
 * to JavaScript (the whole file, registered on demand).
 */
let db: Awaited<ReturnType<typeof openDefaultDb>>;
beforeAll(async () => {
  db = await openDefaultDb();
});
afterAll(() => db.close());

/** A connector that records the names it registers and drops. */
function recording(conn: Connector): { conn: Connector; registered: string[]; dropped: string[] } {
  const registered: string[] = [];
  const dropped: string[] = [];
  return {
    registered, dropped,
    conn: {
      ...conn,
      query: (q) => conn.query(q),
      exec: (sql) => conn.exec(sql),
      registerText: (n, t) => conn.registerText(n, t),
      registerFile: (n, f) => (registered.push(n), conn.registerFile(n, f)),
      dropFile: (n) => (dropped.push(n), conn.dropFile(n)),
    },
  };
}

let n = 0;
/** The fast path on `text` handed over in parts of `partBytes`; `typed` as in appFastPath. */
async function inParts(text: string, partBytes: number, typed?: boolean): Promise<{ answer: FastAnswer; rows: unknown[]; registered: string[]; dropped: string[] }> {
  const bytes = utf8(text);
  const found = analyseHead(bytes, bytes.length);
  if ('reason' in found) throw new Error(found.reason);
  const head = typed === undefined ? found : { ...found, typed };
  const rec = recording(db);
  const table = `import_parties_${++n}`;
  const parts = registerParts(rec.conn, new Blob([bytes]), `parties-${n}.csv`, partBytes);
  const cat = importCatalogue();
  const answer = await runFastImport(rec.conn, { file: parts, table, head, scan: workerScan(bytes, head), cat, textRead: typed === false }, async (rows) => processDirty(structuredClone(rows), head, cat));
  const rows = 'fallback' in answer ? [] : await db.query({ sql: `SELECT * FROM "${table}" ORDER BY line`, params: [] });
  await parts.drop();
  return { answer, rows, registered: rec.registered, dropped: rec.dropped };
}

/** `count` clean data lines (Occitanie's départements × years × two indicators), then `extra` lines. */
function file(count: number, extra: string[] = [], at = count): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const total = 100 + (i % 50);
    lines.push(`${OCCITANIE_DEPARTEMENTS[i % 13]},${1990 + Math.floor(i / 26)},${i % 26 < 13 ? 'sup_numerique' : 'emploi_numerique'},${i % 40},${total - (i % 40)},${total},,,Source ${i % 3}`);
  }
  lines.splice(at, 0, ...extra);
  return [CANONICAL_HEADER, ...lines].join('\n') + '\n';
}

describe('lineCut', () => {
  test.each([
    ['a\nb\nc', 4],
    ['a\nb\n', 4],
    ['abc', 0],
    ['', 0],
    ['\r\n', 2],
  ])('%j is cut after %i bytes', (text, cut) => {
    expect(lineCut(utf8(text))).toBe(cut);
  });
});

describe('a file in parts gives the report of the file in one piece', () => {
  const cases: [string, string][] = [
    ['clean rows (typed read, parts appended)', file(2000)],
    ['a row left to JavaScript near the end (the whole file read for its text)', file(2000, ['DEP-31,2050,sup_numerique,1,2,3,,,x'], 1900)],
    ['a cell DuckDB cannot cast in a later part (the text read, of the whole file)', file(2000, ['31,2051,sup_numerique,n/a,2,3,,,x'], 1800)],
    ['a repeated key across parts', file(2000, ['09,1990,sup_numerique,1,2,3,,,x'], 1500)],
    ['an unknown indicator in a later part', file(2000, ['31,2052,pas_connu,1,2,3,,,x'], 1700)],
  ];
  test.each(cases)('%s', async (_, text) => {
    const whole = await appFastPath(db, utf8(text), importCatalogue(), `import_entier_${++n}`);
    if ('fallback' in whole.answer) throw new Error(whole.answer.fallback);
    const slow = fullPath(utf8(text), importCatalogue());
    for (const partBytes of [4096, 10007]) {
      const got = await inParts(text, partBytes);
      if ('fallback' in got.answer) throw new Error(got.answer.fallback);
      expect(got.registered.length, 'several parts').toBeGreaterThan(3);
      expectSameReport(slow, got.answer, got.rows, `parts of ${partBytes}`);
      expect(got.answer.read).toBe(whole.answer.read);
      // Every part registered is dropped.
      expect(got.dropped.filter((d) => d.startsWith('parties-')).sort()).toEqual([...got.registered].sort());
    }
  });

  test('a part without a line end takes the rest of the file', async () => {
    const long = `31,2053,sup_numerique,1,2,3,,,${'y'.repeat(300)}`;
    const text = file(40, [long], 20);
    const got = await inParts(text, 256);
    if ('fallback' in got.answer) throw new Error(got.answer.fallback);
    expectSameReport(fullPath(utf8(text), importCatalogue()), got.answer, got.rows);
  });

  test('the text read asked for by the head reads the whole file once', async () => {
    const text = file(2000);
    const got = await inParts(text, 4096, false);
    if ('fallback' in got.answer) throw new Error(got.answer.fallback);
    expect(got.answer.read).toBe('text');
    expect(got.registered.filter((r) => !/\.\d+$/.test(r))).toHaveLength(1);
    expectSameReport(fullPath(utf8(text), importCatalogue()), got.answer, got.rows);
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import { importCatalogue, utf8 } from '../helpers/catalogue';
import { runImport } from '../../src/data/import/run';
import { analyseHead, scanBytes, type FastHead } from '../../src/data/import/scan';
import { FAST_MIN_BYTES, processDirty, runFastImport } from '../../src/data/import/fast';
import { scanLines } from '../../src/data/import/row-check';
import { canonicalColumns } from '../../src/data/import/canonical';
import { MAX_COUNT } from '../../src/data/import/limits';
import { CANONICAL_HEADER } from '../helpers/constants';

/**
 * The fast path (canonical files over 2 MB) gives exactly the full pipeline's report for the import's limits: an
 * over-long cell, a count over MAX_COUNT (13 digits, which the fast path's number proofs accept as plain), a huge
 * number, a source cut by character and an ambiguous name, all on late lines of a file over 2 MB, with DuckDB's
 * typed read and with its text read.
 */
let db: Awaited<ReturnType<typeof openDefaultDb>>;
beforeAll(async () => {
  db = await openDefaultDb();
});
afterAll(() => db.close());

const cat = importCatalogue();
const HEAD = CANONICAL_HEADER;
let n = 0;

/** `count` clean rows, each key once: every département × 111 years × the indicators, in that order. */
function clean(count: number): string[] {
  const deps = cat.territories.filter((t) => t.type === 'departement').map((t) => t.code);
  const ids = ['emploi_numerique', 'nsi_lycee', 'emploi_technique', 'sup_numerique', 'formation_numerique', 'demandeurs_numerique'];
  return Array.from({ length: count }, (_, i) => {
    const total = 200 + ((i * 7919) % 5000);
    const women = Math.floor(total * 0.3);
    return `${deps[i % deps.length]},${1990 + (Math.floor(i / deps.length) % 100)},${ids[Math.floor(i / (deps.length * 100))]},${women},${total - women},${total},,,Insee`;
  });
}

/** The fast path on `text`, forcing the typed read (true) or the text read (false). */
async function fast(text: string, typed: boolean) {
  const bytes = utf8(text);
  const found = analyseHead(bytes, bytes.length);
  if ('reason' in found) throw new Error(`head: ${found.reason}`);
  const head: FastHead = { ...found, typed };
  const idx = canonicalColumns(head.header);
  const lines = idx ? scanLines(bytes, { delimiter: head.delimiter, skipLines: head.headerLine, width: head.header.length, idx, decimalComma: head.decimalComma }) : null;
  const scan = lines ? { ...lines.scan, keysDistinct: lines.keysDistinct, marks: lines.marks, texts: lines.texts } : scanBytes(bytes);
  const file = `limits-${++n}.csv`;
  await db.registerText(file, text);
  const table = `import_limits_${n}`;
  const answer = await runFastImport(db, { file, table, head, scan, cat, textRead: !typed }, async (rows) => processDirty(rows, head, cat));
  await db.dropFile(file);
  if ('fallback' in answer) throw new Error(`fell back: ${answer.fallback}`);
  const rows = await db.query({ sql: `SELECT * FROM "${table}" ORDER BY line`, params: [] });
  return { answer, rows };
}

/** Runs the full pipeline, then the fast path with each read, and compares everything the report and the commit use. */
async function same(text: string) {
  expect(utf8(text).length).toBeGreaterThan(FAST_MIN_BYTES);
  const slow = runImport(utf8(text), cat, { fileName: 'x.csv' });
  const { rows: slowRows, ...slowRest } = slow;
  const reads: string[] = [];
  for (const typed of [true, false]) {
    const { answer, rows } = await fast(text, typed);
    const { rows: preview, ...fastRest } = answer.result;
    expect(fastRest).toEqual(slowRest);
    expect(preview).toEqual(slowRows.slice(0, 50));
    expect(answer.rowCount).toBe(slowRows.length);
    expect(rows).toEqual(slowRows);
    reads.push(answer.read);
  }
  return { slow, reads };
}

const where = (r: ReturnType<typeof runImport>) => r.problems.map((p) => [p.code, p.ligne, p.colonne]);

describe('the fast path gives the full pipeline’s report on the import’s limits', () => {
  const body = clean(60000);
  const first = body.length + 2;

  test('late lines of a file over 2 MB, read with types: counts over the bound, a source cut by character, an ambiguous name, over-long texts', async () => {
    const late = [
      `31,2091,emploi_numerique,${MAX_COUNT + 1},0,${MAX_COUNT + 1},,,`,
      `31,2092,emploi_numerique,${MAX_COUNT},0,${MAX_COUNT},,,`,
      '31,2093,emploi_numerique,99999999999999999999,0,1,,,',
      `31,2094,emploi_numerique,10,90,100,,,${'😀'.repeat(501)}`,
      'Guadeloupe,2095,emploi_numerique,1,2,3,,,',
      `31,2096,${'x'.repeat(6000)},1,2,3,,,`,
      `${'9'.repeat(6000)},2097,emploi_numerique,1,2,3,,,`,
      `31,2098,emploi_numerique,1,2,3,,${' '.repeat(6000)}secret,`,
    ];
    const { slow, reads } = await same([HEAD, ...body, ...late].join('\n') + '\n');
    expect(reads).toEqual(['typed', 'text']);
    expect(where(slow)).toEqual([
      ['effectif_trop_grand', first, 'femmes'], ['effectif_trop_grand', first, 'total'],
      ['effectif_trop_grand', first + 2, 'femmes'],
      ['texte_tronque', first + 3, 'source'],
      ['territoire_ambigu', first + 4, 'territoire'],
      ['cellule_trop_longue', first + 5, 'indicateur'],
      ['cellule_trop_longue', first + 6, 'territoire'],
      ['cellule_trop_longue', first + 7, 'statut'],
    ]);
    expect(slow.rows.find((r) => r.annee === 2094)?.source).toBe('😀'.repeat(500));
    expect(slow.rows.find((r) => r.annee === 2092)?.femmes).toBe(MAX_COUNT);
  });

  test('a number cell of 300,000 digits then a letter on a late line (read as text: DuckDB cannot type it)', async () => {
    const { slow, reads } = await same([HEAD, ...body, `31,2090,emploi_numerique,${'1'.repeat(300_000)}a,2,3,,,`].join('\n') + '\n');
    expect(reads).toEqual(['text', 'text']);
    expect(where(slow)).toEqual([['cellule_trop_longue', first, 'femmes']]);
  });
});

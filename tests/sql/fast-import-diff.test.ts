import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { openDefaultDb } from '../helpers/node-db';
import { importCatalogue, utf8 } from '../helpers/catalogue';
import { appFastPath, expectSameReport, fullPath } from '../helpers/fast-path';
import { hostileBytes, hostileCases } from '../helpers/hostile';
import { dropFastTables, FAST_MIN_BYTES, HEAD_BYTES, type FastAnswer } from '../../src/data/import/fast';
import { removeDataset, swapIn } from '../../src/data/import/commit';
import { bigCanonical } from '../../scripts/hostile-corpus.mjs';

/**
 * The fast import path (DuckDB's read, the worker's proofs) and the full one (papaparse, JavaScript) must give the same
 * report and commit the same rows, on any file: here on the hostile corpus's large cases, and on thousands of
 * generated mutations of a canonical file, small (the fast path run directly, without its size gate) and over 2 MB
 * (the mutation on a late line, beyond the head the fast path analyses). A file the fast path hands back (`fallback`)
 * is read by the full pipeline in the app: the two agree by construction.
 */
let db: Awaited<ReturnType<typeof openDefaultDb>>;
beforeAll(async () => {
  db = await openDefaultDb();
});
afterAll(() => db.close());

const cat = importCatalogue();
let n = 0;

/** Both paths on `bytes`; throws on any disagreement. Returns how the fast path ended. */
async function agree(bytes: Uint8Array, label: string, typed?: boolean): Promise<FastAnswer> {
  const table = `diff_${++n}`;
  const full = fullPath(bytes, cat);
  const { answer, rows } = await appFastPath(db, bytes, cat, table, typed);
  if (!('fallback' in answer)) expectSameReport(full, answer, rows, label);
  await dropFastTables(db, table);
  return answer;
}

describe('hostile corpus: the large files read by the fast path as by the full one', () => {
  const big = hostileCases().filter((c) => c.id.startsWith('rapide-'));
  test('the cases exist and are over the fast path’s threshold', () => {
    expect(big.map((c) => c.id)).toEqual(['rapide-bom-doublon', 'rapide-double-bom', 'rapide-espace-guillemet-nombres', 'rapide-espace-guillemet-source', 'rapide-texte-apres-guillemet']);
    for (const c of big) expect(hostileBytes(c).length).toBeGreaterThan(FAST_MIN_BYTES);
  });

  test.each(big.map((c) => [c.id, c] as const))('%s: same report, and « Importer » commits the same rows', async (_id, c) => {
    const bytes = hostileBytes(c);
    const table = `hostile_${++n}`;
    const full = fullPath(bytes, cat, c.file);
    const { answer, rows } = await appFastPath(db, bytes, cat, table);
    // Handed back: a file whose lines papaparse and DuckDB split differently (` "1,5"`: two cells or one), a quote
    // that does not close where its cell ends. Every other case is read by the fast path.
    const handedBack = { 'rapide-espace-guillemet-nombres': 'a row with another number of fields', 'rapide-texte-apres-guillemet': expect.any(String) }[c.id];
    expect('fallback' in answer ? answer.fallback : 'rapide').toEqual(handedBack ?? 'rapide');
    // The report the app shows: the fast path's, or the full pipeline's when it hands the file back.
    const shown = 'fallback' in answer ? full : answer.result;
    expect(shown.problems.map((p) => [p.code, p.ligne, p.colonne])).toEqual(c.expect.problems);
    expect('fallback' in answer ? full.rows.length : answer.rowCount).toBe(c.expect.rows);
    if ('fallback' in answer) return;
    expectSameReport(full, answer, rows, c.id);
    if (answer.result.errors > 0) return;
    const meta = { id: 'diff_hostile', nom: c.file, source: 'Insee', licence: 'Licence Ouverte 2.0', priorite: 50, actif: true, derniere_maj: null };
    await swapIn(db, meta, answer.own);
    const stored = await db.query({ sql: `SELECT territoire, annee, indicateur, femmes, hommes, total, part_femmes, statut, source FROM observations WHERE jeu = 'diff_hostile'
      ORDER BY territoire, annee, indicateur`, params: [] });
    const key = (r: { territoire: string; annee: number; indicateur: string }) => `${r.territoire}|${String(r.annee).padStart(4, '0')}|${r.indicateur}`;
    const want = full.rows.map(({ line: _line, ...r }) => r).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    expect(stored.length).toBe(want.length);
    expect(stored).toEqual(want);
    await removeDataset(db, 'diff_hostile');
    await dropFastTables(db, table);
  }, 120000);
});

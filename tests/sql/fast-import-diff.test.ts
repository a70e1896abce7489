import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { openDefaultDb } from '../helpers/node-db';
import { importCatalogue, utf8 } from '../helpers/catalogue';
import { appFastPath, expectSameReport, fullPath } from '../helpers/fast-path';
import { hostileBytes, hostileCases } from '../helpers/hostile';
import { dropFastTables, FAST_MIN_BYTES, HEAD_BYTES, type FastAnswer } from '../../src/data/import/fast';
import { removeDataset, swapIn } from '../../src/data/import/commit';
import { bigCanonical } from '../../scripts/hostile-corpus.mjs';
import { CANONICAL_HEADER, OCCITANIE_DEPARTEMENTS } from '../helpers/constants';

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
/** Generated files per run: small ones (the fast path run directly), and files over 2 MB (seconds each). */
const RUNS_SMALL = Number(process.env['DIFF_RUNS'] ?? 2500);
const RUNS_BIG = Number(process.env['DIFF_RUNS_BIG'] ?? 10);
/** Fixed seeds (DIFF_SEED explores others: a disagreement found so goes into `examples` below). */
const SEED = Number(process.env['DIFF_SEED'] ?? 20261203);
/** Mutations per file, at most. */
const MAX_MUTATIONS = Number(process.env['DIFF_MAX_MUTATIONS'] ?? 4);

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

/**
 * A canonical file as a model: each line's cells as written in the file (quotes included) and its line end, so that
 * mutations can touch one cell, one delimiter or one line end of the text.
 */
interface Model {
  sep: ',' | ';';
  lines: { cells: string[]; eol: string }[];
}

const HEADER = CANONICAL_HEADER.split(',');
const DEPS = OCCITANIE_DEPARTEMENTS;
const INDICATORS = ['emploi_numerique', 'emploi_technique', 'nsi_lycee'];

/** A clean file of `count` rows: counts, shares, secrets, decimals, accented and quoted sources. */
function baseModel(count: number, sep: ',' | ';', first = 0): Model {
  const dec = (x: string) => (sep === ';' ? x.replace('.', ',') : x);
  const lines = Array.from({ length: count }, (_, k) => {
    const i = k + first;
    const w = 100 + ((i * 37) % 900);
    const m = 200 + ((i * 53) % 800);
    const t = DEPS[i % 13] ?? '31';
    const key = [t, String(2000 + Math.floor(i / 13)), INDICATORS[Math.floor(i / 7) % 3] ?? 'nsi_lycee'];
    const source = ['Insee', 'Ministère', '', sep === ',' ? '"Insee, RP"' : 'Insee, RP', 'Dares'][i % 5] ?? '';
    const values = i % 6 === 1 ? ['', '', '', dec('45.7'), '', source]
      : i % 6 === 4 ? ['', '', '', '', 'secret', source]
      : i % 6 === 3 ? [dec(`${w}.5`), dec(`${m}.5`), String(w + m + 1), '', '', source]
      : [String(w), String(m), String(w + m), '', i % 11 === 0 ? 'estimation' : '', source];
    return { cells: [...key, ...values], eol: '\n' };
  });
  return { sep, lines };
}

function serialise(m: Model, withHeader = true): string {
  const head = withHeader ? HEADER.join(m.sep) + '\n' : '';
  return head + m.lines.map((l) => l.cells.join(m.sep) + l.eol).join('');
}

const pick = <T>(xs: readonly T[], k: number): T => xs[k % xs.length] as T;
const ZW = ['\ufeff', '\ufeff\ufeff', '\u200b', '\u2060', '\u200d', '\ufeff\u200b'];
const QUOTED = [(v: string) => ` "${v}"`, (v: string) => `"${v}" `, (v: string) => ` "${v}" `, (v: string) => `"${v}"`, () => '""', (v: string) => `"${v}"x`,
  (v: string) => `"${v.replace(/"/g, '""')}"`, (v: string) => `"${v}""x"""`, (v: string) => `\t"${v}"`];
const NUMBERS = ['1 234', '1\u00a0234', '1\u202f234', '12,5', '12.5', '"1,5"', '045', '+10', '1e2', '-5', ' 10', '10 ', 'abc', '', 's', '1.234', '0.5', '45,7 %', '120', '0', '00'];
const TERRITORIES = ['9', '09', '031', 'DEP-31', 'Haute-Garonne', 'haute-garonne', 'HAUTE-GARONNE', '2a', '2A', 'FR', 'fr', 'DE', 'XX9', '76', 'REG-76', 'Ariège', 'Arie\u0300ge', '31.0', 'EU27_2020'];
const YEARS = ['2024', '02024', '2024.0', '2022-23', ' 2024', '2024 ', '1989', '2101', 'abcd', '"2024"'];
const SOURCES = ['Ministère', 'Ministe\u0300re', 'Insee\u00a0', 'é'.repeat(300), 'Œuvre « régionale »', 'x'.repeat(501), 'Insee  RP', '  Insee', 'Insee\t', '"Insee ""RP"""', '=1+1'];
const STATUSES = ['SECRET', 'secret ', 'inconnu', 'provisoire', ' rupture', 'Faible_Fiabilite', 'c'];
const ALPHABET = ['a', '1', ' ', ',', ';', '"', '\ufeff', '\u200b', 'é', '\t', '.', '-', '0', '\r', '\n'];

type Mutation = [kind: number, row: number, col: number, variant: number, other: number];

/** Applies one mutation to the model (each kind in the list of the issue: see the comments). */
function mutate(m: Model, [kind, row, col, variant, other]: Mutation): void {
  const line = m.lines[row % m.lines.length];
  if (!line) return;
  const c = col % line.cells.length;
  const cell = line.cells[c] ?? '';
  const set = (v: string) => (line.cells[c] = v);
  const bare = cell.replace(/^"|"$/g, '');
  switch (kind) {
    case 0: // a zero-width character or U+FEFF at a cell's start or end, maybe doubled
      return void set(variant % 2 ? pick(ZW, other) + cell : cell + pick(ZW, other));
    case 1: // spaces around quotes, quotes around a cell, an empty quoted cell, text after a closing quote
      return void set(pick(QUOTED, variant)(bare));
    case 2: // a quote inside a cell
      return void set(`${bare.slice(0, other % (bare.length + 1))}${variant % 2 ? '""' : '"'}${bare.slice(other % (bare.length + 1))}`);
    case 3: // line ends: CRLF on one line, on every line, a lone CR, an empty line
      if (variant % 4 === 0) line.eol = '\r\n';
      else if (variant % 4 === 1) for (const l of m.lines) l.eol = '\r\n';
      else if (variant % 4 === 2) line.eol = '\r';
      else line.eol = '\n\n';
      return;
    case 4: // a delimiter too many or too few
      if (variant % 2) line.cells.push(pick(['', 'x', ' '], other));
      else line.cells.splice(c, 2, `${cell}${line.cells[c + 1] ?? ''}`);
      return;
    case 5: // decimal commas, thousands spaces and other ways of writing numbers
      return void (line.cells[3 + (col % 4)] = pick(NUMBERS, variant));
    case 6: // codes in other cases and spellings, leading zeros
      if (variant % 2) line.cells[0] = pick(TERRITORIES, other);
      else line.cells[2] = pick([line.cells[2]?.toUpperCase() ?? '', 'Emploi_Numerique', 'emploi numerique', 'inconnu_x', 'nouveau_1'], other);
      return;
    case 7: // years written otherwise
      return void (line.cells[1] = pick(YEARS, variant));
    case 8: // trailing (or leading) spaces and tabs
      return void set(pick([`${cell} `, `${cell}\t`, ` ${cell}`, `${cell}\u00a0`], variant));
    case 9: // non-ASCII letters, NFD, long texts in the source
      return void (line.cells[8] = pick(SOURCES, variant));
    case 10: { // a duplicate key, in various spellings
      const target = m.lines[other % m.lines.length];
      if (!target) return;
      const t = line.cells[0] ?? '';
      line.cells[0] = pick([t, t.replace(/^0/, ''), `DEP-${t}`, `\ufeff${t}`, `"${t}"`, ` ${t}`, `${t} `, `\ufeff\ufeff${t}`], variant);
      line.cells[1] = pick([target.cells[1] ?? '', `"${target.cells[1] ?? ''}"`], variant >> 3);
      target.cells[0] = t;
      line.cells[2] = pick([target.cells[2] ?? '', (target.cells[2] ?? '').toUpperCase(), `"${target.cells[2] ?? ''}"`], variant >> 4);
      return;
    }
    case 11: // statuses in other forms
      return void (line.cells[7] = pick(STATUSES, variant));
    default: { // any short text made of the characters that matter
      let s = '';
      for (let k = 0, x = variant; k < 1 + (other % 6); k++, x = Math.floor(x / 7) + other * (k + 3)) s += pick(ALPHABET, x);
      return void set(s);
    }
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.nat(1000), fc.nat(20), fc.nat(1000), fc.nat(1000));
const fileCase = fc.record({ sep: fc.constantFrom<',' | ';'>(',', ';'), rows: fc.integer({ min: 3, max: 30 }), mutations: fc.array(mutation, { minLength: 1, maxLength: MAX_MUTATIONS }),
  read: fc.constantFrom<boolean | undefined>(undefined, true, false) });

/** How the fast path ended, over a run: read by it, or handed back (and why). */
const ends = new Map<string, number>();
const tally = (a: FastAnswer) => {
  const k = 'fallback' in a ? `fallback: ${a.fallback.replace(/:.*$/s, '')}` : a.read;
  ends.set(k, (ends.get(k) ?? 0) + 1);
};

describe('differential: generated mutations of a canonical file, both paths', () => {
  test('small files, the fast path run directly (the head’s read, or either read forced): no disagreement', async () => {
    ends.clear();
    await fc.assert(fc.asyncProperty(fileCase, async (f) => {
      const m = baseModel(f.rows, f.sep);
      for (const x of f.mutations) mutate(m, x);
      const text = serialise(m);
      tally(await agree(utf8(text), JSON.stringify(text), f.read));
    }), {
      seed: SEED, numRuns: RUNS_SMALL, endOnFailure: true,
      // Disagreements found by earlier runs, kept: a share written `-0`, read -0 by JavaScript and 0 by DuckDB.
      examples: [[{ sep: ';', rows: 30, mutations: [[12, 399, 15, 176, 413], [7, 635, 5, 460, 932]], read: false }]],
    });
    // Most mutated files are read by the fast path itself (not handed back), with both reads.
    if (RUNS_SMALL < 100) return;
    const read = (ends.get('typed') ?? 0) + (ends.get('text') ?? 0);
    expect(read, JSON.stringify([...ends])).toBeGreaterThan(RUNS_SMALL / 2);
    expect(ends.get('typed') ?? 0, JSON.stringify([...ends])).toBeGreaterThan(RUNS_SMALL / 10);
    expect(ends.get('text') ?? 0, JSON.stringify([...ends])).toBeGreaterThan(RUNS_SMALL / 20);
  }, 900000);

  test('files over 2 MB, the mutations on their last lines: no disagreement', async () => {
    ends.clear();
    await fc.assert(fc.asyncProperty(fc.record({ mutations: fc.array(mutation, { minLength: 1, maxLength: MAX_MUTATIONS }), dupOf: fc.boolean() }), async (f) => {
      // Late lines of their own (the indicator no clean line uses), one of them maybe repeating a clean line's key.
      const m = baseModel(6, ',', 0);
      m.lines.forEach((l, i) => (l.cells[2] = 'specialistes_tic', l.cells[1] = String(2050 + i)));
      if (f.dupOf && m.lines[0]) m.lines[0].cells.splice(0, 3, '31', '2024', 'emploi_numerique');
      for (const x of f.mutations) mutate(m, x);
      const late = serialise(m, false).replace(/\n$/, '').split('\n');
      const bytes = bigCanonical(late);
      expect(bytes.length).toBeGreaterThan(HEAD_BYTES);
      tally(await agree(bytes, JSON.stringify(late)));
    }), { seed: SEED + 17, numRuns: RUNS_BIG, endOnFailure: true });
    if (RUNS_BIG >= 5) expect((ends.get('typed') ?? 0) + (ends.get('text') ?? 0), JSON.stringify([...ends])).toBeGreaterThan(RUNS_BIG / 3);
  }, 900000);
});

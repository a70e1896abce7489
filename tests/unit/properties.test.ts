import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { runImport, type ImportResult } from '../../src/data/import/run';
import { CanonicalRow } from '../../src/data/import/canonical';
import { rowsToCsv } from '../../src/data/import/commit';
import { sumTolerance } from '../../src/data/import/validate';
import { cleanText } from '../../src/data/import/numbers';
import { csvCell, toCsv } from '../../src/data/csv-export';
import { importCatalogue, utf8, utf16le } from '../helpers/catalogue';
import { cp1252 } from '../../scripts/hostile-corpus.mjs';
import { CANONICAL_HEADER } from '../helpers/constants';

/**
 * Property tests (fast-check). The seed is fixed so a run is repeatable; set FC_SEED to explore other inputs. A
 * failure prints the seed, the path and the smallest input found.
 */
const SEED = Number(process.env['FC_SEED'] ?? 20261129);
const run = <T>(prop: fc.IProperty<T>, numRuns: number) => fc.assert(prop, { seed: SEED, numRuns });

const cat = importCatalogue();
const CODES = new Set(cat.territories.map((t) => t.code));
const INDICATORS = new Set(cat.indicators);
const HEADER = CANONICAL_HEADER;
const STATUSES = ['secret', 'estimation', 'faible_fiabilite', 'rupture', 'provisoire'] as const;

/** Everything a result promises, whatever the input: rows fit the schema and the canonical rules, problems are complete. */
function checkResult(r: ImportResult): void {
  const keys = new Set<string>();
  for (const row of r.rows) {
    expect(CanonicalRow.safeParse(row).success).toBe(true);
    expect(CODES.has(row.territoire)).toBe(true);
    expect(INDICATORS.has(row.indicateur)).toBe(true);
    const { femmes, hommes, total, part_femmes, statut } = row;
    if (femmes !== null && total !== null) expect(femmes).toBeLessThanOrEqual(total);
    if (femmes !== null && hommes !== null && total !== null) expect(Math.abs(femmes + hommes - total)).toBeLessThanOrEqual(sumTolerance(total));
    if (part_femmes !== null) expect(part_femmes >= 0 && part_femmes <= 100).toBe(true);
    expect((femmes !== null && (total !== null || hommes !== null)) || part_femmes !== null || statut === 'secret').toBe(true);
    const key = `${row.territoire}|${row.annee}|${row.indicateur}`;
    expect(keys.has(key)).toBe(false);
    keys.add(key);
  }
  expect(r.errors).toBe(r.problems.filter((p) => p.severity === 'erreur').length);
  for (const p of r.problems) {
    expect(p.message_fr.length).toBeGreaterThan(0);
    expect(p.message_en.length).toBeGreaterThan(0);
    if (p.ligne !== null) expect(p.message_fr.startsWith(`Ligne ${p.ligne}`) && p.message_en.startsWith(`Line ${p.ligne}`)).toBe(true);
  }
}

const importBytes = (bytes: Uint8Array) => runImport(bytes, cat, { fileName: 'propriete.csv' });

/** Pieces files are made of: delimiters, quotes, line ends, numbers as the French write them, markers, tricks. */
const TOKENS = ['', ' ', '31', '9', '09', '9.0', '2A', '99', 'FR', 'DE', 'Hérault', 'Arie\u0300ge', '2024', '2022-23', '1850', 'emploi_numerique', 'nsi_lycee', 'robots',
  's', 'nd', '<5', '-', 'secret', 'estimation', '1 234,5', '1\u00a0234', '1\u202f234', '1.234', '45,7 %', '45.7%', '0,457', '-3', '1e999', '120', '380', '500',
  '=1+1', '@SUM(A1)', '"', '""', '"a,b"', '"x\ny"', ';', ',', '\t', '\r', '\n', '\r\n', '\ufeff', '\u200b', '\u0000', '\ufffd', '__proto__', '<script>', "' OR 1=1 --",
  'territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'statut', 'source'];
const token = fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }));
const csvish = fc.record({
  header: fc.boolean(),
  delimiter: fc.constantFrom(',', ';', '\t'),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  lines: fc.array(fc.array(token, { minLength: 1, maxLength: 10 }), { maxLength: 25 }),
  encoding: fc.constantFrom('utf-8', 'utf-16le', 'windows-1252'),
}).map(({ header, delimiter, eol, lines, encoding }) => {
  const text = [...(header ? [HEADER.replace(/,/g, delimiter)] : []), ...lines.map((l) => l.join(delimiter))].join(eol);
  if (encoding === 'utf-16le') return utf16le(text);
  if (encoding === 'windows-1252' && [...text].every((c) => c.charCodeAt(0) < 0x80 || /[À-ÿ]/.test(c))) return cp1252(text);
  return utf8(text);
});

/** A canonical file with random values: some valid, some not, written in the many ways French files write numbers. */
const numberCell = fc.oneof(
  fc.constantFrom('', 's', 'nd', '<5', '-', 'abc', '1e999'),
  fc.integer({ min: -100, max: 2_000_000 }).map(String),
  fc.integer({ min: 0, max: 2_000_000 }).map((n) => n.toLocaleString('fr-FR')),
  fc.double({ min: -10, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
  fc.double({ min: 0, max: 100, noNaN: true }).map((x) => `${x.toFixed(1).replace('.', ',')} %`),
);
const canonicalFile = fc.record({
  delimiter: fc.constantFrom(',', ';'),
  rows: fc.array(fc.tuple(
    fc.oneof(fc.constantFrom(...[...CODES].slice(0, 40), '9', '9.0', 'Hérault', 'REG-76', 'DEP-31', 'FRJ23', 'DE', '99', ''), fc.string({ maxLength: 5 })),
    fc.oneof(fc.integer({ min: 1985, max: 2105 }).map(String), fc.constantFrom('2022-23', 'x', '')),
    fc.oneof(fc.constantFrom(...cat.indicators), fc.constantFrom('ROBOTS', 'Emploi_Numerique', '')),
    numberCell, numberCell, numberCell, numberCell,
    fc.oneof(fc.constant(''), fc.constantFrom(...STATUSES), fc.string({ maxLength: 6 })),
    fc.string({ maxLength: 30 }),
  ), { maxLength: 30 }),
}).map(({ delimiter, rows }) => {
  const q = (c: string) => (/[",;\r\n\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return utf8([HEADER.replace(/,/g, delimiter), ...rows.map((r) => r.map(q).join(delimiter))].join('\n'));
});

describe('runImport never throws, and what it returns is always loadable', () => {
  test('random bytes', () => {
    run(fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => checkResult(importBytes(bytes))), 300);
  });
  test('random CSV-ish text (delimiters, quotes, line ends, encodings, markers)', () => {
    run(fc.property(csvish, (bytes) => checkResult(importBytes(bytes))), 300);
  });
  test('canonical files with random values', () => {
    run(fc.property(canonicalFile, (bytes) => checkResult(importBytes(bytes))), 300);
  });
});

/** Valid observations: counts that add up, or a share, or a secret; clean sources; one row per key. */
const cleanSource = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'é', 'Z', ' ', ',', ';', '"', "'", '\n', '\t', '=', '+', '-', '@', '<', '>', '%', '1', '€', '’', '🙂'), maxLength: 40 }),
  // Quoted line breaks with other delimiters inside: the delimiter must still be sniffed as the comma.
  fc.array(fc.constantFrom('Insee;', ' recensement;', '\n', '\t', 'champ;', '"'), { maxLength: 8 }).map((p) => p.join('')),
)
  .map((s) => cleanText(s))
  .map((s) => (s === '' ? null : s));
const tenths = fc.integer({ min: 0, max: 5_000_000 }).map((n) => n / 10);
const validRow = fc.record({
  territoire: fc.constantFrom(...CODES),
  annee: fc.integer({ min: 1990, max: 2100 }),
  indicateur: fc.constantFrom(...cat.indicators),
  kind: fc.constantFrom('fht', 'ft', 'fh', 'part', 'secret'),
  f: tenths,
  h: tenths,
  part: fc.integer({ min: 0, max: 100_000 }).map((n) => n / 1000),
  statut: fc.constantFrom(null, 'estimation', 'faible_fiabilite', 'rupture', 'provisoire'),
  source: cleanSource,
}).map(({ territoire, annee, indicateur, kind, f, h, part, statut, source }): CanonicalRow => {
  const base = { line: 0, territoire, annee, indicateur, femmes: null, hommes: null, total: null, part_femmes: null, statut, source };
  if (kind === 'secret') return { ...base, statut: 'secret' };
  if (kind === 'part') return { ...base, part_femmes: part };
  return { ...base, femmes: f, hommes: kind === 'ft' ? null : h, total: kind === 'fh' ? null : f + h };
});

describe('round trip', () => {
  test('valid rows → rowsToCsv → runImport gives the same rows', () => {
    run(fc.property(fc.uniqueArray(validRow, { selector: (r) => `${r.territoire}|${r.annee}|${r.indicateur}`, minLength: 1, maxLength: 40 }), (rows) => {
      const r = importBytes(utf8(rowsToCsv(rows)));
      expect(r.errors).toBe(0);
      // Each row keeps the line of the file where it starts (a source with line breaks spans several).
      let line = 2;
      const want = rows.map((x) => {
        const at = line;
        line += 1 + (x.source?.match(/\r\n|\r|\n/g)?.length ?? 0);
        return { ...x, line: at };
      });
      expect(r.rows).toEqual(want);
    }), 200);
  });
});

describe('formula-safe CSV export', () => {
  const FORMULA = /^[=+\-@\t\r]/;
  const cellValue = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ';', ' ', 'a', '1', "'"), maxLength: 8 }),
    fc.constantFrom(null, undefined, true, false),
  );
  const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
    fc.record({
      sep: fc.constantFrom(',', ';'),
      header: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: width, maxLength: width }),
      rows: fc.array(fc.array(cellValue, { minLength: width, maxLength: width }), { maxLength: 10 }),
    }),
  );
  /** What a string cell reads as after export: itself, with a leading apostrophe when it would run as a formula. */
  const safe = (v: string | boolean | null | undefined) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? String(v) : FORMULA.test(v) ? `'${v}` : v);

  test('no text cell starts a formula, and every cell parses back to itself (modulo the apostrophe)', () => {
    run(fc.property(table, ({ sep, header, rows }) => {
      const csv = toCsv(header, rows, sep);
      const back = Papa.parse<string[]>(csv.replace(/\r\n$/, ''), { delimiter: sep, newline: '\r\n' });
      expect(back.errors).toEqual([]);
      expect(back.data).toEqual([header.map(safe), ...rows.map((r) => r.map(safe))]);
      for (const cell of back.data.flat()) expect(FORMULA.test(cell)).toBe(false);
    }), 300);
  });
  test('numbers stay numbers (a negative number is not a formula); non-finite numbers are left empty', () => {
    run(fc.property(fc.double(), (x) => {
      expect(csvCell(x)).toBe(Number.isFinite(x) ? String(x) : '');
    }), 200);
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { openDefaultDb } from '../helpers/node-db';
import { importCatalogue, utf8 } from '../helpers/catalogue';
import { runImport } from '../../src/data/import/run';
import { analyseHead, scanBytes, type FastHead } from '../../src/data/import/scan';
import { candidatesPrefix, dropFastTables, HEAD_STEPS, processDirty, runFastImport, type FastAnswer } from '../../src/data/import/fast';
import { checkRows, MAX_DISTINCT_TEXTS, MAX_MARKED, scanLines } from '../../src/data/import/row-check';
import { canonicalColumns, type ImportCatalogue } from '../../src/data/import/canonical';
import { removeDataset, speculateMeasures, stage, statsProveRules, swapIn } from '../../src/data/import/commit';
import { refreshMeasures } from '../../src/data/sql/schema';
import { CANONICAL_HEADER, OCCITANIE_DEPARTEMENTS } from '../helpers/constants';

/**
 * The fast import path must give exactly the report and the rows of the full pipeline (runImport), for clean
 * files and for files full of problems; and must hand back (fallback) every file it cannot read exactly.
 */
let db: Awaited<ReturnType<typeof openDefaultDb>>;
beforeAll(async () => {
  db = await openDefaultDb();
});
afterAll(() => db.close());

const HEAD = CANONICAL_HEADER;
let n = 0;

/** The fast path on `text`; `typed` forces the typed read (true) or the text read (false) instead of the head's choice. */
async function fast(text: string | Uint8Array, cat: ImportCatalogue = importCatalogue(), typed?: boolean): Promise<{ answer: FastAnswer; rows: unknown[] }> {
  const bytes = typeof text === 'string' ? utf8(text) : text;
  const found = analyseHead(bytes, bytes.length);
  if ('reason' in found) return { answer: { fallback: found.reason }, rows: [] };
  const head = typed === undefined ? found : { ...found, typed };
  const file = `fast-${++n}.csv`;
  await db.registerText(file, new TextDecoder().decode(bytes));
  const table = `import_test_${n}`;
  const answer = await runFastImport(db, { file, table, head, scan: workerScan(bytes, head), cat, textRead: typed === false }, async (rows) => processDirty(rows, head, cat));
  await db.dropFile(file);
  const rows = 'fallback' in answer ? [] : await db.query({ sql: `SELECT * FROM "${table}" ORDER BY line`, params: [] });
  return { answer, rows };
}

/** The byte scan as the import worker makes it (with the row check and the raw key check). */
function workerScan(bytes: Uint8Array, head: FastHead) {
  const idx = canonicalColumns(head.header);
  const lines = idx ? scanLines(bytes, { delimiter: head.delimiter, skipLines: head.headerLine, width: head.header.length, idx, decimalComma: head.decimalComma }) : null;
  if (lines) expect(lines.scan).toEqual(scanBytes(bytes)); // the one pass sees the lines as the byte scan does
  return lines ? { ...lines.scan, keysDistinct: lines.keysDistinct, marks: lines.marks, texts: lines.texts } : scanBytes(bytes);
}

/**
 * Runs the full pipeline and the fast path, both with the typed read and with the text read, and compares
 * everything the report and the commit use. `reads` collects how each typed attempt was read (a cell DuckDB cannot
 * cast makes the typed read give way to the text read).
 */
const reads: string[] = [];
async function same(text: string, cat: ImportCatalogue = importCatalogue()) {
  const slow = runImport(utf8(text), cat, { fileName: 'x.csv' });
  const { rows: slowRows, ...slowRest } = slow;
  let typedAnswer: FastAnswer | null = null;
  for (const typed of [true, false]) {
    const { answer, rows } = await fast(text, cat, typed);
    if ('fallback' in answer) throw new Error(`fell back: ${answer.fallback}`);
    const { rows: preview, ...fastRest } = answer.result;
    expect(fastRest).toEqual(slowRest);
    expect(preview).toEqual(slowRows.slice(0, 50));
    expect(answer.rowCount).toBe(slowRows.length);
    expect(rows).toEqual(slowRows);
    expect(answer.sources).toEqual([...new Set(slowRows.map((r) => r.source).filter(Boolean))].slice(0, 5));
    if (typed) {
      reads.push(answer.read);
      typedAnswer = answer;
    } else expect(answer.read).toBe('text');
  }
  return { slow, answer: typedAnswer as FastAnswer };
}

function clean(count: number, offset = 0): string[] {
  const deps = OCCITANIE_DEPARTEMENTS;
  const out: string[] = [];
  for (let i = offset; i < offset + count; i++) {
    const total = 200 + ((i * 7919) % 5000);
    const women = Math.floor(total * 0.3);
    out.push(`${deps[i % 13]},${1990 + Math.floor(i / 13) % 111},${['emploi_numerique', 'nsi_lycee', 'emploi_technique'][Math.floor(i / 1443) % 3]},${women},${total - women},${total},,,Insee`);
  }
  return out;
}

describe('fast import path gives the full pipeline’s report', () => {
  test('a clean file', async () => {
    const text = [HEAD, ...clean(3000)].join('\n') + '\n';
    expect(analyseHead(utf8(text), 3e6)).toMatchObject({ typed: true });
    const { answer } = await same(text);
    expect('result' in answer && answer.result.errors).toBe(0);
    expect('rowCount' in answer && answer.rowCount).toBe(3000);
  });

  test('every kind of problem, and values SQL leaves to JavaScript', async () => {
    const odd = [
      '9,2030,emploi_numerique,10,90,100,,,Insee', // 9 read as 09 (JavaScript), duplicates a clean row? no: year 2030 below
      'Haute-Garonne,2031,emploi_numerique,10,90,100,,,Insee',
      'DE,2024,emploi_numerique,10,90,100,,,Eurostat', // outside: warning, skipped
      '999,2024,emploi_numerique,10,90,100,,,', // unknown territory
      '31,2022-23,nsi_lycee,10,90,100,,,', // school year
      '31,1980,nsi_lycee,10,90,100,,,', // out of range
      '31,abcd,nsi_lycee,10,90,100,,,',
      '31,2050,inconnu_x,10,90,100,,,', // unknown indicator
      '31,2051,emploi_numerique,abc,90,100,,,',
      '31,2052,emploi_numerique,-5,90,100,,,',
      '31,2053,emploi_numerique,"45,7 %",,,,,', // no counts, odd number
      '31,2054,emploi_numerique,,,,45.7%,,',
      '31,2055,emploi_numerique,s,,,,,', // secret marker
      '31,2056,emploi_numerique,,,,,Secret,', // status case
      '31,2057,emploi_numerique,,,,,inconnu,',
      '31,2058,emploi_numerique,200,10,100,,,', // women > total
      '31,2059,emploi_numerique,10,10,100,,,', // sum
      '31,2060,emploi_numerique,,,,,,', // no value
      '31,2061,emploi_numerique,,,,120,,', // share out of range
      '31,2062,emploi_numerique,10,90,100,,,Insee ', // trailing space in source
      '31,2063,emploi_numerique,10,90,100,,,Inse\u0301e', // NFD
      '31,2064,emploi_numerique,10,90,100,,,In\u200bsee', // zero-width
      `31,2065,emploi_numerique,10,90,100,,,${'x'.repeat(600)}`, // long source
      '31,2066,emploi_numerique,10,90,100,,,Ministère', // accent, NFC
      '31,2067,emploi_numerique,1e2,0,100,,,', // exponent
      '31,2068,emploi_numerique, 10,90,100,,,', // leading space
      '31,2069,emploi_numerique,10.5,89.5,100,,,', // decimals
      '31,2070,EMPLOI_NUMERIQUE,10,90,100,,,', // indicator case
      '09,1990,emploi_numerique,10,90,100,,,Insee', // duplicate of clean row line 2
      '9,1990,emploi_numerique,10,90,100,,,Insee', // duplicate through JavaScript normalisation
      '31,2071,emploi_numerique,200,10,100,,,', // women > total: claims its key...
      '31,2071,emploi_numerique,10,90,100,,,', // ...so this clean row is a duplicate
      '31,2072,emploi_numerique,1000000000000000000,0,1000000000000000000,,,', // 19 digits: JavaScript
      '31,2073,emploi_numerique,,,,0.457,,', // a fraction, not a percentage: warning
    ];
    const text = [HEAD, ...clean(2500), ...odd, ...clean(10, 5000)].join('\n') + '\n';
    const { slow } = await same(text);
    expect(slow.errors).toBeGreaterThan(15);
    expect(slow.warnings).toBe(3); // outside the scope, a source cut to 500 characters, a share written as a fraction
    expect(new Set(slow.problems.map((p) => p.code))).toEqual(new Set([
      'territoire_hors_perimetre', 'territoire_inconnu', 'annee_hors_bornes', 'annee_invalide', 'indicateur_inconnu', 'nombre_invalide', 'nombre_negatif',
      'statut_inconnu', 'femmes_sup_total', 'somme_incoherente', 'sans_valeur', 'part_hors_bornes', 'doublon', 'texte_tronque', 'part_fraction',
      'effectif_trop_grand', // the 19-digit counts, over MAX_COUNT
    ]));
  });

  // Texts DuckDB's casts accept (or print) otherwise than JavaScript reads them: the cheap proofs in fast-sql.ts
  // must leave each to JavaScript, or read it to the same value (`-0` is 0 on both: DuckDB keeps no negative zero).
  const TRICKY = ['-0', '+10', '10 ', ' 10', '1e2', '1E2', '12.0', '12.50', '-1', '-0.5', '0', '0.0', '00', '045', '1_000', '1_0', 'inf', '-inf', 'nan', 'NaN',
    'Infinity', '0x10', '0b1', '1.5e1', '1e+20', '1e-5', '.5', '5.', '1.', '1,5', '1.234', '1 234', '12345678901234567', '9007199254740993', '0.1', '45.7', '1e400'];

  test.each([
    ['a comma', ',', false],
    ['a semicolon (decimal comma)', ';', true],
  ])('values DuckDB and JavaScript could read differently, with %s', async (_name, sep, comma) => {
    // With a decimal comma (the head finds one in its first rows), half units in the women's counts.
    const rows = clean(2100).map((l) => l.split(',').map((c, i) => (comma && i === 3 ? `${c},5` : c)).join(sep));
    let year = 1990;
    for (const v of TRICKY) {
      const q = (x: string) => (x.includes(sep) ? `"${x}"` : x);
      const dep = ['09', '11', '12'][year % 3];
      rows.push([dep, year, 'formation_numerique', q(v), '', q(v), '', '', 'Insee'].join(sep));
      rows.push([dep, year, 'demandeurs_numerique', '', '', '', q(v), '', ''].join(sep));
      rows.push([dep, year, 'sup_numerique', '1', q(v), '', '', '', ''].join(sep));
      year++;
    }
    for (const y of ['+2020', '2020 ', '2020.0', '2e3', '02020', '2_020', '1990', '2100', '1989', '2101', '0x7E4']) rows.push(['34', y, 'emploi_technique', '1', '2', '3', '', '', ''].join(sep));
    for (const s of ['Insee\t', '\tInsee', ' Insee', 'Insee ', 'Ministère ', 'Ministe\u0300re', 'Insee\u00a0', 'x'.repeat(500), 'é'.repeat(300), 'é'.repeat(501), 'Insee  RP']) {
      rows.push(['46', String(year++), 'emploi_technique', '1', '2', '3', '', '', `"${s}"`].join(sep));
    }
    for (const st of ['SECRET', ' secret', 'secret ', 'provisoire', 'Provisoire', 'rupture', 'estimation\t']) rows.push(['48', String(year++), 'emploi_technique', '', '', '', '', st, ''].join(sep));
    if (comma) expect(analyseHead(utf8([HEAD.replace(/,/g, sep), ...rows].join('\n')), 3e6)).toMatchObject({ decimalComma: true });
    await same([HEAD.replace(/,/g, sep), ...rows].join('\n') + '\n');
  });

  // The typed read: each tricky value alone in a file, so that DuckDB's typed read succeeds wherever its cast
  // accepts the value; the row check (row-check.ts) must then leave the row to JavaScript or prove it.
  test.each([
    ['a comma', ',', false],
    ['a semicolon (decimal comma)', ';', true],
  ])('tricky values one by one, read with types where DuckDB casts them, with %s', async (_name, sep, comma) => {
    const typedValues: string[] = [];
    const base = clean(300).map((l) => l.split(',').map((c, i) => (comma && i === 3 ? `${c},5` : c)).join(sep));
    for (const v of TRICKY) {
      const rows = [...base, ['09', 2099, 'formation_numerique', v, '', v, '', '', 'Insee'].join(sep), ['11', 2099, 'demandeurs_numerique', '', '', '', v, '', ''].join(sep),
        ['12', 2099, 'sup_numerique', '1', v, '', '', '', ''].join(sep)];
      if (v.includes(sep)) continue;
      reads.length = 0;
      await same([HEAD.replace(/,/g, sep), ...rows].join('\n') + '\n');
      if (reads[0] === 'typed') typedValues.push(v);
    }
    // Values DuckDB's typed read accepts (so the row check had to decide), as measured with DuckDB 1.4.
    expect(typedValues).toEqual(expect.arrayContaining(['+10', ' 10', '1e2', '00', '045', '1_000', 'inf', 'nan', '1e400', ...(comma ? ['1,5'] : ['12.0', '.5', '5.'])]));
  });

  test('sources, statuses and years read with types', async () => {
    const rows = clean(300);
    let year = 2000;
    for (const src of ['Insee\t', '\tInsee', ' Insee', 'Insee ', 'Ministère ', 'Ministe\u0300re', 'Insee\u00a0', 'x'.repeat(500), 'é'.repeat(300), 'é'.repeat(501), 'Insee  RP', 'In\u200bsee', 'Ministère']) {
      rows.push(['46', String(year++), 'emploi_technique', '1', '2', '3', '', '', src].join(','));
    }
    for (const st of ['SECRET', ' secret', 'secret ', 'secret', 'provisoire', 'Provisoire', 'rupture', 'estimation\t', 'faible_fiabilite']) rows.push(['48', String(year++), 'emploi_technique', '', '', '', '', st, ''].join(','));
    reads.length = 0;
    await same([HEAD, ...rows].join('\n') + '\n');
    expect(reads).toEqual(['typed']);
    for (const y of ['+2020', '2020 ', ' 2020', '02020', '2_020', '1990', '2100', '1989', '2101']) {
      reads.length = 0;
      await same([HEAD, ...clean(300), ['34', y, 'emploi_technique', '1', '2', '3', '', '', ''].join(',')].join('\n') + '\n');
      expect(reads).toEqual(['typed']);
    }
  });

  test('raw keys all distinct: a corrected row (9 → 09) still duplicates a clean row, and is found', async () => {
    const text = [HEAD, ...clean(2100), '9,1990,emploi_numerique,10,90,100,,,Insee', '31,2095,nsi_lycee,1,2,3,,,', 'DEP-31,2095,nsi_lycee,1,2,3,,,'].join('\n') + '\n';
    const head = analyseHead(utf8(text), utf8(text).length) as FastHead;
    expect(workerScan(utf8(text), head).keysDistinct).toBe(true);
    const { slow } = await same(text);
    expect(slow.problems.filter((p) => p.code === 'doublon').map((p) => [p.ligne, p.valeur])).toEqual([[2102, '09 × 1990 × emploi_numerique'], [2104, '31 × 2095 × nsi_lycee']]);
    expect((await same([HEAD, ...clean(2100)].join('\n'))).slow.errors).toBe(0);
  });

  test.each([0, 1, 49, 50, 51])('the preview when %i rows at the top are refused, corrected rows among them', async (k) => {
    const top = Array.from({ length: k }, (_, i) => (i % 3 === 0 ? `9,${2000 + i},nsi_lycee,1,2,3,,,` : `XX9,${2000 + i},nsi_lycee,1,2,3,,,`));
    await same([HEAD, ...top, ...clean(2100)].join('\n') + '\n');
  });

  test('semicolons, decimal commas and thousands separators', async () => {
    const rows = clean(2100).map((l) => l.replace(/,/g, ';'));
    rows.push('31;2079;emploi_numerique;12.5;87.5;100;;;Insee', '31;2078;emploi_numerique;1.000;9.000;10.000;;;Insee', '31;2080;emploi_numerique;10,5;89,5;100;;;Insee', '31;2081;emploi_numerique;1 234;766;2 000;;;Insee', '31;2082;emploi_numerique;;;;45,7 %;;', '31;2083;emploi_numerique;1.234;765,5;1999,734;;;');
    await same([HEAD.replace(/,/g, ';'), ...rows].join('\r\n') + '\r\n');
  });

  test('title rows above the header, quoted fields, a BOM, declared indicators', async () => {
    const cat = importCatalogue();
    const text = ['Emploi numérique en Occitanie', 'Source : Insee', HEAD, ...clean(2100).map((l) => l.replace(/Insee$/, '"Insee, RP ""2021"""')), '31,2090,bench_x,1,2,3,,,'].join('\n');
    const bom = '\ufeff' + text;
    await same(bom, { ...cat, indicators: [...cat.indicators, 'bench_x'] });
    const { slow } = await same(text);
    expect(slow.unknownIndicators).toEqual(['bench_x']);
  });

  test('thousands of rows with undeclared indicators, some with other problems too', async () => {
    const rows = clean(2600).map((l, i) => (i % 3 === 0 ? l.replace(/,(emploi_numerique|nsi_lycee|emploi_technique),/, `,nouveau_${i % 7},`) : l));
    rows.splice(10, 0, '31,1980,autre_id,10,90,100,,,', '31,2030,Autre_Id,10,90,100,,,', '31,2031,nouveau_9,-1,90,100,,,', 'XX9,2031,nouveau_8,1,2,3,,,');
    const { slow } = await same([HEAD, ...rows].join('\n'));
    expect(slow.unknownIndicators.slice(0, 3)).toEqual(['nouveau_0', 'nouveau_3', 'nouveau_6']);
    expect(slow.unknownIndicators).toContain('autre_id');
    expect(slow.problems.filter((p) => p.code === 'indicateur_inconnu').length).toBeGreaterThan(800);
  });

  test('English headers: the validation names the file’s own columns', async () => {
    const head = 'Territory,Year,Indicator,Women,Men,Total,Share_Women,Status,Source';
    const { slow } = await same([head, ...clean(2100), '31,2090,emploi_numerique,200,10,100,,,', '31,2091,emploi_numerique,10,10,100,,,'].join('\n'));
    expect(slow.problems.filter((p) => p.code === 'femmes_sup_total' || p.code === 'somme_incoherente').map((p) => [p.code, p.colonne])).toEqual([
      ['femmes_sup_total', 'Women'], ['somme_incoherente', 'Total'], ['somme_incoherente', 'Total'],
    ]);
  });

  test('no row at all', async () => {
    await same([HEAD, 'DE,2024,emploi_numerique,10,90,100,,,'].join('\n'));
  });
});

describe('fast import path hands back what it cannot read exactly', () => {
  const cases: [string, string][] = [
    ['a record over two lines', [HEAD, ...clean(10), '31,2090,emploi_numerique,10,90,100,,,"two\nlines"'].join('\n')],
    ['an empty line', [HEAD, ...clean(10), '', ...clean(10, 20)].join('\n')],
    ['old Mac line ends', [HEAD, ...clean(10)].join('\r')],
    ['a row with too many fields', [HEAD, ...clean(10), '31,2090,emploi_numerique,10,90,100,,,Insee,extra'].join('\n')],
    ['a row with too few fields', [HEAD, ...clean(10), '31,2090,emploi_numerique,10'].join('\n')],
    ['a footnote', [HEAD, ...clean(10), 'Source : Insee,,,,,,,,'].join('\n')],
    ['an unclosed quote', [HEAD, ...clean(10), '31,2090,emploi_numerique,10,90,100,,,"Insee'].join('\n')],
  ];
  test.each(cases)('%s', async (_name, text) => {
    const { answer } = await fast(text);
    expect(answer).toHaveProperty('fallback');
  });

  test('a damaged character (U+FFFD) or a control character', async () => {
    expect((await fast([HEAD, ...clean(10), '31,2090,emploi_numerique,10,90,100,,,Ins\ufffdee'].join('\n'))).answer).toHaveProperty('fallback');
    expect((await fast([HEAD, ...clean(10), '31,2090,emploi_numerique,10,90,100,,,Ins\u0001ee'].join('\n'))).answer).toHaveProperty('fallback');
  });

  test('bytes that are not UTF-8 and a file that is not canonical', async () => {
    const latin = Uint8Array.from([...utf8(`${HEAD}\n`), ...utf8('31,2024,emploi_numerique,1,2,3,,,Donn'), 0xe9, ...utf8('es\n')]);
    expect((await fast(latin)).answer).toHaveProperty('fallback');
    expect((await fast('Code;Libellé;Valeur\n31;Haute-Garonne;12\n')).answer).toHaveProperty('fallback');
  });
});

describe('row check', () => {
  const o = { delimiter: ',', skipLines: 1, width: 9, idx: canonicalColumns(HEAD.split(','))!, decimalComma: false };
  test('marks the rows it cannot prove clean, by row, with whether their cells read plainly', () => {
    const text = [HEAD, '31,2020,a,1,2,3,,,', '31,2021,a,x,2,3,,,', '31,2022,,1,2,3,,,', '31,2023,a,1,2,3,,,Insee '].join('\r\n');
    expect(checkRows(utf8(text), o)).toEqual({ rows: [1, 2, 3], cellsOk: [0, 1, 1], parsed: [] });
    expect(checkRows(utf8(text + '\r\n'), o)).toEqual({ rows: [1, 2, 3], cellsOk: [0, 1, 1], parsed: [] });
    expect(checkRows(utf8(['t', '', HEAD, '31,2020,a,1,2,3'].join('\n')), { ...o, skipLines: 3 })).toEqual({ rows: [0], cellsOk: [0], parsed: [] });
  });
  test('sees the lines as the byte scan does, and gives the distinct texts', () => {
    for (const text of ['a,b\n1,2\n', 'a,b\r\n1,2', 'a,b\n\n1,2\n', 'a,b\r1,2', 'é', 'a\ufffdb', 'a\u0085b', 'a\u0000b', 'a\tb\r\n', 'a,b\r\n\r\n1,2\r\n', '\n\n']) {
      expect(scanLines(utf8(text), { ...o, width: 2 })?.scan).toEqual(scanBytes(utf8(text)));
    }
    const rows = [HEAD, '31,2020,a,1,2,3,,,S1', '31,2021,a,1,2,3,,,S1', '34,2020,b,1,2,3,,,', '31,2022,a,1,2,3,,,S2', ',2023,,1,2,3,,,S3'];
    expect(scanLines(utf8(rows.join('\n')), o)?.texts).toEqual({ territories: ['31', '34'], indicators: ['a', 'b'], sources: ['S1', 'S2', 'S3'] });
    const many = Array.from({ length: MAX_DISTINCT_TEXTS + 1 }, (_, i) => `T${i},2020,a,1,2,3,,,`);
    expect(scanLines(utf8([HEAD, ...many].join('\n')), o)?.texts).toBeNull();
    expect(scanLines(utf8([HEAD, ...many.slice(1)].join('\n')), o)?.texts?.territories).toHaveLength(MAX_DISTINCT_TEXTS);
  });
  test('texts and raw keys equal a plain reading of the lines, grouped or not, with empty cells and repeats', () => {
    // Runs of lines sharing territory and indicator (as grouped files have), some cells empty, keys sometimes repeated.
    const cell = (xs: string[]) => fc.constantFrom(...xs);
    const run = fc.record({ t: cell(['31', '34', '', '09']), i: cell(['a', 'b', '', 'emploi']), years: fc.array(fc.integer({ min: 2018, max: 2024 }), { minLength: 1, maxLength: 4 }),
      src: fc.array(cell(['', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6']), { minLength: 1, maxLength: 4 }) });
    fc.assert(fc.property(fc.array(run, { minLength: 1, maxLength: 12 }), (runs) => {
      const lines = runs.flatMap((r) => r.years.map((y, j) => ({ t: r.t, a: String(y), i: r.i, src: r.src[j % r.src.length] ?? '' })));
      const text = [HEAD, ...lines.map((l) => `${l.t},${l.a},${l.i},1,2,3,,,${l.src}`)].join('\n') + '\n';
      const got = scanLines(utf8(text), o);
      const distinct = (xs: string[]) => [...new Set(xs.filter((x) => x !== ''))];
      expect(got?.texts).toEqual({ territories: distinct(lines.map((l) => l.t)), indicators: distinct(lines.map((l) => l.i)), sources: distinct(lines.map((l) => l.src)).slice(0, 5) });
      expect(got?.keysDistinct).toBe(new Set(lines.map((l) => `${l.t},${l.a},${l.i}`)).size === lines.length);
    }), { numRuns: 400 });
  });
  test('reads plain quoted cells, marks rows with a cell that is not plain (with papaparse’s reading of their line)', () => {
    expect(checkRows(utf8(`${HEAD}\n31,2020,a,1,2,3,,,"Insee, RP"\n"31","2021","a","1","2","3",,,\n`), o)).toEqual({ rows: [], cellsOk: [], parsed: [] });
    const odd = ['31,2020,a, "1",2,3,,,', '31,2021,a,1,2,3,,,"Insee ""RP"""', '31,2022,a,1,2,3,,,""', '\ufeff31,2023,a,1,2,3,,,', '31,2024,a,1,2,3,,,In\ufeffsee',
      '31,2025,a,1,2,3,,,I"n"see', '31,2026,é,1,2,3,,,'];
    const cells = (line: string, k: number, text: string) => line.split(',').map((c, i) => (i === k ? text : c));
    expect(checkRows(utf8([HEAD, ...odd].join('\n')), o)).toEqual({
      rows: [0, 1, 2, 3, 4, 5, 6], cellsOk: [0, 0, 0, 0, 0, 0, 0],
      parsed: [
        { row: 0, cells: cells(odd[0] ?? '', 3, ' "1"') }, { row: 1, cells: [...(odd[1] ?? '').split(',').slice(0, 8), 'Insee "RP"'] },
        { row: 2, cells: cells(odd[2] ?? '', 8, '') }, { row: 3, cells: cells(odd[3] ?? '', 0, '\ufeff31') }, { row: 4, cells: cells(odd[4] ?? '', 8, 'In\ufeffsee') },
        { row: 5, cells: cells(odd[5] ?? '', 8, 'I"n"see') }, { row: 6, cells: cells(odd[6] ?? '', 2, 'é') },
      ],
    });
  });
  test('cannot say with a quote it cannot follow line by line, or with too many rows to mark', () => {
    for (const line of ['31,2020,a,1,2,3,,,"Insee" ', '31,2020,a,1,2,3,,,"Insee"x', '31,2020,a,1,2,3,,,"Insee', '31,2020,a,1,2,3,,,"In\nsee"', '31,2020,a,"1" ,2,3,,,']) {
      expect(checkRows(utf8(`${HEAD}\n${line}\n31,2021,a,1,2,3,,,\n`), o), line).toBeNull();
    }
    const bad = Array.from({ length: MAX_MARKED + 1 }, (_, i) => `31,${1990 + (i % 100)},a,-1,2,3,,,`);
    expect(checkRows(utf8([HEAD, ...bad].join('\n')), o)).toBeNull();
    expect(checkRows(utf8([HEAD, ...bad.slice(1)].join('\n')), o)?.rows.length).toBe(MAX_MARKED);
  });
});

describe('raw key check', () => {
  const k = (text: string, skip = 1, cols = [0, 1, 2], delim = ',') => {
    const width = text.split('\n')[skip]?.split(delim).length ?? 1;
    return scanLines(utf8(text), { delimiter: delim, skipLines: skip, width, idx: { territoire: cols[0], annee: cols[1], indicateur: cols[2] }, decimalComma: false })?.keysDistinct ?? null;
  };
  test.each([
    ['distinct', 'h\n31,2020,a,1\n31,2021,a,1\n', true],
    ['a repeated key (other cells differ)', 'h\n31,2020,a,1\n34,2020,a,1\n31,2020,a,2\n', false],
    ['the last line without a line end', 'h\n31,2020,a,1\n31,2020,a,2', false],
    ['CRLF line ends', 'h\r\n31,2020,a,1\r\n31,2020,a,2\r\n', false],
    ['a key that moves a delimiter', 'h\n31,2020,a,b\n31,2020a,,b\n', true],
    ['quoted cells: their text', 'h\n31,2020,a,"x"\n31,2021,a,1\n', true],
    ['a key quoted once, not the other time', 'h\n"31",2020,a,1\n31,2020,a,2\n', false],
    ['a quote after grouped lines: hashed from there on', 'h\n31,2020,a,1\n31,2021,a,1\n31,"2020",a,"x"\n', false],
    ['grouped, a group coming back with a repeated key', 'h\n31,2020,a,1\n31,2021,a,1\n34,2020,a,1\n31,2020,a,1\n', false],
    ['grouped, a group coming back with new years (hashed then)', 'h\n31,2020,a,1\n34,2020,a,1\n31,2021,a,1\n', true],
    ['a year repeated within its group', 'h\n31,2020,a,1\n31,2020,a,2\n', false],
    ['years falling within a group (hashed then)', 'h\n31,2021,a,1\n31,2020,a,1\n34,2020,a,1\n', true],
    ['a repeat far after the grouping broke', 'h\n31,2020,a,1\n34,2020,b,1\n31,2021,b,1\n34,2020,a,1\n31,2020,a,1\n', false],
    ['many groups, then a break: the lines before it hashed', `h\n${Array.from({ length: 500 }, (_, i) => `${i},2020,a,1\n${i},2021,a,1\n`).join('')}7,2021,a,1\n`, false],
  ])('%s', (_name, text, expected) => expect(k(text)).toBe(expected));
  test('title rows, key columns elsewhere, other delimiters', () => {
    expect(k('t\n31,2020,a\nh\nx;31;2020;a\ny;31;2020;b\n', 3, [1, 2, 3], ';')).toBe(true);
    expect(k('t\n31;2020;a\nh\nx;31;2020;a\ny;31;2020;a\n', 3, [1, 2, 3], ';')).toBe(false);
    expect(k('h\n31\t2020\ta\tx\n31\t2020\ta\ty\n', 1, [0, 1, 2], '\t')).toBe(false);
    expect(k('h\nx,31,2020,a\ny,31,2020,a\n', 1, [1, 2, 3])).toBe(false);
    expect(k('h\nx,31,2020,a\nx,31,2020,b\n', 1, [1, 2, 3])).toBe(true);
  });
});

describe('byte scan', () => {
  test('counts lines and finds records over several lines', () => {
    expect(scanBytes(utf8('a,b\n1,2\n'))).toMatchObject({ lines: 2, emptyLines: 0, quotedNewline: false, loneCr: false });
    expect(scanBytes(utf8('a,b\r\n1,2'))).toMatchObject({ lines: 2, loneCr: false });
    expect(scanBytes(utf8('a,b\n"1\n",2\n'))).toMatchObject({ quotedNewline: true });
    expect(scanBytes(utf8('a,b\n"1"",x",2\n'))).toMatchObject({ quotedNewline: false, lines: 2 });
    expect(scanBytes(utf8('a,b\n\n1,2\n'))).toMatchObject({ emptyLines: 1, lines: 3 });
    expect(scanBytes(utf8('a,b\r1,2'))).toMatchObject({ loneCr: true });
    expect(scanBytes(utf8('é'))).toMatchObject({ nonAscii: true, badChars: false });
    expect(scanBytes(utf8('a\ufffdb'))).toMatchObject({ badChars: true });
    expect(scanBytes(utf8('a\u0085b'))).toMatchObject({ badChars: true });
    expect(scanBytes(utf8('a\u0000b'))).toMatchObject({ badChars: true });
    expect(scanBytes(utf8('a\tb\r\n'))).toMatchObject({ badChars: false });
  });
});

describe('head analysis', () => {
  test('128 KB give the same head as 2 MB once they hold 2,000 rows; a shorter look says so', () => {
    const big = utf8([HEAD.replace(/,/g, ';'), ...clean(60000).map((l) => l.replace(/,/g, ';'))].join('\n') + '\n');
    expect(analyseHead(big.subarray(0, HEAD_STEPS[0]), big.length)).toEqual(analyseHead(big.subarray(0, 2 * 1024 * 1024), big.length));
    const wide = utf8([HEAD, ...clean(30000).map((l) => l.replace(/Insee$/, `Insee ${'x'.repeat(200)}`))].join('\n') + '\n');
    expect(analyseHead(wide.subarray(0, HEAD_STEPS[0]), wide.length)).toEqual({ reason: 'head too short' });
    expect(analyseHead(wide.subarray(0, 2 * 1024 * 1024), wide.length)).toHaveProperty('delimiter', ',');
  });
});

describe('commit of the fast path: the read table becomes the dataset’s own table', () => {
  const meta = { id: 'rapide', nom: 'rapide.csv', source: 'x', licence: 'Licence Ouverte 2.0', priorite: 50, actif: true, derniere_maj: null };
  const COLS = 'territoire, annee, indicateur, femmes, hommes, total, part_femmes, statut, source';
  const stored = () => db.query({ sql: `SELECT ${COLS} FROM observations WHERE jeu = 'rapide' ORDER BY territoire, annee, indicateur`, params: [] });
  const everything = () => db.query({ sql: `SELECT jeu, ${COLS} FROM observations ORDER BY ALL`, params: [] });
  const measures = () => db.query({ sql: 'SELECT * FROM mesures ORDER BY ALL', params: [] });
  type Keyed = { line: number; territoire: string; annee: number; indicateur: string };
  const expected = (rows: readonly Keyed[]) => rows.map(({ line: _line, ...r }) => r).sort((a, b) => `${a.territoire}|${a.annee}|${a.indicateur}`.localeCompare(`${b.territoire}|${b.annee}|${b.indicateur}`));

  test('accepted rows only (corrected ones in, duplicates and errors out), replaced, rolled back, removed', async () => {
    const before = await everything();
    const beforeMeasures = await measures();
    // Corrected rows (9 → 09), a duplicate of a clean row, a row with an error: the analysis has errors, so only
    // its own table is checked here (commitImport refuses analyses with errors).
    const text = [HEAD, ...clean(2100), '9,2090,emploi_numerique,10,90,100,,,Insee', '31,1990,emploi_numerique,10,90,100,,,Insee'].join('\n') + '\n';
    const { answer, rows } = await fast(text);
    if ('fallback' in answer) throw new Error(answer.fallback);
    await swapIn(db, meta, answer.own);
    expect(await stored()).toEqual(expected(rows as Keyed[]));
    expect((await stored()).length).toBe(2100);

    // Replaced by another fast analysis, then by the full pipeline's staging table, then by a fast one again.
    const second = await fast([HEAD, ...clean(2200, 100)].join('\n') + '\n');
    if ('fallback' in second.answer) throw new Error(second.answer.fallback);
    await swapIn(db, meta, second.answer.own);
    expect(await stored()).toEqual(expected(second.rows as Keyed[]));
    const slow = runImport(utf8([HEAD, ...clean(30)].join('\n')), importCatalogue(), { fileName: 'x.csv' });
    await stage(db, slow.rows);
    await swapIn(db, meta);
    expect(await stored()).toEqual(expected(slow.rows));
    const third = await fast([HEAD, ...clean(2150, 7)].join('\n') + '\n');
    if ('fallback' in third.answer) throw new Error(third.answer.fallback);
    await swapIn(db, meta, third.answer.own);
    expect(await stored()).toEqual(expected(third.rows as Keyed[]));
    const committed = await everything();

    // A swap that fails inside its transaction leaves everything as it was (and its analysis as it was).
    const fourth = await fast([HEAD, ...clean(2120, 3)].join('\n') + '\n');
    if ('fallback' in fourth.answer) throw new Error(fourth.answer.fallback);
    // Each rule of observations_base's constraints, broken by one row (NULL counts and shares break none).
    const breaks = ["statut = ''", "statut = 'autre'", 'part_femmes = 150', 'part_femmes = -1', 'annee = NULL', 'annee = 2101', 'femmes = -1', 'hommes = -0.5', 'total = -3', 'territoire = NULL', 'indicateur = NULL'];
    // The clean table's column statistics prove every rule (it has no status: the commit then reads no row); after
    // a status break they prove every rule but the statuses', after any other break none (statistics only widen,
    // even when the change is rolled back, so the status breaks come first).
    expect(await statsProveRules(db, fourth.answer.own.table)).toBe('all');
    for (const set of breaks) {
      const broken = `${fourth.answer.own.finalize} UPDATE "${fourth.answer.own.table}" SET ${set} WHERE rowid = 1;`;
      await expect(swapIn(db, meta, { ...fourth.answer.own, finalize: broken }), set).rejects.toThrow(/1 rows break the observation rules/);
      await db.exec(`BEGIN TRANSACTION; ${broken}`);
      expect(await statsProveRules(db, fourth.answer.own.table), set).toBe(set.startsWith('statut') ? 'all_but_status' : 'none');
      await db.exec('ROLLBACK;');
    }
    // One kind of status of 8 bytes at most (the bounds keep 8) is proven by the statistics too; a longer one, or
    // two kinds, leave the statuses to the check.
    for (const [kinds, proof] of [[['rupture'], 'all'], [['secret', 'secret'], 'all'], [['provisoire'], 'all_but_status'], [['secret', 'rupture'], 'all_but_status']] as const) {
      const lines = clean(2100, 11).map((l, i) => (i % 3 ? l : l.replace(/,,,Insee$/, `,,${kinds[(i / 3) % kinds.length]},Insee`)));
      const withStatus = await fast([HEAD, ...lines].join('\n') + '\n');
      if ('fallback' in withStatus.answer) throw new Error(withStatus.answer.fallback);
      expect(await db.query({ sql: `SELECT count(DISTINCT statut) AS n FROM "${withStatus.answer.own.table}"`, params: [] })).toEqual([{ n: new Set(kinds).size }]);
      expect(await statsProveRules(db, withStatus.answer.own.table), kinds.join()).toBe(proof);
    }
    expect(await everything()).toEqual(committed);
    expect(await db.query({ sql: `SELECT count(*) AS n FROM "${fourth.answer.own.table}"`, params: [] })).toEqual([{ n: 2120 }]);

    await removeDataset(db, 'rapide');
    expect(await everything()).toEqual(before);
    expect(await measures()).toEqual(beforeMeasures);
  });

  test('measures computed ahead of the commit are exactly those the refresh computes after it, and only they are kept', async () => {
    const tables = async () => ({
      valeurs: await db.query({ sql: 'SELECT * FROM valeurs ORDER BY ALL', params: [] }),
      calculees: await db.query({ sql: 'SELECT * FROM valeurs_calculees ORDER BY ALL', params: [] }),
      retenues: await db.query({ sql: 'SELECT * FROM observations_retenues ORDER BY ALL', params: [] }),
      jeux: await db.query({ sql: 'SELECT * FROM jeux_indicateurs ORDER BY ALL', params: [] }),
    });
    const before = await tables();
    // A corrected row (9 → 09) and rows of indicators the defaults also give: the priority window decides.
    const text = [HEAD, ...clean(2100, 40), '9,2090,emploi_technique,10,90,100,,,Insee'].join('\n') + '\n';
    const [max] = await db.query({ sql: 'SELECT max(priorite) AS p FROM jeux', params: [] });
    for (const round of [1, 2]) {
      const { answer } = await fast(text);
      if ('fallback' in answer) throw new Error(answer.fallback);
      expect(answer.result.errors).toBe(0);
      const prefix = candidatesPrefix(answer.table);
      // After every loaded dataset (10 at least), as commitImport decides.
      const priorite = Math.max(10, Number(max?.['p']) + 1);
      expect(await speculateMeasures(db, 'ahead', answer.table, prefix, priorite)).toBe(true);
      expect(await tables()).toEqual(round === 1 ? before : expect.anything()); // nothing changed yet
      await swapIn(db, { ...meta, id: 'ahead', priorite }, answer.own, prefix);
      // Nothing of the analysis is left beside the dataset's table (its view, corrected rows, candidates).
      expect(await db.query({ sql: `SELECT count(*) AS n FROM (SELECT table_name AS t FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views())
        WHERE starts_with(t, '${answer.table}')`, params: [] })).toEqual([{ n: 0 }]);
      const adopted = await tables();
      expect(adopted.retenues.filter((r) => r['jeu'] === 'ahead').length).toBeGreaterThan(2000);
      expect(await db.query({ sql: `SELECT count(*) AS n FROM duckdb_tables() WHERE starts_with(table_name, '${prefix}')`, params: [] })).toEqual([{ n: 0 }]);
      await refreshMeasures(db);
      expect(await tables()).toEqual(adopted);
      await dropFastTables(db, answer.table);
    }
    // Computed ahead, then dropped with the analysis's tables when it is not committed.
    const { answer } = await fast(text);
    if ('fallback' in answer) throw new Error(answer.fallback);
    const prefix = candidatesPrefix(answer.table);
    expect(await speculateMeasures(db, 'ahead', answer.table, prefix, 10.5)).toBe(false); // not a priority
    expect(await speculateMeasures(db, 'ahead', answer.table, prefix, 12)).toBe(true);
    expect(await db.query({ sql: `SELECT count(*) AS n FROM duckdb_tables() WHERE starts_with(table_name, '${prefix}')`, params: [] })).toEqual([{ n: 3 }]);
    await dropFastTables(db, answer.table);
    expect(await db.query({ sql: `SELECT count(*) AS n FROM duckdb_tables() WHERE starts_with(table_name, '${prefix}')`, params: [] })).toEqual([{ n: 0 }]);
    await removeDataset(db, 'ahead');
    expect(await tables()).toEqual(before);

    // Candidates gone before the commit (one dropped here): the swap still happens, with the refresh.
    const late = await fast(text);
    if ('fallback' in late.answer) throw new Error(late.answer.fallback);
    const latePrefix = candidatesPrefix(late.answer.table);
    expect(await speculateMeasures(db, 'ahead', late.answer.table, latePrefix, 12)).toBe(true);
    await db.exec(`DROP TABLE "${latePrefix}jeux";`);
    await swapIn(db, { ...meta, id: 'ahead', priorite: 12 }, late.answer.own, latePrefix);
    const swapped = await tables();
    expect(swapped.retenues.filter((r) => r['jeu'] === 'ahead').length).toBeGreaterThan(2000);
    await refreshMeasures(db);
    expect(await tables()).toEqual(swapped);
    await dropFastTables(db, late.answer.table);
    await removeDataset(db, 'ahead');
    expect(await tables()).toEqual(before);
  });
});

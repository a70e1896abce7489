import { afterEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseNumber, parseYear, writesDecimalComma, type NumberResult } from '../../src/data/import/numbers';
import { parseText, sniffDelimiter, unifyLineEnds } from '../../src/data/import/parse';
import { territoryMatcher } from '../../src/data/import/territory';
import { mapCanonical } from '../../src/data/import/canonical';
import { validateRows } from '../../src/data/import/validate';
import { runImport } from '../../src/data/import/run';
import type { Recipe } from '../../src/data/import/recipe';
import { codePointLength, cutToCodePoints, MAX_CELL_CHARS, MAX_COUNT, MAX_SOURCE_CHARS, overlongCell } from '../../src/data/import/limits';
import { importCatalogue, utf8 } from '../helpers/catalogue';

/**
 * Defect 4 and the import-side parts of defect 8 of issue 17: parsing linear in a cell's length, a cell-length
 * limit, bounded counts (and sums), sources cut by character, ambiguous territory names.
 */
const cat = importCatalogue();
const HEAD = 'territoire;annee;indicateur;femmes;hommes;total;part_femmes;statut;source';
const run = (text: string, opts: { recipe?: Recipe } = {}) => runImport(utf8(text), cat, { fileName: 'x.csv', ...opts });
const where = (r: ReturnType<typeof run>) => r.problems.map((p) => [p.code, p.ligne, p.colonne]);

// ---------------------------------------------------------------------------------------------------------------
// Linear time

const match = territoryMatcher(cat.territories);
/**
 * Every parsing function of the import on the pathological texts of the issue and their cousins, `n` characters
 * long: each entry prepares its input and gives the work to watch.
 */
const PATHOLOGICAL: [string, (n: number) => () => unknown][] = [
  ['parseNumber: digits then a letter', (n) => () => parseNumber(`${'1'.repeat(n)}a`)],
  ['parseNumber: digits then a letter, no decimal comma', (n) => () => parseNumber(`${'1'.repeat(n)}a`, false)],
  ['parseNumber: spaces then a letter', (n) => () => parseNumber(`${' '.repeat(n)}a`)],
  ['parseNumber: a decimal point, digits then a letter', (n) => () => parseNumber(`1.${'1'.repeat(n)}e`)],
  ['parseNumber: groups of three then a letter', (n) => () => parseNumber(`1${'.123'.repeat(n / 4)}x`)],
  ['parseNumber: « < » then spaces and digits', (n) => () => parseNumber(`<${' '.repeat(n / 2)}${'1'.repeat(n / 2)}x`)],
  ['parseNumber: digits and spaces', (n) => () => parseNumber(`${'1 '.repeat(n / 2)}x`)],
  ['parseNumber: an exponent of many digits then a letter', (n) => () => parseNumber(`1e${'1'.repeat(n)}x`)],
  ['parseYear: a year, zeros then a letter', (n) => () => parseYear(`2024.${'0'.repeat(n)}x`)],
  ['parseYear: a year, spaces then a letter', (n) => () => parseYear(`2024${' '.repeat(n)}x`)],
  ['writesDecimalComma: spaces then a letter', (n) => () => writesDecimalComma(`${' '.repeat(n)}a`)],
  ['writesDecimalComma: digits and spaces then a comma and a letter', (n) => () => writesDecimalComma(`${'1 '.repeat(n / 2)},x`)],
  ['territory: zeros then a letter', (n) => () => match(`${'0'.repeat(n)}A`)],
  ['territory: DEP then zeros', (n) => () => match(`DEP${'0'.repeat(n)}`)],
  ['territory: letters', (n) => () => match('A'.repeat(n))],
  ['mapCanonical: a number cell of digits then a letter', (n) => {
    const parsed = parseText(`${HEAD}\n31;2024;emploi_numerique;1;2;3;;;\n31;2023;emploi_numerique;${'1'.repeat(n)}a;2;3;;;\n`);
    return () => mapCanonical(parsed, cat);
  }],
  ['mapCanonical: every read cell of spaces then a letter', (n) => {
    const cell = `${' '.repeat(n)}a`;
    const parsed = parseText(`${HEAD}\n31;2024;emploi_numerique;1;2;3;;;\n${Array.from({ length: 9 }, () => cell).join(';')}\n`);
    return () => mapCanonical(parsed, cat);
  }],
];

/**
 * Regexes that cannot backtrack whatever their input: one character class (repeated or not), or single characters
 * joined by `|`. Only these may ever see a long text (the others may only run on short, bounded texts).
 */
const LINEAR_REGEX = /^(\[(?:[^\]\\]|\\.)+\][+*]?|(?:\\u[0-9a-f]{4}|\\.|[^|\\()[\]*+?{}.^$])(?:\|(?:\\u[0-9a-f]{4}|\\.|[^|\\()[\]*+?{}.^$]))*)$/;

describe('parsing is linear in the length of a cell', () => {
  const saved = {
    test: RegExp.prototype.test,
    exec: RegExp.prototype.exec,
    replace: RegExp.prototype[Symbol.replace],
    match: RegExp.prototype[Symbol.match],
    matchAll: RegExp.prototype[Symbol.matchAll],
    split: RegExp.prototype[Symbol.split],
    search: RegExp.prototype[Symbol.search],
  };
  afterEach(() => {
    RegExp.prototype.test = saved.test;
    RegExp.prototype.exec = saved.exec;
    RegExp.prototype[Symbol.replace] = saved.replace;
    RegExp.prototype[Symbol.match] = saved.match;
    RegExp.prototype[Symbol.matchAll] = saved.matchAll;
    RegExp.prototype[Symbol.split] = saved.split;
    RegExp.prototype[Symbol.search] = saved.search;
  });

  /** Runs `f` with every regex call recorded: the pattern and the length of the text it ran on. */
  function regexCalls(f: () => void): { source: string; length: number }[] {
    const calls: { source: string; length: number }[] = [];
    const spy = <A extends unknown[], R>(orig: (this: RegExp, s: string, ...a: A) => R) =>
      function (this: RegExp, s: string, ...a: A): R {
        calls.push({ source: this.source, length: String(s).length });
        return orig.call(this, s, ...a);
      };
    RegExp.prototype.test = spy(saved.test);
    RegExp.prototype.exec = spy(saved.exec) as typeof RegExp.prototype.exec;
    RegExp.prototype[Symbol.replace] = spy(saved.replace as (this: RegExp, s: string, r: string) => string) as typeof saved.replace;
    RegExp.prototype[Symbol.match] = spy(saved.match);
    RegExp.prototype[Symbol.matchAll] = spy(saved.matchAll);
    RegExp.prototype[Symbol.split] = spy(saved.split);
    RegExp.prototype[Symbol.search] = spy(saved.search);
    try {
      f();
    } finally {
      RegExp.prototype.test = saved.test;
      RegExp.prototype.exec = saved.exec;
      RegExp.prototype[Symbol.replace] = saved.replace;
      RegExp.prototype[Symbol.match] = saved.match;
      RegExp.prototype[Symbol.matchAll] = saved.matchAll;
      RegExp.prototype[Symbol.split] = saved.split;
      RegExp.prototype[Symbol.search] = saved.search;
    }
    return calls;
  }

  const GUARD_MS = 20000;

  test('the spy sees regexes, and tells a backtracking one from a character class', () => {
    const calls = regexCalls(() => {
      /^(\d+)*$/.test('x'.repeat(100));
      'y'.repeat(100).replace(/[\s\u00a0]/g, '');
    });
    // (A call may be seen twice: `replace` and `test` call `exec`.)
    expect(calls.map((c) => [c.source, c.length])).toEqual(expect.arrayContaining([['^(\\d+)*$', 100], ['[\\s\\u00a0]', 100]]));
    expect(LINEAR_REGEX.test('^(\\d+)*$')).toBe(false);
    expect(LINEAR_REGEX.test('^-?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?$')).toBe(false);
    // The former parseNumber and decimal-comma check are caught: their regexes backtrack, on the whole cell.
    const former = regexCalls(() => {
      formerParseNumber(`${'1'.repeat(2000)}a`);
      formerDecimalComma(`${' '.repeat(2000)}a`);
    }).filter((c) => c.length > 64 && !LINEAR_REGEX.test(c.source)).map((c) => c.source);
    expect(former).toEqual(expect.arrayContaining(['^-?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?$', '^\\s*-?[\\d\\s\\u00a0\\u202f.]*\\d,\\d+\\s*%?\\s*$']));
    for (const ok of ['[\\s\\u00a0\\u202f\\u2009\\u2007]', '\\u200b|\\u200c|\\u200d|\\u2060|\\ufeff', "[\\s'’-]+", '[\\u0300-\\u036f]']) expect(LINEAR_REGEX.test(ok), ok).toBe(true);
  });

  test.each(PATHOLOGICAL)('%s: no regex that can backtrack runs on the long text', (_name, f) => {
    const work = f(20000);
    const long = regexCalls(work).filter((c) => c.length > 64);
    expect(long.filter((c) => !LINEAR_REGEX.test(c.source)).map((c) => c.source)).toEqual([]);
  });

  // Coarse on purpose (the benchmark's job is speed): the former regexes took minutes on a 1 MB cell; the bound only
  // tells minutes from seconds, with room for a machine under heavy load.
  test.each(PATHOLOGICAL)('%s: a 1,000,000-character text in in seconds, not minutes', (_name, f) => {
    const work = f(1_000_000);
    const t0 = performance.now();
    work();
    expect(performance.now() - t0).toBeLessThan(GUARD_MS);
  }, 2 * GUARD_MS);

  // The file-level patterns (quoted cells, line ends) keep a regex: its alternatives start with different characters
  // and a failed quoted cell leaves no quote after it, so each character is read a bounded number of times.
  test.each([
    ['an unclosed quote, then 1 MB', `a;b\r\n"${'x'.repeat(1_000_000)}\n1;2\r`],
    ['1 MB of doubled quotes, unclosed', `a;b\r\n"${'""'.repeat(500_000)}\n`],
    ['1 MB of quoted line ends, and line ends of one kind', `a;b\r\n${'"\r\n"\r\n'.repeat(175_000)}`],
  ])('delimiter sniffing and line-end unifying on %s: in seconds, not minutes', (_name, text) => {
    const t0 = performance.now();
    sniffDelimiter(text);
    unifyLineEnds(text);
    expect(performance.now() - t0).toBeLessThan(GUARD_MS);
  }, 2 * GUARD_MS);

  test.each([
    ['300,000 digits then a letter', `${'1'.repeat(300_000)}a`],
    ['300,000 spaces then a letter', `${' '.repeat(300_000)}a`],
    ['1,000,000 digits then a letter', `${'1'.repeat(1_000_000)}a`],
  ])('a `;` file with a number cell of %s: reported in in seconds, not minutes, by line and column', (_name, cell) => {
    const t0 = performance.now();
    const r = run(`${HEAD}\n31;2024;emploi_numerique;1;2;3;;;\n34;2024;emploi_numerique;${cell};2;3;;;\n`);
    expect(performance.now() - t0).toBeLessThan(GUARD_MS);
    expect(where(r)).toEqual([['cellule_trop_longue', 3, 'femmes']]);
    expect(r.rows).toHaveLength(1);
  }, 2 * GUARD_MS);
});

// ---------------------------------------------------------------------------------------------------------------
// The scans read exactly what the former regexes read

/** The former parseNumber, regexes and all (the reference the scans must agree with, on short texts). */
function formerParseNumber(raw: string, decimalComma = true): NumberResult {
  const SECRET = /^(s|c|x|nd|n\.d\.?|nc|n\.c\.?|secret|confidentiel|<\s*\d+|-|–|—|:)$/i;
  let s = raw.replace(/\u200b|\u200c|\u200d|\u2060|\ufeff/g, '').trim();
  if (s === '') return { kind: 'empty' };
  if (SECRET.test(s)) return { kind: 'secret' };
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  s = s.replace(/[\s\u00a0\u202f\u2009\u2007]/g, '');
  if (s.startsWith('+')) s = s.slice(1);
  const hasComma = s.includes(',');
  const hasDot = s.includes('.');
  if (hasComma && hasDot) {
    s = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (hasComma) {
    if (!decimalComma && /^-?\d{1,3}(,\d{3})+$/.test(s)) s = s.replace(/,/g, '');
    else if ((s.match(/,/g) ?? []).length === 1) s = s.replace(',', '.');
    else return { kind: 'invalid' };
  } else if (hasDot && decimalComma && /^-?[1-9]\d{0,2}(\.\d{3})+$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return { kind: 'invalid' };
  const value = Number(s);
  return Number.isFinite(value) ? { kind: 'ok', value, percent } : { kind: 'invalid' };
}
const formerParseYear = (raw: string) => {
  const m = raw.replace(/\u200b|\u200c|\u200d|\u2060|\ufeff/g, '').trim().match(/^(\d{4})(?:\.0+)?(?:\s*[-/]\s*(\d{2}|\d{4}))?$/);
  return m?.[1] ? Number(m[1]) : null;
};
const formerDecimalComma = (c: string) => /^\s*-?[\d\s\u00a0\u202f.]*\d,\d+\s*%?\s*$/.test(c);

/** Short texts made of what numbers and years are written with, and a few things they are not. */
const numberish = fc.array(fc.constantFrom('0', '1', '2', '9', '.', ',', '-', '+', 'e', 'E', '%', ' ', '\u00a0', '\u202f', '\t', '\u200b', '/', '<', 's', 'x', 'a', '\n'), { maxLength: 14 })
  .map((cs) => cs.join(''));
const yearish = fc.tuple(fc.constantFrom('2024', '1999', '202', '20245', ' 2024', '2024 '), numberish).map(([y, rest]) => y + rest);

describe('the scans read every text as the former regexes did', () => {
  test('parseNumber, with and without a decimal comma', () => {
    fc.assert(fc.property(numberish, fc.boolean(), (s, comma) => {
      expect(parseNumber(s, comma)).toEqual(formerParseNumber(s, comma));
    }), { numRuns: 20000 });
  });
  test.each(['1.234', '1.234.567', '-1.234', '0.123', '1,234', '12,345,678', '1,23', '1.2.3', '1.23', '.5', '5.', '1e5', '1E+5', '1e', '-', '+-1', '<5', '< 12', '1 234,5 %', '0012.50', '1,234.5', '1.234,5'])('parseNumber(%j)', (s) => {
    for (const comma of [true, false]) expect(parseNumber(s, comma)).toEqual(formerParseNumber(s, comma));
  });
  test('parseYear', () => {
    fc.assert(fc.property(yearish, (s) => {
      expect(parseYear(s)).toBe(formerParseYear(s));
    }), { numRuns: 20000 });
    for (const s of ['2024', '2024.0', '2024.', '2024.00 - 25', '2022-23', '2022 / 2023', '2022-2', '2022-202', '2024.05', '\u200b2024']) expect(parseYear(s), s).toBe(formerParseYear(s));
  });
  test('the decimal-comma check', () => {
    fc.assert(fc.property(numberish, (s) => {
      expect(writesDecimalComma(s)).toBe(formerDecimalComma(s));
    }), { numRuns: 20000 });
    for (const s of ['12,5', ' -1 234,5 % ', '1.234,56', '1\u00a0234,5', ',5', '1,', '1,5%%', '- 1,5', '1,5,6', '12,5 %\t']) expect(writesDecimalComma(s), s).toBe(formerDecimalComma(s));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The cell-length limit

describe('a cell longer than MAX_CELL_CHARS is refused, by line and column, before it is parsed', () => {
  test('the limit is far above real cells and counts characters, not UTF-16 units', () => {
    expect(MAX_CELL_CHARS).toBe(5000);
    expect(overlongCell('1'.repeat(MAX_CELL_CHARS))).toBeNull();
    expect(overlongCell('1'.repeat(MAX_CELL_CHARS + 1))).toBe(MAX_CELL_CHARS + 1);
    expect(overlongCell('😀'.repeat(MAX_CELL_CHARS))).toBeNull();
    expect(overlongCell('😀'.repeat(MAX_CELL_CHARS + 1))).toBe(MAX_CELL_CHARS + 1);
  });

  test('in each column the import reads, with a message naming line, column, length and limit', () => {
    const long = 'x'.repeat(MAX_CELL_CHARS + 1);
    const r = run(`${HEAD}\n${long};2024;emploi_numerique;1;2;3;;;\n31;${long};emploi_numerique;1;2;3;;;\n31;2024;nsi_lycee;;;;${long};${long};\n31;2023;emploi_numerique;1;2;3;;;\n`);
    expect(where(r)).toEqual([['cellule_trop_longue', 2, 'territoire'], ['cellule_trop_longue', 3, 'annee'], ['cellule_trop_longue', 4, 'part_femmes'], ['cellule_trop_longue', 4, 'statut']]);
    expect(r.problems[0]?.message_fr).toBe('Ligne 2, colonne « territoire » — Cellule de 5\u202f001 caractères ; la limite est de 5\u202f000. Vérifiez le séparateur et les guillemets du fichier.');
    expect(r.problems[0]?.message_en).toBe('Line 2, column "territoire" — Cell of 5,001 characters; the limit is 5,000. Check the file\'s delimiter and quotes.');
    expect(r.rows.map((x) => x.line)).toEqual([5]);
  });

  test('a cell at the limit is read as usual; a long source is cut (its own limit), a long unused column ignored', () => {
    const r = run(`${HEAD};note\n31;2024;emploi_numerique;${'0'.repeat(MAX_CELL_CHARS - 1)}1;2;3;;;;\n31;2023;emploi_numerique;1;2;3;;;${'s'.repeat(20000)};${'n'.repeat(20000)}\n`);
    expect(where(r)).toEqual([['texte_tronque', 3, 'source']]);
    expect(r.rows.map((x) => [x.line, x.femmes, x.source?.length])).toEqual([[2, 1, undefined], [3, 1, 500]]);
  });

  test('in the columns a recipe reads', () => {
    const r = run(`Code;Année;Sexe;Effectif\n31;2024;F;${'1'.repeat(MAX_CELL_CHARS + 1)}\n31;2024;M;10\n34;2024;${'F'.repeat(MAX_CELL_CHARS + 1)};3\n`, { recipe: RECIPE });
    expect(where(r)).toEqual([['cellule_trop_longue', 2, 'Effectif'], ['cellule_trop_longue', 4, 'Sexe']]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Bounded counts

const RECIPE: Recipe = {
  v: 1, nom: 'Test', indicateur: 'emploi_numerique', territoire: { colonne: 'Code' }, annee: { colonne: 'Année' },
  sexe: { mode: 'colonne', colonne: 'Sexe', femmes: ['F'], hommes: ['M'], total: [] }, mesure: { mode: 'valeur', colonne: 'Effectif' }, filtres: [],
};

describe('counts are finite and at most MAX_COUNT', () => {
  test('the bound, as the published schema states it', () => {
    expect(MAX_COUNT).toBe(1e12);
    const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../data/schema/observations.schema.json'), 'utf8')) as { fields: { name: string; constraints?: { maximum?: number } }[] };
    const max = (name: string) => schema.fields.find((f) => f.name === name)?.constraints?.maximum;
    expect([max('femmes'), max('hommes'), max('total')]).toEqual([MAX_COUNT, MAX_COUNT, MAX_COUNT]);
  });

  test('a canonical count over the bound is refused by line and column; the bound itself is accepted', () => {
    const r = run(`${HEAD}\n31;2024;emploi_numerique;1000000000000;0;1000000000000;;;\n34;2024;emploi_numerique;1;1000000000001;1000000000002;;;\n`);
    expect(where(r)).toEqual([['effectif_trop_grand', 3, 'hommes'], ['effectif_trop_grand', 3, 'total']]);
    expect(r.problems[0]?.message_fr).toBe('Ligne 3, colonne « hommes » — Effectif trop grand : 1000000000001 ; un effectif ne peut pas dépasser 1\u202f000\u202f000\u202f000\u202f000.');
    expect(r.problems[0]?.message_en).toBe('Line 3, column "hommes" — Count too large: 1000000000001; a count cannot exceed 1,000,000,000,000.');
    expect(r.rows.map((x) => x.femmes)).toEqual([1e12]);
  });

  test('a recipe summing 1e308 twice: « effectif trop grand », never « effectif négatif : Infinity »', () => {
    const r = run('Code;Année;Sexe;Effectif\n31;2024;F;1e308\n31;2024;F;1e308\n31;2024;M;10\n34;2024;F;1\n34;2024;M;2\n', { recipe: RECIPE });
    expect(where(r)).toEqual([['effectif_trop_grand', 2, 'Effectif']]);
    expect(r.problems[0]?.message_fr).toContain('Effectif trop grand : 1e308');
    expect(r.problems.map((p) => p.message_fr).join()).not.toMatch(/Infinity|négatif/);
    expect(r.errors).toBe(1); // the file is refused; of the rows, only 34's would have been valid
    expect(r.rows.map((x) => [x.territoire, x.femmes, x.total])).toEqual([['34', 1, 3]]);
  });

  test('a recipe whose sum only crosses the bound: refused on the row where it does', () => {
    const r = run('Code;Année;Sexe;Effectif\n31;2024;F;600000000000\n31;2024;M;1\n31;2024;F;600000000000\n31;2024;F;600000000000\n', { recipe: RECIPE });
    expect(where(r)).toEqual([['effectif_trop_grand', 4, 'Effectif']]);
    expect(r.problems[0]?.valeur).toBe('1200000000000');
  });

  test('the validation names a count grown to Infinity as too large, not negative', () => {
    const row = { line: 7, territoire: '31', annee: 2024, indicateur: 'emploi_numerique', femmes: Infinity, hommes: 1, total: Infinity, part_femmes: null, statut: null, source: null };
    const codes = validateRows([row]).problems.map((p) => [p.code, p.ligne, p.colonne]);
    expect(codes).toEqual(expect.arrayContaining([['effectif_trop_grand', 7, 'femmes'], ['effectif_trop_grand', 7, 'total']]));
    expect(codes.map((c) => c[0])).not.toContain('nombre_negatif');
    expect(validateRows([{ ...row, femmes: -1, hommes: 4, total: 3 }]).problems.map((p) => p.code)).toEqual(['nombre_negatif']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Sources cut by character

describe('a source is cut on a character boundary, and its length counted in characters', () => {
  const source = (s: string) => {
    const r = run(`${HEAD}\n31;2024;emploi_numerique;1;2;3;;;${s}\n`);
    return { kept: r.rows[0]?.source, warnings: r.problems.map((p) => [p.code, p.valeur, p.message_fr.replace(/^.* — /, '')]) };
  };
  const ascii = (n: number) => 'a'.repeat(n);

  test.each([
    ['499 ASCII + an emoji (500 characters): kept whole', `${ascii(499)}😀`, `${ascii(499)}😀`, []],
    ['500 emojis: kept whole', '😀'.repeat(500), '😀'.repeat(500), []],
    ['500 ASCII + an emoji: cut to the 500 ASCII, said to be 501 characters', `${ascii(500)}😀`, ascii(500), [['texte_tronque', '501', 'Texte de 501 caractères, coupé aux 500 premiers.']]],
    ['501 emojis: cut to 500 emojis', '😀'.repeat(501), '😀'.repeat(500), [['texte_tronque', '501', 'Texte de 501 caractères, coupé aux 500 premiers.']]],
    ['499 ASCII + a thumb with its skin tone (2 code points, one grapheme): cut before it', `${ascii(499)}👍🏽`, ascii(499), [['texte_tronque', '501', 'Texte de 501 caractères, coupé aux 500 premiers.']]],
    ['499 ASCII + q and an accent that has no composed form (one grapheme): cut before it', `${ascii(499)}q\u0301`, ascii(499), [['texte_tronque', '501', 'Texte de 501 caractères, coupé aux 500 premiers.']]],
    ['499 ASCII + a flag (2 code points, one grapheme): cut before the flag', `${ascii(499)}🇫🇷`, ascii(499), [['texte_tronque', '501', 'Texte de 501 caractères, coupé aux 500 premiers.']]],
  ])('%s', (_name, given, kept, warnings) => {
    const got = source(given);
    expect(got.kept).toBe(kept);
    expect(got.kept).not.toContain('\ufffd');
    expect(got.warnings).toEqual(warnings);
  });

  test('cutToCodePoints never splits a surrogate pair, and a cluster longer than the limit is cut by code point', () => {
    expect(codePointLength('a😀b')).toBe(3);
    expect(cutToCodePoints('😀😀😀', 2)).toBe('😀😀');
    expect(cutToCodePoints(`e${'\u0301'.repeat(10)}`, 4)).toBe(`e${'\u0301'.repeat(3)}`);
    expect(cutToCodePoints('abc', 5)).toBe('abc');
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 1, max: 30 }), (s, max) => {
      const cut = cutToCodePoints(s, max);
      expect(s.startsWith(cut)).toBe(true);
      expect(codePointLength(cut)).toBeLessThanOrEqual(max);
      expect(codePointLength(cut)).toBe(Math.min(codePointLength(cut), codePointLength(s)));
      expect(/[\ud800-\udbff]$/.test(cut)).toBe(false);
    }));
    expect(MAX_SOURCE_CHARS).toBe(500);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Ambiguous territory names

describe('a name that several territories bear is an error naming the candidates', () => {
  test.each([
    ['Guadeloupe', 'région REG-01 ou département 971', 'région REG-01 or département 971'],
    ['Martinique', 'région REG-02 ou département 972', 'région REG-02 or département 972'],
    ['Guyane', 'région REG-03 ou département 973', 'région REG-03 or département 973'],
    ['La Réunion', 'région REG-04 ou département 974', 'région REG-04 or département 974'],
    ['mayotte', 'région REG-06 ou département 976', 'région REG-06 or département 976'],
  ])('%s', (name, fr, en) => {
    expect(match(name)).toHaveProperty('ambiguous');
    const r = run(`${HEAD}\n${name};2024;emploi_numerique;1;2;3;;;\n`);
    expect(where(r)).toEqual([['territoire_ambigu', 2, 'territoire']]);
    expect(r.problems[0]?.message_fr).toBe(`Ligne 2, colonne « territoire » — Nom ambigu : « ${name} » (${fr}) ; écrivez le code.`);
    expect(r.problems[0]?.message_en).toBe(`Line 2, column "territoire" — Ambiguous name: "${name}" (${en}); write the code.`);
  });

  test('codes stay unambiguous, and names borne once still map', () => {
    expect(match('971')).toEqual({ code: '971' });
    expect(match('REG-01')).toEqual({ code: 'REG-01' });
    expect(match('Haute-Garonne')).toEqual({ code: '31' });
    expect(match('Occitanie')).toEqual({ code: '76' });
    expect(match('HÉRAULT')).toEqual({ code: '34' });
  });

  test('in a recipe, a name whose candidates the dashboard all leaves out is skipped and counted (an ambiguous shown name stays an error: tests/unit/recipe.test.ts)', () => {
    const r = run('Code;Année;Sexe;Effectif\nGuadeloupe;2024;F;1\n31;2024;F;1\n31;2024;M;2\n', { recipe: RECIPE });
    expect(where(r)).toEqual([['lignes_hors_perimetre', null, null]]);
    expect(r.skipped).toBe(1);
  });
});

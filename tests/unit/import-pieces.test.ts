import { describe, expect, test } from 'vitest';
import { decode } from '../../src/data/import/decode';
import { checkMagic, checkSize } from '../../src/data/import/guard';
import { parseNumber, parseYear } from '../../src/data/import/numbers';
import { parseText, sniffDelimiter } from '../../src/data/import/parse';
import { territoryMatcher } from '../../src/data/import/territory';
import { statusOfFlags } from '../../src/data/import/eurostat';
import { importCatalogue, utf8, cp1252, utf16le } from '../helpers/catalogue';

describe('guard', () => {
  test.each([
    ['zip / xlsx', [0x50, 0x4b, 0x03, 0x04, 0, 0], 'ZIP, XLSX'],
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], 'PNG'],
    ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d], 'PDF'],
    ['xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'XLS'],
    ['NUL bytes', [0x61, 0x00, 0x62, 0x00], 'binaire'],
  ])('refuses %s by its magic bytes, saying to export as CSV', (_n, bytes, what) => {
    const p = checkMagic(Uint8Array.from(bytes));
    expect(p?.code).toBe('format_binaire');
    expect(p?.message_fr).toContain(what);
    expect(p?.message_fr).toMatch(/exportez-le en CSV/);
    expect(p?.message_en).toMatch(/export it as CSV/);
  });
  test('accepts text and UTF-16 with BOM', () => {
    expect(checkMagic(utf8('a;b\n1;2'))).toBeNull();
    expect(checkMagic(utf16le('a\tb'))).toBeNull();
  });
  test('size cap before reading, and empty files', () => {
    expect(checkSize(300 * 1024 * 1024)?.code).toBe('fichier_trop_gros');
    expect(checkSize(0)?.code).toBe('fichier_vide');
    expect(checkSize(1000)).toBeNull();
  });
});

describe('decode', () => {
  test.each([
    ['UTF-8', utf8('Ariège;Hérault'), 'utf-8', false],
    ['UTF-8 with BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Ariège;Hérault')]), 'utf-8', true],
    ['UTF-16 LE with BOM', utf16le('Ariège;Hérault'), 'utf-16le', true],
    ['Windows-1252', cp1252('Ariège;Hérault'), 'windows-1252', false],
  ] as const)('%s', (_n, bytes, encoding, bom) => {
    const d = decode(bytes);
    expect(d.text).toBe('Ariège;Hérault');
    expect(d.encoding).toBe(encoding);
    expect(d.bom).toBe(bom);
  });
  test('the analyst can force an encoding', () => {
    expect(decode(utf8('Ariège'), 'windows-1252').text).toBe('AriÃ¨ge');
  });
});

describe('numbers', () => {
  test.each([
    ['1234', 1234],
    ['1 234', 1234],
    ['1\u00a0234,5', 1234.5],
    ['1\u202f234', 1234],
    ['45,7', 45.7],
    ['45,7 %', 45.7],
    ['45.7%', 45.7],
    ['1.234.567', 1234567],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['0,457', 0.457],
    ['-3', -3],
    [' 12 ', 12],
  ])('%s → %s', (raw, want) => {
    const r = parseNumber(raw);
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') expect(r.value).toBeCloseTo(want, 9);
  });
  test.each(['s', 'nd', 'n.d.', '<5', '-', ':', 'secret', 'c'])('secret marker %s', (raw) => {
    expect(parseNumber(raw).kind).toBe('secret');
  });
  test.each(['abc', '12abc', '1,2,3', '=1+1'])('invalid %s', (raw) => {
    expect(parseNumber(raw).kind).toBe('invalid');
  });
  test('empty', () => expect(parseNumber('  ').kind).toBe('empty'));
  test.each([
    ['2022', 2022],
    ['2022-23', 2022],
    ['2022/2023', 2022],
    ['2022.0', 2022],
    ['vingt', null],
  ])('year %s', (raw, want) => expect(parseYear(raw)).toBe(want));
});

describe('territories', () => {
  const match = territoryMatcher(importCatalogue().territories);
  test.each([
    ['31', '31'], ['9', '09'], ['09', '09'], ['9.0', '09'], ['DEP-31', '31'], ['D031', '31'], ['2A', '2A'], ['2b', '2B'],
    ['76', '76'], ['REG-76', '76'], ['DEP-76', 'DEP-76'], ['FRJ23', '31'], ['FRJ', '76'], ['FR', 'FR'], ['EU27_2020', 'EU27_2020'],
    ['Haute-Garonne', '31'], ['haute garonne', '31'], ['Ariège', '09'], ['Arie\u0300ge', '09'], ['Hérault\u200b ', '34'], ['11', '11'],
  ])('%s → %s', (raw, code) => {
    expect(match(raw)).toEqual({ code });
  });
  test.each([['99'], ['Atlantide'], ['']])('%s is unknown', (raw) => expect(match(raw)).toEqual({ unknown: true }));
  test.each([['DE'], ['EU28'], ['FRK']])('%s is another country or region, outside the scope', (raw) => expect(match(raw)).toEqual({ outside: true }));
});

describe('parse', () => {
  test.each([
    ['a;b;c\n1;2;3', ';'],
    ['a,b,c\n1,2,3', ','],
    ['a\tb\tc\n1\t2\t3', '\t'],
    ['Titre du fichier\n\na;b;c\n1;2,5;3\n', ';'],
  ])('sniffs the delimiter of %j', (text, d) => expect(sniffDelimiter(text)).toBe(d));

  test('title rows above the header, trailing ;;; and footnotes below are skipped and counted', () => {
    const text = 'Effectifs du numérique\nSource : Insee\n\nterritoire;annee;valeur;;;\n31;2022;1 234,5;;;\n34;2022;99;;;\n\n\nNote : données provisoires\n';
    const p = parseText(text);
    expect(p.header).toEqual(['territoire', 'annee', 'valeur']);
    expect(p.headerLine).toBe(4);
    expect(p.titleRows).toBe(3);
    expect(p.rows.map((r) => [r.line, r.cells])).toEqual([[5, ['31', '2022', '1 234,5']], [6, ['34', '2022', '99']]]);
    expect(p.blankRows).toBe(2);
    expect(p.footnoteRows).toBe(1);
    expect(p.decimalComma).toBe(true);
  });
  test('quoted newlines and CRLF keep line numbers right; wrong field counts are reported by line', () => {
    const p = parseText('a,b,c\r\n1,"deux\r\nlignes",3\r\n4,5\r\n6,7,8,9\r\n');
    expect(p.rows.map((r) => r.line)).toEqual([2]);
    expect(p.problems.map((x) => [x.code, x.ligne])).toEqual([['nombre_champs', 4], ['nombre_champs', 5]]);
  });
  test('an unclosed quote, duplicate and empty headers', () => {
    expect(parseText('a,b\n1,"2\n').problems.map((x) => x.code)).toContain('guillemet_non_ferme');
    expect(parseText('a,a,b\n1,2,3\n').problems.map((x) => [x.code, x.colonne])).toEqual([['entete_dupliquee', 'a']]);
    expect(parseText('a,,b\n1,2,3\n').problems.map((x) => x.code)).toEqual(['entete_vide']);
  });
});

describe('Eurostat flags', () => {
  test.each([['b', 'rupture'], ['bd', 'rupture'], ['de', 'rupture'], ['e', 'estimation'], ['u', 'faible_fiabilite'], ['bu', 'rupture'], ['', null], ['p', 'provisoire']])(
    '%s → %s',
    (f, s) => expect(statusOfFlags(f)).toBe(s),
  );
});

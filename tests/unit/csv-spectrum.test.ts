import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { decode } from '../../src/data/import/decode';
import { parseText, sniffDelimiter } from '../../src/data/import/parse';

/**
 * Conformance with csv-spectrum (the shared corpus of CSV edge cases, with the records each file must give):
 * every file is decoded and parsed by our parser with the delimiter `,`, and its header and records must be the
 * expected ones, cell for cell.
 *
 * Documented deviations (docs/reliability.md):
 * - Our parser drops blank rows and trims header names (neither occurs in the corpus's data).
 * - `location_coordinates`: its expected JSON is one object, not an array (csv-spectrum issue #22), and gives the
 *   phone number `1234567890` where the CSV has `2095257564` (issue #20): we compare with the CSV's number.
 *   That file also holds U+FFFD (the bytes EF BF BD): the data match, and our parser reports the cell as
 *   `encodage_invalide` (a character lost in an earlier conversion), which is the only problem in the corpus.
 */
const dir = path.dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
const names = readdirSync(path.join(dir, 'csvs')).map((f) => f.replace(/\.csv$/, '')).sort();

function expected(name: string): Record<string, string>[] {
  const json: unknown = JSON.parse(readFileSync(path.join(dir, 'json', `${name}.json`), 'utf8'));
  const records = (Array.isArray(json) ? json : [json]) as Record<string, string>[];
  if (name === 'location_coordinates') return records.map((r) => ({ ...r, 'Contact Phone Number': '2095257564' }));
  return records;
}

describe('csv-spectrum', () => {
  test('the corpus is there (12 files)', () => {
    expect(names).toHaveLength(12);
  });
  test.each(names)('%s', (name) => {
    const bytes = new Uint8Array(readFileSync(path.join(dir, 'csvs', `${name}.csv`)));
    const parsed = parseText(decode(bytes).text, { delimiter: ',' });
    const want = expected(name);
    expect(parsed.header).toEqual(Object.keys(want[0] ?? {}));
    expect(parsed.rows.map((r) => r.cells)).toEqual(want.map((r) => Object.values(r)));
    expect(parsed.problems.map((p) => [p.code, p.ligne, p.colonne])).toEqual(name === 'location_coordinates' ? [['encodage_invalide', 2, 'Location Coordinates']] : []);
  });
  test('without being told, the delimiter sniffed is the comma for every file', () => {
    for (const name of names) expect(sniffDelimiter(decode(new Uint8Array(readFileSync(path.join(dir, 'csvs', `${name}.csv`)))).text), name).toBe(',');
  });
  test('line numbers follow the file, past quoted line breaks', () => {
    const bytes = new Uint8Array(readFileSync(path.join(dir, 'csvs', 'newlines_crlf.csv')));
    expect(parseText(decode(bytes).text, { delimiter: ',' }).rows.map((r) => r.line)).toEqual([2, 3, 5]);
  });
});

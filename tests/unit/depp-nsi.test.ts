import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deppNsiCsv, hasDeppFiles, toCanonicalCsv } from '../../scripts/depp-nsi-lib';
import { importCatalogue } from '../helpers/catalogue';
import { CANONICAL_HEADER } from '../helpers/constants';
import { NEEDS_REAL_FILES, REAL_DIR } from '../helpers/real-files';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REAL = REAL_DIR;
const committed = readFileSync(path.join(ROOT, 'data/depp-nsi.csv'), 'utf8');

describe('data/depp-nsi.csv', () => {
  test('FR and the 13 départements, terminale 2020–2022 and première 2021–2022, no région row (the dashboard computes it)', () => {
    const lines = committed.trim().split('\n').slice(1).map((l) => l.split(','));
    expect(lines).toHaveLength(14 * 5);
    expect(new Set(lines.map((l) => l[0])).has('76')).toBe(false);
    expect(lines.filter((l) => l[2] === 'nsi_lycee').map((l) => l[1])).toEqual(['2020', '2021', '2022'].flatMap((y) => Array<string>(14).fill(y)));
    expect(lines.find((l) => l[0] === '31' && l[1] === '2022' && l[2] === 'nsi_lycee')?.slice(3, 6)).toEqual(['61', '376', '437']);
  });
  test('its text is the canonical CSV the script writes', () => {
    expect(toCanonicalCsv([])).toBe(`${CANONICAL_HEADER}\n`);
  });
});

// The published files are not part of the project: this check runs where they are (tests/helpers/real-files.ts).
describe.skipIf(!hasDeppFiles(REAL))('npm run depp-nsi: the DEPP files through the import pipeline', () => {
  test(`recompute data/depp-nsi.csv byte for byte ${NEEDS_REAL_FILES}`, () => {
    expect(deppNsiCsv(REAL, importCatalogue())).toBe(committed);
  });
});

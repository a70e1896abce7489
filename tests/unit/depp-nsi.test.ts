import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deppNsiCsv, hasDeppFiles, toCanonicalCsv } from '../../scripts/depp-nsi-lib';
import { importCatalogue } from '../helpers/catalogue';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REAL = path.join(ROOT, '../shared/fixtures/real');
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
    expect(toCanonicalCsv([])).toBe('territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source\n');
  });
});

// The published files are not part of the project: this check runs where ../shared/fixtures/real holds them.
describe.skipIf(!hasDeppFiles(REAL))('npm run depp-nsi: the DEPP files (../shared/fixtures/real) through the import pipeline', () => {
  test('recompute data/depp-nsi.csv byte for byte', () => {
    expect(deppNsiCsv(REAL, importCatalogue())).toBe(committed);
  });
});

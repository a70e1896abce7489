import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { outputs, OCCITANIE } from '../../scripts/generate-data.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');

interface Field {
  name: string;
  type: 'string' | 'integer' | 'number';
  constraints?: { required?: boolean; pattern?: string; minimum?: number; maximum?: number; enum?: string[] };
}
const schema = JSON.parse(read('data/schema/observations.schema.json')) as { fields: Field[]; primaryKey: string[] };

function rows(file: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(read(file), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(schema.fields.map((f) => f.name));
  return parsed.data;
}

/** Checks one row against the Table Schema; returns the problems as "column: rule". */
function violations(row: Record<string, string>): string[] {
  const out: string[] = [];
  for (const f of schema.fields) {
    const v = row[f.name] ?? '';
    const c = f.constraints ?? {};
    if (v === '') {
      if (c.required) out.push(`${f.name}: required`);
      continue;
    }
    if (f.type !== 'string') {
      const n = Number(v);
      if (!Number.isFinite(n) || (f.type === 'integer' && !Number.isInteger(n))) out.push(`${f.name}: type`);
      if (c.minimum !== undefined && n < c.minimum) out.push(`${f.name}: minimum`);
      if (c.maximum !== undefined && n > c.maximum) out.push(`${f.name}: maximum`);
    }
    if (c.pattern && !new RegExp(c.pattern).test(v)) out.push(`${f.name}: pattern`);
    if (c.enum && !c.enum.includes(v)) out.push(`${f.name}: enum`);
  }
  const has = (k: string) => (row[k] ?? '') !== '';
  if (!((has('femmes') && (has('total') || has('hommes'))) || has('part_femmes') || row['statut'] === 'secret')) out.push('row: no value');
  if (has('femmes') && has('total') && Number(row['femmes']) > Number(row['total'])) out.push('femmes: above total');
  if (has('femmes') && has('hommes') && has('total') && Math.abs(Number(row['femmes']) + Number(row['hommes']) - Number(row['total'])) > 1) {
    out.push('total: sum');
  }
  return out;
}

describe('the illustrative generator', () => {
  test("npm run data reproduces the committed files byte for byte", async () => {
    for (const [file, text] of Object.entries(await outputs())) expect(read(file), file).toBe(text);
  });
});

describe.each(['data/observations-illustratives.csv', 'data/eurostat-specialistes-tic.csv', 'data/depp-nsi.csv'])('%s', (file) => {
  const data = rows(file);
  test('every row satisfies the Table Schema and the canonical rules', () => {
    const bad = data.flatMap((r, i) => violations(r).map((v) => `row ${i + 2}: ${v}`));
    expect(bad).toEqual([]);
  });
  test('the primary key is unique', () => {
    const keys = data.map((r) => schema.primaryKey.map((k) => r[k]).join('|'));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('illustrative data', () => {
  const data = rows('data/observations-illustratives.csv');
  test('says it is illustrative on every row', () => {
    expect(data.every((r) => /illustratives/i.test(r['source'] ?? ''))).toBe(true);
  });
  test('covers the 13 départements and France, 2015–2024, without NSI (real DEPP data replaces it)', () => {
    expect(new Set(data.map((r) => r['territoire']))).toEqual(new Set([...OCCITANIE, 'FR']));
    const years = data.map((r) => Number(r['annee']));
    expect(Math.min(...years)).toBe(2015);
    expect(Math.max(...years)).toBe(2024);
    expect(data.filter((r) => (r['indicateur'] ?? '').startsWith('nsi_'))).toEqual([]);
  });
  test('holds secret cells and small counts in Lozère and Gers', () => {
    expect(data.filter((r) => r['statut'] === 'secret').length).toBeGreaterThanOrEqual(2);
    for (const dep of ['48', '32']) {
      const small = data.filter((r) => r['territoire'] === dep && r['femmes'] !== '' && Number(r['femmes']) < 200);
      expect(small.length).toBeGreaterThan(10);
    }
  });
  test('is calibrated on the published national figures', () => {
    const fr = (ind: string, year: number) => {
      const r = data.find((x) => x['territoire'] === 'FR' && x['indicateur'] === ind && Number(x['annee']) === year);
      return (100 * Number(r?.['femmes'])) / Number(r?.['total']);
    };
    expect(fr('emploi_numerique', 2022)).toBeGreaterThan(22.5); // ≈ 24 % (INSEE)
    expect(fr('emploi_numerique', 2022)).toBeLessThan(25);
    expect(fr('emploi_technique', 2022)).toBeGreaterThan(13.5); // ≈ 15 %
    expect(fr('emploi_technique', 2022)).toBeLessThan(16.5);
    expect(fr('sup_numerique', 2022)).toBeGreaterThan(17); // 17–20 %
    expect(fr('sup_numerique', 2022)).toBeLessThan(20);
  });
  test('Haute-Garonne and Hérault hold most digital jobs', () => {
    const jobs = data.filter((r) => r['indicateur'] === 'emploi_numerique' && r['annee'] === '2024' && r['territoire'] !== 'FR');
    const total = jobs.reduce((s, r) => s + Number(r['total']), 0);
    const big = jobs.filter((r) => r['territoire'] === '31' || r['territoire'] === '34').reduce((s, r) => s + Number(r['total']), 0);
    expect(big / total).toBeGreaterThan(0.6);
  });
});

describe('Eurostat benchmark rows', () => {
  const data = rows('data/eurostat-specialistes-tic.csv');
  test('France and EU27, 2004–2022, with published shares and mapped flags', () => {
    expect(data).toHaveLength(2 * 19);
    const fr2021 = data.find((r) => r['territoire'] === 'FR' && r['annee'] === '2021');
    expect(fr2021?.['part_femmes']).toBe('20.9'); // published 20.9 bd → rupture
    expect(fr2021?.['statut']).toBe('rupture');
    const eu2019 = data.find((r) => r['territoire'] === 'EU27_2020' && r['annee'] === '2019');
    expect(eu2019?.['part_femmes']).toBe('17.8'); // 17.8 e → estimation
    expect(eu2019?.['statut']).toBe('estimation');
    expect(data.every((r) => r['source'] === 'Eurostat, isoc_sks_itsps')).toBe(true);
  });
});

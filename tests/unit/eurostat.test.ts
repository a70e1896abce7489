import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runImport, type ImportOptions } from '../../src/data/import/run';
import { placeOf } from '../../src/data/import/eurostat-geo';
import { datasetOfFlow, isoDateOf } from '../../src/data/import/eurostat';
import { legacyEurostat } from '../../src/data/import/eurostat-import';
import { identityDefaults } from '../../src/data/import/identity';
import { importCatalogue, utf8 } from '../helpers/catalogue';
import { NEEDS_REAL_FILES, hasRealFiles, realFile } from '../helpers/real-files';

const cat = importCatalogue();
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, '../fixtures/eurostat', name)));
const run = (bytes: Uint8Array, fileName: string, extra: Partial<ImportOptions> = {}) => runImport(bytes, cat, { fileName, ...extra });
const codes = (r: ReturnType<typeof run>) => r.problems.map((p) => [p.code, p.ligne, p.colonne]);
const dims = (r: ReturnType<typeof run>) => r.eurostat?.dimensions.map((d) => [d.name, d.values, d.chosen]);
const at = (r: ReturnType<typeof run>, territoire: string, annee: number) => r.rows.find((x) => x.territoire === territoire && x.annee === annee);

const ISCED = fixture('diplomes-isced.tsv');
const BULK = fixture('ancien-age.tsv');
const SDMX = fixture('specialistes-sdmx.csv');

describe('Eurostat files are recognised by their content, whatever they are called', () => {
  const names = ['estat_isoc_sks_itsp_sex.tsv', 'données.csv', 'export (3).txt', 'isoc_sks_itsps.tsv', 'sans-extension'];
  const layouts: [string, Uint8Array, 'tsv' | 'sdmx'][] = [['current TSV with isced11', ISCED, 'tsv'], ['old bulk TSV geo\\time', BULK, 'tsv'], ['SDMX-CSV with DATAFLOW', SDMX, 'sdmx']];
  test.each(layouts.flatMap(([label, bytes, layout]) => names.map((n) => [label, n, bytes, layout] as const)))('%s saved as %s', (_l, name, bytes, layout) => {
    const r = run(bytes, name);
    expect(r.format).toBe('eurostat');
    expect(r.eurostat?.layout).toBe(layout);
    expect(r.problems.map((p) => p.code)).not.toContain('recette_incomplete');
  });
  test('the file name never chooses the dataset: a TSV asks for its indicator, even when named after a known dataset', () => {
    const r = run(BULK, 'isoc_sks_itsps.tsv', { dimensions: { age: 'Y15-74' } });
    expect(r.eurostat?.indicateur).toBeNull();
    expect(r.problems.filter((p) => p.severity === 'erreur').map((p) => p.code)).toEqual(['eurostat_indicateur']);
    expect(r.rows).toEqual([]);
  });
  test('SDMX-CSV names its dataset: indicator, unit and producer preset', () => {
    const r = run(SDMX, 'data.csv');
    expect(r.eurostat).toMatchObject({ dataset: 'isoc_sks_itsps', indicateur: 'specialistes_tic' });
    expect(dims(r)).toEqual([['freq', ['A'], 'A'], ['unit', ['PC', 'THS_PER'], 'THS_PER']]);
    expect(r.errors).toBe(0);
    expect(at(r, 'FR', 2022)).toMatchObject({ indicateur: 'specialistes_tic', femmes: 231200, hommes: 986500, total: 1217700, part_femmes: null, statut: 'rupture', source: 'Eurostat, isoc_sks_itsps (unit = THS_PER)' });
    expect(at(r, 'EU27_2020', 2022)).toMatchObject({ femmes: 1770600, hommes: 7598100, statut: 'estimation' });
    expect(at(r, 'EU27_2020', 2021)).toBeUndefined(); // empty OBS_VALUE, no flag: nothing published
    expect(codes(r)).toEqual([['lignes_hors_perimetre', null, 'geo']]);
    // 14 observations: the 6 in PC (not chosen) and DE's are skipped, FR's and EU's 7 in THS_PER kept.
    expect(r.skipped).toBe(7);
  });
  test('SDMX-CSV with unit PC chosen: the published shares', () => {
    const r = run(SDMX, 'data.csv', { dimensions: { unit: 'PC' } });
    expect(r.errors).toBe(0);
    expect(r.rows.map((x) => [x.territoire, x.annee, x.part_femmes, x.femmes, x.statut])).toEqual([
      ['EU27_2020', 2022, 18.9, null, 'estimation'], ['FR', 2021, 20.9, null, 'rupture'], ['FR', 2022, 19.0, null, 'rupture'],
    ]);
  });
  test('SDMX-CSV lines of another period (quarters) are counted as skipped, not read', () => {
    const head = 'DATAFLOW,LAST UPDATE,freq,unit,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG';
    const line = (freq: string, sex: string, t: string, v: string) => `ESTAT:LFSQ_EGAN(1.0),01/01/24 00:00:00,${freq},THS_PER,${sex},FR,${t},${v},`;
    const r = run(utf8([head, line('A', 'F', '2022', '100'), line('A', 'M', '2022', '300'), line('Q', 'F', '2022-Q1', '99'), line('Q', 'M', '2022-Q1', '301')].join('\n')), 'q.csv', { indicateur: 'emploi_numerique', dimensions: { freq: 'A' } });
    expect(r.rows.map((x) => [x.territoire, x.annee, x.femmes, x.hommes])).toEqual([['FR', 2022, 100000, 300000]]);
    expect(r.skipped).toBe(2);
    const q = run(utf8([head, line('Q', 'F', '2022-Q1', '99'), line('Q', 'M', '2022-Q1', '301')].join('\n')), 'q.csv', { indicateur: 'emploi_numerique' });
    expect([q.skipped, q.rows.length, q.problems.map((p) => p.code)]).toEqual([2, 0, ['aucune_ligne']]);
  });
  test('the dataset’s last update from LAST UPDATE (the latest of its rows), as the identity’s date by default', () => {
    const head = 'DATAFLOW,LAST UPDATE,freq,unit,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG';
    const file = (dates: string[]) => utf8([head, ...dates.map((d, i) => `ESTAT:ISOC_SKS_ITSPS(1.0),${d},A,THS_PER,${i % 2 ? 'M' : 'F'},FR,${2020 + (i >> 1)},${100 + i},`)].join('\n'));
    const updated = (dates: string[]) => run(file(dates), 'x.csv', { indicateur: 'specialistes_tic' }).eurostat?.derniere_maj;
    expect(updated(['22/05/26 11:00:00', '22/05/26 11:00:00'])).toBe('2026-05-22');
    expect(updated(['03/09/25 23:00:00', '17/01/26 23:00:00', '03/09/25 23:00:00', '03/09/25'])).toBe('2026-01-17');
    expect(updated(['22/05/2026', '2026-05-21'])).toBe('2026-05-22');
    expect(updated(['2025-04-28', '2025-04-29T10:00:00'])).toBe('2025-04-29');
    expect(updated(['28/02/24 23:00:00', '29/02/24 23:00:00', ''])).toBe('2024-02-29');
    // A cell that is not a date, a day that does not exist or a date to come: how the column writes dates is not
    // known for sure, nothing is made up.
    expect(updated(['22/05/26 11:00:00', 'hier'])).toBeNull();
    expect(updated(['03/04/26', '05/22/26'])).toBeNull();
    expect(updated(['22/05/26', '29/02/25'])).toBeNull();
    expect(updated(['22/05/26', '31/12/99'])).toBeNull();
    expect(isoDateOf('22/05/26 11:00:00')).toBe('2026-05-22');
    expect(isoDateOf('2026-05-22T11:00:00+02:00')).toBe('2026-05-22');
    expect(isoDateOf('2026-13-01')).toBeNull();
    expect(isoDateOf('22/05/26 11:00:00 et plus')).toBeNull();
    const r = run(file(['22/05/26 11:00:00', '22/05/26 11:00:00']), 'x.csv', { indicateur: 'specialistes_tic' });
    expect(identityDefaults(r, [], 'x.csv')).toMatchObject({ nom: 'isoc_sks_itsps', date_publication: '2026-05-22' });
    expect(run(BULK, 'x.tsv').eurostat?.derniere_maj).toBeNull();
  });
  test('dataset ids from DATAFLOW', () => {
    expect(datasetOfFlow('ESTAT:ISOC_SKS_ITSPS(1.0)')).toBe('isoc_sks_itsps');
    expect(datasetOfFlow('ESTAT:EDUC_UOE_GRAD02(1.0)')).toBe('educ_uoe_grad02');
    expect(datasetOfFlow('not a flow id')).toBeNull();
  });
});

describe('dimensions: listed, preselected, chosen; never a silent pick', () => {
  test('listing and preselection: single values and count units are chosen, the others wait for the analyst', () => {
    const r = run(ISCED, 'diplomes.tsv', { indicateur: 'sup_numerique' });
    expect(dims(r)).toEqual([['freq', ['A'], 'A'], ['unit', ['NR'], 'NR'], ['isced11', ['ED5-8', 'ED6'], null], ['iscedf13', ['F06', 'TOTAL'], null]]);
    expect(run(BULK, 'x.tsv').eurostat?.dimensions.map((d) => [d.name, d.chosen])).toEqual([['unit', 'PC'], ['age', null]]);
  });
  test('the count unit is preselected over the percentage (NR before THS_PER before PC)', () => {
    const text = 'freq,unit,sex,geo\\TIME_PERIOD\t2022 \nA,PC,F,FR\t19.0 \nA,THS_PER,F,FR\t231.2 \nA,NR,F,FR\t231200 \nA,THS_PER,M,FR\t986.5 \nA,NR,M,FR\t986500 \n';
    expect(run(utf8(text), 'x.tsv').eurostat?.dimensions.find((d) => d.name === 'unit')?.chosen).toBe('NR');
  });
  const cases: [string, Uint8Array, Record<string, string>, [string, number, string][]][] = [
    ['two dimensions left open', ISCED, {}, [['eurostat_dimension', 14, 'isced11'], ['eurostat_dimension', 16, 'iscedf13']]],
    ['one dimension left open', ISCED, { isced11: 'ED5-8' }, [['eurostat_dimension', 16, 'iscedf13']]],
    ['the other one left open', ISCED, { iscedf13: 'F06' }, [['eurostat_dimension', 14, 'isced11']]],
    ['age left open in the old layout', BULK, {}, [['eurostat_dimension', 8, 'age']]],
  ];
  test.each(cases)('more than one row per geo × sex × year: an error naming the dimension (%s)', (_n, bytes, dimensions, want) => {
    const r = run(bytes, 'f.tsv', { indicateur: 'sup_numerique', dimensions });
    expect(r.problems.filter((p) => p.severity === 'erreur').map((p) => [p.code, p.ligne, p.colonne])).toEqual(want);
    for (const [, , d] of want) expect(r.problems.find((p) => p.colonne === d)?.message_fr).toContain(`« ${d} »`);
    expect(r.rows).toEqual([]);
  });
  test('a value the file does not hold is an error naming the dimension', () => {
    const r = run(ISCED, 'f.tsv', { indicateur: 'sup_numerique', dimensions: { isced11: 'ED8', iscedf13: 'F06' } });
    expect(r.problems.find((p) => p.code === 'eurostat_valeur_absente')).toMatchObject({ colonne: 'isced11', valeur: 'ED8' });
    expect(r.errors).toBeGreaterThan(0);
  });
  test('a percentage that is not the women’s share (F + M ≠ 100) is refused', () => {
    const text = 'unit,sex,geo\\time\t2020 \nPC_EMP,F,FR\t2.1 \nPC_EMP,M,FR\t5.9 \n';
    const r = run(utf8(text), 'x.tsv', { indicateur: 'emploi_numerique' });
    expect(codes(r)).toEqual([['eurostat_part_sexe', 2, 'unit']]);
    expect(r.rows).toEqual([]);
  });
  test('a unit that is neither a count nor a percentage is refused', () => {
    const text = 'unit,sex,geo\\time\t2020 \nEUR,F,FR\t2100 \nEUR,M,FR\t2500 \n';
    expect(codes(run(utf8(text), 'x.tsv', { indicateur: 'emploi_numerique' }))).toEqual([['eurostat_unite', null, 'unit']]);
  });
  test('an unreadable cell is an error at its line and year', () => {
    const text = 'unit,sex,geo\\time\t2020 \t2019 \nNR,F,FR\t12x \t10 \nNR,M,FR\t30 \t40 \n';
    // The year it leaves without women is said too (not imported).
    expect(codes(run(utf8(text), 'x.tsv', { indicateur: 'emploi_numerique' }))).toEqual([['nombre_invalide', 2, '2020'], ['eurostat_sans_femmes', null, null]]);
  });
  test('a file without sex cannot give a share of women', () => {
    const text = 'unit,geo\\time\t2020 \nNR,FR\t12 \n';
    expect(run(utf8(text), 'x.tsv', { indicateur: 'emploi_numerique' }).problems.map((p) => p.code)).toEqual(['eurostat_sans_sexe']);
  });
});

describe('NUTS codes mapped to ours', () => {
  test.each([
    ['FR', 'FR', 0], ['EU27_2020', 'EU27_2020', 0], ['EU28', 'EU27_2020', 1], ['EU27_2007', 'EU27_2020', 2], ['EU27', 'EU27_2020', 3], ['EU15', 'EU27_2020', 5],
    ['FRJ', '76', 0], ['FRJ1', '76', 1], ['FRJ2', '76', 1], ['FR81', '76', 2], ['FR62', '76', 2],
    ['FRJ11', '11', 0], ['FRJ12', '30', 0], ['FRJ13', '34', 0], ['FRJ14', '48', 0], ['FRJ15', '66', 0], ['FRJ21', '09', 0], ['FRJ22', '12', 0],
    ['FRJ23', '31', 0], ['FRJ24', '32', 0], ['FRJ25', '46', 0], ['FRJ26', '65', 0], ['FRJ27', '81', 0], ['FRJ28', '82', 0],
    ['FR811', '11', 1], ['FR812', '30', 1], ['FR813', '34', 1], ['FR814', '48', 1], ['FR815', '66', 1], ['FR621', '09', 1], ['FR622', '12', 1],
    ['FR623', '31', 1], ['FR624', '32', 1], ['FR625', '46', 1], ['FR626', '65', 1], ['FR627', '81', 1], ['FR628', '82', 1],
  ])('%s → %s', (geo, target, rank) => {
    expect(placeOf(geo)).toMatchObject({ target, rank });
  });
  test.each(['DE', 'FR10', 'FRJ3', 'FRI12', 'EA19', 'FX', ''])('%s is outside the scope', (geo) => {
    expect(placeOf(geo)).toBeNull();
  });
  test('counts: FRJ1 + FRJ2 summed into Occitanie, an older EU aggregate with a warning, NUTS 3 to départements', () => {
    const r = run(ISCED, 'diplomes.tsv', { indicateur: 'sup_numerique', dimensions: { isced11: 'ED5-8', iscedf13: 'F06' } });
    expect(r.errors).toBe(0);
    expect(r.rows.map((x) => [x.territoire, x.annee, x.femmes, x.hommes, x.total, x.statut])).toEqual([
      ['31', 2020, 450, 1350, 1800, null], ['31', 2021, null, null, null, 'secret'],
      ['76', 2020, 1100, 3900, 5000, null],
      ['EU27_2020', 2020, 100000, 400000, 500000, 'estimation'],
      ['FR', 2020, 12000, 48000, 60000, null], ['FR', 2021, 13000, 50000, 63000, null],
    ]);
    expect(codes(r)).toEqual([['lignes_hors_perimetre', null, 'geo'], ['eurostat_agregat_ue', null, 'geo'], ['eurostat_region_incomplete', null, 'geo']]);
    expect(r.problems.find((p) => p.code === 'eurostat_agregat_ue')?.message_fr).toContain('EU28');
    expect(r.problems.find((p) => p.code === 'eurostat_region_incomplete')?.message_en).toMatch(/FRJ1 \+ FRJ2.*\(2021\)/);
    expect(r.warnings).toBe(3);
    // 16 rows: 12 chosen (ED5-8 × F06), of which DE is outside the scope; 4 filtered out by the choices.
    expect(r.skipped).toBe(5);
    expect(r.rows[0]?.source).toBe('Eurostat, diplomes (isced11 = ED5-8 ; iscedf13 = F06)');
  });
  test('shares: the NUTS 2 halves cannot be summed (warning, no région value); EU27_2020 preferred over EU28', () => {
    const r = run(BULK, 'ancien.tsv', { indicateur: 'specialistes_tic', dimensions: { age: 'Y15-74' } });
    expect(r.errors).toBe(0);
    expect(r.rows.map((x) => [x.territoire, x.annee, x.part_femmes, x.statut])).toEqual([
      ['31', 2019, 25.0, 'faible_fiabilite'],
      ['EU27_2020', 2017, 17.6, null], ['EU27_2020', 2018, 18.0, 'estimation'], ['EU27_2020', 2019, 18.5, null],
      ['FR', 2017, 18.9, null], ['FR', 2018, 19.2, null], ['FR', 2019, 19.7, null],
    ]);
    expect(r.problems.map((p) => p.code)).toEqual(['eurostat_region_parts']);
    expect(r.problems[0]?.message_fr).toContain('FRJ1 + FRJ2');
  });
  test('the 2013 halves FR81 + FR62 give the région when FRJ1 + FRJ2 are absent; FRJ wins over both', () => {
    const rows = (geo: string[], v: number[]) => geo.flatMap((g, i) => [`NR,F,${g}\t${v[i]} `, `NR,M,${g}\t${(v[i] ?? 0) * 3} `]);
    const head = 'unit,sex,geo\\time\t2015 ';
    const r1 = run(utf8([head, ...rows(['FR81', 'FR62'], [100, 200])].join('\n')), 'x.tsv', { indicateur: 'emploi_numerique' });
    expect(r1.rows.map((x) => [x.territoire, x.femmes, x.hommes])).toEqual([['76', 300, 900]]);
    const r2 = run(utf8([head, ...rows(['FR81', 'FR62', 'FRJ'], [100, 200, 333])].join('\n')), 'x.tsv', { indicateur: 'emploi_numerique' });
    expect(r2.rows.map((x) => [x.territoire, x.femmes, x.hommes])).toEqual([['76', 333, 999]]);
    expect(r2.warnings).toBe(0);
  });
});

describe('the real Eurostat file, saved under another name', () => {
  const real = realFile('eurostat_isoc_sks_itsps_2004-2022.tsv');
  test.skipIf(!hasRealFiles('eurostat_isoc_sks_itsps_2004-2022.tsv'))(`eurostat_isoc_sks_itsps_2004-2022.tsv as estat_isoc_sks_itsp_sex.tsv: FR and EU27_2020 series ${NEEDS_REAL_FILES}`, () => {
    const bytes = new Uint8Array(readFileSync(real));
    const asked = run(bytes, 'estat_isoc_sks_itsp_sex.tsv');
    expect(asked.format).toBe('eurostat');
    expect(asked.problems.filter((p) => p.severity === 'erreur').map((p) => p.code)).toEqual(['eurostat_indicateur']);
    expect(dims(asked)).toEqual([['freq', ['A'], 'A'], ['unit', ['PC', 'THS_PER'], 'THS_PER']]);
    const pc = run(bytes, 'estat_isoc_sks_itsp_sex.tsv', { indicateur: 'specialistes_tic', dimensions: { unit: 'PC' } });
    expect(pc.errors).toBe(0);
    expect([...new Set(pc.rows.map((x) => x.territoire))]).toEqual(['EU27_2020', 'FR']);
    expect(pc.rows.filter((x) => x.territoire === 'FR' && x.annee >= 2019).map((x) => x.part_femmes)).toEqual([19.7, 20.1, 20.9, 19.0]);
    expect(pc.rows.filter((x) => x.territoire === 'EU27_2020' && x.annee >= 2019).map((x) => x.part_femmes)).toEqual([17.8, 18.5, 19.1, 18.9]);
    expect(pc.rows.filter((x) => x.territoire === 'FR')).toHaveLength(19);
    // 144 rows: the 4 PC rows of FR and EU27 kept, 72 THS_PER rows filtered out, 68 PC rows of other countries skipped.
    expect(pc.skipped).toBe(140);
    // The other countries in one warning, with their count and the first of their codes, as a recipe's.
    expect(pc.warnings).toBe(1);
    expect(pc.problems[0]?.message_fr).toMatch(/^Colonne « geo » — 68 ligne\(s\) d’autres territoires que ceux du tableau de bord écartées \(\w+, \w+, \w+, \w+, \w+…\)\.$/);
    const counts = run(bytes, 'estat_isoc_sks_itsp_sex.tsv', { indicateur: 'specialistes_tic' });
    const fr22 = at(counts, 'FR', 2022);
    expect(fr22).toMatchObject({ femmes: 231200, hommes: 986500, statut: 'rupture' });
    expect((100 * (fr22?.femmes ?? 0)) / (fr22?.total ?? 1)).toBeCloseTo(19.0, 1);
  });
});

describe('imports stored by earlier versions', () => {
  test('a Eurostat TSV stored without an indicator (then read from its name) is restored into the same indicator', () => {
    const mini = new Uint8Array(readFileSync(path.join(import.meta.dirname, '../fixtures/eurostat-mini.tsv')));
    const stored: { indicateur?: string; declared?: string[] } = { declared: [] };
    expect(run(mini, 'estat_isoc_sks_itsps.tsv', stored).errors).toBeGreaterThan(0);
    const opts = legacyEurostat('estat_isoc_sks_itsps.tsv', stored, null);
    expect(opts).toEqual({ declared: [], indicateur: 'specialistes_tic' });
    const r = run(mini, 'estat_isoc_sks_itsps.tsv', { ...opts, dimensions: { unit: 'PC' } });
    expect(r.errors).toBe(0);
    expect(r.rows.every((x) => x.indicateur === 'specialistes_tic')).toBe(true);
    // Anything else keeps its options: an indicator chosen, a recipe, another name.
    expect(legacyEurostat('estat_isoc_sks_itsps.tsv', { indicateur: 'emploi_numerique' }, null)).toEqual({ indicateur: 'emploi_numerique' });
    expect(legacyEurostat('estat_isoc_sks_itsps.tsv', {}, { nom: 'r' })).toEqual({});
    expect(legacyEurostat('autre.tsv', {}, null)).toEqual({});
  });
});

import { describe, expect, test } from 'vitest';
import { runImport } from '../../src/data/import/run';
import { Recipe } from '../../src/data/import/recipe';
import { PRESETS } from '../../src/data/import/presets';
import { importCatalogue, utf8 } from '../helpers/catalogue';

// Shapes of files as INSEE, the SIES, the DEPP and Eurostat publish them (their real headers, a few made-up rows):
// what reaches the dashboard, and what is skipped, counted or refused.
const cat = importCatalogue();
const run = (text: string, extra: object = {}) => runImport(utf8(text), cat, { fileName: 'fichier.csv', ...extra });
const recipe = (r: Partial<Recipe>): Recipe => Recipe.parse({
  v: 1, nom: 'Essai', indicateur: 'emploi_numerique', territoire: { colonne: 'geo' }, annee: { valeur: 2021 },
  sexe: { mode: 'colonnes', femmes: 'f', hommes: 'h' }, mesure: { mode: 'compte' }, filtres: [], ...r,
});
const rows = (r: ReturnType<typeof run>) => r.rows.map((x) => [x.territoire, x.annee, x.femmes, x.hommes, x.total]);
const codes = (r: ReturnType<typeof run>) => r.problems.map((p) => `${p.code}:${p.severity}`);

describe('an empty cell is a missing value, never zero', () => {
  test.each([
    ['women empty: the share is unknown, no observation', 'geo;f;h\n31;;20\n34;5;6\n', [['34', 2021, 5, 6, 11]]],
    ['one lycée of two without a value: the département\'s sum is unknown', 'geo;f;h\n31;3;4\n31;;5\n34;1;1\n', [['34', 2021, 1, 1, 2]]],
    ['men empty and no total: the share is unknown', 'geo;f;h\n31;3;\n34;1;2\n', [['34', 2021, 1, 2, 3]]],
  ])('%s', (_n, text, want) => {
    const r = run(text, { recipe: recipe({}) });
    expect(r.errors).toBe(0);
    expect(rows(r)).toEqual(want);
    expect(codes(r)).toContain('valeurs_manquantes:avertissement');
  });
  test('a sex column with a value column: an empty value is missing too', () => {
    const r = run('geo;sexe;n\n31;F;\n31;M;7\n34;F;2\n34;M;3\n', { recipe: recipe({ sexe: { mode: 'colonne', colonne: 'sexe', femmes: ['F'], hommes: ['M'], total: [] }, mesure: { mode: 'valeur', colonne: 'n' } }) });
    expect(rows(r)).toEqual([['34', 2021, 2, 3, 5]]);
    expect(r.problems.find((p) => p.code === 'valeurs_manquantes')?.message_fr).toMatch(/^1 valeur\(s\) inconnue\(s\).*\(31 2021\)/);
  });
});

describe('76 alone: Occitanie, or Seine-Maritime in a column of départements', () => {
  test.each([
    ['a column named DEPT', 'DEPT;f;h\n76;1;2\n31;3;4\n', 'DEPT', [['31', 2021, 3, 4, 7]]],
    ['a column whose other codes are départements', 'geo;f;h\n76;1;2\n31;3;4\n', 'geo', [['31', 2021, 3, 4, 7]]],
    ['a column of régions by its name', 'REG;f;h\n76;1;2\n11;3;4\n', 'REG', [['76', 2021, 1, 2, 3]]],
    ['76 alone, nothing else said: the région (the canonical rule)', 'geo;f;h\n76;1;2\n', 'geo', [['76', 2021, 1, 2, 3]]],
  ])('%s', (_n, text, col, want) => {
    const r = run(text, { recipe: recipe({ territoire: { colonne: col } }) });
    expect(r.errors).toBe(0);
    expect(rows(r)).toEqual(want);
  });
  test('a level column (Melodi\'s GEO_OBJECT) says each row\'s: DEP 76 is Seine-Maritime, REG 76 Occitanie, communes skipped', () => {
    const r = run('GEO;GEO_OBJECT;f;h\n76;DEP;1;2\n76;REG;3;4\n31555;COM;5;6\n31;DEP;7;8\n', { recipe: recipe({ territoire: { colonne: 'GEO' }, niveau: { colonne: 'GEO_OBJECT' } }) });
    expect(r.errors).toBe(0);
    expect(rows(r)).toEqual([['76', 2021, 3, 4, 7], ['31', 2021, 7, 8, 15]]);
    expect(r.skipped).toBe(2);
  });
});

describe('territories as INSEE and the DEPP write them', () => {
  test('commune codes are other territories: skipped and counted, not errors', () => {
    const r = run('CODGEO;f;h\n31555;1;2\n2A004;1;2\nCOM-34172;1;2\n31;3;4\n', { recipe: recipe({ territoire: { colonne: 'CODGEO' } }) });
    expect(r.errors).toBe(0);
    expect(rows(r)).toEqual([['31', 2021, 3, 4, 7]]);
    expect(codes(r)).toContain('lignes_hors_perimetre:avertissement');
  });
  test('FE (France entière) is France', () => {
    expect(rows(run('geo;f;h\nFE;1;2\n', { recipe: recipe({}) }))).toEqual([['FR', 2021, 1, 2, 3]]);
  });
  test('région names with or without « et » (AUVERGNE-ET-RHONE-ALPES, AUVERGNE-RHONE-ALPES) are other territories; Tarn-et-Garonne is found', () => {
    const r = run('geo;f;h\nAUVERGNE-ET-RHONE-ALPES;1;2\nAUVERGNE-RHONE-ALPES;1;2\nOCCITANIE;3;4\nTARN-ET-GARONNE;5;6\n', { recipe: recipe({}) });
    expect(r.errors).toBe(0);
    expect(rows(r)).toEqual([['76', 2021, 3, 4, 7], ['82', 2021, 5, 6, 11]]);
  });
});

describe('presets on their real headers', () => {
  const MELODI = '"GEO";"GEO_OBJECT";"SEX";"EMPSTA_ENQ";"AGE";"EDUC";"RP_MEASURE";"FREQ";"OBS_STATUS";"TIME_PERIOD";"OBS_VALUE"';
  const melodi = (lines: string[], header = MELODI) => run(`${header}\n${lines.join('\n')}\n`, { declared: ['recensement_insee'] });
  test('Melodi: a plain GEO code read with GEO_OBJECT (76 DEP is Seine-Maritime); the totals of the other dimensions, never their categories added', () => {
    const r = melodi([
      '"76";"DEP";"F";"_T";"_T";"_T";"POP";"A";"A";2021;100',
      ...[['_T', 40, 60, 100], ['1', 30, 50, 80], ['2', 10, 10, 20]].flatMap(([e, f, m, t]) => [['F', f], ['M', m], ['_T', t]].map(([sx, v]) => `"31";"DEP";"${sx}";"${e}";"_T";"_T";"POP";"A";"A";2021;${v}`)),
    ]);
    expect(r.recipe?.nom).toMatch(/Melodi/);
    expect(r.errors).toBe(0);
    expect(rows(r)).toEqual([['31', 2021, 40, 60, 100]]);
    expect(r.rows[0]?.indicateur).toBe('recensement_insee');
  });
  test('Melodi: the indicator is not taken for digital jobs; undeclared, it is to declare or to change', () => {
    const r = run(`${MELODI}\n"31";"DEP";"F";"_T";"_T";"_T";"POP";"A";"A";2021;40\n`);
    expect(r.unknownIndicators).toEqual(['recensement_insee']);
    expect(r.rows).toEqual([]);
  });
  test('Melodi: a table without EDUC gets the preset too; a dimension it does not know, left with several values, is an error naming it', () => {
    const header = '"GEO";"GEO_OBJECT";"SEX";"AGE";"EMP_ACTIVITY";"TIME_PERIOD";"OBS_VALUE"';
    const ok = melodi(['"DEP-31";"DEP";"F";"_T";"X";2021;4', '"DEP-31";"DEP";"M";"_T";"X";2021;6'], header);
    expect(rows(ok)).toEqual([['31', 2021, 4, 6, 10]]);
    const twice = melodi(['"DEP-31";"DEP";"F";"_T";"X";2021;4', '"DEP-31";"DEP";"F";"_T";"Y";2021;5'], header);
    expect(codes(twice)).toContain('cle_repetee:erreur');
    expect(twice.problems.find((p) => p.code === 'cle_repetee')?.message_fr).toMatch(/^Ligne 3 — Plusieurs lignes pour 31 × 2021 × F \(déjà à la ligne 2\) ; elles diffèrent par « EMP_ACTIVITY », « OBS_VALUE »/);
  });
  test.each(PRESETS.map((p) => [p.nom, p] as const))('%s parses as a recipe', (_n, p) => {
    expect(Recipe.safeParse(p).success).toBe(true);
  });
});

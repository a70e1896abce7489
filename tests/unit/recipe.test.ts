import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pickRecipe, runImport } from '../../src/data/import/run';
import { PRESETS } from '../../src/data/import/presets';
import { Recipe } from '../../src/data/import/recipe';
import { blankRecipe, editedRecipe, recipeToSave } from '../../src/data/import/recipe-draft';
import type { ImportCatalogue } from '../../src/data/import/canonical';
import { importCatalogue, utf8 } from '../helpers/catalogue';
import { OCCITANIE_DEPARTEMENTS } from '../helpers/constants';
import { NEEDS_REAL_FILES, hasRealFiles, realFile } from '../helpers/real-files';

const ROOT = path.resolve(import.meta.dirname, '../..');
const cat = importCatalogue();
const fixture = (f: string) => new Uint8Array(readFileSync(path.join(ROOT, 'tests/fixtures/depp', f)));
const preset = (indicateur: string) => PRESETS.find((p) => p.indicateur === indicateur && p.nom.startsWith('DEPP')) as Recipe;
const run = (text: string | Uint8Array, recipe?: Recipe, extra: object = {}, catalogue: ImportCatalogue = cat) =>
  runImport(typeof text === 'string' ? utf8(text) : text, catalogue, { fileName: 'fichier.csv', ...(recipe ? { recipe } : {}), ...extra });
const tuples = (r: ReturnType<typeof run>) => r.rows.map((x) => [x.territoire, x.annee, x.femmes, x.hommes, x.total]);

/** A recipe over columns `geo;an;f;h`, with the given changes. */
const base = (patch: Partial<Recipe> = {}): Recipe => Recipe.parse({
  v: 1, nom: 'test', indicateur: 'emploi_numerique', territoire: { colonne: 'geo' }, annee: { colonne: 'an' },
  sexe: { mode: 'colonnes', femmes: 'f', hommes: 'h' }, mesure: { mode: 'compte' }, filtres: [], ...patch,
});

describe('recipe filters: several, each equals, one of a list or starts with', () => {
  const file = ['geo;an;f;h;secteur;pcs', '31;2022;1;10;Public;388A', '31;2022;2;20;Privé;388B', '31;2022;4;40;Public;478A', '31;2022;8;80;Public;621A'].join('\n');
  test.each([
    ['no filter', [], [15, 150], 0],
    ['equals', [{ colonne: 'secteur', valeurs: ['public'], mode: 'egal' }], [13, 130], 1],
    ['one of a list (accents and case ignored)', [{ colonne: 'secteur', valeurs: ['PRIVE', 'x'] }], [2, 20], 3],
    ['starts with', [{ colonne: 'pcs', valeurs: ['388', '478'], mode: 'commence' }], [7, 70], 1],
    ['two filters, both must pass', [{ colonne: 'secteur', valeurs: ['Public'] }, { colonne: 'pcs', valeurs: ['388'], mode: 'commence' }], [1, 10], 3],
  ])('%s', (_, filtres, [f, h], skipped) => {
    const r = run(file, base({ filtres: filtres as Recipe['filtres'] }));
    expect(r.errors).toBe(0);
    expect(tuples(r)).toEqual([['31', 2022, f, h, (f ?? 0) + (h ?? 0)]]);
    expect(r.skipped).toBe(skipped);
  });
  test('"equals" takes exactly one value', () => {
    expect(Recipe.safeParse({ ...base(), filtres: [{ colonne: 'x', valeurs: ['a', 'b'], mode: 'egal' }] }).success).toBe(false);
  });
});

describe('recipe sex: a column with its codes, or paired columns', () => {
  test.each([
    ['F / M / T', ['F', 'M', 'T'], { femmes: ['F'], hommes: ['M'], total: ['T'] }],
    ['H / F / E (Éducation nationale)', ['F', 'H', 'E'], { femmes: ['F'], hommes: ['H'], total: ['E'] }],
    ['1 / 2 (Insee: 1 man, 2 woman)', ['2', '1', ''], { femmes: ['2'], hommes: ['1'], total: [] }],
    ['Femmes / Hommes / Ensemble', ['Femmes', 'Hommes', 'Ensemble'], { femmes: ['femmes'], hommes: ['hommes'], total: ['ensemble'] }],
  ])('%s', (_, [cf, cm, ct], codes) => {
    const lines = ['geo;an;sexe;n', `31;2022;${cf};30`, `31;2022;${cm};70`, ...(ct ? [`31;2022;${ct};100`] : []), '31;2022;X;5'];
    const r = run(lines.join('\n'), base({ sexe: { mode: 'colonne', colonne: 'sexe', ...codes }, mesure: { mode: 'valeur', colonne: 'n' } }));
    expect(r.errors).toBe(0);
    expect(tuples(r)).toEqual([['31', 2022, 30, 70, 100]]);
    expect(r.skipped).toBe(1); // the X row: a code the recipe does not know
  });
  test('paired columns summed per territory × year: one row per lycée becomes one per département', () => {
    const r = run(['geo;an;f;h', '31;2022;1;2', '31;2022;3;4', '34;2022;5;6', '31;2021;7;8'].join('\n'), base());
    expect(tuples(r)).toEqual([['31', 2022, 4, 6, 10], ['34', 2022, 5, 6, 11], ['31', 2021, 7, 8, 15]]);
  });
});

describe('recipe territory and year: codes, publishers\' names, constants', () => {
  test.each([
    ['31'], ['031'], ['D031'], ['DEP-31'], ['FRJ23'], ['HAUTE-GARONNE'], ['Haute Garonne'], ['haute-garonne'],
  ])('%s is Haute-Garonne', (code) => {
    expect(tuples(run(`geo;an;f;h\n${code};2022;1;2\n`, base()))).toEqual([['31', 2022, 1, 2, 3]]);
  });
  test.each([
    ['ALPES-DE-HTE-PROVENCE'], ['ST-PIERRE-ET-MIQUELON'], ["COTE D'OR"], ['COTES D\'ARMOR'], ['SEINE MARITIME'], ['GUADELOUPE'], ['DEP-76'], ['42'], ['REG-84'],
  ])('%s is a known territory the dashboard does not show: skipped and counted, not an error', (name) => {
    const r = run(`geo;an;f;h\n${name};2022;1;2\n31;2022;1;1\n`, base());
    expect(r.errors).toBe(0);
    expect(r.skipped).toBe(1);
    expect(r.problems.map((p) => [p.code, p.valeur])).toEqual([['lignes_hors_perimetre', '1']]);
  });
  test('a name a shown territory shares with another is an error naming row and column', () => {
    const twin: ImportCatalogue = { ...cat, territories: [...cat.territories, { code: 'REG-99', code_cog: '99', type: 'region', nom_fr: 'Haute-Garonne' }] };
    const r = run('geo;an;f;h\nHTE-GARONNE;2022;1;2\n', base(), {}, twin);
    expect(r.problems.map((p) => [p.code, p.ligne, p.colonne])).toEqual([['territoire_ambigu', 2, 'geo']]);
    expect(r.problems[0]?.message_fr).toContain('Ligne 2, colonne « geo »');
    expect(r.problems[0]?.message_en).toContain('Line 2, column "geo"');
  });
  test('rows outside and rows without a territory: one grouped warning each, with the count', () => {
    const rows = ['geo;an;f;h', ...Array.from({ length: 40 }, () => 'RHONE;2022;1;1'), ...Array.from({ length: 3 }, () => ';2022;1;1'), '34;2022;2;3'];
    const r = run(rows.join('\n'), base());
    expect(r.errors).toBe(0);
    expect(r.skipped).toBe(43);
    expect(r.problems.map((p) => [p.code, p.severity, p.valeur])).toEqual([['lignes_hors_perimetre', 'avertissement', '40'], ['lignes_sans_territoire', 'avertissement', '3']]);
    expect(r.problems[0]?.message_fr).toContain('RHONE');
  });
  test('constant territory and year: a France-only table has neither column', () => {
    const r = run('sexe;n\nF;40\nM;60\n', base({ territoire: { valeur: 'FR' }, annee: { valeur: 2021 }, sexe: { mode: 'colonne', colonne: 'sexe', femmes: ['F'], hommes: ['M'], total: [] }, mesure: { mode: 'valeur', colonne: 'n' } }));
    expect(r.errors).toBe(0);
    expect(tuples(r)).toEqual([['FR', 2021, 40, 60, 100]]);
  });
  test('an unknown constant territory is an error', () => {
    const r = run('f;h\n1;2\n', base({ territoire: { valeur: 'Atlantide' }, annee: { valeur: 2021 } }));
    expect(r.problems.map((p) => p.code)).toContain('territoire_inconnu');
  });
  test('France as the sum of every row, whatever its territory, alongside the shown départements', () => {
    const r = run('geo;an;f;h\n31;2022;1;2\nRHONE;2022;10;20\n;2022;100;200\n', base({ total_france: true }));
    expect(tuples(r)).toEqual([['31', 2022, 1, 2, 3], ['FR', 2022, 111, 222, 333]]);
  });
});

describe('which recipe applies', () => {
  const header = ['geo', 'an', 'f', 'h'];
  const saved = { ...base({ nom: 'ma recette' }), entete: header };
  test('a saved recipe applies itself to its exact header only', () => {
    expect(pickRecipe(header, { savedRecipes: [saved] })?.nom).toBe('ma recette');
    expect(pickRecipe(['geo', 'an', 'f', 'h', 'autre'], { savedRecipes: [saved] })).toBeNull();
    expect(pickRecipe(['an', 'geo', 'f', 'h'], { savedRecipes: [saved] })).toBeNull();
    // A saved recipe without its header (older) never applies itself, even to a file that has its columns.
    expect(pickRecipe(header, { savedRecipes: [base({ nom: 'ancienne' })] })).toBeNull();
  });
  test('a preset is chosen from the header\'s content, never from the file name', () => {
    const t = run(fixture('terminale-extrait.csv'), undefined, { fileName: 'premiere.csv' });
    expect(t.recipe?.indicateur).toBe('nsi_lycee');
    const p = run(fixture('premiere-extrait.csv'), undefined, { fileName: 'fr-en-effectifs-specialites-doublettes-terminale-generale.csv' });
    expect(p.recipe?.indicateur).toBe('nsi_premiere');
  });
  test('a new recipe pre-fills only columns named for what they hold', () => {
    const blank = blankRecipe(['libelle', 'nombre', 'an'], 'emploi_numerique');
    expect(blank.territoire).toEqual({ colonne: '' });
    expect(blank.annee).toEqual({ colonne: 'an' });
    expect(blankRecipe(['x'], 'emploi_numerique').annee).toEqual({ colonne: '' }); // no year made up
    expect(blank.sexe).toEqual({ mode: 'colonnes', femmes: '' });
    expect(blankRecipe(['Département', 'Filles'], 'nsi_lycee').territoire).toEqual({ colonne: 'Département' });
    // Parcoursup (SIES) as published: its code column before its name column, its year named « Session ».
    const ps = blankRecipe(['Session', 'Code UAI de l\'établissement', 'Code départemental de l’établissement', 'Département de l’établissement', 'Dont effectif des candidates admises'], 'sup_numerique');
    expect(ps).toMatchObject({ territoire: { colonne: 'Code départemental de l’établissement' }, annee: { colonne: 'Session' }, sexe: { femmes: '' } });
  });
});

describe('DEPP spécialités files through their preset, nothing typed', () => {
  test('terminale: 20 lycées of several académies, summed per département and for France', () => {
    const r = run(fixture('terminale-extrait.csv'));
    expect(r.format).toBe('recette');
    expect(r.recipe?.nom).toBe(preset('nsi_lycee').nom);
    expect(r.errors).toBe(0);
    expect(tuples(r)).toEqual([
      ['31', 2022, 6, 69, 75], ['FR', 2022, 26, 160, 186], ['34', 2022, 5, 53, 58], ['48', 2022, 0, 7, 7],
      ['31', 2021, 8, 29, 37], ['FR', 2021, 8, 29, 37], ['FR', 2020, 0, 0, 0],
    ]);
    expect(r.skipped).toBe(10);
    expect(r.problems.filter((p) => p.code === 'lignes_hors_perimetre').map((p) => p.valeur)).toEqual(['10']);
  });
  test('première: its own indicator, never added to terminale; the NSI combinations are not added', () => {
    const r = run(fixture('premiere-extrait.csv'));
    expect(r.recipe?.indicateur).toBe('nsi_premiere');
    expect(r.rows.map((x) => x.indicateur)).toEqual(['nsi_premiere', 'nsi_premiere', 'nsi_premiere']);
    expect(tuples(r)).toEqual([['31', 2022, 35, 133, 168], ['FR', 2022, 40, 150, 190], ['30', 2022, 5, 17, 22]]);
  });
});

const TERMINALE = realFile('fr-en-effectifs-specialites-doublettes-terminale-generale.csv');
const PREMIERE = realFile('fr-en-effectifs-specialites-triplettes-1ere-generale.csv');

describe.skipIf(!hasRealFiles(path.basename(TERMINALE), path.basename(PREMIERE)))(`real DEPP files, through their preset with nothing typed ${NEEDS_REAL_FILES}`, () => {
  const OCC = OCCITANIE_DEPARTEMENTS;
  test('terminale: the 13 départements of Occitanie and France, rentrées 2020–2022; other académies skipped and counted', () => {
    const r = run(new Uint8Array(readFileSync(TERMINALE)), undefined, { fileName: 'x.csv' });
    expect(r.errors).toBe(0);
    expect(r.recipe?.indicateur).toBe('nsi_lycee');
    expect(new Set(r.rows.map((x) => x.territoire))).toEqual(new Set([...OCC, 'FR']));
    expect([...new Set(r.rows.map((x) => x.annee))].sort()).toEqual([2020, 2021, 2022]);
    const occitanRows = 540; // rows of région académique OCCITANIE (grep -c OCCITANIE), 2020–2022
    expect(r.skipped).toBe(r.dataRows - occitanRows);
    expect(r.problems.filter((p) => p.code === 'lignes_hors_perimetre').map((p) => p.valeur)).toEqual([String(r.dataRows - occitanRows)]);
    const at = (t: string, y: number) => r.rows.find((x) => x.territoire === t && x.annee === y);
    expect([at('31', 2022)?.femmes, at('31', 2022)?.total]).toEqual([61, 437]);
    expect([at('FR', 2022)?.femmes, at('FR', 2022)?.total]).toEqual([2674, 18030]);
    const occ = r.rows.filter((x) => x.annee === 2022 && OCC.includes(x.territoire));
    expect([occ.reduce((s, x) => s + (x.femmes ?? 0), 0), occ.reduce((s, x) => s + (x.total ?? 0), 0)]).toEqual([220, 1496]);
  });
  test('première: nsi_premiere, rentrées 2021–2022', () => {
    const r = run(new Uint8Array(readFileSync(PREMIERE)), undefined, { fileName: 'y.csv' });
    expect(r.errors).toBe(0);
    expect(r.recipe?.indicateur).toBe('nsi_premiere');
    expect(new Set(r.rows.map((x) => x.territoire))).toEqual(new Set([...OCC, 'FR']));
    expect([...new Set(r.rows.map((x) => x.annee))].sort()).toEqual([2021, 2022]);
  });
});

describe('a preset’s dataset page follows the preset only as it is', () => {
  const depp = PRESETS.find((p) => p.nom.startsWith('DEPP – spécialités en terminale')) as Recipe;
  test('kept while nothing is changed; dropped by any edit in the form, and from a saved copy', () => {
    expect(depp.url).toBe('https://data.education.gouv.fr/explore/dataset/fr-en-effectifs-specialites-doublettes-terminale-generale/');
    const edited = editedRecipe(depp, { annee: { valeur: 2023 } });
    expect(edited.url).toBeUndefined();
    expect(edited.annee).toEqual({ valeur: 2023 });
    expect(edited.sexe).toEqual(depp.sexe);
    const saved = recipeToSave(depp, ['a', 'b']);
    expect(saved).toMatchObject({ nom: depp.nom, entete: ['a', 'b'] });
    expect(saved?.url).toBeUndefined();
    expect(saved?.requiert).toBeUndefined();
    expect(recipeToSave({ ...depp, indicateur: '' }, ['a'])).toBeNull();
  });
});

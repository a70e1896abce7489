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
    expect(r.problems.find((p) => p.code === 'valeurs_manquantes')?.message_fr).toMatch(/^1 valeur\(s\) inconnue\(s\).*\(31 × 2021\)/);
  });
});

describe('76 alone: Occitanie, or Seine-Maritime in a column of départements', () => {
  test.each([
    ['a column named DEPT', 'DEPT;f;h\n76;1;2\n31;3;4\n', 'DEPT', [['31', 2021, 3, 4, 7]]],
    ['a column with other départements\' codes (a national table)', 'geo;f;h\n76;1;2\n31;3;4\n69;5;6\n', 'geo', [['31', 2021, 3, 4, 7]]],
    ['a table of Occitanie and its départements: 76 is the région', 'geo;f;h\n76;10;20\n09;1;2\n31;3;4\n', 'geo', [['76', 2021, 10, 20, 30], ['09', 2021, 1, 2, 3], ['31', 2021, 3, 4, 7]]],
    ['an old région code in a column of régions: another territory, skipped', 'REG;f;h\n76;1;2\n73;3;4\n', 'REG', [['76', 2021, 1, 2, 3]]],
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
  test('the count of rows skipped is written as each language writes a number (a national file skips thousands)', () => {
    const r = run(`CODGEO;f;h\n${'69;1;2\n'.repeat(6200)}31;3;4\n`, { recipe: recipe({ territoire: { colonne: 'CODGEO' } }) });
    const w = r.problems.find((p) => p.code === 'lignes_hors_perimetre');
    expect(w?.message_fr).toMatch(/^6\u202f200 ligne\(s\) d’autres territoires/);
    expect(w?.message_en).toMatch(/^6,200 row\(s\) of territories/);
  });
  test('communes summed into their départements when the recipe says the file holds communes (an INSEE base-cc table)', () => {
    const text = 'CODGEO;f;h\n31555;1;2\n31003;3;4\nCOM-34172;5;6\n69123;7;8\n2A004;1;1\n97411;2;2\n';
    const r = run(text, { recipe: recipe({ territoire: { colonne: 'CODGEO' }, niveau: { valeur: 'commune' } }) });
    expect(r.errors).toBe(0);
    expect(rows(r)).toEqual([['31', 2021, 4, 6, 10], ['34', 2021, 5, 6, 11]]);
    expect(r.skipped).toBe(3); // 69, 2A and 974: other départements
    expect(r.problems.find((p) => p.code === 'lignes_hors_perimetre')?.message_fr).toContain('(69123, 2A004, 97411)');
    const fr = run(text, { recipe: recipe({ territoire: { colonne: 'CODGEO' }, niveau: { valeur: 'commune' }, total_france: true }) });
    expect(rows(fr)).toContainEqual(['FR', 2021, 19, 23, 42]);
  });
  test('a table of communes: a leading zero a spreadsheet dropped is restored, total rows are not added to the communes, one row per commune', () => {
    // 9001 is Ariège's 09001; the rows of Haute-Garonne (31) and Occitanie (76) are totals, skipped.
    const text = 'CODGEO;f;h\n9001;1;1\n31555;1;2\n31003;3;4\n31;4;6\n76;50;50\n';
    const r = run(text, { recipe: recipe({ territoire: { colonne: 'CODGEO' }, niveau: { valeur: 'commune' }, une_ligne_par_cle: true }) });
    expect(r.errors).toBe(0);
    expect(rows(r)).toEqual([['09', 2021, 1, 1, 2], ['31', 2021, 4, 6, 10]]);
    expect(r.skipped).toBe(2);
    // One row per commune, not per département: a commune given twice is still an error.
    const twice = run(`${text}31555;1;1\n`, { recipe: recipe({ territoire: { colonne: 'CODGEO' }, niveau: { valeur: 'commune' }, une_ligne_par_cle: true }) });
    expect(codes(twice)).toContain('cle_repetee:erreur');
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

describe('repeated headers', () => {
  test('read by a recipe: the later ones renamed « name (2) » with a warning, and a recipe can name either', () => {
    const text = 'geo;f;h;Filière;Filière\n31;1;2;BTS;A\n31;3;4;BUT;B\n';
    const r = run(text, { recipe: recipe({ filtres: [{ colonne: 'Filière (2)', valeurs: ['B'] }] }) });
    expect(r.errors).toBe(0);
    expect(r.header).toEqual(['geo', 'f', 'h', 'Filière', 'Filière (2)']);
    expect(codes(r)).toContain('entete_renommee:avertissement');
    expect(rows(r)).toEqual([['31', 2021, 3, 4, 7]]);
  });
  test('in the canonical CSV they stay an error', () => {
    const r = run('territoire,annee,indicateur,femmes,femmes,total\n31,2024,emploi_numerique,1,1,3\n');
    expect(codes(r)).toContain('entete_dupliquee:erreur');
  });
});

describe('Parcoursup (SIES) as published, through a recipe the analyst builds', () => {
  // Its real header, cut to the columns read and their neighbours: curly apostrophes, a repeated « Filière de
  // formation », an unquoted GPS cell with a comma in a `;` file, 2- and 3-digit département codes. Values made up.
  const HEADER = 'Session;Code UAI de l\'établissement;Code départemental de l’établissement;Département de l’établissement;Filière de formation;Filière de formation très agrégée;Filière de formation détaillée;Filière de formation;Coordonnées GPS de la formation;Effectif total des candidats ayant accepté la proposition de l’établissement (admis);Dont effectif des candidates admises';
  const LINES = [
    '2025;0311234A;31;Haute-Garonne;BUT - Informatique;BUT;Informatique;BUT;43.6, 1.44;120;24',
    '2025;0311235B;31;Haute-Garonne;BUT - Informatique;BUT;Informatique;BUT;43.5, 1.47;80;12',
    '2025;0341236C;34;Hérault;BTS - Services informatiques aux organisations;BTS;Services informatiques aux organisations;BTS;43.6, 3.87;30;3',
    '2025;0311237D;31;Haute-Garonne;Licence - Droit;Licence;Droit;Licence;43.6, 1.44;300;190',
    '2025;9711238E;971;Guadeloupe;BUT - Informatique;BUT;Informatique;BUT;16.2, -61.5;40;9',
  ];
  test('admitted women and total, digital programmes only: summed per département and for France, overseas skipped and counted', () => {
    const r = run(`${HEADER}\n${LINES.join('\n')}\n`, { recipe: recipe({
      indicateur: 'sup_numerique', territoire: { colonne: 'Code départemental de l’établissement' }, annee: { colonne: 'Session' },
      sexe: { mode: 'colonnes', femmes: 'Dont effectif des candidates admises', total: 'Effectif total des candidats ayant accepté la proposition de l’établissement (admis)' },
      filtres: [{ colonne: 'Filière de formation détaillée', valeurs: ['Informatique', 'Services informatiques aux organisations'] }], total_france: true,
    }) });
    expect(r.delimiter).toBe(';');
    expect(r.errors).toBe(0);
    expect(codes(r)).toEqual(expect.arrayContaining(['entete_renommee:avertissement', 'lignes_hors_perimetre:avertissement']));
    expect(rows(r)).toEqual([['31', 2025, 36, null, 200], ['FR', 2025, 48, null, 270], ['34', 2025, 3, null, 30]]);
  });
});

describe('Eurostat as downloaded', () => {
  const LABELS = 'STRUCTURE,STRUCTURE_ID,STRUCTURE_NAME,freq,Time frequency,unit,Unit of measure,sex,Sex,geo,Geopolitical entity (reporting),TIME_PERIOD,Time,OBS_VALUE,Observation value,OBS_FLAG,Observation status (Flag) V2 structure,CONF_STATUS,Confidentiality status (flag)';
  const line = (sex: string, year: number, v: string, flag = '', label = '') => `dataflow,ESTAT:ISOC_SKS_ITSPS(1.0),ICT specialists,A,Annual,THS_PER,Thousand persons,${sex},${sex === 'F' ? 'Females' : 'Males'},FR,France,${year},,${v},,${flag},${label},,`;
  test('SDMX-CSV « with labels »: label columns are neither duplicates nor dimensions; flags read from OBS_FLAG', () => {
    const r = run([LABELS, line('F', 2021, '220.5'), line('M', 2021, '830'), line('F', 2022, '231.2', 'd', 'definition differs'), line('M', 2022, '900', 'd', 'definition differs')].join('\n'), { indicateur: 'specialistes_tic' });
    expect(r.format).toBe('eurostat');
    expect(r.errors).toBe(0);
    expect(r.eurostat?.dimensions.map((d) => d.name)).toEqual(['freq', 'unit']);
    expect(r.rows.map((x) => [x.territoire, x.annee, x.femmes, x.total, x.statut])).toEqual([['FR', 2021, 220500, 1050500, null], ['FR', 2022, 231200, 1131200, 'rupture']]);
    // The file's own labels, for the report's lists.
    expect(r.eurostat?.dimensions.map((d) => d.labels)).toEqual([{ A: 'Annual' }, { THS_PER: 'Thousand persons' }]);
  });
  test('SDMX-CSV with codes and labels in one cell (`CODE:Label`): the code is read, the label shown', () => {
    const head = 'DATAFLOW,LAST UPDATE,freq,unit,isced11,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG';
    const row = (ed: string, label: string, sex: string, v: string) => `ESTAT:EDUC_UOE_GRAD02(1.0),01/01/24 23:00:00,A:Annual,NR:Number,${ed}:${label},${sex}:${sex === 'F' ? 'Females' : 'Males'},FR:France,2022,${v},`;
    const r = run([head, row('ED5-8', 'Tertiary education (levels 5-8)', 'F', '10'), row('ED5-8', 'Tertiary education (levels 5-8)', 'M', '30'), row('ED6', 'Bachelor', 'F', '4'), row('ED6', 'Bachelor', 'M', '6')].join('\n'), { indicateur: 'sup_numerique' });
    const isced = r.eurostat?.dimensions.find((d) => d.name === 'isced11');
    expect(isced?.values).toEqual(['ED5-8', 'ED6']);
    expect(isced?.labels).toEqual({ 'ED5-8': 'Tertiary education (levels 5-8)', ED6: 'Bachelor' });
    expect(r.eurostat?.dimensions.find((d) => d.name === 'unit')?.labels).toEqual({ NR: 'Number' });
    // A code named as an object's own keys is only a key.
    const odd = run([head, row('__proto__', 'Evil', 'F', '1'), row('__proto__', 'Evil', 'M', '2'), row('constructor', 'Odd', 'F', '1'), row('constructor', 'Odd', 'M', '2')].join('\n'), { indicateur: 'sup_numerique' });
    const labels = odd.eurostat?.dimensions.find((d) => d.name === 'isced11')?.labels ?? {};
    expect(Object.keys(labels)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['Evil']).toBeUndefined();
  });
  test('women published without men or a total: skipped with a warning, the other years imported', () => {
    const r = run('freq,unit,sex,geo\\TIME_PERIOD\t2021 \t2022 \nA,NR,F,FR\t10 \t12 \nA,NR,M,FR\t30 \t: \n', { indicateur: 'specialistes_tic' });
    expect(r.errors).toBe(0);
    expect(r.rows.map((x) => [x.annee, x.femmes, x.total])).toEqual([[2021, 10, 40]]);
    expect(codes(r)).toContain('eurostat_sans_total:avertissement');
  });
  test.each([['FTE'], ['HC']])('unit %s is a count', (u) => {
    const r = run(`freq,unit,sex,geo\\TIME_PERIOD\t2021 \nA,${u},F,FR\t10 \nA,${u},M,FR\t30 \n`, { indicateur: 'specialistes_tic' });
    expect(r.rows.map((x) => [x.femmes, x.total])).toEqual([[10, 40]]);
  });
});

describe('Eurostat: a dimension left open never mixes territories', () => {
  const file = 'freq,unit,age,sex,geo\\TIME_PERIOD\t2021 \nA,NR,Y15-64,F,FR\t10 \nA,NR,Y15-64,M,FR\t30 \nA,NR,Y15-74,F,EU27_2020\t100 \nA,NR,Y15-74,M,EU27_2020\t300 \n';
  test('France in one age band, the EU in another: an error naming the dimension and its codes', () => {
    const r = run(file, { indicateur: 'specialistes_tic' });
    expect(r.problems.filter((p) => p.severity === 'erreur').map((p) => [p.code, p.colonne])).toEqual([['eurostat_dimension_ouverte', 'age']]);
    expect(r.problems[0]?.message_en).toContain('(Y15-64, Y15-74)');
  });
  test('once chosen, only its rows', () => {
    const r = run(file, { indicateur: 'specialistes_tic', dimensions: { age: 'Y15-64' } });
    expect(r.errors).toBe(0);
    expect(r.rows.map((x) => [x.territoire, x.femmes, x.total])).toEqual([['FR', 10, 40]]);
  });
});

describe('DEPP files exported with labels', () => {
  const head = (combo: string) => `num_ligne;RENTREE SCOLAIRE;code département;DEPARTEMENT;EFFECTIF TOTAL;EFFECTIF TOTAL FILLES;EFFECTIF TOTAL GARCONS;0747 - NUMERIQUE ET SCIENCES INFORMATIQUES - filles;0747 - NUMERIQUE ET SCIENCES INFORMATIQUES - garçons;${combo} - filles;${combo} - garçons`;
  const body = ['1;2021;031;HAUTE-GARONNE;300;150;150;10;40;3;9', '2;2021;031;HAUTE-GARONNE;200;100;100;5;20;1;2', '3;2021;069;RHONE;100;50;50;7;7;1;1'].join('\n');
  test.each([
    ['a triplette: première', '05 - MATHEMATIQUES/NUMERIQUE ET SCIENCES INFORMATIQUES/PHYSIQUE-CHIMIE', /première/],
    ['a doublette: terminale', '01 - MATHEMATIQUES/NUMERIQUE ET SCIENCES INFORMATIQUES', /terminale/],
  ])('%s, recognised by its header; NSI alone summed, its combinations never added', (_n, combo, which) => {
    const r = run(`${head(combo)}\n${body}\n`);
    expect(r.recipe?.nom).toMatch(which);
    expect(r.errors).toBe(0);
    expect(rows(r)).toEqual([['31', 2021, 15, 60, 75], ['FR', 2021, 22, 67, 89]]);
  });
});

describe('what the report says when nothing is left', () => {
  test('every row of another territory: the message says so, with the count', () => {
    const r = run('geo;f;h\n69;1;2\nA16;1;2\n', { recipe: recipe({}) });
    expect(r.problems.find((p) => p.code === 'aucune_ligne')?.message_fr).toBe('Aucune ligne pour les territoires du tableau de bord (Occitanie, ses 13 départements, la France, l’UE) : les 2 ligne(s) lue(s) sont écartées (autres territoires, filtres, périodes autres que l’année).');
    expect(codes(r)).not.toContain('territoire_inconnu:erreur');
  });
});

describe('filters', () => {
  test('« sauf » leaves out a category column\'s TOTAL rows (INSEE\'s civil-registration tables), whatever the case', () => {
    const r = run('geo;age;f;h\n31;15-19;1;2\n31;20-24;3;4\n31;TOTAL;4;6\n', { recipe: recipe({ filtres: [{ colonne: 'age', valeurs: ['total'], mode: 'sauf' }] }) });
    expect(rows(r)).toEqual([['31', 2021, 4, 6, 10]]);
  });
});

describe('Eurostat: statuses and the région from its halves', () => {
  const tsv = (rows: string[]) => `freq,unit,sex,geo\\TIME_PERIOD\t2021 \n${rows.join('\n')}\n`;
  test('a confidential men\'s value beside a published total: the women\'s share is published, not secret', () => {
    const r = run(tsv(['A,NR,F,FR\t12 ', 'A,NR,M,FR\t: c', 'A,NR,T,FR\t50 ']), { indicateur: 'specialistes_tic' });
    expect(r.rows.map((x) => [x.femmes, x.total, x.statut])).toEqual([[12, 50, null]]);
  });
  test('a half without its women: no regional value, and the warning says which years', () => {
    const r = run(tsv(['A,NR,F,FRJ1\t9 ', 'A,NR,M,FRJ1\t29 ', 'A,NR,F,FRJ2\t: ', 'A,NR,M,FRJ2\t33 ', 'A,NR,F,FR\t100 ', 'A,NR,M,FR\t300 ']), { indicateur: 'specialistes_tic' });
    expect(r.rows.map((x) => x.territoire)).toEqual(['FR']);
    expect(codes(r)).toContain('eurostat_region_incomplete:avertissement');
  });
});

describe('Eurostat percentages: the share of women, never the women\'s own rate', () => {
  const sdmx = (rows: string[]) => ['DATAFLOW,LAST UPDATE,freq,age,unit,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG', ...rows.map((r) => `ESTAT:UNE_RT_A(1.0),29/04/26 23:00:00,A,Y15-24,${r}`)].join('\n');
  test.each([
    ['women alone (une_rt_a, PC_ACT)', ['PC_ACT,F,FR,2016,28.0,']],
    ['women beside a total that is not 100 %', ['PC_ACT,F,FR,2016,28.0,', 'PC_ACT,T,FR,2016,24.6,']],
  ])('%s: refused, the message says why', (_n, lines) => {
    const r = run(sdmx(lines), { indicateur: 'specialistes_tic' });
    expect(r.rows).toEqual([]);
    expect(codes(r)).toContain('eurostat_part_seule:erreur');
  });
  test('women beside a total of 100 %: their share', () => {
    const r = run(sdmx(['PC,F,FR,2016,19.0,', 'PC,T,FR,2016,100.0,']), { indicateur: 'specialistes_tic' });
    expect(r.rows.map((x) => [x.territoire, x.part_femmes])).toEqual([['FR', 19]]);
  });
});

describe('Eurostat counts as rounded and as missing', () => {
  const tsv = (rows: string[]) => `freq,unit,sex,geo\\TIME_PERIOD\t2021 \n${rows.join('\n')}\n`;
  test('thousands rounded one by one (1.2 + 2.3 against 3.6): the published total kept, the men left out, the file not refused', () => {
    const r = run(tsv(['A,THS_PER,F,FR\t1.2 ', 'A,THS_PER,M,FR\t2.3 ', 'A,THS_PER,T,FR\t3.6 ']), { indicateur: 'specialistes_tic' });
    expect(r.errors).toBe(0);
    expect(r.rows.map((x) => [x.femmes, x.hommes, x.total])).toEqual([[1200, null, 3600]]);
  });
  test('a real gap beyond rounding stays an error', () => {
    const r = run(tsv(['A,THS_PER,F,FR\t1.2 ', 'A,THS_PER,M,FR\t2.3 ', 'A,THS_PER,T,FR\t4.0 ']), { indicateur: 'specialistes_tic' });
    expect(codes(r)).toContain('somme_incoherente:erreur');
  });
  test('women missing without a flag (men and total published): skipped with a warning naming them', () => {
    const r = run(tsv(['A,NR,F,FR\t: ', 'A,NR,M,FR\t30 ', 'A,NR,T,FR\t40 ', 'A,NR,F,EU27_2020\t5 ', 'A,NR,M,EU27_2020\t6 ']), { indicateur: 'specialistes_tic' });
    expect(r.errors).toBe(0);
    expect(r.rows.map((x) => x.territoire)).toEqual(['EU27_2020']);
    expect(r.problems.find((p) => p.code === 'eurostat_sans_femmes')?.message_en).toBe('1 territory-year(s) with no readable value for women: they are not imported (FR × 2021).');
  });
});

test('a file no format or preset fits: the report says so, and asks for a recipe', () => {
  const r = run('libelle;valeur\nx;1\n');
  expect(r.format).toBe('inconnu');
  expect(r.problems.map((p) => p.message_fr)).toEqual(['Format non reconnu : ce n’est ni le CSV canonique, ni un fichier Eurostat, ni le fichier d’un modèle fourni (DEPP, SIES, Insee). Décrivez ses colonnes dans une recette ci-dessous : territoire, année, sexe, valeur.']);
});

describe('what the review found', () => {
  test('one row per key: F and f are the same women, a repeated key whatever the case', () => {
    const r = run('GEO;GEO_OBJECT;SEX;TIME_PERIOD;OBS_VALUE\n31;DEP;F;2021;1\n31;DEP;f;2021;2\n31;DEP;M;2021;3\n', { recipe: recipe({ territoire: { colonne: 'GEO' }, niveau: { colonne: 'GEO_OBJECT' }, annee: { colonne: 'TIME_PERIOD' }, sexe: { mode: 'colonne', colonne: 'SEX', femmes: ['F'], hommes: ['M'], total: [] }, mesure: { mode: 'valeur', colonne: 'OBS_VALUE' }, une_ligne_par_cle: true }) });
    expect(codes(r)).toContain('cle_repetee:erreur');
  });
  test('a renamed header never takes a name the header has (h;h;h (2))', () => {
    const r = run('geo;f;h;x;x;x (2)\n31;1;2;a;b;c\n', { recipe: recipe({}) });
    expect(r.header).toEqual(['geo', 'f', 'h', 'x', 'x (3)', 'x (2)']);
  });
  test('« aucune ligne » gives the count only when every row read was skipped', () => {
    const r = run('geo;f;h\n31;;2\n34;;2\n75;1;1\n', { recipe: recipe({}) });
    expect(r.problems.find((p) => p.code === 'aucune_ligne')?.message_fr).toBe('Aucune ligne de données à importer.');
  });
  test('Eurostat: men left out for rounding are listed in a warning', () => {
    const r = run('freq,unit,sex,geo\\TIME_PERIOD\t2021 \nA,THS_PER,F,FR\t1.2 \nA,THS_PER,M,FR\t2.3 \nA,THS_PER,T,FR\t3.6 \n', { indicateur: 'specialistes_tic' });
    expect(r.problems.find((p) => p.code === 'eurostat_arrondi')?.message_en).toBe('1 territory-year(s) where women + men differ from the published total by Eurostat\'s rounding: the total is kept, the men are left out (FR × 2021).');
  });
  test('Eurostat: women confidential in a NUTS 2 half make the région secret, not missing', () => {
    const r = run('freq,unit,sex,geo\\TIME_PERIOD\t2021 \nA,NR,F,FRJ1\t9 \nA,NR,M,FRJ1\t29 \nA,NR,F,FRJ2\t: c\nA,NR,M,FRJ2\t33 \n', { indicateur: 'specialistes_tic' });
    expect(r.rows.map((x) => [x.territoire, x.femmes, x.statut])).toEqual([['76', null, 'secret']]);
  });
});

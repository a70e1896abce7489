import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runImport } from '../../src/data/import/run';
import { PRESETS } from '../../src/data/import/presets';
import { Recipe } from '../../src/data/import/recipe';
import type { ProblemCode } from '../../src/data/import/problems';
import { importCatalogue, utf8, cp1252 } from '../helpers/catalogue';
import { CANONICAL_HEADER } from '../helpers/constants';
import { NEEDS_REAL_FILES, hasRealFiles, realFile } from '../helpers/real-files';

const cat = importCatalogue();
const run = (text: string | Uint8Array, fileName = 'test.csv', extra: object = {}) =>
  runImport(typeof text === 'string' ? utf8(text) : text, cat, { fileName, ...extra });
const HEAD = CANONICAL_HEADER;

describe('canonical CSV', () => {
  test('French headers', () => {
    const r = run(`${HEAD}\n31,2024,emploi_numerique,300,700,1000,,,Insee\n9,2024,emploi_numerique,,,,,secret,\nFR,2024,emploi_numerique,,,,23.6,,\n`);
    expect(r.format).toBe('canonique');
    expect(r.errors).toBe(0);
    expect(r.rows.map((x) => [x.line, x.territoire, x.femmes, x.part_femmes, x.statut])).toEqual([[2, '31', 300, null, null], [3, '09', null, null, 'secret'], [4, 'FR', null, 23.6, null]]);
  });
  test('English headers, case, accents and spaces ignored', () => {
    const r = run(' Territory , YEAR,Indicator,Women,Men,Total,Share_Women,Status,Source\n34,2023,nsi_lycee,10,90,100,,,\n');
    expect(r.format).toBe('canonique');
    expect(r.rows[0]).toMatchObject({ territoire: '34', annee: 2023, indicateur: 'nsi_lycee', femmes: 10, total: 100 });
  });
  test('Windows-1252, semicolons and decimal commas', () => {
    const text = 'Territoire;Année;Indicateur;Femmes;Hommes;Total;Part_femmes;Statut;Source\r\nHérault;2024;emploi_numerique;1 234,5;2 765,5;4 000;;;Données régionales\r\n';
    const r = run(cp1252(text));
    expect(r.encoding).toBe('windows-1252');
    expect(r.delimiter).toBe(';');
    expect(r.errors).toBe(0);
    expect(r.rows[0]).toMatchObject({ territoire: '34', femmes: 1234.5, hommes: 2765.5, total: 4000, source: 'Données régionales' });
  });
  test('UTF-8 with a BOM', () => {
    const r = run(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(`${HEAD}\n31,2024,emploi_numerique,1,2,3,,,\n`)]));
    expect(r.bom).toBe(true);
    expect(r.header[0]).toBe('territoire');
    expect(r.rows).toHaveLength(1);
  });
});

describe('validation: every problem has a code, a line, a column and two messages', () => {
  const cases: [string, string, ProblemCode, number | null, string | null][] = [
    ['unknown territory', '99,2024,emploi_numerique,1,2,3,,,', 'territoire_inconnu', 2, 'territoire'],
    ['unknown indicator', '31,2024,robots,1,2,3,,,', 'indicateur_inconnu', 2, 'indicateur'],
    ['year out of range', '31,1850,emploi_numerique,1,2,3,,,', 'annee_hors_bornes', 2, 'annee'],
    ['unreadable year', '31,vingt,emploi_numerique,1,2,3,,,', 'annee_invalide', 2, 'annee'],
    ['women above total', '31,2024,emploi_numerique,5,0,3,,,', 'femmes_sup_total', 2, 'femmes'],
    ['women + men ≠ total', '31,2024,emploi_numerique,10,10,30,,,', 'somme_incoherente', 2, 'total'],
    ['share out of range', '31,2024,emploi_numerique,,,,120,,', 'part_hors_bornes', 2, 'part_femmes'],
    ['negative count', '31,2024,emploi_numerique,-1,2,1,,,', 'nombre_negatif', 2, 'femmes'],
    ['unreadable number', '31,2024,emploi_numerique,abc,2,3,,,', 'nombre_invalide', 2, 'femmes'],
    ['unknown status', '31,2024,emploi_numerique,1,2,3,,bizarre,', 'statut_inconnu', 2, 'statut'],
    ['no value', '31,2024,emploi_numerique,,,,,,', 'sans_valeur', 2, null],
  ];
  test.each(cases)('%s', (_n, row, code, ligne, colonne) => {
    const r = run(`${HEAD}\n${row}\n`);
    const p = r.problems.find((x) => x.code === code);
    expect(p, JSON.stringify(r.problems)).toBeDefined();
    expect(p?.ligne).toBe(ligne);
    expect(p?.colonne).toBe(colonne);
    expect(p?.message_fr.length).toBeGreaterThan(10);
    expect(p?.message_en.length).toBeGreaterThan(10);
    expect(p?.message_fr).not.toBe(p?.message_en);
    expect(r.rows).toEqual([]);
  });
  test('duplicate keys name the first line', () => {
    const r = run(`${HEAD}\n31,2024,emploi_numerique,1,2,3,,,\n31,2024,emploi_numerique,1,2,3,,,\n`);
    expect(r.problems.map((p) => [p.code, p.ligne])).toEqual([['doublon', 3]]);
    expect(r.problems[0]?.message_fr).toContain('ligne 2');
    expect(r.rows).toHaveLength(1);
  });
  test('binary files are refused with what to do', () => {
    const r = run(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'data.csv');
    expect(r.problems.map((p) => p.code)).toEqual(['format_binaire']);
    expect(r.rows).toEqual([]);
  });
});

describe('Eurostat TSV', () => {
  const mini = readFileSync(path.join(import.meta.dirname, '../fixtures/eurostat-mini.tsv'));
  test('a small re-typed fixture, unit PC chosen: shares, flags, other countries skipped', () => {
    const r = run(new Uint8Array(mini), 'mini.tsv', { indicateur: 'specialistes_tic', dimensions: { unit: 'PC' } });
    expect(r.format).toBe('eurostat');
    expect(r.errors).toBe(0);
    expect(r.skipped).toBe(4); // DE, and the 3 rows in THS_PER
    expect(r.warnings).toBe(1);
    const fr22 = r.rows.find((x) => x.territoire === 'FR' && x.annee === 2022);
    expect(fr22).toMatchObject({ indicateur: 'specialistes_tic', femmes: null, part_femmes: 19.0, statut: 'rupture' });
    const eu21 = r.rows.find((x) => x.territoire === 'EU27_2020' && x.annee === 2021);
    expect(eu21).toMatchObject({ femmes: null, part_femmes: 19.1, statut: 'rupture' });
    expect(r.rows.find((x) => x.territoire === 'EU27_2020' && x.annee === 2020)?.statut).toBe('estimation');
  });
  test('the same fixture in counts (preselected): women without men nor total are skipped with a warning naming them, never a silent share', () => {
    const r = run(new Uint8Array(mini), 'mini.tsv', { indicateur: 'specialistes_tic' });
    expect(r.rows.find((x) => x.territoire === 'FR' && x.annee === 2022)).toMatchObject({ femmes: 231200, hommes: 986500, total: 1217700, part_femmes: null, statut: 'rupture' });
    expect(r.errors).toBe(0);
    const w = r.problems.find((p) => p.code === 'eurostat_sans_total');
    expect(w?.severity).toBe('avertissement');
    expect(w?.message_fr).toMatch(/^2 territoire\(s\) et année\(s\) .*\(EU27_2020 × \d{4}, EU27_2020 × \d{4}\)\.$/);
    expect(r.rows.filter((x) => x.territoire === 'EU27_2020' && x.total === null)).toEqual([]);
  });
  const real = realFile('eurostat_isoc_sks_itsps_2004-2022.tsv');
  test.skipIf(!hasRealFiles('eurostat_isoc_sks_itsps_2004-2022.tsv'))(`the real file: every row accounted for, France 2022 = 19.0 ${NEEDS_REAL_FILES}`, () => {
    const bytes = new Uint8Array(readFileSync(real));
    const r = run(bytes, 'eurostat_isoc_sks_itsps_2004-2022.tsv', { indicateur: 'specialistes_tic' });
    expect(r.format).toBe('eurostat');
    expect(r.errors).toBe(0);
    expect(r.dataRows).toBe(144);
    // 4 rows (PC/THS × F/M) per territory: FR's and EU27's 2 THS_PER rows are kept, PC is not chosen, the 34 other countries skipped.
    expect(r.skipped).toBe(144 - 4);
    const fr = r.rows.filter((x) => x.territoire === 'FR');
    expect(fr).toHaveLength(19);
    const fr22 = fr.find((x) => x.annee === 2022);
    expect(fr22).toMatchObject({ femmes: 231200, hommes: 986500, total: 1217700, statut: 'rupture' });
    expect((100 * (fr22?.femmes ?? 0)) / (fr22?.total ?? 1)).toBeCloseTo(19.0, 1);
    expect(r.rows.find((x) => x.territoire === 'EU27_2020' && x.annee === 2019)?.statut).toBe('estimation');
  });
});

describe('recipes and presets, on their real headers', () => {
  const preset = (i: number) => PRESETS[i] as Recipe;
  test('every preset is a valid recipe', () => {
    for (const p of PRESETS) expect(Recipe.parse(p)).toEqual(p);
  });
  test('SIES SISE export: Informatique only, school year read as its first year', () => {
    const text = [
      'rentree_lib;etablissement_lib;cursus_lmd_lib;diplome_lib;gd_disciscipline_lib;discipline_lib;sect_disciplinaire_lib;dep_ins_lib;reg_ins_lib;femmes;hommes;effectif_sans_cpge',
      '2022-23;Université de Toulouse;Master;Master;Sciences;Informatique;Informatique;Haute-Garonne;Occitanie;120;480;600',
      '2022-23;Université de Toulouse;Licence;Licence;Sciences;Informatique;Informatique;Haute-Garonne;Occitanie;80;320;400',
      '2022-23;Université de Montpellier;Licence;Licence;Sciences;Informatique;Informatique;Hérault;Occitanie;50;200;250',
      '2022-23;Université de Montpellier;Licence;Licence;Droit;Droit;Droit privé;Hérault;Occitanie;500;300;800',
    ].join('\n');
    const r = run(text, 'fr-esr-sise-effectifs.csv');
    expect(r.format).toBe('recette');
    expect(r.recipe?.nom).toBe(preset(0).nom);
    expect(r.skipped).toBe(1);
    expect(r.rows.map((x) => [x.territoire, x.annee, x.indicateur, x.femmes, x.hommes, x.total])).toEqual([
      ['31', 2022, 'sup_numerique', 200, 800, 1000],
      ['34', 2022, 'sup_numerique', 50, 200, 250],
    ]);
  });
  test('SIES SISE, current layout (principaux diplômes et formations): Informatique per département where it is taught', () => {
    // The dataset's fields in their order (made-up values); codes of départements as Paysage writes them (D031) or plain.
    const header = 'annee_universitaire;etablissement_type;etablissement_typologie;etablissement_id_paysage;etablissement_lib;etablissement_compos_id_paysage;etablissement_compos_lib;form_ens_id_paysage;form_ens_lib;etablissement_id_wikidata;etablissement_id_ror;etablissement_id_uai;etablissement_localisation;implantation_localisation;dn_de;dn_de_lib;cursus_lmd;cursus_lmd_lib;diplome_rgp;diplome;diplome_lib;typ_diplome;typ_diplome_lib;diplom;libelle_intitule_1;libelle_intitule_2;niveau;niveau_lib;degetu;degetu_lib;disciplines_selection;gd_disciscipline;gd_disciscipline_lib;discipline;discipline_lib;sect_disciplinaire;sect_disciplinaire_lib;spec_iut_rgp_lib;spec_iut;spec_iut_lib;iut_id_paysage;correspondance_iut;effectif_sans_cpge;femmes;hommes;effectif;effectif_total_sans_cpge;effectif_total;effectif_dei;etablissement_code_commune;etablissement_commune;etablissement_id_uucr;etablissement_uucr;etablissement_id_departement;etablissement_departement;etablissement_id_academie;etablissement_academie;etablissement_id_region;etablissement_region;implantation_code_commune;implantation_commune;implantation_id_uucr;implantation_uucr;implantation_id_departement;implantation_departement;implantation_id_academie;implantation_academie;implantation_id_region;implantation_region;etablissement_id_uai_source;etablissement_id_paysage_source;etablissement_id_paysage_actuel;etablissement_actuel_lib;rentree;annee;uai_fresq;inf;in_fresq';
    const cols = header.split(';');
    const row = (v: Record<string, string>) => cols.map((c) => v[c] ?? 'x').join(';');
    const at = (annee: string, sect: string, dep: string, depName: string, f: string, h: string) =>
      row({ annee_universitaire: annee, sect_disciplinaire_lib: sect, implantation_id_departement: dep, implantation_departement: depName, etablissement_id_departement: 'D031', femmes: f, hommes: h, effectif_sans_cpge: String(Number(f) + Number(h)), effectif: String(Number(f) + Number(h)) });
    const text = [header,
      at('2022-23', 'Informatique', 'D031', 'Haute-Garonne', '120', '480'),
      at('2022-23', 'Informatique', 'D012', 'Aveyron', '5', '45'), // an IUT site of a Toulouse university
      at('2022-23', 'Informatique', '34', 'Hérault', '50', '200'),
      at('2022-23', 'Droit privé', 'D031', 'Haute-Garonne', '500', '300'),
      at('2022-23', 'Informatique', 'D075', 'Paris', '90', '310'),
    ].join('\n');
    const r = run(text, 'fr-esr-principaux-diplomes.csv');
    expect(r.format).toBe('recette');
    expect(r.recipe?.nom).toBe('SIES – diplômes et formations préparés (SISE, informatique)');
    expect(r.errors).toBe(0);
    expect(r.rows.map((x) => [x.territoire, x.annee, x.indicateur, x.femmes, x.hommes, x.total])).toEqual([
      ['31', 2022, 'sup_numerique', 120, 480, 600],
      ['12', 2022, 'sup_numerique', 5, 45, 50],
      ['34', 2022, 'sup_numerique', 50, 200, 250],
    ]);
    expect(r.skipped).toBe(2); // Droit privé, and Paris (another territory, counted in a warning)
    expect(r.problems.map((p) => p.code)).toEqual(['lignes_hors_perimetre']);
  });
  test('the same SISE export downloaded with labels as headers (BOM, typographic apostrophes)', () => {
    // Labels as code that reads these downloads names them (no whole header was found published): the codes without
    // a label keep their field name.
    const header = '\ufeffAnnée universitaire;Identifiant interne de l’établissement;Secteur disciplinaire;SECT_DISCIPLINAIRE;Nombre d’étudiants inscrits (inscriptions principales) hors doubles inscriptions CPGE;Dont femmes;Dont hommes;implantation_code_commune;implantation_id_departement';
    const text = [header,
      '2023-24;E1;Informatique;25;600;120;480;31555;D031',
      '2023-24;E1;Informatique;25;50;5;45;12202;D012',
      '2023-24;E2;Sciences de la vie;10;900;600;300;34172;D034',
      '2023-24;E3;Informatique;25;400;90;310;75056;D075',
    ].join('\r\n');
    const r = run(text, 'export.csv');
    expect(r.recipe?.nom).toBe('SIES – diplômes et formations préparés (SISE, informatique), en-têtes en libellés');
    expect(r.errors).toBe(0);
    expect(r.rows.map((x) => [x.territoire, x.annee, x.femmes, x.hommes, x.total])).toEqual([['31', 2023, 120, 480, 600], ['12', 2023, 5, 45, 50]]);
    expect(r.skipped).toBe(2);
  });
  test('Insee Melodi CSV: BOM, semicolons, DEP-xx codes, F/M/_T', () => {
    const text = '\ufeffGEO;GEO_OBJECT;SEX;EMPSTA_ENQ;AGE;EDUC;RP_MEASURE;FREQ;OBS_STATUS;TIME_PERIOD;OBS_VALUE;PCS\n'
      + ['DEP-31;DEP;F;_T;_T;_T;POP;A;A;2021;1200,5;3', 'DEP-31;DEP;M;_T;_T;_T;POP;A;A;2021;3799,5;3', 'DEP-31;DEP;_T;_T;_T;_T;POP;A;A;2021;5000;3',
        'REG-76;REG;F;_T;_T;_T;POP;A;A;2021;9999;3', 'DEP-31;DEP;F;_T;Y15T24;_T;POP;A;A;2021;50;3'].join('\n');
    const r = run(utf8(text), 'DS_RP_EMPLOI_LR_COMP.csv', { declared: ['recensement_insee'] });
    expect(r.recipe?.nom).toBe(preset(1).nom);
    expect(r.rows[0]?.indicateur).toBe('recensement_insee');
    expect(r.rows.map((x) => [x.territoire, x.annee, x.femmes, x.hommes, x.total])).toEqual([['31', 2021, 1200.5, 3799.5, 5000]]);
  });
  test('census detail file: one row per person, weighted by IPONDI', () => {
    const text = ['IPONDI;DEPT;SEXE;CS1;AGED;PROF', '2,5;31;2;3;35;388A', '3,25;31;1;3;40;388B', '1,75;31;2;4;28;478A', '4;31;1;4;50;421A', '2;34;1;3;33;388C'].join('\n');
    const r = run(text, 'FD_INDREGZD_2021.csv');
    expect(r.recipe?.nom).toBe(preset(2).nom);
    expect(r.skipped).toBe(1); // 421A is not a digital occupation
    // Hérault has men only among digital occupations here: zero women, not a missing value.
    expect(r.rows.map((x) => [x.territoire, x.annee, x.femmes, x.hommes, x.total])).toEqual([['31', 2021, 4.25, 3.25, 7.5], ['34', 2021, 0, 2, 2]]);
  });
  test('a file no recipe fits is "inconnu" and asks for a mapping', () => {
    const r = run('x;y;z\n1;2;3\n');
    expect(r.format).toBe('inconnu');
    expect(r.rows).toEqual([]);
  });
});

import type { Recipe } from './recipe';

/** Digital occupations of PCS 2003 (DATA.md). */
export const PCS_NUMERIQUE = ['388A', '388B', '388C', '388D', '388E', '478A', '478B', '478C', '478D', '544A'];

/** DEPP's NSI columns, the same in its terminale and première files (`0011_…` and `05_…` are combinations including NSI: never added). */
const NSI = { femmes: '0747_numerique_et_sciences_informatiques_filles', hommes: '0747_numerique_et_sciences_informatiques_garcons' };

/**
 * DEPP spécialités file (data.education.gouv.fr): one row per lycée of all France, départements as capitalised
 * names without accents. Summed per département of Occitanie and, over every row, for France; a file's rows of
 * other départements are skipped and counted. Recognised by its total column (terminale or première).
 */
function deppPreset(classe: 'terminale' | 'premiere'): Recipe {
  const terminale = classe === 'terminale';
  const recipe: Recipe = {
    v: 1,
    nom: terminale ? 'DEPP – spécialités en terminale générale (doublettes), NSI' : 'DEPP – spécialités en première générale (triplettes), NSI',
    description: `Fichier ${terminale ? 'fr-en-effectifs-specialites-doublettes-terminale-generale' : 'fr-en-effectifs-specialites-triplettes-1ere-generale'} : une ligne par lycée, colonnes 0747_numerique_et_sciences_informatiques_filles / _garcons (les combinaisons qui incluent NSI n’y sont pas ajoutées), départements en capitales sans accents ; la France est la somme de toutes les lignes.`,
    indicateur: terminale ? 'nsi_lycee' : 'nsi_premiere',
    territoire: { colonne: 'departement' },
    annee: { colonne: 'rentree_scolaire' },
    sexe: { mode: 'colonnes', ...NSI },
    mesure: { mode: 'compte' },
    filtres: [],
    total_france: true,
    requiert: [terminale ? 'effectif_total_en_terminale_generale' : 'effectif_total_en_premiere_generale'],
    url: `https://data.education.gouv.fr/explore/dataset/fr-en-effectifs-specialites-${terminale ? 'doublettes-terminale' : 'triplettes-1ere'}-generale/`,
    source: terminale
      ? 'Ministère de l\'Éducation nationale – DEPP, effectifs d\'élèves par spécialité en terminale générale'
      : 'Ministère de l\'Éducation nationale – DEPP, effectifs d\'élèves par spécialité en première générale',
  };
  ALSO.set(recipe, (header) => header.some((h) => /^effectif total$/i.test(h.trim())) && (terminale ? header.some(isDoublette) && !header.some(isTriplette) : header.some(isTriplette)));
  return recipe;
}

/**
 * Another way a preset's file is recognised, from its header's content, where its `requiert` columns are absent:
 * DEPP's files exported with labels (« EFFECTIF TOTAL », « 0747 - NUMERIQUE ET SCIENCES INFORMATIQUES - filles »)
 * name their total alike in terminale and première; their combinations tell them apart.
 */
const ALSO = new WeakMap<Recipe, (header: readonly string[]) => boolean>();
/** A doublette's column of a DEPP file with labels (« 01 - A/B - filles »), a triplette's (« 01 - A/B/C - filles »). */
const isDoublette = (h: string) => /^\d{2} - [^/]{1,200}\/[^/]{1,200} - filles$/i.test(h.trim());
const isTriplette = (h: string) => /^\d{2} - [^/]{1,200}\/[^/]{1,200}\/[^/]{1,200} - filles$/i.test(h.trim());

/** Whether `header` is a preset's file by another sign than its `requiert` columns (see ALSO). */
export function presetRecognised(r: Recipe, header: readonly string[]): boolean {
  return ALSO.get(r)?.(header) ?? false;
}

/** SIES's dataset of the diplomas and programmes prepared in public institutions (SISE, its current layout). */
const FORMATIONS = 'fr-esr-principaux-diplomes-et-formations-prepares-etablissements-publics';

/**
 * A SIES SISE export (Opendatasoft): women and men in the secteur disciplinaire « Informatique », summed per
 * département; the school year `2022-23` read as 2022. The total is women + men: `effectif_sans_cpge` leaves out double
 * enrolments in CPGE, which women and men may count. `jeu`: the dataset's id on data.enseignementsup-recherche.gouv.fr.
 */
function siesPreset(p: {
  nom: string;
  description: string;
  colonnes: { territoire: string; annee: string; femmes: string; hommes: string; secteur: string };
  requiert: string[];
  jeu: string;
}): Recipe {
  const c = p.colonnes;
  return {
    v: 1, nom: p.nom, description: p.description, indicateur: 'sup_numerique',
    territoire: { colonne: c.territoire }, annee: { colonne: c.annee },
    sexe: { mode: 'colonnes', femmes: c.femmes, hommes: c.hommes }, mesure: { mode: 'compte' },
    filtres: [{ colonne: c.secteur, valeurs: ['Informatique'] }], requiert: p.requiert,
    source: p.jeu === FORMATIONS ? 'SIES, SISE (principaux diplômes et formations préparés dans les établissements publics)' : 'SIES, SISE (effectifs d’étudiants inscrits)',
    url: `https://data.enseignementsup-recherche.gouv.fr/explore/dataset/${p.jeu}/`,
  };
}

/**
 * Recipes shipped for the official formats of DATA.md, built on their real headers. The analyst can adjust and
 * save a copy (e.g. another discipline, another census vintage).
 */
export const PRESETS: Recipe[] = [
  siesPreset({
    nom: 'SIES – effectifs SISE (informatique)',
    description: 'Export Opendatasoft des effectifs d’étudiants inscrits (SISE) : colonnes femmes, hommes et effectif_sans_cpge, filtrées sur le secteur disciplinaire « Informatique », par département d’inscription (dep_ins_lib), année universitaire 2022-23 lue comme 2022.',
    colonnes: { territoire: 'dep_ins_lib', annee: 'rentree_lib', femmes: 'femmes', hommes: 'hommes', secteur: 'sect_disciplinaire_lib' },
    requiert: ['effectif_sans_cpge'],
    jeu: 'fr-esr-sise-effectifs-d-etudiants-inscrits-esr-public',
  }),
  {
    v: 1,
    nom: 'Insee Melodi – recensement (tables DS_RP_…)',
    description: 'CSV de l’API Melodi (séparateur point-virgule, BOM) : GEO (31 ou DEP-31) et GEO_OBJECT (DEP, REG, COM…), SEX (F, M, _T), TIME_PERIOD, OBS_VALUE ; lignes des départements, au total (_T) de chaque autre dimension présente (âge, diplôme, statut d’emploi, PCS). Une ligne par département, année et sexe : deux lignes qui diffèrent par une autre colonne sont une erreur, jamais additionnées. Le PCS de Melodi est le groupe socioprofessionnel, pas la profession : l’indicateur est à choisir ou à déclarer (« recensement_insee » par défaut).',
    // Not a digital-jobs table (its PCS is the broad group): an indicator of its own, to declare or to change.
    indicateur: 'recensement_insee',
    territoire: { colonne: 'GEO' },
    niveau: { colonne: 'GEO_OBJECT' },
    annee: { colonne: 'TIME_PERIOD' },
    sexe: { mode: 'colonne', colonne: 'SEX', femmes: ['F'], hommes: ['M'], total: ['_T'] },
    mesure: { mode: 'valeur', colonne: 'OBS_VALUE' },
    filtres: [
      { colonne: 'GEO_OBJECT', valeurs: ['DEP'] },
      ...['AGE', 'EDUC', 'EMPSTA_ENQ', 'PCS', 'NA17', 'NA38', 'TYPMR', 'CS1'].map((colonne) => ({ colonne, valeurs: ['_T'], optionnel: true })),
    ],
    une_ligne_par_cle: true,
    source: 'Insee, recensement de la population (Melodi)',
  },
  {
    v: 1,
    nom: 'Insee – fichier détail du recensement (FD_INDREG), professions du numérique',
    description: 'Une ligne par personne, pondérée par IPONDI ; DEPT, SEXE (1 homme, 2 femme) ; professions PCS 2003 du numérique dans la colonne PROF (à vérifier selon le millésime) ; année du millésime à saisir.',
    indicateur: 'emploi_numerique',
    territoire: { colonne: 'DEPT' },
    annee: { valeur: 2021 },
    sexe: { mode: 'colonne', colonne: 'SEXE', femmes: ['2'], hommes: ['1'], total: [] },
    mesure: { mode: 'poids', colonne: 'IPONDI' },
    filtres: [{ colonne: 'PROF', valeurs: PCS_NUMERIQUE }],
    source: 'Insee, recensement de la population (fichier détail)',
  },
  deppPreset('terminale'),
  deppPreset('premiere'),
  siesPreset({
    nom: 'SIES – diplômes et formations préparés (SISE, informatique)',
    description: 'Export Opendatasoft des principaux diplômes et formations préparés dans les établissements publics (SISE, schéma actuel) : colonnes femmes et hommes, filtrées sur le secteur disciplinaire « Informatique », par département du lieu de formation (implantation_id_departement), année universitaire 2022-23 lue comme 2022.',
    // Where the programme is taught (an IUT's site in Rodez or Tarbes), not its university's seat (etablissement_…).
    colonnes: { territoire: 'implantation_id_departement', annee: 'annee_universitaire', femmes: 'femmes', hommes: 'hommes', secteur: 'sect_disciplinaire_lib' },
    requiert: ['effectif_sans_cpge', 'implantation_departement'],
    jeu: FORMATIONS,
  }),
  siesPreset({
    nom: 'SIES – diplômes et formations préparés (SISE, informatique), en-têtes en libellés',
    description: 'Le même export téléchargé avec les libellés des champs pour en-têtes (« Année universitaire », « Secteur disciplinaire », « Dont femmes », « Dont hommes ») ; les codes sans libellé gardent leur nom (implantation_id_departement).',
    colonnes: { territoire: 'implantation_id_departement', annee: 'Année universitaire', femmes: 'Dont femmes', hommes: 'Dont hommes', secteur: 'Secteur disciplinaire' },
    requiert: ['Nombre d\'étudiants inscrits (inscriptions principales) hors doubles inscriptions CPGE'],
    jeu: FORMATIONS,
  }),
];

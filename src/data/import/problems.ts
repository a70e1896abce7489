/**
 * Import problems: every problem has a code, a place (row, column) and a message in French and English.
 * Rows are numbered as in the file (1 = first line), so an analyst finds them in a spreadsheet.
 */
export type ProblemCode =
  | 'fichier_vide'
  | 'fichier_trop_gros'
  | 'format_binaire'
  | 'gzip_illisible'
  | 'decompresse_trop_gros'
  | 'zip_illisible'
  | 'zip_choisir'
  | 'zip_vide'
  | 'zip_doublon'
  | 'encodage_invalide'
  | 'entete_absente'
  | 'entete_dupliquee'
  | 'entete_renommee'
  | 'entete_vide'
  | 'colonne_manquante'
  | 'nombre_champs'
  | 'guillemet_non_ferme'
  | 'territoire_inconnu'
  | 'territoire_ambigu'
  | 'territoire_hors_perimetre'
  | 'indicateur_inconnu'
  | 'annee_invalide'
  | 'annee_hors_bornes'
  | 'nombre_invalide'
  | 'nombre_negatif'
  | 'effectif_trop_grand'
  | 'cellule_trop_longue'
  | 'femmes_sup_total'
  | 'somme_incoherente'
  | 'part_hors_bornes'
  | 'statut_inconnu'
  | 'part_fraction'
  | 'texte_tronque'
  | 'sans_valeur'
  | 'doublon'
  | 'recette_incomplete'
  | 'lignes_hors_perimetre'
  | 'lignes_sans_territoire'
  | 'aucune_ligne'
  | 'valeurs_manquantes'
  | 'cle_repetee'
  // Eurostat files (src/data/import/eurostat*.ts)
  | 'eurostat_indicateur'
  | 'eurostat_dimension'
  | 'eurostat_valeur_absente'
  | 'eurostat_unite'
  | 'eurostat_part_sexe'
  | 'eurostat_sans_sexe'
  | 'eurostat_agregat_ue'
  | 'eurostat_region_parts'
  | 'eurostat_region_incomplete'
  | 'eurostat_sans_total'
  | 'eurostat_dimension_ouverte'
  | 'eurostat_part_seule'
  | 'eurostat_sans_femmes'
  | 'format_inconnu'
  | 'eurostat_arrondi';

export type Severity = 'erreur' | 'avertissement';

export interface Problem {
  readonly code: ProblemCode;
  readonly severity: Severity;
  /** Line in the file (1-based), or null for the whole file. */
  readonly ligne: number | null;
  /** Column name as in the file, or null. */
  readonly colonne: string | null;
  /** The offending value, shortened; always shown as text, never as HTML. */
  readonly valeur: string | null;
  readonly message_fr: string;
  readonly message_en: string;
}

type Template = (v: string, extra: string) => [string, string];

/**
 * A size in bytes as each language writes it (`256,1 Mo`, `256.1 MB`), rounded up: a file one byte over a
 * 256 MB limit reads 256.1, not 256.0 like the limit.
 */
function size(bytes: string, lang: 'fr' | 'en'): string {
  const n = Number(bytes);
  const [mo, ko] = lang === 'fr' ? ['Mo', 'Ko'] : ['MB', 'KB'];
  if (n < 1024 * 1024) return `${Math.ceil(n / 1024)} ${ko}`;
  const mb = (Math.ceil((n / 1024 / 1024) * 10) / 10).toFixed(1);
  return `${lang === 'fr' ? mb.replace('.', ',') : mb} ${mo}`;
}

/** A whole number as each language writes it: `300 000` (narrow no-break space), `300,000`. */
function count(n: string, lang: 'fr' | 'en'): string {
  const x = Number(n);
  return Number.isFinite(x) ? x.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 3 }) : n;
}

/**
 * The candidates of an ambiguous name, given as `type:code` pairs separated by `|` (`region:REG-01|departement:971`),
 * in each language: `région REG-01 ou département 971`, `région REG-01 or département 971`.
 */
function candidates(list: string, lang: 'fr' | 'en'): string {
  const kinds: Record<string, [string, string]> = { region: ['région', 'région'], departement: ['département', 'département'], pays: ['pays', 'country'], ue: ['UE', 'EU'] };
  const parts = list.split('|').map((item) => {
    const [type = '', code = ''] = item.split(':');
    const kind = kinds[type] ?? [type, type];
    return `${lang === 'fr' ? kind[0] : kind[1]} ${code}`;
  });
  return parts.join(lang === 'fr' ? ' ou ' : ' or ');
}

const T: Record<ProblemCode, Template> = {
  fichier_vide: () => ['Le fichier est vide.', 'The file is empty.'],
  fichier_trop_gros: (v, max) => [`Le fichier pèse ${size(v, 'fr')} ; la limite est ${size(max, 'fr')}. Découpez-le ou filtrez-le avant l’import.`, `The file is ${size(v, 'en')}; the limit is ${size(max, 'en')}. Split or filter it before importing.`],
  format_binaire: (v) => [`Ce fichier n’est pas un texte CSV (${v}). Ouvrez-le dans votre tableur et exportez-le en CSV (UTF-8, séparateur point-virgule).`, `This file is not CSV text (${v}). Open it in your spreadsheet and export it as CSV (UTF-8, semicolon-separated).`],
  gzip_illisible: () => ['Ce fichier compressé (gzip) est tronqué ou illisible : téléchargez-le à nouveau, ou décompressez-le vous-même.', 'This compressed (gzip) file is truncated or unreadable: download it again, or decompress it yourself.'],
  decompresse_trop_gros: (v, max) => [`Une fois décompressé, ce fichier dépasse ${size(max, 'fr')}, la limite de l’import (il pèse ${size(v, 'fr')} compressé). Filtrez-le avant l’import.`, `Once decompressed, this file exceeds ${size(max, 'en')}, the import's limit (it is ${size(v, 'en')} compressed). Filter it before importing.`],
  zip_illisible: () => ['Cette archive ZIP est tronquée, abîmée, chiffrée ou compressée d’une façon que l’import ne lit pas : décompressez-la vous-même et choisissez le fichier CSV qu’elle contient.', 'This ZIP archive is truncated, damaged, encrypted or compressed in a way the import does not read: decompress it yourself and choose the CSV file it holds.'],
  zip_vide: () => ['Cette archive ZIP ne contient aucun fichier à lire.', 'This ZIP archive holds no file to read.'],
  zip_doublon: (v) => [`Cette archive ZIP contient plusieurs fichiers nommés « ${v} » : l’import ne peut pas savoir lequel lire. Décompressez-la vous-même et choisissez le fichier CSV voulu.`, `This ZIP archive holds several files named "${v}": the import cannot tell which one to read. Decompress it yourself and choose the CSV file you want.`],
  zip_choisir: (v, chosen) => (chosen
    ? [`« ${chosen} » n’est pas dans cette archive ZIP : choisissez l’un de ses ${count(v, 'fr')} fichiers (liste « Fichier de l’archive » du rapport).`, `"${chosen}" is not in this ZIP archive: choose one of its ${count(v, 'en')} files (the report's "File of the archive" list).`]
    : [`Archive ZIP de ${count(v, 'fr')} fichiers : choisissez celui à importer (liste « Fichier de l’archive » du rapport).`, `ZIP archive of ${count(v, 'en')} files: choose the one to import (the report's "File of the archive" list).`]),
  encodage_invalide: (v) => [`Caractères illisibles dans « ${v} » : octets qui ne sont pas du texte UTF-8 valide, ou caractères de contrôle. Réenregistrez le fichier en CSV UTF-8, ou choisissez un autre encodage.`, `Unreadable characters in "${v}": bytes that are not valid UTF-8 text, or control characters. Save the file again as UTF-8 CSV, or choose another encoding.`],
  entete_absente: () => ['Aucune ligne d’en-tête n’a été trouvée.', 'No header row was found.'],
  entete_dupliquee: (v) => [`L’en-tête « ${v} » apparaît plusieurs fois.`, `The header "${v}" appears more than once.`],
  entete_renommee: (v, to) => [`L’en-tête « ${v} » apparaît plusieurs fois : cette colonne-ci est nommée « ${to} » dans la recette.`, `The header "${v}" appears more than once: this column is named "${to}" in the recipe.`],
  entete_vide: () => ['Une colonne n’a pas de nom d’en-tête.', 'A column has no header name.'],
  colonne_manquante: (v) => [`La colonne « ${v} » est obligatoire et absente.`, `The required column "${v}" is missing.`],
  nombre_champs: (v, n) => [`La ligne compte ${v} champs au lieu de ${n}.`, `The row has ${v} fields instead of ${n}.`],
  guillemet_non_ferme: () => ['Un guillemet ouvert n’est jamais fermé : la suite du fichier est lue comme une seule cellule.', 'A quote is opened and never closed: the rest of the file is read as one cell.'],
  territoire_inconnu: (v) => [`Territoire inconnu : « ${v} ». Attendu : un code de département (09, 2A), 76, FR ou EU27_2020.`, `Unknown territory: "${v}". Expected a département code (09, 2A), 76, FR or EU27_2020.`],
  territoire_ambigu: (v, list) => [`Nom ambigu : « ${v} » (${candidates(list, 'fr')}) ; écrivez le code.`, `Ambiguous name: "${v}" (${candidates(list, 'en')}); write the code.`],
  territoire_hors_perimetre: (v) => [`Territoire hors du périmètre du tableau de bord, ligne ignorée : « ${v} ».`, `Territory outside the dashboard's scope, row skipped: "${v}".`],
  indicateur_inconnu: (v) => [`Indicateur inconnu : « ${v} ». Déclarez-le ou utilisez un identifiant de data/indicators.csv.`, `Unknown indicator: "${v}". Declare it or use an id from data/indicators.csv.`],
  annee_invalide: (v) => [`Année illisible : « ${v} ».`, `Unreadable year: "${v}".`],
  annee_hors_bornes: (v) => [`Année hors bornes (1990 à 2100) : ${v}.`, `Year out of range (1990 to 2100): ${v}.`],
  nombre_invalide: (v) => [`Nombre illisible : « ${v} ».`, `Unreadable number: "${v}".`],
  nombre_negatif: (v) => [`Un effectif ne peut pas être négatif : ${v}.`, `A count cannot be negative: ${v}.`],
  effectif_trop_grand: (v, max) => [`Effectif trop grand : ${v} ; un effectif ne peut pas dépasser ${count(max, 'fr')}.`, `Count too large: ${v}; a count cannot exceed ${count(max, 'en')}.`],
  cellule_trop_longue: (v, max) => [`Cellule de ${count(v, 'fr')} caractères ; la limite est de ${count(max, 'fr')}. Vérifiez le séparateur et les guillemets du fichier.`, `Cell of ${count(v, 'en')} characters; the limit is ${count(max, 'en')}. Check the file's delimiter and quotes.`],
  femmes_sup_total: (v, t) => [`Plus de femmes (${v}) que le total (${t}).`, `More women (${v}) than the total (${t}).`],
  somme_incoherente: (v, t) => [`Femmes + hommes = ${v}, mais le total vaut ${t}.`, `Women + men = ${v}, but the total is ${t}.`],
  part_hors_bornes: (v) => [`Part des femmes hors de 0 à 100 : ${v}.`, `Share of women outside 0 to 100: ${v}.`],
  statut_inconnu: (v) => [`Statut inconnu : « ${v} » (attendu : secret, estimation, faible_fiabilite, rupture, provisoire).`, `Unknown status: "${v}" (expected secret, estimation, faible_fiabilite, rupture, provisoire).`],
  part_fraction: (v) => [`Part des femmes inférieure à 1 : ${v} est lue comme ${v} %. Si la colonne donne des fractions (0,457 pour 45,7 %), multipliez-les par 100.`, `Share of women below 1: ${v} is read as ${v} %. If the column holds fractions (0.457 for 45.7 %), multiply them by 100.`],
  texte_tronque: (v, max) => [`Texte de ${v} caractères, coupé aux ${max} premiers.`, `Text of ${v} characters, cut to its first ${max}.`],
  sans_valeur: () => ['Ni effectifs (femmes avec total ou hommes), ni part, ni statut secret.', 'No counts (women with total or men), no share and no secret status.'],
  doublon: (v, first) => [`Doublon de la clé ${v} (déjà à la ligne ${first}).`, `Duplicate key ${v} (already on line ${first}).`],
  recette_incomplete: (v) => [`La recette est incomplète : ${v}.`, `The recipe is incomplete: ${v}.`],
  lignes_hors_perimetre: (v, names) => [`${count(v, 'fr')} ligne(s) d’autres territoires que ceux du tableau de bord écartées (${names}).`, `${count(v, 'en')} row(s) of territories other than the dashboard's skipped (${names}).`],
  lignes_sans_territoire: (v) => [`${count(v, 'fr')} ligne(s) sans territoire écartées.`, `${count(v, 'en')} row(s) without a territory skipped.`],
  aucune_ligne: (v) => (v
    ? [`Aucune ligne pour les territoires du tableau de bord (Occitanie, ses 13 départements, la France, l’UE) : les ${count(v, 'fr')} ligne(s) lue(s) sont écartées (autres territoires, filtres, périodes autres que l’année).`, `No row for the dashboard's territories (Occitanie, its 13 départements, France, the EU): the ${count(v, 'en')} row(s) read are skipped (other territories, filters, periods other than the year).`]
    : ['Aucune ligne de données à importer.', 'No data row to import.']),
  cle_repetee: (v, extra) => {
    const [first, cols] = extra.split('|');
    return [`Plusieurs lignes pour ${v} (déjà à la ligne ${first}) ; ${cols ? `elles diffèrent par ${cols}` : 'elles ne diffèrent par aucune colonne'} : filtrez l’une de ces colonnes sur une valeur (le total, _T) dans la recette. Les lignes ne sont pas additionnées.`, `Several rows for ${v} (already on line ${first}); they differ by ${cols || 'no column'}: filter one of these columns on one value (the total, _T) in the recipe. The rows are not added up.`];
  },
  valeurs_manquantes: (v, keys) => [`${count(v, 'fr')} valeur(s) inconnue(s) : une cellule vide (valeur manquante) rend inconnue la somme de son territoire et de son année, qui n’est jamais comptée comme zéro (${keys}).`, `${count(v, 'en')} unknown value(s): an empty cell (a missing value) makes its territory and year's sum unknown, never counted as zero (${keys}).`],
  // Eurostat files
  eurostat_indicateur: () => ['Fichier Eurostat : choisissez l’indicateur dans lequel l’importer (liste « Indicateur cible » du rapport), ou déclarez-en un nouveau.', 'Eurostat file: choose the indicator to import it into (the report’s "Target indicator" list), or declare a new one.'],
  eurostat_dimension: (v, values) => [`Plusieurs lignes pour un même territoire, sexe et année diffèrent par la dimension « ${v} » (${values}) : choisissez-en une valeur dans le rapport.`, `Several rows for the same territory, sex and year differ by the dimension "${v}" (${values}): choose one of its values in the report.`],
  eurostat_valeur_absente: (v, values) => [`La valeur « ${v} » choisie pour cette dimension n’est pas dans le fichier (valeurs : ${values}).`, `The value "${v}" chosen for this dimension is not in the file (values: ${values}).`],
  eurostat_unite: (v) => [`L’unité « ${v} » n’est ni un effectif (NR, THS_PER…) ni un pourcentage (PC) : choisissez une autre unité.`, `The unit "${v}" is neither a count (NR, THS_PER…) nor a percentage (PC): choose another unit.`],
  eurostat_part_sexe: (v, sum) => [`L’unité « ${v} » ne donne pas la part des femmes : femmes + hommes font ${sum} % et non 100 %. Choisissez une unité d’effectifs (NR, THS_PER).`, `The unit "${v}" does not give the share of women: women + men make ${sum} %, not 100 %. Choose a count unit (NR, THS_PER).`],
  eurostat_sans_sexe: (v) => [`Le fichier ne donne pas de valeurs par sexe (dimension sex, code ${v === 'sex' ? 'F' : v} absent) : la part des femmes ne peut pas en être tirée.`, `The file gives no values by sex (dimension sex, code ${v === 'sex' ? 'F' : v} missing): the share of women cannot be drawn from it.`],
  eurostat_agregat_ue: (v, years) => [`Ancien agrégat ${v} utilisé pour l’Union européenne (${years}), faute de EU27_2020 : ses pays ne sont pas les 27 d’aujourd’hui.`, `Older aggregate ${v} used for the European Union (${years}), as EU27_2020 is missing: its countries are not today’s 27.`],
  eurostat_region_parts: (v) => [`Occitanie donnée par ses deux moitiés (${v}) en pourcentages : des parts ne s’additionnent pas, aucune valeur régionale n’est importée. Choisissez une unité d’effectifs pour l’obtenir.`, `Occitanie given by its two halves (${v}) as percentages: shares cannot be added, no regional value is imported. Choose a count unit to get one.`],
  eurostat_dimension_ouverte: (v, values) => [`La dimension « ${v} » n’est pas choisie et ses lignes retenues en ont plusieurs valeurs (${values}) : les territoires ne seraient pas comparables. Choisissez-en une valeur dans le rapport.`, `The dimension "${v}" is not chosen and the rows kept have several of its values (${values}): the territories would not be comparable. Choose one of its values in the report.`],
  eurostat_part_seule: (v) => [`L’unité « ${v} » est un pourcentage publié pour les femmes sans celui des hommes ni un total de 100 % : c’est peut-être un taux propre aux femmes (chômage, formation), pas leur part. Téléchargez le fichier avec les hommes, ou choisissez une unité d’effectifs (NR, THS_PER).`, `The unit "${v}" is a percentage published for women without the men's or a total of 100 %: it may be a rate of women (unemployment, training), not their share. Download the file with men too, or choose a count unit (NR, THS_PER).`],
  eurostat_sans_femmes: (v, keys) => [`${v} territoire(s) et année(s) sans valeur lisible pour les femmes : ils ne sont pas importés (${keys}).`, `${v} territory-year(s) with no readable value for women: they are not imported (${keys}).`],
  eurostat_arrondi: (v, keys) => [`${v} territoire(s) et année(s) où femmes + hommes diffèrent du total publié par les arrondis d’Eurostat : le total est gardé, les hommes ne sont pas repris (${keys}).`, `${v} territory-year(s) where women + men differ from the published total by Eurostat's rounding: the total is kept, the men are left out (${keys}).`],
  format_inconnu: () => ['Format non reconnu : ce n’est ni le CSV canonique, ni un fichier Eurostat, ni le fichier d’un modèle fourni (DEPP, SIES, Insee). Décrivez ses colonnes dans une recette ci-dessous : territoire, année, sexe, valeur.', 'Format not recognised: neither the canonical CSV, nor a Eurostat file, nor the file of a preset (DEPP, SIES, Insee). Describe its columns in a recipe below: territory, year, sex, value.'],
  eurostat_sans_total: (v, keys) => [`${v} territoire(s) et année(s) où Eurostat publie les femmes sans les hommes ni le total : la part des femmes en est inconnue, ils ne sont pas importés (${keys}).`, `${v} territory-year(s) where Eurostat publishes women but neither men nor the total: the share of women is unknown, they are not imported (${keys}).`],
  eurostat_region_incomplete: (v, years) => [`Occitanie donnée par ses deux moitiés (${v}), mais une seule est publiée (${years}) : pas de valeur régionale ces années-là.`, `Occitanie given by its two halves (${v}), but only one is published (${years}): no regional value for those years.`],
};

/** Every problem code (the report titles each group in words: tests/unit/report-groups.test.ts checks them all). */
export const PROBLEM_CODES = Object.keys(T) as ProblemCode[];

const WARNINGS = new Set<ProblemCode>(['territoire_hors_perimetre', 'part_fraction', 'texte_tronque', 'lignes_hors_perimetre', 'lignes_sans_territoire', 'valeurs_manquantes', 'entete_renommee']);
// Eurostat warnings: a value taken from an older EU aggregate, a région that its NUTS 2 halves cannot give.
for (const c of ['eurostat_agregat_ue', 'eurostat_region_parts', 'eurostat_region_incomplete', 'eurostat_sans_total', 'eurostat_sans_femmes', 'eurostat_arrondi'] as const) WARNINGS.add(c);

/**
 * Shortens a value for messages (a 10 MB cell must not become a 10 MB message); line breaks and tabs become
 * spaces, other control characters U+FFFD, so a message is one line of printable text.
 */
export function shorten(v: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const s = v.slice(0, max + 1).replace(/[\r\n\t]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** Where a problem is, as the start of its messages: the line, and the column when there is one. */
export function placeText(ligne: number | null, colonne: string | null): [string, string] {
  if (ligne === null && colonne === null) return ['', ''];
  if (ligne === null) return [`Colonne « ${colonne} » — `, `Column "${colonne}" — `];
  if (colonne === null) return [`Ligne ${ligne} — `, `Line ${ligne} — `];
  return [`Ligne ${ligne}, colonne « ${colonne} » — `, `Line ${ligne}, column "${colonne}" — `];
}

/** The first `n` of a list, joined, with « … » when there are more: the names a grouped warning cites. */
export function firstFew(xs: readonly string[], n = 5): string {
  return xs.slice(0, n).join(', ') + (xs.length > n ? '…' : '');
}

/** One warning for the rows of territories the dashboard does not show, counted by territory: their count and the first of them. */
export function outsideWarning(outside: ReadonlyMap<string, number>, place: { colonne?: string } = {}): Problem {
  const n = [...outside.values()].reduce((a, b) => a + b, 0);
  return problem('lignes_hors_perimetre', place, String(n), firstFew([...outside.keys()]));
}

/** Builds a problem with both messages; each message starts with its line and column, so it stands on its own. */
export function problem(code: ProblemCode, place: { ligne?: number | null; colonne?: string | null }, value = '', extra = ''): Problem {
  const v = shorten(value);
  const [fr, en] = T[code](v, extra);
  const ligne = place.ligne ?? null;
  const colonne = place.colonne === undefined || place.colonne === null ? null : shorten(place.colonne, 60);
  const [atFr, atEn] = placeText(ligne, colonne);
  return {
    code,
    severity: WARNINGS.has(code) ? 'avertissement' : 'erreur',
    ligne,
    colonne,
    valeur: value === '' ? null : v,
    message_fr: atFr + fr,
    message_en: atEn + en,
  };
}

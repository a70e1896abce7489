/**
 * Import problems: every problem has a code, a place (row, column) and a message in French and English.
 * Rows are numbered as in the file (1 = first line), so an analyst finds them in a spreadsheet.
 */
export type ProblemCode =
  | 'fichier_vide'
  | 'fichier_trop_gros'
  | 'format_binaire'
  | 'encodage_invalide'
  | 'entete_absente'
  | 'entete_dupliquee'
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
  | 'aucune_ligne';

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
  encodage_invalide: (v) => [`Caractères illisibles dans « ${v} » : octets qui ne sont pas du texte UTF-8 valide, ou caractères de contrôle. Réenregistrez le fichier en CSV UTF-8, ou choisissez un autre encodage.`, `Unreadable characters in "${v}": bytes that are not valid UTF-8 text, or control characters. Save the file again as UTF-8 CSV, or choose another encoding.`],
  entete_absente: () => ['Aucune ligne d’en-tête n’a été trouvée.', 'No header row was found.'],
  entete_dupliquee: (v) => [`L’en-tête « ${v} » apparaît plusieurs fois.`, `The header "${v}" appears more than once.`],
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
  aucune_ligne: () => ['Aucune ligne de données à importer.', 'No data row to import.'],
};

const WARNINGS = new Set<ProblemCode>(['territoire_hors_perimetre', 'part_fraction', 'texte_tronque']);

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
function placeText(ligne: number | null, colonne: string | null): [string, string] {
  if (ligne === null && colonne === null) return ['', ''];
  if (ligne === null) return [`Colonne « ${colonne} » — `, `Column "${colonne}" — `];
  if (colonne === null) return [`Ligne ${ligne} — `, `Line ${ligne} — `];
  return [`Ligne ${ligne}, colonne « ${colonne} » — `, `Line ${ligne}, column "${colonne}" — `];
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

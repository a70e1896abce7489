import { z } from 'zod';
import type { ImportResult } from './run';
import { fileBase } from './file-name';

/**
 * What a dataset is, as the analyst confirms it in the report and as every citation of its data shows it: name,
 * producer, source URL, publication date and licence. Empty text means "not stated" (stored as NULL, shown as
 * unknown): an import is never dated "today" silently.
 */
export const DatasetIdentity = z.strictObject({
  nom: z.string().max(300),
  producteur: z.string().max(300),
  url: z.string().max(500),
  /** The source's publication date (YYYY-MM-DD), or ''. */
  date_publication: z.union([z.literal(''), z.iso.date()]),
  licence: z.string().max(200),
});
export type DatasetIdentity = z.infer<typeof DatasetIdentity>;

export const LICENCE_OUVERTE = 'Licence Ouverte 2.0';
export const LICENCE_EUROSTAT = 'Réutilisation autorisée avec mention de la source (Eurostat)';

/** The English wording of the licences the app knows; any other is shown as the analyst wrote it. */
export function licenceEn(licence: string): string {
  if (licence === LICENCE_OUVERTE) return 'Licence Ouverte 2.0 (Etalab open licence)';
  if (licence === LICENCE_EUROSTAT) return 'Reuse authorised with acknowledgement of the source (Eurostat)';
  return licence;
}

/** Producers whose presets carry the Licence Ouverte 2.0, recognised at the start of a recipe's name or source. */
const OPEN_PRODUCERS = ['DEPP', 'SIES', 'Insee', 'Dares'];

/** A recipe's producer: the one it states (a preset may carry `producteur`), else one its name starts with. */
function recipeProducer(recipe: NonNullable<ImportResult['recipe']>): string | null {
  const own = (recipe as { producteur?: unknown }).producteur;
  if (typeof own === 'string' && own.trim()) return own.trim();
  // At the start only: « Enquête associative (comparée à Insee) » is not Insee's.
  const starts = (text: string) => OPEN_PRODUCERS.find((p) => new RegExp(`^${p}\\b`, 'i').test(text.trim())) ?? null;
  return starts(recipe.nom) ?? starts(recipe.source ?? '');
}

/**
 * The identity the report starts from: Eurostat files get Eurostat, its reuse notice, and the dataset's code, page
 * and last update when the file states them (SDMX-CSV); a preset (DEPP, SIES, Insee…) its producer, its dataset's
 * page when it has one, and the Licence Ouverte 2.0; a canonical file the values of its `source` column. Other dates
 * and unknown licences are left for the analyst to fill in.
 */
export function identityDefaults(result: Pick<ImportResult, 'format' | 'recipe' | 'eurostat'>, sources: readonly string[], fileName: string): DatasetIdentity {
  const base = fileBase(fileName);
  if (result.format === 'eurostat') {
    const code = result.eurostat?.dataset ?? null;
    const url = code && /^[a-z0-9_$]{1,60}$/i.test(code) ? `https://ec.europa.eu/eurostat/databrowser/view/${code.toLowerCase()}/default/table` : '';
    return { nom: code ?? base, producteur: 'Eurostat', url, date_publication: result.eurostat?.derniere_maj ?? '', licence: LICENCE_EUROSTAT };
  }
  const producer = result.recipe ? recipeProducer(result.recipe) : null;
  if (producer) return { nom: result.recipe?.nom ?? base, producteur: producer, url: result.recipe?.url ?? '', date_publication: '', licence: LICENCE_OUVERTE };
  return { nom: base, producteur: sources.slice(0, 3).join(' ; ').slice(0, 300), url: '', date_publication: '', licence: '' };
}

/** The text of a dataset's `source` column from its identity: « Producteur, nom » (the defaults' « Eurostat, isoc_sks_itsps »). */
export function sourceText(id: DatasetIdentity, fallback: string): string {
  const [producer, name] = [id.producteur.trim(), id.nom.trim()];
  // A name that starts with its producer (« DEPP – spécialités… ») is not prefixed with it again.
  if (producer && name.toLocaleLowerCase('fr').startsWith(producer.toLocaleLowerCase('fr')) && !/[\p{L}\p{N}]/u.test(name.charAt(producer.length))) return name;
  const parts = [producer, name].filter(Boolean);
  return parts.length ? parts.join(', ') : fallback;
}

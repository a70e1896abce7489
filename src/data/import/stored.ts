import type { ImportOptions, ImportResult } from './run';
import { DEFAULT_DATASET_IDS, type StoredPart, type StoredRecord } from '../store';
import { identityDefaults, licenceEn, sourceText } from './identity';
import { fileBase, withArchiveChoice } from './file-name';
import type { DatasetMeta } from './commit';

/**
 * What an import stores and how a stored one is named: dataset ids, priorities, the records and parts a commit
 * writes, the catalogue row of a stored dataset. Pure: the session (session.ts) reads and writes storage.
 */

/** The options of an import as the analyst set them (the file's name and the saved recipes apart). */
export type ChosenOptions = Omit<ImportOptions, 'fileName' | 'savedRecipes'>;

/**
 * A dataset id from a file name: `DS_RP_EMPLOI 2022.csv` → `ds_rp_emploi_2022`; a default dataset's id gets
 * `_import` (`illustratif.csv` → `illustratif_import`). Stored records are checked against exactly these shapes
 * (isImportId in store.ts).
 */
export function datasetIdFor(fileName: string): string {
  const base = fileBase(fileName).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const id = base.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'import';
  return DEFAULT_DATASET_IDS.includes(id) ? `${id}_import` : id;
}

/** `base`, or `base_2`, `base_3`… : the first id no loaded or stored dataset has (a new dataset never replaces one). */
export function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const id = `${base.slice(0, 60).replace(/_+$/, '')}_${i}`;
    if (!taken.has(id)) return id;
  }
}

/** The priority of a dataset imported for the first time: after every loaded one and every stored one, 10 at least. */
export function firstPriority(loadedMax: number, storedMax = 0): number {
  return Math.max(10, loadedMax + 1, storedMax + 1);
}

/** The options a stored file is replayed with. */
export function storedOptions(opts: ChosenOptions): StoredRecord['options'] {
  return { encoding: opts.encoding, delimiter: opts.delimiter, headerLine: opts.headerLine, indicateur: opts.indicateur, declared: opts.declared ? [...opts.declared] : undefined, dimensions: opts.dimensions ? { ...opts.dimensions } : undefined, entree: opts.entree };
}

/** The stored part a file added to a dataset becomes. */
export function partOf(file: { blob: Blob; fileName: string }, a: { readonly sha256: string; readonly rowCount: number; readonly result: ImportResult }, opts: ChosenOptions, importedAt: string): StoredPart {
  return { fileName: file.fileName, sha256: a.sha256, options: storedOptions(withArchiveChoice(opts, a.result.archive)), recipe: opts.recipe ?? a.result.recipe ?? null, importedAt, rows: a.rowCount, bytes: file.blob };
}

/**
 * The catalogue row of a stored dataset: its identity as the analyst confirmed it, or (older records) the format's
 * defaults, dated only when the file states its date (an SDMX-CSV's LAST UPDATE): an import is never dated by the
 * day it was made.
 */
export function metaOf(rec: StoredRecord, sources: readonly string[], result: ImportResult): DatasetMeta {
  const idt = rec.identite ?? identityDefaults(result, sources, rec.fileName);
  return {
    id: rec.id, nom: idt.nom || rec.nom, source: sourceText(idt, sources.slice(0, 3).join(' ; ') || rec.fileName), licence: idt.licence, licence_en: licenceEn(idt.licence),
    priorite: rec.priorite, actif: rec.actif, derniere_maj: idt.date_publication || null, producteur: idt.producteur || null, url: idt.url || null,
    fichiers: [rec, ...(rec.parts ?? [])].map((p) => (p.options.entree ? `${p.fileName} › ${p.options.entree}` : p.fileName)),
  };
}

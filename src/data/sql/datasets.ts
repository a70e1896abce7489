import { z } from 'zod';
import { sqlQuery } from './quote';
import type { SqlQuery } from '../connector';
import { SourceRow } from './catalogue';

/** A dataset as the data view lists it: its source fields plus origin, state and row count. */
export const DatasetRow = SourceRow.extend({
  origine: z.enum(['defaut', 'import']),
  actif: z.boolean(),
  lignes: z.number().int(),
  /** An import's files, in the order they were added, joined by ' ; ' (null for the defaults). */
  fichiers: z.string().nullable(),
});
export type DatasetRow = z.infer<typeof DatasetRow>;

/** Every loaded dataset with its row count, highest priority first. */
export function datasetsQuery(): SqlQuery {
  return sqlQuery(
    `SELECT d.id, d.nom_fr, d.nom_en, d.origine, d.source, d.source_en, d.licence, d.licence_en, strftime(d.derniere_maj, '%Y-%m-%d') AS derniere_maj,
       d.illustratif, d.producteur, d.url, d.fichiers, d.actif, CAST(coalesce(n.lignes, 0) AS INTEGER) AS lignes
     FROM jeux d LEFT JOIN lignes_par_jeu n ON n.jeu = d.id ORDER BY d.priorite DESC, d.id`,
  );
}

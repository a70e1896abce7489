import { z } from 'zod';
import { sqlQuery } from './quote';
import type { SqlQuery } from '../connector';

export const DatasetRow = z.object({
  id: z.string(),
  nom_fr: z.string(),
  nom_en: z.string(),
  origine: z.enum(['defaut', 'import']),
  source: z.string(),
  source_en: z.string(),
  licence: z.string(),
  licence_en: z.string(),
  derniere_maj: z.string().nullable(),
  illustratif: z.boolean(),
  actif: z.boolean(),
  lignes: z.number().int(),
});
export type DatasetRow = z.infer<typeof DatasetRow>;

/** Every loaded dataset with its row count, highest priority first. */
export function datasetsQuery(): SqlQuery {
  return sqlQuery(
    `SELECT d.id, d.nom_fr, d.nom_en, d.origine, d.source, d.source_en, d.licence, d.licence_en, strftime(d.derniere_maj, '%Y-%m-%d') AS derniere_maj,
       d.illustratif, d.actif, CAST((SELECT count(*) FROM observations o WHERE o.jeu = d.id) AS INTEGER) AS lignes
     FROM datasets d ORDER BY d.priorite DESC, d.id`,
  );
}

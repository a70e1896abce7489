import { z } from 'zod';
import { sqlQuery } from './quote';
import type { SqlQuery } from '../connector';
import { Raison } from './measures';

export const PipelineRow = z.object({
  territoire: z.string(),
  indicateur: z.string(),
  etape: z.string(),
  ordre: z.number().int(),
  annee: z.number().int().nullable(),
  part: z.number().nullable(),
  effectif: z.number().nullable(),
  faible_fiabilite: z.boolean(),
  statut: z.string().nullable(),
  raison: Raison.nullable(),
  illustratif: z.boolean(),
});
export type PipelineRow = z.infer<typeof PipelineRow>;

/**
 * The pipeline of one or more territories: every indicator of the catalogue in stage order, each at the latest
 * year it has a value up to `annee` (every year when absent). An indicator with no value is listed with raison
 * 'absent'. Several territories in one query (the page needs two or three): rows are grouped by territory.
 */
export function pipelineQuery(a: { territoire: string | readonly string[]; annee?: number }): SqlQuery {
  const codes = [...new Set(typeof a.territoire === 'string' ? [a.territoire] : a.territoire)];
  const marks = codes.map(() => '(?)').join(', ');
  return sqlQuery(
    `SELECT t.territoire, i.id AS indicateur, i.etape, i.ordre, m.annee, m.part, m.effectif,
       coalesce(m.faible_fiabilite, FALSE) AS faible_fiabilite, m.statut,
       CASE WHEN m.part IS NULL THEN 'absent' END AS raison, coalesce(m.illustratif, FALSE) AS illustratif
     FROM (VALUES ${marks}) t(territoire) CROSS JOIN indicators i
     LEFT JOIN (
       SELECT *, row_number() OVER (PARTITION BY territoire, indicateur ORDER BY annee DESC) AS rn
       FROM mesures WHERE territoire IN (${codes.map(() => '?').join(', ')}) AND annee <= ?::INTEGER AND part IS NOT NULL
     ) m ON m.territoire = t.territoire AND m.indicateur = i.id AND m.rn = 1
     ORDER BY t.territoire, i.ordre, i.id`,
    [...codes, ...codes, a.annee ?? 2100],
  );
}

import { z } from 'zod';
import { sqlQuery } from './quote';
import type { SqlQuery } from '../connector';
import { MissingReason } from './measures';

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
  raison: MissingReason.nullable(),
  illustratif: z.boolean(),
});
export type PipelineRow = z.infer<typeof PipelineRow>;

/**
 * The pipeline of one or more territories: every indicator of the catalogue in stage order, each at the latest
 * year it has a value up to `annee` (every year when absent). An indicator with no value is listed with raison
 * 'absent'. Several territories in one query (the page needs two or three): rows are grouped by territory.
 */
export function pipelineQuery(a: { territoire: string | readonly string[]; annee?: number }): SqlQuery {
  return pipelinesQuery({ territoire: a.territoire, annees: [a.annee ?? 2100] });
}

/**
 * The same up to each of several years in one query (the overview's prefetch: indicators end in different
 * years), rows grouped by year in the order given, then by territory; `jusqua` is the year each row answers.
 */
export function pipelinesQuery(a: { territoire: string | readonly string[]; annees: readonly number[] }): SqlQuery {
  const codes = [...new Set(typeof a.territoire === 'string' ? [a.territoire] : a.territoire)];
  const years = [...new Set(a.annees)];
  return sqlQuery(
    `WITH y AS (SELECT * FROM (VALUES ${years.map(() => '(?::INTEGER, ?::INTEGER)').join(', ')}) y(k, jusqua))
     SELECT y.jusqua, t.territoire, i.id AS indicateur, i.etape, i.ordre, m.annee, m.part, m.effectif,
       coalesce(m.faible_fiabilite, FALSE) AS faible_fiabilite, m.statut,
       CASE WHEN m.part IS NULL THEN 'absent' END AS raison, coalesce(m.illustratif, FALSE) AS illustratif
     FROM y CROSS JOIN (VALUES ${codes.map(() => '(?)').join(', ')}) t(territoire) CROSS JOIN indicateurs i
     LEFT JOIN (
       SELECT y.k, m.*, row_number() OVER (PARTITION BY y.k, m.territoire, m.indicateur ORDER BY m.annee DESC) AS rn
       FROM y JOIN mesures m ON m.annee <= y.jusqua
       WHERE m.territoire IN (${codes.map(() => '?').join(', ')}) AND m.part IS NOT NULL
     ) m ON m.k = y.k AND m.territoire = t.territoire AND m.indicateur = i.id AND m.rn = 1
     ORDER BY y.k, t.territoire, i.ordre, i.id`,
    [...years.flatMap((v, k) => [k, v]), ...codes, ...codes],
  );
}

import { z } from 'zod';
import { sqlQuery } from './quote';
import type { SqlQuery } from '../connector';
import { MissingReason } from './measures';

export const RankingRow = z.object({
  territoire: z.string(),
  nom_fr: z.string(),
  nom_en: z.string(),
  part: z.number().nullable(),
  femmes: z.number().nullable(),
  effectif: z.number().nullable(),
  faible_fiabilite: z.boolean(),
  statut: z.string().nullable(),
  raison: MissingReason.nullable(),
  /** 1 = highest share of women; NULL when the value is missing. */
  rang: z.number().int().nullable(),
  rang_precedent: z.number().int().nullable(),
  /** Places gained since the previous year (positive = moved up). */
  evolution_rang: z.number().int().nullable(),
});
export type RankingRow = z.infer<typeof RankingRow>;

/** One ranking to compute: an indicator in a year (several in one query, for the overview's prefetch). */
export interface RankingJob {
  readonly indicateur: string;
  readonly annee: number;
}

/**
 * The départements of a région ranked by share of women for one year, with their rank the previous year and the
 * change. Every département of the région is listed, with raison 'absent' when it has no row that year.
 */
export function rankingQuery(a: { region: string } & RankingJob): SqlQuery {
  return rankingsQuery({ region: a.region, jobs: [a] });
}

/**
 * Several rankings in one query (each indicator at its own year), rows grouped by job in the order given, each
 * with its job's index `k` and `indicateur`. Each job's rows are exactly `rankingQuery`'s (tests/sql/indicators.test.ts).
 */
export function rankingsQuery(a: { region: string; jobs: readonly RankingJob[] }): SqlQuery {
  const jobs = a.jobs.map(() => '(?::INTEGER, ?, ?::INTEGER)').join(', ');
  return sqlQuery(
    `WITH j AS (SELECT * FROM (VALUES ${jobs}) j(k, indicateur, annee)),
     ranked AS (
       SELECT j.k, m.annee, m.territoire, m.part, m.femmes, m.effectif, m.faible_fiabilite, m.statut, m.raison,
         CASE WHEN m.part IS NOT NULL THEN CAST(rank() OVER (PARTITION BY j.k, m.annee, m.part IS NULL ORDER BY m.part DESC) AS INTEGER) END AS rang
       FROM j JOIN mesures m ON m.indicateur = j.indicateur AND (m.annee = j.annee OR m.annee = j.annee - 1)
       JOIN territoires t ON t.code = m.territoire AND t.type = 'departement' AND t.region = ?
     )
     SELECT j.k, j.indicateur, t.code AS territoire, t.nom_fr, t.nom_en, cur.part, cur.femmes, cur.effectif,
       coalesce(cur.faible_fiabilite, FALSE) AS faible_fiabilite, cur.statut, CASE WHEN cur.territoire IS NULL THEN 'absent' ELSE cur.raison END AS raison,
       cur.rang, prev.rang AS rang_precedent, prev.rang - cur.rang AS evolution_rang
     FROM j CROSS JOIN territoires t
     LEFT JOIN ranked cur ON cur.k = j.k AND cur.territoire = t.code AND cur.annee = j.annee
     LEFT JOIN ranked prev ON prev.k = j.k AND prev.territoire = t.code AND prev.annee = j.annee - 1
     WHERE t.type = 'departement' AND t.region = ?
     ORDER BY j.k, cur.rang NULLS LAST, t.code`,
    [...a.jobs.flatMap((x, k) => [k, x.indicateur, x.annee]), a.region, a.region],
  );
}

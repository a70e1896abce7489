import { z } from 'zod';
import { sqlQuery } from './quote';
import type { SqlParam, SqlQuery } from '../connector';

/** Fewer points than this give no slope and no projection. */
export const MIN_POINTS = 3;

export const ParityStatus = z.enum(['atteinte', 'projetee', 'pas_a_ce_rythme', 'insuffisant']);
export type ParityStatus = z.infer<typeof ParityStatus>;

export const TrendRow = z.object({
  territoire: z.string(),
  n_points: z.number().int(),
  debut: z.number().int(),
  fin: z.number().int(),
  part_debut: z.number(),
  part_fin: z.number(),
  /** Least-squares slope of the share over the window, points per year. */
  pente: z.number().nullable(),
  statut_parite: ParityStatus,
  /** Year the share would reach 50 % continuing from the latest value at the window's pace. */
  annee_parite: z.number().int().nullable(),
});
export type TrendRow = z.infer<typeof TrendRow>;

export interface TrendArgs {
  readonly indicateur: string;
  readonly territoires: readonly string[];
  /** Inclusive window; the whole series when absent. */
  readonly debut?: number;
  readonly fin?: number;
}

/**
 * The trends of one or more jobs (indicator, territories, window) as a SQL fragment, so that other builders (pace)
 * can compose it; rows carry their job's index `k` and `indicateur`.
 */
export function trendFragment(jobs: readonly TrendArgs[]): { sql: string; params: SqlParam[] } {
  return {
    sql: `
    WITH j AS (SELECT * FROM (VALUES ${jobs.map(() => '(?::INTEGER, ?, ?, ?::INTEGER, ?::INTEGER)').join(', ')}) j(k, indicateur, territoires, debut, fin)),
    pts AS (
      SELECT j.k, j.indicateur, m.territoire, m.annee, m.part FROM j JOIN mesures m
        ON m.indicateur = j.indicateur AND list_contains(string_split(j.territoires, ','), m.territoire)
        AND m.annee BETWEEN j.debut AND j.fin AND m.part IS NOT NULL
    ), agg AS (
      SELECT k, indicateur, territoire, CAST(count(*) AS INTEGER) AS n_points, min(annee) AS debut, max(annee) AS fin,
        arg_min(part, annee) AS part_debut, arg_max(part, annee) AS part_fin, regr_slope(part, annee ORDER BY annee) AS pente_brute
      FROM pts GROUP BY k, indicateur, territoire
    )
    SELECT k, indicateur, territoire, n_points, debut, fin, part_debut, part_fin,
      CASE WHEN n_points >= ${MIN_POINTS} THEN pente_brute END AS pente,
      CASE WHEN part_fin >= 50 THEN 'atteinte'
           WHEN n_points < ${MIN_POINTS} THEN 'insuffisant'
           WHEN pente_brute <= 0 THEN 'pas_a_ce_rythme'
           ELSE 'projetee' END AS statut_parite,
      CASE WHEN part_fin >= 50 THEN fin
           WHEN n_points >= ${MIN_POINTS} AND pente_brute > 0 THEN CAST(ceil(fin + (50 - part_fin) / pente_brute - 1e-9) AS INTEGER)
      END AS annee_parite
    FROM agg`,
    params: jobs.flatMap((a, k) => [k, a.indicateur, a.territoires.join(','), a.debut ?? 1990, a.fin ?? 2100]),
  };
}

/**
 * Trend slope (points per year, least squares) over a window, and the year parity would be reached at that pace
 * from the latest value; 'pas_a_ce_rythme' when the share is not rising.
 */
export function trendQuery(a: TrendArgs): SqlQuery {
  return trendsQuery([a]);
}

/** Several trends in one query, rows grouped by job in the order given, each with its `k` and `indicateur`. */
export function trendsQuery(jobs: readonly TrendArgs[]): SqlQuery {
  const f = trendFragment(jobs);
  return sqlQuery(`${f.sql} ORDER BY k, territoire`, f.params);
}

import { z } from 'zod';
import { sqlQuery } from './quote';
import type { SqlQuery } from '../connector';
import { trendFragment } from './trend';

export const PaceRow = z.object({
  territoire: z.string(),
  part_fin: z.number(),
  fin: z.number().int(),
  cible: z.number(),
  annee_cible: z.number().int(),
  /** Points per year needed from the latest value to reach the target share by the target year. */
  gain_requis: z.number().nullable(),
  /** Observed slope over the window, points per year. */
  gain_observe: z.number().nullable(),
  /** True when the target is already met. */
  cible_atteinte: z.boolean(),
});
export type PaceRow = z.infer<typeof PaceRow>;

/**
 * The yearly gain (points) needed to reach `cible` % by `annee_cible`, beside the observed pace. NULL when the
 * target year is not after the latest year.
 */
export function paceQuery(a: { indicateur: string; territoire: string; cible: number; annee_cible: number; debut?: number; fin?: number }): SqlQuery {
  return pacesQuery({ ...a, jobs: [a] });
}

/** The same for several indicators (each over its own window) in one query, rows in job order, with `k` and `indicateur`. */
export function pacesQuery(a: { territoire: string; cible: number; annee_cible: number; jobs: readonly { indicateur: string; debut?: number; fin?: number }[] }): SqlQuery {
  const t = trendFragment(a.jobs.map((x) => ({ ...x, territoires: [a.territoire] })));
  return sqlQuery(
    `WITH tr AS (${t.sql})
     SELECT k, indicateur, territoire, part_fin, fin, ?::DOUBLE AS cible, ?::INTEGER AS annee_cible,
       CASE WHEN ?::INTEGER > fin THEN (?::DOUBLE - part_fin) / (?::INTEGER - fin) END AS gain_requis,
       pente AS gain_observe,
       part_fin >= ?::DOUBLE AS cible_atteinte
     FROM tr ORDER BY k`,
    [...t.params, a.cible, a.annee_cible, a.annee_cible, a.cible, a.annee_cible, a.cible],
  );
}

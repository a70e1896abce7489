import { z } from 'zod';
import { sqlQuery } from './quote';
import type { SqlQuery } from '../connector';
import { Raison } from './measures';

export const RankingRow = z.object({
  territoire: z.string(),
  nom_fr: z.string(),
  nom_en: z.string(),
  part: z.number().nullable(),
  femmes: z.number().nullable(),
  effectif: z.number().nullable(),
  faible_fiabilite: z.boolean(),
  statut: z.string().nullable(),
  raison: Raison.nullable(),
  /** 1 = highest share of women; NULL when the value is missing. */
  rang: z.number().int().nullable(),
  rang_precedent: z.number().int().nullable(),
  /** Places gained since the previous year (positive = moved up). */
  evolution_rang: z.number().int().nullable(),
});
export type RankingRow = z.infer<typeof RankingRow>;

const RANKED = `
  SELECT m.territoire, m.part, m.femmes, m.effectif, m.faible_fiabilite, m.statut, m.raison,
    CASE WHEN m.part IS NOT NULL THEN CAST(rank() OVER (PARTITION BY m.part IS NULL ORDER BY m.part DESC) AS INTEGER) END AS rang
  FROM mesures m JOIN territories t ON t.code = m.territoire AND t.type = 'departement' AND t.region = ?
  WHERE m.indicateur = ? AND m.annee = ?::INTEGER`;

/**
 * The départements of a région ranked by share of women for one year, with their rank the previous year and the
 * change. Every département of the région is listed, with raison 'absent' when it has no row that year.
 */
export function rankingQuery(a: { region: string; indicateur: string; annee: number }): SqlQuery {
  return sqlQuery(
    `WITH cur AS (${RANKED}), prev AS (${RANKED})
     SELECT t.code AS territoire, t.nom_fr, t.nom_en, cur.part, cur.femmes, cur.effectif,
       coalesce(cur.faible_fiabilite, FALSE) AS faible_fiabilite, cur.statut, CASE WHEN cur.territoire IS NULL THEN 'absent' ELSE cur.raison END AS raison,
       cur.rang, prev.rang AS rang_precedent, prev.rang - cur.rang AS evolution_rang
     FROM territories t
     LEFT JOIN cur ON cur.territoire = t.code
     LEFT JOIN prev ON prev.territoire = t.code
     WHERE t.type = 'departement' AND t.region = ?
     ORDER BY cur.rang NULLS LAST, t.code`,
    [a.region, a.indicateur, a.annee, a.region, a.indicateur, a.annee - 1, a.region],
  );
}

import { z } from 'zod';
import type { SqlQuery } from '../connector';
import { quoteIdent, quoteLiteral, sqlQuery } from './quote';
import { OBSERVATION_LIST, STATUSES_BY_STRENGTH } from './observation-schema';

/** The observation columns, as every import relation has them. */
const COLUMNS = OBSERVATION_LIST;

/** A count summed over the files of a key: the value of a lone row as it is, else NULL unless every row gives one (a secret is never read as zero). */
function summed(expr: string, alone: string): string {
  return `CASE WHEN count(*) = 1 THEN any_value(${alone}) WHEN count(${expr}) = count(*) THEN sum(${expr}) END`;
}

/**
 * SQL that writes into temporary table `into` dataset `id`'s loaded rows plus the rows of `from` (a table or view
 * with the observation columns), summed per territory × year × indicator: a second file of the same indicator
 * (DEPP première, then terminale) adds to the first. Counts add up (a missing total or men's count is taken from
 * the others first); a share is kept only for a key one file alone gives (shares do not add); the strongest status
 * wins (secret, then rupture, provisoire, estimation, faible_fiabilite); sources are listed once each.
 */
export function sumIntoSql(id: string, from: string, into: string): string {
  const statut = STATUSES_BY_STRENGTH.map((s) => `WHEN bool_or(statut = ${quoteLiteral(s)}) THEN ${quoteLiteral(s)}`).join(' ');
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdent(into)} AS
  SELECT territoire, annee, indicateur,
    CAST(${summed('femmes', 'femmes')} AS DOUBLE) AS femmes,
    CAST(${summed('coalesce(hommes, total - femmes)', 'hommes')} AS DOUBLE) AS hommes,
    CAST(${summed('coalesce(total, femmes + hommes)', 'total')} AS DOUBLE) AS total,
    CAST(CASE WHEN count(*) = 1 THEN any_value(part_femmes) END AS DOUBLE) AS part_femmes,
    CAST(CASE WHEN count(*) = 1 THEN any_value(statut) ${statut} END AS VARCHAR) AS statut,
    CAST(string_agg(DISTINCT source, ' ; ' ORDER BY source) AS VARCHAR) AS source
  FROM (SELECT ${COLUMNS} FROM observations WHERE jeu = ${quoteLiteral(id)} UNION ALL SELECT ${COLUMNS} FROM ${quoteIdent(from)})
  GROUP BY territoire, annee, indicateur;`;
}

/** A share from a row's counts, else its published share. */
const SHARE = (t: string) => `coalesce(${t}.part_femmes, 100 * ${t}.femmes / nullif(coalesce(${t}.total, ${t}.femmes + ${t}.hommes), 0))`;

export const OverrideRow = z.object({
  territoire: z.string(),
  annee: z.number().int(),
  indicateur: z.string(),
  jeu: z.string(),
  ancienne: z.number().nullable(),
  nouvelle: z.number().nullable(),
  /** How many keys are overridden in all (the same on every row). */
  n: z.number().int(),
});
export type OverrideRow = z.infer<typeof OverrideRow>;

/** Other active datasets' rows that an import as dataset `id` with priority `priorite` may override: lower priority, within the dashboard's scope. */
function overridableSql(): string {
  return `FROM observations o JOIN jeux d ON d.id = o.jeu
     WHERE d.actif AND o.jeu <> ? AND d.priorite < ?
       AND o.territoire IN (SELECT code FROM territoires WHERE occitanie OR type IN ('pays', 'ue'))`;
}

export const IndicatorRow = z.object({ indicateur: z.string() });
/** The indicators of the rows overridesQuery may list (a few, read from the loaded side only). */
export function overridableIndicatorsQuery(id: string, priorite: number): SqlQuery {
  return sqlQuery(`SELECT DISTINCT o.indicateur ${overridableSql()} ORDER BY 1`, [id, priorite]);
}

/**
 * The values of other active datasets that rows `from` would override as dataset `id` with priority `priorite`:
 * same territory × year × indicator within the dashboard's scope, from a dataset of lower priority (a higher one
 * keeps its value). The first `limit` keys, with the total count on every row; shares old → new. The scope is
 * checked on the loaded side of the join (the same territory), the small one. `indicators`, when given, are those of
 * overridableIndicatorsQuery, written as literals: DuckDB then skips the rows of other indicators by its column
 * statistics instead of joining every row of a large import.
 */
export function overridesQuery(id: string, from: string, priorite: number, limit = 10, indicators?: readonly string[]): SqlQuery {
  const only = indicators ? ` AND s.indicateur IN (${indicators.length ? indicators.map(quoteLiteral).join(', ') : 'NULL'})` : '';
  return sqlQuery(
    `SELECT s.territoire, s.annee, s.indicateur, o.jeu, ${SHARE('o')} AS ancienne, ${SHARE('s')} AS nouvelle, CAST(count(*) OVER () AS INTEGER) AS n
     FROM ${quoteIdent(from)} s
     JOIN (SELECT o.* ${overridableSql()}) o ON o.territoire = s.territoire AND o.annee = s.annee AND o.indicateur = s.indicateur
     WHERE TRUE${only}
     ORDER BY s.indicateur, s.territoire, s.annee, o.jeu LIMIT ?`,
    [id, priorite, limit],
  );
}

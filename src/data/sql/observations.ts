import { z } from 'zod';
import { quoteIdent, sqlQuery } from './quote';
import type { SqlParam, SqlQuery } from '../connector';

export const ObservationRow = z.object({
  jeu: z.string(),
  territoire: z.string(),
  annee: z.number().int(),
  indicateur: z.string(),
  femmes: z.number().nullable(),
  hommes: z.number().nullable(),
  total: z.number().nullable(),
  part_femmes: z.number().nullable(),
  statut: z.string().nullable(),
  source: z.string().nullable(),
  /** The source in English: a default dataset's (its rows' sources are written in French), else the row's own if any. */
  source_en: z.string().nullable(),
  licence: z.string(),
  actif: z.boolean(),
});
export type ObservationRow = z.infer<typeof ObservationRow>;

export const SORTABLE = ['territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'jeu'] as const;
export type SortColumn = (typeof SORTABLE)[number];

export interface ObservationFilter {
  readonly territoire?: string;
  readonly indicateur?: string;
  readonly annee?: number;
  readonly jeu?: string;
}

function where(f: ObservationFilter): { sql: string; params: SqlParam[] } {
  const parts: string[] = ['TRUE'];
  const params: SqlParam[] = [];
  if (f.territoire) { parts.push('o.territoire = ?'); params.push(f.territoire); }
  if (f.indicateur) { parts.push('o.indicateur = ?'); params.push(f.indicateur); }
  if (f.annee !== undefined) { parts.push('o.annee = ?::INTEGER'); params.push(f.annee); }
  if (f.jeu) { parts.push('o.jeu = ?'); params.push(f.jeu); }
  return { sql: parts.join(' AND '), params };
}

/** The share of women of a row in percent: as published, else women over the total (or over women and men). */
const SHARE_SQL = 'coalesce(o.part_femmes, 100.0 * o.femmes / nullif(coalesce(o.total, o.femmes + o.hommes), 0))';

/**
 * The loaded observations (every dataset, active or not), filtered, sorted by a whitelisted column, one page at a
 * time (or all when `limit` is absent: exports).
 */
export function observationsQuery(f: ObservationFilter, sort: { col: SortColumn; desc: boolean }, page?: { limit: number; offset: number }): SqlQuery {
  const w = where(f);
  const col = SORTABLE.includes(sort.col) ? sort.col : 'territoire';
  // The share column is sorted as the table shows it: the published share, else women over the total.
  const order = col === 'part_femmes' ? SHARE_SQL : `o.${quoteIdent(col)}`;
  const paging = page ? ' LIMIT ?::INTEGER OFFSET ?::INTEGER' : '';
  return sqlQuery(
    `SELECT o.jeu, o.territoire, o.annee, o.indicateur, o.femmes, o.hommes, o.total, o.part_femmes, o.statut, coalesce(o.source, d.source) AS source,
       CASE WHEN d.origine = 'defaut' THEN d.source_en ELSE coalesce(o.source, d.source_en) END AS source_en, d.licence, d.actif
     FROM observations o JOIN jeux d ON d.id = o.jeu WHERE ${w.sql}
     ORDER BY ${order} ${sort.desc ? 'DESC' : 'ASC'} NULLS LAST, o.territoire, o.annee, o.indicateur, o.jeu${paging}`,
    page ? [...w.params, page.limit, page.offset] : w.params,
  );
}

export const CountRow = z.object({ n: z.number().int() });

export function observationsCountQuery(f: ObservationFilter): SqlQuery {
  const w = where(f);
  return sqlQuery(`SELECT CAST(count(*) AS INTEGER) AS n FROM observations o WHERE ${w.sql}`, w.params);
}

export const FacetRow = z.object({ territoires: z.array(z.string()), indicateurs: z.array(z.string()), annees: z.array(z.number().int()), jeux: z.array(z.string()) });

/** The values each filter offers. */
export function facetsQuery(): SqlQuery {
  return sqlQuery(
    `SELECT list(DISTINCT territoire ORDER BY territoire) AS territoires, list(DISTINCT indicateur ORDER BY indicateur) AS indicateurs,
       list(DISTINCT annee ORDER BY annee DESC) AS annees, list(DISTINCT jeu ORDER BY jeu) AS jeux FROM observations`,
  );
}

export const NameRow = z.object({ kind: z.enum(['territoire', 'indicateur', 'jeu']), code: z.string(), nom_fr: z.string(), nom_en: z.string() });
export type NameRow = z.infer<typeof NameRow>;

/** Names in both languages of the territories, indicators and datasets the observations refer to (table, filters). */
export function observationNamesQuery(): SqlQuery {
  return sqlQuery(
    `SELECT 'territoire' AS kind, t.code, t.nom_fr, t.nom_en FROM territoires t WHERE t.code IN (SELECT DISTINCT territoire FROM observations)
     UNION ALL SELECT 'indicateur', i.id, i.libelle_fr, i.libelle_en FROM indicateurs i
     UNION ALL SELECT 'jeu', d.id, d.nom_fr, d.nom_en FROM jeux d`,
  );
}

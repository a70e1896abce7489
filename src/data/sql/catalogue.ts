import { z } from 'zod';
import { sqlQuery } from './quote';
import type { SqlQuery } from '../connector';

export const IndicatorRow = z.object({
  id: z.string(),
  etape: z.enum(['orientation', 'education', 'formation_pro', 'emploi', 'insertion']),
  ordre: z.number().int(),
  libelle_fr: z.string(),
  libelle_en: z.string(),
  definition_fr: z.string(),
  definition_en: z.string(),
  unite: z.string(),
  producteur: z.string(),
  /** The indicator as the end of "women make up 23 % …" (« des emplois du numérique »). */
  phrase_fr: z.string(),
  phrase_en: z.string(),
});
export type IndicatorRow = z.infer<typeof IndicatorRow>;

/** The indicator catalogue in pipeline order. */
export function indicatorsQuery(): SqlQuery {
  return sqlQuery('SELECT * FROM indicateurs ORDER BY ordre, id');
}

export const TerritoryRow = z.object({
  code: z.string(),
  type: z.enum(['region', 'departement', 'pays', 'ue']),
  nom_fr: z.string(),
  nom_en: z.string(),
  region: z.string().nullable(),
  /** "in <territory>" with the right French preposition (« dans le Gard », « en Haute-Garonne »). */
  lieu_fr: z.string(),
  lieu_en: z.string(),
});
export type TerritoryRow = z.infer<typeof TerritoryRow>;

/** The région, its départements, France and the EU: the territories this dashboard shows. */
export function scopeTerritoriesQuery(region: string): SqlQuery {
  return sqlQuery(
    `SELECT code, type, nom_fr, nom_en, region, lieu_fr, lieu_en FROM territoires
     WHERE code = ? OR region = ? OR type IN ('pays', 'ue')
     ORDER BY CASE type WHEN 'region' THEN 0 WHEN 'departement' THEN 1 WHEN 'pays' THEN 2 ELSE 3 END, code`,
    [region, region],
  );
}

export const YearsRow = z.object({
  annee: z.number().int(),
  /** The year has a real (non-illustrative) value: the latest such year is the one a view opens on. */
  reel: z.boolean(),
});

/** Years that have at least one value for an indicator, newest first. */
export function yearsQuery(indicateur: string): SqlQuery {
  return sqlQuery(
    'SELECT annee, bool_or(NOT coalesce(illustratif, FALSE)) AS reel FROM mesures WHERE indicateur = ? AND part IS NOT NULL GROUP BY annee ORDER BY annee DESC',
    [indicateur],
  );
}

/** The year a view opens on when none is asked for: the latest with real data, else the latest (illustrative) one. */
export function defaultYear(years: readonly { annee: number; reel: boolean }[]): number | null {
  return (years.find((y) => y.reel) ?? years[0])?.annee ?? null;
}

export const SourceRow = z.object({
  id: z.string(),
  nom_fr: z.string(),
  nom_en: z.string(),
  source: z.string(),
  source_en: z.string(),
  licence: z.string(),
  licence_en: z.string(),
  /** The source's publication date (YYYY-MM-DD), as the analyst confirmed it; null when not stated. */
  derniere_maj: z.string().nullable(),
  illustratif: z.boolean(),
  /** Who publishes the data, and where (null: not stated). */
  producteur: z.string().nullable().optional(),
  url: z.string().nullable().optional(),
});
export type SourceRow = z.infer<typeof SourceRow>;

/** The active datasets that hold rows of an indicator: the sources to cite under its charts. */
export function sourcesQuery(indicateur: string): SqlQuery {
  return sqlQuery(
    `SELECT d.id, d.nom_fr, d.nom_en, d.source, d.source_en, d.licence, d.licence_en, strftime(d.derniere_maj, '%Y-%m-%d') AS derniere_maj, d.illustratif, d.producteur, d.url
     FROM jeux d WHERE d.actif AND EXISTS (SELECT 1 FROM jeux_indicateurs o WHERE o.jeu = d.id AND o.indicateur = ?)
     ORDER BY d.priorite DESC, d.id`,
    [indicateur],
  );
}

/** For every indicator, the active datasets that give its shown rows (one query per data change, not per chart). */
export function sourcesByIndicatorQuery(): SqlQuery {
  return sqlQuery(
    `SELECT ji.indicateur, d.id, d.nom_fr, d.nom_en, d.source, d.source_en, d.licence, d.licence_en, strftime(d.derniere_maj, '%Y-%m-%d') AS derniere_maj, d.illustratif, d.producteur, d.url
     FROM jeux d JOIN jeux_indicateurs ji ON ji.jeu = d.id WHERE d.actif
     ORDER BY d.priorite DESC, d.id, ji.indicateur`,
  );
}
export const IndicatorSourceRow = SourceRow.extend({ indicateur: z.string() });

/** Every active dataset that holds rows: the sources of charts that span all indicators (pipeline). */
export function activeSourcesQuery(): SqlQuery {
  return sqlQuery(
    `SELECT d.id, d.nom_fr, d.nom_en, d.source, d.source_en, d.licence, d.licence_en, strftime(d.derniere_maj, '%Y-%m-%d') AS derniere_maj, d.illustratif, d.producteur, d.url
     FROM jeux d WHERE d.actif AND EXISTS (SELECT 1 FROM jeux_indicateurs o WHERE o.jeu = d.id)
     ORDER BY d.priorite DESC, d.id`,
  );
}

export const CoverageRow = z.object({
  indicateur: z.string(),
  libelle_fr: z.string().nullable(),
  libelle_en: z.string().nullable(),
  jeu: z.string(),
  nom_fr: z.string(),
  nom_en: z.string(),
  illustratif: z.boolean(),
  debut: z.number().int(),
  fin: z.number().int(),
});
export type CoverageRow = z.infer<typeof CoverageRow>;

/**
 * Which active dataset feeds which indicator, over which years, in what the charts show (the retained rows: an
 * illustrative dataset left out of an indicator by real data is not listed for it). Read from the small table
 * refreshMeasures writes, never from the rows.
 */
export function coverageQuery(): SqlQuery {
  return sqlQuery(
    `SELECT ji.indicateur, i.libelle_fr, i.libelle_en, d.id AS jeu, d.nom_fr, d.nom_en, d.illustratif, ji.debut, ji.fin
     FROM jeux_indicateurs ji JOIN jeux d ON d.id = ji.jeu LEFT JOIN indicateurs i ON i.id = ji.indicateur
     ORDER BY i.ordre NULLS LAST, ji.indicateur, d.priorite DESC, d.id`,
  );
}

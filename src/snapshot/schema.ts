import { z } from 'zod';

/**
 * A ChartSnapshot holds everything one chart needs, and nothing that needs a database: the dashboard, the embed
 * and every export render the same snapshot. Versioned by `v`; a new version must keep decoding the old ones.
 */
export const SNAPSHOT_VERSION = 1;

export const ChartKind = z.enum(['kpi', 'map', 'ranking', 'trend', 'pipeline', 'comparison']);
export type ChartKind = z.infer<typeof ChartKind>;

export const PointFlags = z.object({
  /** Under 200 women, or flagged so by the producer. */
  faible: z.boolean().optional(),
  /** The producer's status: secret, estimation, faible_fiabilite, rupture, provisoire. */
  statut: z.string().max(40).nullable().optional(),
  /** Why the value is missing. */
  raison: z.enum(['secret', 'parts_seules', 'absent']).nullable().optional(),
  /** A projected (not observed) value. */
  projection: z.boolean().optional(),
});

export const Point = z.object({
  /** Category (territory code, indicator id) or year. */
  x: z.union([z.string().max(80), z.number()]),
  /** Label of the category, for axes, tooltips and tables. */
  label: z.string().max(200),
  /** Share of women in percent; null when missing (see flags.raison). */
  y: z.number().finite().nullable(),
  /** Year the value refers to, when the series mixes years (pipeline). */
  annee: z.number().int().nullable().optional(),
  rang: z.number().int().nullable().optional(),
  evolution_rang: z.number().int().nullable().optional(),
  /** The count behind the share, when known. */
  effectif: z.number().nullable().optional(),
  flags: PointFlags.optional(),
});
export type Point = z.infer<typeof Point>;

export const Series = z.object({
  id: z.string().max(80),
  label: z.string().max(200),
  role: z.enum(['focus', 'region', 'pays', 'ue', 'departement', 'projection']),
  points: z.array(Point).max(2000),
});
export type Series = z.infer<typeof Series>;

export const Reference = z.object({
  id: z.enum(['parite', 'region', 'france', 'ue', 'cible']),
  label: z.string().max(200),
  value: z.number().finite(),
});
export type Reference = z.infer<typeof Reference>;

export const Kpi = z.object({
  id: z.string().max(40),
  label: z.string().max(200),
  value: z.string().max(80),
  /** The number behind the formatted value, for tests and exports. */
  numeric: z.number().finite().nullable(),
  detail: z.string().max(400).optional(),
});
export type Kpi = z.infer<typeof Kpi>;

export const Source = z.object({
  name: z.string().max(400),
  /** Date of last update (YYYY-MM-DD), or null when the producer does not state it. */
  date: z.string().max(10).nullable(),
  licence: z.string().max(200),
  illustratif: z.boolean(),
});
export type Source = z.infer<typeof Source>;

export const ChartSnapshot = z.object({
  v: z.literal(SNAPSHOT_VERSION),
  kind: ChartKind,
  lang: z.enum(['fr', 'en']),
  title: z.string().max(300),
  subtitle: z.string().max(300).optional(),
  unit: z.literal('%'),
  indicateur: z.string().max(64),
  definition: z.string().max(1000),
  /** One generated sentence in the snapshot's language. */
  summary: z.string().max(1000),
  series: z.array(Series).max(40),
  references: z.array(Reference).max(10),
  kpis: z.array(Kpi).max(12).optional(),
  notes: z.array(z.string().max(400)).max(20),
  sources: z.array(Source).max(10),
  illustratif: z.boolean(),
  generatedAt: z.string().max(40),
  permalink: z.string().max(2000),
});
export type ChartSnapshot = z.infer<typeof ChartSnapshot>;

import * as z from 'zod/mini';

/**
 * A ChartSnapshot holds everything one chart needs, and nothing that needs a database: the dashboard, the embed
 * and every export render the same snapshot. Versioned by `v`; a new version must keep decoding the old ones.
 *
 * Written with zod's tree-shakable `zod/mini` (same package, same rules as zod classic), so that the embed, which
 * validates a snapshot and nothing else, does not carry all of zod. The data format is unchanged: v1 fragments
 * made before this rewrite still decode (tests/fixtures/embed-fragments-v1.json).
 */
export const SNAPSHOT_VERSION = 1;

const text = (max: number) => z.string().check(z.maxLength(max));
const maybe = <T extends z.core.SomeType>(t: T) => z.optional(z.nullable(t));

export const ChartKind = z.enum(['kpi', 'map', 'ranking', 'trend', 'pipeline', 'comparison']);
export type ChartKind = z.infer<typeof ChartKind>;

export const PointFlags = z.object({
  /** Under 200 women, or flagged so by the producer. */
  faible: z.optional(z.boolean()),
  /** The producer's status: secret, estimation, faible_fiabilite, rupture, provisoire. */
  statut: maybe(text(40)),
  /** Why the value is missing. */
  raison: maybe(z.enum(['secret', 'parts_seules', 'absent'])),
  /** A projected (not observed) value. */
  projection: z.optional(z.boolean()),
});

export const Point = z.object({
  /** Category (territory code, indicator id) or year. */
  x: z.union([text(80), z.number()]),
  /** Label of the category, for axes, tooltips and tables. */
  label: text(200),
  /** Share of women in percent; null when missing (see flags.raison). */
  y: z.nullable(z.number()),
  /** Year the value refers to, when the series mixes years (pipeline). */
  annee: maybe(z.int()),
  rang: maybe(z.int()),
  evolution_rang: maybe(z.int()),
  /** The count behind the share, when known. */
  effectif: maybe(z.number()),
  flags: z.optional(PointFlags),
});
export type Point = z.infer<typeof Point>;

export const Series = z.object({
  id: text(80),
  label: text(200),
  role: z.enum(['focus', 'region', 'pays', 'ue', 'departement', 'projection']),
  points: z.array(Point).check(z.maxLength(2000)),
});
export type Series = z.infer<typeof Series>;

export const Reference = z.object({
  id: z.enum(['parite', 'region', 'france', 'ue', 'cible']),
  label: text(200),
  value: z.number(),
});
export type Reference = z.infer<typeof Reference>;

export const Kpi = z.object({
  id: text(40),
  label: text(200),
  value: text(80),
  /** The number behind the formatted value, for tests and exports. */
  numeric: z.nullable(z.number()),
  detail: z.optional(text(400)),
});
export type Kpi = z.infer<typeof Kpi>;

export const Source = z.object({
  name: text(400),
  /** Date of last update (YYYY-MM-DD), or null when the producer does not state it. */
  date: z.nullable(text(10)),
  licence: text(200),
  illustratif: z.boolean(),
});
export type Source = z.infer<typeof Source>;

export const ChartSnapshot = z.object({
  v: z.literal(SNAPSHOT_VERSION),
  kind: ChartKind,
  lang: z.enum(['fr', 'en']),
  title: text(300),
  subtitle: z.optional(text(300)),
  unit: z.literal('%'),
  indicateur: text(64),
  definition: text(1000),
  /** One generated sentence in the snapshot's language. */
  summary: text(1000),
  series: z.array(Series).check(z.maxLength(40)),
  references: z.array(Reference).check(z.maxLength(10)),
  kpis: z.optional(z.array(Kpi).check(z.maxLength(12))),
  notes: z.array(text(400)).check(z.maxLength(20)),
  sources: z.array(Source).check(z.maxLength(10)),
  illustratif: z.boolean(),
  generatedAt: text(40),
  permalink: text(2000),
});
export type ChartSnapshot = z.infer<typeof ChartSnapshot>;

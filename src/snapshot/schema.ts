import * as z from 'zod/mini';
import { stripBidi } from '../lib/bidi';

/**
 * A ChartSnapshot holds everything one chart needs, and nothing that needs a database: the dashboard, the embed
 * and every export render the same snapshot. Versioned by `v`; a new version must keep decoding the old ones.
 *
 * Written with zod's tree-shakable `zod/mini` (same package, same rules as zod classic), so that the embed, which
 * validates a snapshot and nothing else, does not carry all of zod. The data format is unchanged: v1 fragments
 * made before this rewrite still decode (tests/fixtures/embed-fragments-v1.json).
 *
 * An embed decodes a snapshot from a link anyone can write, so every number is bounded here (a share, a year, a
 * count, a rank), and every text is bounded and loses its bidirectional controls as it is parsed. The builders
 * (./fit.ts) keep what they build within the same bounds, so a snapshot built from any valid import parses.
 */
export const SNAPSHOT_VERSION = 1;

/**
 * The import's upper bound for a count (femmes, hommes, total), mirrored here: the embed must not import the
 * import's code. A point's count may be a région's sum of départements, hence a margin of 100 such counts.
 */
export const MAX_COUNT = 1e12;
export const MAX_EFFECTIF = MAX_COUNT * 100;
/** Years a snapshot can show: the data's years (1990 to 2100) with room before them. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
/** A rank among the départements of a région, and its change. */
export const MAX_RANK = 1000;
/** The figures of KPI cards (shares, points, a parity year, a rank) are text for the reader; bounded all the same. */
export const MAX_KPI = 1e12;

/** Text caps: generous, and the builders cut longer text at a word with an ellipsis (./fit.ts) rather than fail. */
export const CAPS = {
  /** Three sources of up to 500 characters joined (an import cites its first three), and room to spare. */
  source: 2000,
  licence: 200,
  note: 1000,
  notes: 20,
  sources: 20,
  title: 300,
  definition: 1000,
  summary: 1000,
  label: 200,
  code: 80,
  kpiValue: 80,
  kpiDetail: 400,
  permalink: 2000,
} as const;

const text = (max: number) => z.string().check(z.overwrite(stripBidi), z.maxLength(max));
const maybe = <T extends z.core.SomeType>(t: T) => z.optional(z.nullable(t));
const between = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max));
const intBetween = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
const share = () => between(0, 100);
const year = () => intBetween(MIN_YEAR, MAX_YEAR);

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
  /**
   * Per value: true for an illustrative (generated) value, false for published data, so that a chart mixing a
   * real series with an illustrative one says which is which. Absent on points without a value and in snapshots
   * made before it (embeds already published): the snapshot's `illustratif` then stands for all of them.
   */
  illustratif: z.optional(z.boolean()),
});

export const Point = z.object({
  /** Category (territory code, indicator id) or year. */
  x: z.union([text(CAPS.code), year()]),
  /** Label of the category, for axes, tooltips and tables. */
  label: text(CAPS.label),
  /** Share of women in percent; null when missing (see flags.raison). */
  y: z.nullable(share()),
  /** Year the value refers to, when the series mixes years (pipeline). */
  annee: maybe(year()),
  rang: maybe(intBetween(0, MAX_RANK)),
  evolution_rang: maybe(intBetween(-MAX_RANK, MAX_RANK)),
  /** The year `evolution_rang` compares with (« ▲3 vs 2023 »); optional, so older fragments still decode. */
  rang_depuis: maybe(year()),
  /** The count behind the share, when known. */
  effectif: maybe(between(0, MAX_EFFECTIF)),
  flags: z.optional(PointFlags),
});
export type Point = z.infer<typeof Point>;

export const Series = z.object({
  id: text(CAPS.code),
  label: text(CAPS.label),
  role: z.enum(['focus', 'region', 'pays', 'ue', 'departement', 'projection']),
  points: z.array(Point).check(z.maxLength(2000)),
});
export type Series = z.infer<typeof Series>;

export const Reference = z.object({
  id: z.enum(['parite', 'region', 'france', 'ue', 'cible']),
  label: text(CAPS.label),
  /** A share: parity, a territory's value, a target. */
  value: share(),
});
export type Reference = z.infer<typeof Reference>;

export const Kpi = z.object({
  id: text(40),
  label: text(CAPS.label),
  value: text(CAPS.kpiValue),
  /** The number behind the formatted value, for tests and exports. */
  numeric: z.nullable(between(-MAX_KPI, MAX_KPI)),
  detail: z.optional(text(CAPS.kpiDetail)),
});
export type Kpi = z.infer<typeof Kpi>;

export const Source = z.object({
  name: text(CAPS.source),
  /** Date of last update (YYYY-MM-DD), or null when the producer does not state it. */
  date: z.nullable(text(10)),
  licence: text(CAPS.licence),
  illustratif: z.boolean(),
});
export type Source = z.infer<typeof Source>;

export const ChartSnapshot = z.object({
  v: z.literal(SNAPSHOT_VERSION),
  kind: ChartKind,
  lang: z.enum(['fr', 'en']),
  title: text(CAPS.title),
  subtitle: z.optional(text(CAPS.title)),
  unit: z.literal('%'),
  indicateur: text(64),
  definition: text(CAPS.definition),
  /** One generated sentence in the snapshot's language. */
  summary: text(CAPS.summary),
  series: z.array(Series).check(z.maxLength(40)),
  references: z.array(Reference).check(z.maxLength(10)),
  kpis: z.optional(z.array(Kpi).check(z.maxLength(12))),
  notes: z.array(text(CAPS.note)).check(z.maxLength(CAPS.notes)),
  sources: z.array(Source).check(z.maxLength(CAPS.sources)),
  illustratif: z.boolean(),
  generatedAt: text(40),
  permalink: text(CAPS.permalink),
}).check(
  // Lines over time (and the KPI cards' series) place their points by year: a category there would be drawn at NaN.
  z.refine((s) => (s.kind !== 'trend' && s.kind !== 'kpi') || s.series.every((q) => q.points.every((p) => typeof p.x === 'number')), { message: 'a point of a series over time has no year', path: ['series'] }),
);
export type ChartSnapshot = z.infer<typeof ChartSnapshot>;

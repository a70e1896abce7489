import { z } from 'zod';
import { ChartSnapshot } from '../../snapshot/schema';
import { IndicatorRow, TerritoryRow } from '../../data/sql/catalogue';
import type { OverviewCharts, OverviewModel } from './model';

const Charts = z.object({ kpi: ChartSnapshot, map: ChartSnapshot, ranking: ChartSnapshot, trend: ChartSnapshot, pipeline: ChartSnapshot });

/** The overview's default model, computed at build time, as JSON (the territory Map travels as its list). */
export const PrecomputedOverview = z.object({
  v: z.literal(1),
  indicators: z.array(IndicatorRow),
  scope: z.array(TerritoryRow),
  indicator: z.string(),
  years: z.array(z.number().int()),
  year: z.number().int().nullable(),
  defaultYear: z.number().int().nullable(),
  national: z.boolean(),
  illustrative: z.object({ types: z.array(TerritoryRow.shape.type), pipeline: z.array(z.string()) }),
  picked: z.array(z.string()),
  byLang: z.object({ fr: Charts, en: Charts }),
});
export type PrecomputedOverview = z.infer<typeof PrecomputedOverview>;

export function serialiseOverview(m: OverviewModel): PrecomputedOverview {
  if (!m.byLang) throw new Error('the default overview has no data');
  return { v: 1, indicators: m.catalogue.indicators, scope: m.catalogue.scope, indicator: m.indicator.id, years: m.years, year: m.year, defaultYear: m.defaultYear, national: m.national, illustrative: { types: [...m.illustrative.types], pipeline: [...m.illustrative.pipeline] }, picked: m.picked, byLang: m.byLang };
}

/**
 * The overviews of every indicator × year the data has, computed at build time by the same model and SQL, one
 * file each (`precomputed/overview/<indicator>/<year>.json`), fetched only when the URL or the user asks for that
 * view before DuckDB is ready. Each file is a PrecomputedOverview without the catalogue, which `index.json` of the
 * same folder holds once, with what the model needs to pick the indicator and year a URL means.
 */
export const OVERVIEW_DIR = 'overview';

export const PrecomputedYear = PrecomputedOverview.omit({ indicators: true, scope: true });
export type PrecomputedYear = z.infer<typeof PrecomputedYear>;

export const PrecomputedIndex = z.object({
  v: z.literal(1),
  indicators: z.array(IndicatorRow),
  scope: z.array(TerritoryRow),
  /** The indicator of a URL without `indicateur` (or with an unknown one): the live model's pickIndicator. */
  defaultIndicator: z.string(),
  /** Each indicator's years with a file, and the year its overview opens on (none when it has no data). */
  years: z.record(z.string(), z.object({ years: z.array(z.number().int()), defaultYear: z.number().int().nullable() })),
});
export type PrecomputedIndex = z.infer<typeof PrecomputedIndex>;

/** The file of one indicator × year, under `precomputed/`. */
export function overviewYearFile(indicator: string, year: number): string {
  return `${OVERVIEW_DIR}/${encodeURIComponent(indicator)}/${year}.json`;
}

/**
 * The indicator and year the live model shows for a URL's `indicateur` and `annee` (loadOverviews: an unknown
 * indicator means the default one, a year without data the indicator's default year), or null when the build has
 * no file for it (an indicator without data).
 */
export function resolveOverviewYear(index: PrecomputedIndex, indicateur: string | undefined, annee: number | undefined): { indicator: string; year: number } | null {
  const known = indicateur !== undefined && index.indicators.some((i) => i.id === indicateur);
  const indicator = known ? (indicateur as string) : index.defaultIndicator;
  const entry = Object.hasOwn(index.years, indicator) ? index.years[indicator] : undefined;
  if (!entry) return null;
  const year = annee !== undefined && entry.years.includes(annee) ? annee : entry.defaultYear;
  return year === null ? null : { indicator, year };
}

/** One indicator × year's file, without the catalogue that the index holds. */
export function serialiseYear(m: OverviewModel): PrecomputedYear {
  return PrecomputedYear.parse(serialiseOverview(m));
}

/** A whole PrecomputedOverview again, from the index and one year's file. */
export function joinYear(index: PrecomputedIndex, y: PrecomputedYear): PrecomputedOverview {
  return { ...y, indicators: index.indicators, scope: index.scope };
}

/** Rebuilds a model from the precomputed JSON, with the page's own permalink and time on every snapshot. */
export function modelFromPrecomputed(p: PrecomputedOverview, lang: 'fr' | 'en', permalink: string): OverviewModel | null {
  const indicator = p.indicators.find((i) => i.id === p.indicator);
  if (!indicator) return null;
  const fix = (c: OverviewCharts): OverviewCharts =>
    Object.fromEntries(Object.entries(c).map(([k, s]) => [k, { ...s, permalink }])) as OverviewCharts;
  const byLang = { fr: fix(p.byLang.fr), en: fix(p.byLang.en) };
  return {
    // The build-time charts carry their sources; the live catalogue replaces this one at hand-over.
    catalogue: { indicators: p.indicators, scope: p.scope, territories: new Map(p.scope.map((t) => [t.code, t])), departements: p.scope.filter((t) => t.type === 'departement'), sourcesOf: () => [], allSources: [] },
    indicator,
    years: p.years,
    year: p.year,
    defaultYear: p.defaultYear,
    national: p.national,
    illustrative: p.illustrative,
    picked: p.picked,
    charts: byLang[lang],
    byLang,
  };
}

/**
 * The pipeline of a département, at one year (`parcours=` in the URL): it depends on the year only, not on the
 * indicator, so one file per département × year (`precomputed/overview/parcours/<code>/<year>.json`) completes any
 * indicator's overview of that year. Computed at build by the same model (loadOverviews with that `parcours`).
 */
export const PrecomputedPipeline = z.object({
  v: z.literal(1),
  code: z.string(),
  year: z.number().int(),
  byLang: z.object({ fr: ChartSnapshot, en: ChartSnapshot }),
  /** The pipeline's indicators that are illustrative there (the notice's second item). */
  illustrative: z.array(z.string()),
});
export type PrecomputedPipeline = z.infer<typeof PrecomputedPipeline>;

/** The file of one département × year's pipeline, under `precomputed/`. */
export function pipelineFile(code: string, year: number): string {
  return `${OVERVIEW_DIR}/parcours/${encodeURIComponent(code)}/${year}.json`;
}

/** One département × year's pipeline, from a model computed with that `parcours`. */
export function serialisePipeline(m: OverviewModel, code: string): PrecomputedPipeline {
  if (!m.byLang || m.year === null) throw new Error('the overview has no data');
  return { v: 1, code, year: m.year, byLang: { fr: m.byLang.fr.pipeline, en: m.byLang.en.pipeline }, illustrative: [...m.illustrative.pipeline] };
}

/** An overview with another territory's pipeline (same year): what the live model gives with that `parcours`. */
export function withPipeline(o: PrecomputedOverview, p: PrecomputedPipeline): PrecomputedOverview {
  return {
    ...o,
    illustrative: { ...o.illustrative, pipeline: p.illustrative },
    byLang: { fr: { ...o.byLang.fr, pipeline: p.byLang.fr }, en: { ...o.byLang.en, pipeline: p.byLang.en } },
  };
}

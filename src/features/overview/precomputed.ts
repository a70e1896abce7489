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

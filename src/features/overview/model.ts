import type { Connector } from '../../data/connector';
import { runQuery } from '../../data/client';
import type { IndicatorRow } from '../../data/sql/catalogue';
import { measuresQuery, MesureRow } from '../../data/sql/measures';
import { rankingQuery, RankingRow } from '../../data/sql/ranking';
import { trendQuery, TrendRow } from '../../data/sql/trend';
import { paceQuery, PaceRow } from '../../data/sql/pace';
import { pipelineQuery, PipelineRow } from '../../data/sql/pipeline';
import { buildKpi, buildMap, buildRanking } from '../../snapshot/build-region';
import { buildPipeline, buildTrend } from '../../snapshot/build-series';
import type { SnapshotContext } from '../../snapshot/context';
import type { ChartSnapshot } from '../../snapshot/schema';
import type { Lang } from '../../lib/format';
import { loadCatalogue, pickIndicator, REGION, type Catalogue } from '../catalogue';

export interface OverviewArgs {
  readonly lang: Lang;
  readonly indicateur?: string;
  readonly annee?: number;
  readonly territoires?: readonly string[];
  /** Territory of the pipeline (the région by default). */
  readonly parcours?: string;
  readonly cible: number;
  readonly anneeCible: number;
  readonly permalink: string;
  readonly now: Date;
}

export interface OverviewModel {
  readonly catalogue: Catalogue;
  readonly indicator: IndicatorRow;
  readonly years: number[];
  readonly year: number | null;
  /** Départements shown on the trend (picked, or the highest and lowest). */
  readonly picked: string[];
  readonly charts: OverviewCharts | null;
  /** The same charts in both languages, for sharing and embeds in either. */
  readonly byLang: { fr: OverviewCharts; en: OverviewCharts } | null;
}

export type OverviewCharts = { kpi: ChartSnapshot; map: ChartSnapshot; ranking: ChartSnapshot; trend: ChartSnapshot; pipeline: ChartSnapshot };

/** Highest and lowest départements of a year: the default picks of the trend chart. */
function extremes(rows: readonly MesureRow[]): string[] {
  const v = rows.filter((r) => r.part !== null).sort((a, b) => (b.part ?? 0) - (a.part ?? 0));
  const hi = v[0];
  const lo = v.at(-1);
  return [...new Set([hi, lo].filter((r) => r !== undefined).map((r) => r.territoire))];
}

/** Every query of the overview, then the five chart snapshots built from their rows. */
export async function loadOverview(conn: Connector, a: OverviewArgs): Promise<OverviewModel> {
  performance.mark('overview:start');
  const catalogue = await loadCatalogue(conn);
  const indicator = pickIndicator(catalogue, a.indicateur);
  const codes = catalogue.scope.map((t) => t.code);
  // The measures hold every territory of `mesures` (the scope), so they give the years too: one query less
  // before the others can start.
  const measures = await runQuery(conn, measuresQuery({ indicateur: indicator.id, territoires: codes }), MesureRow);
  const years = [...new Set(measures.filter((m) => m.part !== null).map((m) => m.annee))].sort((x, y) => y - x);
  const year = a.annee !== undefined && years.includes(a.annee) ? a.annee : (years[0] ?? null);
  if (year === null) return { catalogue, indicator, years, year, picked: [], charts: null, byLang: null };

  const pipelineCode = a.parcours && catalogue.territories.has(a.parcours) ? a.parcours : REGION;
  const depCodes = new Set(catalogue.departements.map((d) => d.code));
  const upTo = measures.filter((r) => r.annee <= year);
  const atYear = (code: string) => measures.find((r) => r.territoire === code && r.annee === year);
  const depsAtYear = catalogue.departements.map((d) => atYear(d.code)).filter((r) => r !== undefined);
  const picked = (a.territoires ?? []).filter((c) => depCodes.has(c));
  const shown = picked.length ? picked : extremes(depsAtYear);
  const trendCodes = [REGION, 'FR', ...shown];
  const [ranking, pace, pipelines, trends] = await Promise.all([
    runQuery(conn, rankingQuery({ region: REGION, indicateur: indicator.id, annee: year }), RankingRow),
    runQuery(conn, paceQuery({ indicateur: indicator.id, territoire: REGION, cible: a.cible, annee_cible: a.anneeCible, fin: year }), PaceRow),
    runQuery(conn, pipelineQuery({ territoire: [pipelineCode, 'FR'], annee: year }), PipelineRow),
    runQuery(conn, trendQuery({ indicateur: indicator.id, territoires: trendCodes, fin: year }), TrendRow),
  ]);
  const pipeline = pipelines.filter((r) => r.territoire === pipelineCode);
  const pipelineFr = pipelines.filter((r) => r.territoire === 'FR');
  const sources = catalogue.sourcesOf(indicator.id);
  const allSources = catalogue.allSources;
  performance.measure('overview:queries', 'overview:start');
  const ctxOf = (lang: Lang): SnapshotContext => ({ lang, territories: catalogue.territories, sources, generatedAt: a.now.toISOString(), permalink: a.permalink });
  const refs = { region: atYear(REGION), france: atYear('FR'), ue: atYear('EU27_2020') };
  const regionSeries = upTo.filter((r) => r.territoire === REGION);
  const target = { cible: a.cible, annee: a.anneeCible };
  const seriesOf = (code: string) => upTo.filter((r) => r.territoire === code);
  const build = (ctx: SnapshotContext): OverviewCharts => ({
      kpi: buildKpi(ctx, { indicator, regionCode: REGION, year, series: regionSeries, trend: trends.find((t) => t.territoire === REGION), pace: pace[0], target }),
      map: buildMap(ctx, { indicator, regionCode: REGION, year, departements: depsAtYear, refs }),
      ranking: buildRanking(ctx, { indicator, regionCode: REGION, year, departements: depsAtYear, refs, ranking }),
      trend: buildTrend(ctx, {
        indicator,
        focus: REGION,
        series: [
          { code: REGION, role: 'region' as const, rows: seriesOf(REGION) },
          { code: 'FR', role: 'pays' as const, rows: seriesOf('FR') },
          ...(seriesOf('EU27_2020').length ? [{ code: 'EU27_2020', role: 'ue' as const, rows: seriesOf('EU27_2020') }] : []),
          ...shown.map((c) => ({ code: c, role: 'departement' as const, rows: seriesOf(c) })),
        ].filter((s) => s.rows.length > 0),
        trends,
        target,
      }),
      pipeline: buildPipeline(
        { ...ctx, sources: allSources },
        { indicators: catalogue.indicators, code: pipelineCode, rows: pipeline, compare: { code: 'FR', role: 'pays', rows: pipelineFr } },
      ),
  });
  const byLang = { fr: build(ctxOf('fr')), en: build(ctxOf('en')) };
  return {
    catalogue,
    indicator,
    years,
    year,
    picked: shown,
    charts: byLang[a.lang],
    byLang,
  };
}

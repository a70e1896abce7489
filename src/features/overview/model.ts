import type { Connector } from '../../data/connector';
import { runQuery } from '../../data/client';
import type { IndicatorRow, TerritoryRow } from '../../data/sql/catalogue';
import { z } from 'zod';
import { measuresQuery, MeasureRow } from '../../data/sql/measures';
import { rankingsQuery, RankingRow } from '../../data/sql/ranking';
import { trendsQuery, TrendRow } from '../../data/sql/trend';
import { paceOf, type PaceRow } from '../../data/sql/pace';
import { pipelinesQuery, PipelineRow } from '../../data/sql/pipeline';
import { buildKpi, buildMap, buildRanking } from '../../snapshot/build-region';
import { buildPipeline, buildTrend } from '../../snapshot/build-series';
import type { SnapshotContext } from '../../snapshot/context';
import type { ChartSnapshot } from '../../snapshot/schema';
import type { Lang } from '../../lib/format';
import type { Messages } from '../../i18n';
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
  /** The year opened when none is asked for: the latest with real data, else the latest (illustrative) one. */
  readonly defaultYear: number | null;
  /**
   * No département and no région has a value of this indicator (Eurostat's ICT specialists): only the France and
   * EU trend and the pipeline are shown, never a map, ranking or key figures that could not get data.
   */
  readonly national: boolean;
  /** What the overview shows that is illustrative: the notice names it (nothing illustrative: no notice). */
  readonly illustrative: IllustrativePart;
  /** Départements shown on the trend (picked, or the highest and lowest). */
  readonly picked: string[];
  readonly charts: OverviewCharts | null;
  /** The same charts in both languages, for sharing and embeds in either. */
  readonly byLang: { fr: OverviewCharts; en: OverviewCharts } | null;
}

/**
 * The illustrative part of an overview: the kinds of territory whose values of the indicator are illustrative
 * (up to the year shown), and the pipeline's indicators that are.
 */
export interface IllustrativePart {
  readonly types: readonly TerritoryRow['type'][];
  readonly pipeline: readonly string[];
}

const TYPES: readonly TerritoryRow['type'][] = ['departement', 'region', 'pays', 'ue'];

/** The illustrative part of what an overview shows (see IllustrativePart). */
export function illustrativeOf(catalogue: Catalogue, measures: readonly MeasureRow[], pipeline: readonly PipelineRow[], year: number | null): IllustrativePart {
  const shown = new Set(measures.filter((m) => m.illustratif && m.part !== null && (year === null || m.annee <= year)).map((m) => catalogue.territories.get(m.territoire)?.type));
  return { types: TYPES.filter((x) => shown.has(x)), pipeline: [...new Set(pipeline.filter((r) => r.illustratif && r.part !== null).map((r) => r.indicateur))] };
}

export type OverviewCharts = { kpi: ChartSnapshot; map: ChartSnapshot; ranking: ChartSnapshot; trend: ChartSnapshot; pipeline: ChartSnapshot };

/** Highest and lowest départements of a year: the default picks of the trend chart. */
function extremes(rows: readonly MeasureRow[]): string[] {
  const v = rows.filter((r) => r.part !== null).sort((a, b) => (b.part ?? 0) - (a.part ?? 0));
  const hi = v[0];
  const lo = v.at(-1);
  return [...new Set([hi, lo].filter((r) => r !== undefined).map((r) => r.territoire))];
}

/** Every query of the overview, then the five chart snapshots built from their rows. */
export async function loadOverview(conn: Connector, a: OverviewArgs): Promise<OverviewModel> {
  const [model] = await loadOverviews(conn, a, [{ indicateur: a.indicateur, annee: a.annee, permalink: a.permalink }]);
  if (!model) throw new Error('no overview');
  return model;
}

/** What differs between the overviews computed together: the indicator, the year and the page's address. */
export interface OverviewJob {
  readonly indicateur?: string;
  readonly annee?: number;
  readonly permalink: string;
}

const RankingsRow = RankingRow.extend({ k: z.number().int() });
const TrendsRow = TrendRow.extend({ k: z.number().int() });
const PipelinesRow = PipelineRow.extend({ jusqua: z.number().int() });

/**
 * The overviews of several indicators (the other arguments shared) with the same five queries as one: the page
 * computes the other indicators' overviews ahead of time this way. Each model equals `loadOverview`'s for its
 * indicator (tests/sql/overview.test.ts).
 */
export async function loadOverviews(conn: Connector, a: Omit<OverviewArgs, 'indicateur' | 'annee' | 'permalink'>, jobs: readonly OverviewJob[]): Promise<OverviewModel[]> {
  const catalogue = await loadCatalogue(conn);
  const indicators = jobs.map((j) => pickIndicator(catalogue, j.indicateur));
  const codes = catalogue.scope.map((t) => t.code);
  // The measures hold every territory of `mesures` (the scope), so they give the years too: one query less
  // before the others can start.
  const allMeasures = await runQuery(conn, measuresQuery({ indicateurs: [...new Set(indicators.map((i) => i.id))], territoires: codes }), MeasureRow);
  const pipelineCode = a.parcours && catalogue.territories.has(a.parcours) ? a.parcours : REGION;
  const depCodes = new Set(catalogue.departements.map((d) => d.code));
  const picked = (a.territoires ?? []).filter((c) => depCodes.has(c));
  const plans = jobs.map((job, k) => {
    const indicator = indicators[k] as IndicatorRow;
    const measures = allMeasures.filter((m) => m.indicateur === indicator.id);
    // Years with a value, or with values kept secret (shown as such, with their note): an import whose every
    // value is secret still has its charts, and no illustrative value stands in for it.
    const withPart = measures.filter((m) => m.part !== null || m.raison === 'secret');
    const years = [...new Set(withPart.map((m) => m.annee))].sort((x, y) => y - x);
    const realYear = Math.max(...withPart.filter((m) => !m.illustratif).map((m) => m.annee));
    const defaultYear = Number.isFinite(realYear) ? realYear : (years[0] ?? null);
    const year = job.annee !== undefined && years.includes(job.annee) ? job.annee : defaultYear;
    const national = !withPart.some((m) => m.territoire === REGION || depCodes.has(m.territoire));
    const atYear = (code: string) => measures.find((r) => r.territoire === code && r.annee === year);
    const depsAtYear = catalogue.departements.map((d) => atYear(d.code)).filter((r) => r !== undefined);
    const shown = picked.length ? picked : extremes(depsAtYear);
    return { job, indicator, measures, years, year, defaultYear, national, atYear, depsAtYear, shown };
  });
  const withData = plans.filter((p): p is typeof p & { year: number } => p.year !== null);
  // No statement depends on the picked départements or on the target: the trends are those of every
  // département (the picked ones are taken from them), the pace to the target is derived from the région's trend
  // (paceOf). So the answers the build records at the defaults stand for any `territoires`, `cible` and
  // `annee_cible` (src/features/overview/replay.ts).
  const trendCodes = [REGION, 'FR', ...catalogue.departements.map((d) => d.code)];
  const [rankings, pipelines, trends] = withData.length
    ? await Promise.all([
        runQuery(conn, rankingsQuery({ region: REGION, jobs: withData.map((p) => ({ indicateur: p.indicator.id, annee: p.year })) }), RankingsRow),
        runQuery(conn, pipelinesQuery({ territoire: [pipelineCode, 'FR'], annees: withData.map((p) => p.year) }), PipelinesRow),
        runQuery(conn, trendsQuery(withData.map((p) => ({ indicateur: p.indicator.id, territoires: trendCodes, fin: p.year }))), TrendsRow),
      ])
    : [[], [], []];
  const allSources = catalogue.allSources;
  return plans.map((p) => {
    const { job, indicator, measures, years, year, defaultYear, national, atYear, depsAtYear, shown } = p;
    if (year === null) return { catalogue, indicator, years, year, defaultYear, national, illustrative: illustrativeOf(catalogue, [], [], null), picked: [], charts: null, byLang: null };
    // This job's rows: the batched queries number their jobs in `withData`'s order.
    const k = withData.indexOf(p as (typeof withData)[number]);
    const ranking = rankings.filter((r) => r.k === k);
    const inTrend = new Set([REGION, 'FR', ...shown]);
    const trend = trends.filter((r) => r.k === k && inTrend.has(r.territoire));
    const pace = paceOf(trend.find((r) => r.territoire === REGION), { cible: a.cible, anneeCible: a.anneeCible });
    const pipeline = pipelines.filter((r) => r.jusqua === year && r.territoire === pipelineCode);
    const pipelineFr = pipelines.filter((r) => r.jusqua === year && r.territoire === 'FR');
    const model = buildOverview(a, { catalogue, indicator, years, year, measures, atYear, depsAtYear, shown, ranking, pace, trend, pipelineCode, pipeline, pipelineFr, allSources, permalink: job.permalink });
    return { ...model, defaultYear, national, illustrative: illustrativeOf(catalogue, measures, [...pipeline, ...pipelineFr], year) };
  });
}

function buildOverview(
  a: Omit<OverviewArgs, 'indicateur' | 'annee' | 'permalink'>,
  d: {
    catalogue: Catalogue; indicator: IndicatorRow; years: number[]; year: number; measures: MeasureRow[]; atYear: (code: string) => MeasureRow | undefined;
    depsAtYear: MeasureRow[]; shown: string[]; ranking: RankingRow[]; pace: PaceRow | undefined; trend: TrendRow[]; pipelineCode: string; pipeline: PipelineRow[]; pipelineFr: PipelineRow[];
    allSources: Catalogue['allSources']; permalink: string;
  },
): OverviewModel {
  const { catalogue, indicator, year, atYear, depsAtYear, shown, ranking, pace, pipelineCode, pipeline, pipelineFr, allSources } = d;
  const trends = d.trend;
  const sources = catalogue.sourcesOf(indicator.id);
  const upTo = d.measures.filter((r) => r.annee <= year);
  const ctxOf = (lang: Lang): SnapshotContext => ({ lang, territories: catalogue.territories, sources, generatedAt: a.now.toISOString(), permalink: d.permalink });
  const refs = { region: atYear(REGION), france: atYear('FR'), ue: atYear('EU27_2020') };
  const regionSeries = upTo.filter((r) => r.territoire === REGION);
  const target = { cible: a.cible, annee: a.anneeCible };
  const seriesOf = (code: string) => upTo.filter((r) => r.territoire === code);
  const build = (ctx: SnapshotContext): OverviewCharts => ({
      kpi: buildKpi(ctx, { indicator, regionCode: REGION, year, series: regionSeries, trend: trends.find((t) => t.territoire === REGION), pace, target }),
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
  return { catalogue, indicator, years: d.years, year, defaultYear: year, national: false, illustrative: { types: [], pipeline: [] }, picked: shown, charts: byLang[a.lang], byLang };
}

/** The notice's items for an overview: its indicator with the kinds of territory that are illustrative, then the pipeline's. */
export function illustrativeItems(m: Pick<OverviewModel, 'catalogue' | 'indicator' | 'illustrative'>, t: Messages, lang: Lang): string[] {
  const label = (i: IndicatorRow) => {
    const l = lang === 'en' ? i.libelle_en : i.libelle_fr;
    return l.charAt(0).toLowerCase() + l.slice(1);
  };
  const items: string[] = [];
  if (m.illustrative.types.length) items.push(t.illustrativeItem(label(m.indicator), m.illustrative.types.map((x) => t.illustrativeKinds[x]).join(', ')));
  const pipeline = m.catalogue.indicators.filter((i) => m.illustrative.pipeline.includes(i.id));
  if (pipeline.length) items.push(t.illustrativePipeline(pipeline.map(label).join(', ')));
  return items;
}

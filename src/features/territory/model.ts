import type { Connector } from '../../data/connector';
import { runQuery } from '../../data/client';
import { defaultYear, yearsQuery, YearsRow, type IndicatorRow, type TerritoryRow } from '../../data/sql/catalogue';
import { measuresQuery, MeasureRow } from '../../data/sql/measures';
import { rankingQuery, RankingRow } from '../../data/sql/ranking';
import { trendQuery, TrendRow } from '../../data/sql/trend';
import { paceOf } from '../../data/sql/pace';
import { pipelineQuery, PipelineRow } from '../../data/sql/pipeline';
import { buildKpi } from '../../snapshot/build-region';
import { buildComparison, buildPipeline, buildTrend } from '../../snapshot/build-series';
import { notesFor } from '../../snapshot/notes';
import type { SnapshotContext } from '../../snapshot/context';
import type { ChartSnapshot } from '../../snapshot/schema';
import type { Lang } from '../../lib/format';
import { illustrativeOf, type IllustrativePart } from '../overview/model';
import { loadCatalogue, pickIndicator, REGION, type Catalogue } from '../catalogue';

export interface TerritoryArgs {
  readonly lang: Lang;
  readonly code: string;
  readonly indicateur?: string;
  readonly annee?: number;
  readonly cible: number;
  readonly anneeCible: number;
  readonly permalink: string;
  readonly now: Date;
}

export type TerritoryCharts = { kpi: ChartSnapshot; comparison: ChartSnapshot; trend: ChartSnapshot; pipeline: ChartSnapshot };

export interface TerritoryModel {
  readonly catalogue: Catalogue;
  readonly territory: TerritoryRow | null;
  readonly indicator: IndicatorRow;
  readonly charts: TerritoryCharts | null;
  /** The same charts in both languages, for sharing and embeds in either. */
  readonly byLang: { fr: TerritoryCharts; en: TerritoryCharts } | null;
  /** Neither this département nor the région has a value of the indicator: no key figures are shown. */
  readonly national: boolean;
  /** What the page shows that is illustrative (named by the notice). */
  readonly illustrative: IllustrativePart;
  /** Data-quality notes by indicator label. */
  readonly quality: { indicator: string; notes: string[] }[];
}

/** What a territory page is about: its catalogue, département, indicator and year (the year the URL asks for when it has values, else the default). */
export interface TerritoryView {
  readonly catalogue: Catalogue;
  readonly territory: TerritoryRow | null;
  readonly indicator: IndicatorRow;
  readonly year: number;
}

/** The catalogue and the years of the indicator: the queries every territory page runs first (build-time `commun.json`). */
export async function resolveTerritory(conn: Connector, a: Pick<TerritoryArgs, 'code' | 'indicateur' | 'annee'>): Promise<TerritoryView> {
  const catalogue = await loadCatalogue(conn);
  const indicator = pickIndicator(catalogue, a.indicateur);
  const territory = catalogue.departements.find((d) => d.code === a.code) ?? null;
  const yearRows = await runQuery(conn, yearsQuery(indicator.id), YearsRow);
  const years = yearRows.map((y) => y.annee);
  // The latest year with real data, unless another is asked for (issue 19: defaults follow the data).
  const year = a.annee !== undefined && years.includes(a.annee) ? a.annee : (defaultYear(yearRows) ?? new Date().getFullYear());
  return { catalogue, territory, indicator, year };
}

/**
 * The rows of one territory page's charts: five queries, none of which depends on the language or the target (the
 * pace to the target is derived from the département's trend by paceOf), so the build's answers serve any target.
 */
async function territoryRows(conn: Connector, v: TerritoryView & { territory: TerritoryRow }) {
  const { indicator, year } = v;
  const code = v.territory.code;
  const [series, all, ranking, trends, pipelines] = await Promise.all([
    runQuery(conn, measuresQuery({ indicateur: indicator.id, territoires: [code, REGION, 'FR'] }), MeasureRow),
    runQuery(conn, measuresQuery({ territoires: [code] }), MeasureRow),
    runQuery(conn, rankingQuery({ region: REGION, indicateur: indicator.id, annee: year }), RankingRow),
    runQuery(conn, trendQuery({ indicateur: indicator.id, territoires: [code, REGION, 'FR'], fin: year }), TrendRow),
    runQuery(conn, pipelineQuery({ territoire: [code, REGION, 'FR'], annee: year }), PipelineRow),
  ]);
  return { series, all, ranking, trends, pipelines };
}

/**
 * Runs every query of a territory page without building its charts: what the build records per (département,
 * indicator, year) so that the page can draw from those answers before DuckDB is ready.
 */
export async function queryTerritory(conn: Connector, a: Pick<TerritoryArgs, 'code' | 'indicateur' | 'annee'>): Promise<TerritoryView> {
  const v = await resolveTerritory(conn, a);
  if (v.territory) await territoryRows(conn, { ...v, territory: v.territory });
  return v;
}

/** One département: every indicator against the région and France, its trend, pipeline, rank and quality notes. */
export async function loadTerritory(conn: Connector, a: TerritoryArgs): Promise<TerritoryModel> {
  const v = await resolveTerritory(conn, a);
  const { catalogue, territory, indicator } = v;
  if (!territory) return { catalogue, territory, indicator, charts: null, byLang: null, national: false, illustrative: { types: [], pipeline: [] }, quality: [] };
  const rows = await territoryRows(conn, { ...v, territory });
  return buildTerritory({ ...v, territory }, rows, a);
}

type Rows = Awaited<ReturnType<typeof territoryRows>>;
type Shown = TerritoryView & { territory: TerritoryRow };

/** The page's snapshots in both languages, from its rows (no query: the same rows give the same charts). */
function buildTerritory(v: Shown, d: Rows, a: TerritoryArgs): TerritoryModel {
  const { catalogue, territory, indicator, year } = v;
  const { series, all, pipelines } = d;
  const sources = catalogue.sourcesOf(indicator.id);
  const ctxOf = (lang: Lang): SnapshotContext => ({ lang, territories: catalogue.territories, sources, generatedAt: a.now.toISOString(), permalink: a.permalink });
  const ctx = ctxOf(a.lang);
  const label = (i: IndicatorRow) => (a.lang === 'en' ? i.libelle_en : i.libelle_fr);
  const quality = catalogue.indicators
    .map((i) => ({ indicator: label(i), notes: notesFor(ctx, all.filter((r) => r.indicateur === i.id), { withYear: true, illustratif: false }) }))
    .filter((q) => q.notes.length > 0);
  const byLang = { fr: territoryCharts(ctxOf('fr'), v, d, a), en: territoryCharts(ctxOf('en'), v, d, a) };
  return {
    catalogue,
    territory,
    indicator,
    quality,
    national: !series.some((r) => (r.territoire === territory.code || r.territoire === REGION) && (r.part !== null || r.raison === 'secret')),
    illustrative: illustrativeOf(catalogue, series, pipelines, year),
    charts: byLang[a.lang],
    byLang,
  };
}

/** The four charts of a territory page in one language. */
function territoryCharts(c: SnapshotContext, v: Shown, d: Rows, a: TerritoryArgs): TerritoryCharts {
  const { catalogue, indicator, year } = v;
  const { series, ranking, trends, pipelines } = d;
  const code = v.territory.code;
  const pipelineOf = (x: string) => pipelines.filter((r) => r.territoire === x);
  const pDep = pipelineOf(code);
  const pReg = pipelineOf(REGION);
  const upTo = series.filter((r) => r.annee <= year);
  const seriesOf = (x: string) => upTo.filter((r) => r.territoire === x);
  const target = { cible: a.cible, annee: a.anneeCible };
  const rankRow = ranking.find((r) => r.territoire === code);
  const allCtx = { ...c, sources: catalogue.allSources };
  return {
    kpi: buildKpi(c, {
      indicator,
      regionCode: code,
      year,
      series: seriesOf(code),
      trend: trends.find((tr) => tr.territoire === code),
      pace: paceOf(trends.find((tr) => tr.territoire === code), a),
      target,
      rank: { rang: rankRow?.rang ?? null, count: ranking.length, evolution: rankRow?.evolution_rang ?? null },
    }),
    comparison: buildComparison(allCtx, {
      indicators: catalogue.indicators,
      year,
      rows: [
        { code, role: 'focus', rows: pDep },
        { code: REGION, role: 'region', rows: pReg },
        { code: 'FR', role: 'pays', rows: pipelineOf('FR') },
      ],
    }),
    trend: buildTrend(c, {
      indicator,
      focus: code,
      series: [
        { code, role: 'departement' as const, rows: seriesOf(code) },
        { code: REGION, role: 'region' as const, rows: seriesOf(REGION) },
        { code: 'FR', role: 'pays' as const, rows: seriesOf('FR') },
      ].filter((s) => s.rows.length > 0),
      trends,
      target,
    }),
    pipeline: buildPipeline(allCtx, { indicators: catalogue.indicators, code, rows: pDep, compare: { code: REGION, role: 'region', rows: pReg } }),
  };
}

import type { IndicatorRow } from '../data/sql/catalogue';
import type { MeasureRow } from '../data/sql/measures';
import type { PipelineRow } from '../data/sql/pipeline';
import type { TrendRow } from '../data/sql/trend';
import { messages } from '../i18n';
import { formatPercent } from '../lib/format';
import { capitalise, frame, indicatorDefinition, indicatorLabel, indicatorPhrase, placeIn, placeName, t, type SnapshotContext } from './context';
import { fitSnapshot } from './fit';
import { flagsOf, notesFor, provenanceOf } from './notes';
import { pipelineSentence, trendSentence } from './summary';
import { MAX_YEAR, type ChartSnapshot, type Series } from './schema';

/** A projection reaches the parity year when it comes within this many years after the target year. */
export const PROJECTION_HORIZON = 10;

/**
 * The dashed projection of a trend: from the latest value at the observed pace, to the parity year when it comes
 * soon enough after the target year, else to the target year.
 */
export function projectionOf(tr: TrendRow, targetYear: number): { from: number; to: number; yFrom: number; yTo: number } | null {
  if (tr.pente === null || tr.statut_parite === 'atteinte' || tr.statut_parite === 'insuffisant') return null;
  if (tr.fin >= MAX_YEAR) return null;
  const limit = Math.min(MAX_YEAR, Math.max(targetYear, tr.fin + 1));
  const soon = tr.statut_parite === 'projetee' && tr.annee_parite !== null && tr.annee_parite <= limit + PROJECTION_HORIZON;
  // A snapshot's years end at MAX_YEAR: a projection past it stops there.
  const to = Math.min(MAX_YEAR, soon && tr.annee_parite !== null ? tr.annee_parite : limit);
  const yTo = Math.min(100, Math.max(0, tr.part_fin + tr.pente * (to - tr.fin)));
  return { from: tr.fin, to, yFrom: tr.part_fin, yTo: Math.round(yTo * 100) / 100 };
}

export interface TrendInput {
  readonly indicator: IndicatorRow;
  /** The territory the sentence and the projection are about (the région, or a département). */
  readonly focus: string;
  /** Series to draw, in order: territory code → its measures, oldest first. */
  readonly series: readonly { code: string; role: Series['role']; rows: readonly MeasureRow[] }[];
  readonly trends: readonly TrendRow[];
  readonly target: { readonly cible: number; readonly annee: number };
}

/**
 * Whom the trend's sentence is about: the focus territory, or, when it has no value at all (an indicator published
 * for France and the EU only), the first series drawn, so the sentence describes what the chart shows.
 */
function summarySubject(a: TrendInput) {
  const has = (code: string) => a.series.find((s) => s.code === code)?.rows.some((r) => r.part !== null) ?? false;
  const code = has(a.focus) ? a.focus : (a.series.find((s) => has(s.code))?.code ?? a.focus);
  const rows = a.series.find((s) => s.code === code)?.rows ?? [];
  return { code, latest: rows.at(-1), first: rows.find((r) => r.part !== null), trend: a.trends.find((tr) => tr.territoire === code) };
}

/** Series over time, the parity line, the target, and the focus territory's projection. */
export function buildTrend(ctx: SnapshotContext, a: TrendInput): ChartSnapshot {
  const m = t(ctx);
  const f = frame(ctx);
  const focusRows = a.series.find((s) => s.code === a.focus)?.rows ?? [];
  const focusTrend = a.trends.find((tr) => tr.territoire === a.focus);
  const series: Series[] = a.series.map((s) => ({
    id: s.code,
    label: placeName(ctx, s.code),
    role: s.role,
    points: s.rows.map((r) => ({ x: r.annee, label: String(r.annee), y: r.part, effectif: r.effectif, flags: flagsOf(r) })),
  }));
  // The pace is measured up to the chosen year, but a projection starts after the last observed year: later values
  // are drawn as observed, never under a projected line.
  const lastSeen = focusRows.filter((r) => r.part !== null).at(-1);
  const base = focusTrend && lastSeen && lastSeen.part !== null && lastSeen.annee > focusTrend.fin ? { ...focusTrend, fin: lastSeen.annee, part_fin: lastSeen.part } : focusTrend;
  const proj = base ? projectionOf(base, a.target.annee) : null;
  if (proj) {
    series.push({
      id: `${a.focus}-projection`,
      label: `${placeName(ctx, a.focus)} : ${m.projection}`.replace(' :', ctx.lang === 'fr' ? '\u00a0:' : ':'),
      role: 'projection',
      points: [
        { x: proj.from, label: String(proj.from), y: proj.yFrom, flags: { projection: true } },
        { x: proj.to, label: String(proj.to), y: proj.yTo, flags: { projection: true } },
      ],
    });
  }
  const years = a.series.flatMap((s) => s.rows.map((r) => r.annee));
  const all = a.series.flatMap((s) => s.rows);
  const notes = notesFor(ctx, all, { withYear: true, illustratif: f.illustratif });
  if (proj) notes.push(m.noteProjection);
  return fitSnapshot({
    ...f,
    kind: 'trend',
    title: m.chartTitleTrend(indicatorLabel(ctx, a.indicator), String(Math.min(...years)), String(Math.max(...years)), proj !== null),
    indicateur: a.indicator.id,
    definition: indicatorDefinition(ctx, a.indicator),
    summary: trendSentence(ctx, { ...summarySubject(a), phrase: indicatorPhrase(ctx, a.indicator) }),
    series,
    references: [
      { id: 'parite', label: m.refParity, value: 50 },
      // A 50 % target is the parity line itself.
      ...(a.target.cible === 50 ? [] : [{ id: 'cible' as const, label: m.refTarget(formatPercent(a.target.cible, ctx.lang, 0), String(a.target.annee)), value: a.target.cible }]),
    ],
    notes,
  });
}

function stageLabel(ctx: SnapshotContext, i: IndicatorRow): string {
  const m = messages(ctx.lang);
  return `${m[`stage_${i.etape}`]} · ${indicatorLabel(ctx, i)}`;
}

/** The pipeline: share of women by stage for a territory (and France beside it), latest year of each stage. */
export function buildPipeline(
  ctx: SnapshotContext,
  a: { indicators: readonly IndicatorRow[]; code: string; rows: readonly PipelineRow[]; compare?: { code: string; role: Series['role']; rows: readonly PipelineRow[] } },
): ChartSnapshot {
  const m = t(ctx);
  const f = frame(ctx);
  const byId = new Map(a.indicators.map((i) => [i.id, i]));
  const toSeries = (code: string, role: Series['role'], rows: readonly PipelineRow[]): Series => ({
    id: code,
    label: placeName(ctx, code),
    role,
    points: rows.map((r) => {
      const ind = byId.get(r.indicateur);
      return {
        x: r.indicateur,
        label: ind ? stageLabel(ctx, ind) : r.indicateur,
        y: r.part,
        annee: r.annee,
        effectif: r.effectif,
        flags: { faible: r.faible_fiabilite, statut: r.statut, raison: r.raison, ...provenanceOf(r) },
      };
    }),
  });
  const series = [toSeries(a.code, 'focus', a.rows)];
  if (a.compare) series.push(toSeries(a.compare.code, a.compare.role, a.compare.rows));
  const low = a.rows.filter((r) => r.faible_fiabilite && r.part !== null).map((r) => byId.get(r.indicateur)).filter((i) => i !== undefined);
  const notes: string[] = [];
  if (low.length) notes.push(m.noteLow(low.map((i) => indicatorLabel(ctx, i)).join(', ')));
  if (f.illustratif) {
    // The stages whose values are illustrative, named when others are real.
    notes.push(illustrativeStages(ctx, [...a.rows, ...(a.compare?.rows ?? [])], byId));
  }
  return fitSnapshot({
    ...f,
    kind: 'pipeline',
    title: m.chartTitlePipeline(placeIn(ctx, a.code)),
    indicateur: '',
    definition: m.pipelineDefinition,
    summary: pipelineSentence(ctx, {
      code: a.code,
      stages: a.rows.map((r) => ({ label: byId.get(r.indicateur) ? indicatorLabel(ctx, byId.get(r.indicateur) as IndicatorRow) : r.indicateur, part: r.part, annee: r.annee })),
    }),
    series,
    references: [{ id: 'parite', label: m.refParity, value: 50 }],
    notes,
  });
}

/** A département against its région and France, indicator by indicator (the territory page). */
export function buildComparison(
  ctx: SnapshotContext,
  a: { indicators: readonly IndicatorRow[]; year: number; rows: readonly { code: string; role: Series['role']; rows: readonly PipelineRow[] }[] },
): ChartSnapshot {
  const m = t(ctx);
  const f = frame(ctx);
  const byId = new Map(a.indicators.map((i) => [i.id, i]));
  const series: Series[] = a.rows.map((s) => ({
    id: s.code,
    label: placeName(ctx, s.code),
    role: s.role,
    points: s.rows.map((r) => ({
      x: r.indicateur,
      label: byId.get(r.indicateur) ? indicatorLabel(ctx, byId.get(r.indicateur) as IndicatorRow) : r.indicateur,
      y: r.part,
      annee: r.annee,
      effectif: r.effectif,
      flags: { faible: r.faible_fiabilite, statut: r.statut, raison: r.raison, ...provenanceOf(r) },
    })),
  }));
  const focus = series[0];
  const region = series.find((s) => s.role === 'region');
  let below = 0;
  let count = 0;
  for (const p of focus?.points ?? []) {
    const r = region?.points.find((q) => q.x === p.x);
    if (p.y !== null && r && r.y !== null) {
      count++;
      if (p.y < r.y) below++;
    }
  }
  return fitSnapshot({
    ...f,
    kind: 'comparison',
    title: m.chartTitleComparison(placeIn(ctx, focus?.id ?? ''), String(a.year)),
    indicateur: '',
    definition: m.comparisonDefinition,
    summary: count ? m.summaryComparison(capitalise(placeIn(ctx, focus?.id ?? '')), below, count) : m.summaryNoData,
    series,
    references: [{ id: 'parite', label: m.refParity, value: 50 }],
    notes: f.illustratif ? [illustrativeStages(ctx, a.rows.flatMap((s) => s.rows), byId)] : [],
  });
}

/** The illustrative note of a chart by indicator: the general one when all its values are, else naming the indicators that are. */
function illustrativeStages(ctx: SnapshotContext, rows: readonly PipelineRow[], byId: ReadonlyMap<string, IndicatorRow>): string {
  const m = t(ctx);
  const shown = rows.filter((r) => r.part !== null);
  const named = [...new Set(shown.filter((r) => r.illustratif).map((r) => r.indicateur))].map((id) => byId.get(id)).filter((i) => i !== undefined);
  return shown.every((r) => r.illustratif) || !named.length ? m.noteIllustrative : m.illustrativeOf(named.map((i) => indicatorLabel(ctx, i)).join(', '));
}

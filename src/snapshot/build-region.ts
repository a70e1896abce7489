import type { IndicatorRow } from '../data/sql/catalogue';
import type { MeasureRow } from '../data/sql/measures';
import type { PaceRow } from '../data/sql/pace';
import type { RankingRow } from '../data/sql/ranking';
import type { TrendRow } from '../data/sql/trend';
import { formatPercent, formatPoints } from '../lib/format';
import { frame, indicatorDefinition, indicatorLabel, indicatorPhrase, placeIn, placeName, t, type SnapshotContext } from './context';
import { fitSnapshot } from './fit';
import { flagsOf, notesFor } from './notes';
import { rangeSentence, trendSentence } from './summary';
import type { ChartSnapshot, Kpi, Point, Reference } from './schema';

/** Reference lines: parity, and the région, France and EU values of the year where they exist. */
export function referencesFor(ctx: SnapshotContext, refs: { region?: MeasureRow; france?: MeasureRow; ue?: MeasureRow }): Reference[] {
  const m = t(ctx);
  const out: Reference[] = [{ id: 'parite', label: m.refParity, value: 50 }];
  const add = (id: Reference['id'], r: MeasureRow | undefined) => {
    if (r && r.part !== null) out.push({ id, label: `${placeName(ctx, r.territoire)} (${formatPercent(r.part, ctx.lang)})`, value: r.part });
  };
  add('region', refs.region);
  add('france', refs.france);
  add('ue', refs.ue);
  return out;
}

function pointOf(ctx: SnapshotContext, r: MeasureRow, x: string | number): Point {
  return { x, label: typeof x === 'number' ? String(x) : placeName(ctx, r.territoire), y: r.part, effectif: r.effectif, flags: flagsOf(r) };
}

export interface KpiInput {
  readonly indicator: IndicatorRow;
  readonly regionCode: string;
  readonly year: number;
  /** The région's measures, every year up to `year`, oldest first. */
  readonly series: readonly MeasureRow[];
  readonly trend: TrendRow | undefined;
  readonly pace: PaceRow | undefined;
  readonly target: { readonly cible: number; readonly annee: number };
  /** A département's rank among the région's départements (territory page). */
  readonly rank?: { readonly rang: number | null; readonly count: number; readonly evolution: number | null };
}

/** KPI cards for the région: latest share, changes, gap, parity year, required against observed pace. */
export function buildKpi(ctx: SnapshotContext, a: KpiInput): ChartSnapshot {
  const m = t(ctx);
  const L = ctx.lang;
  const latest = a.series.find((r) => r.annee === a.year);
  const first = a.series.find((r) => r.part !== null);
  const prev = a.series.find((r) => r.annee === a.year - 1);
  const na = m.notAvailable;
  const diff = (x: MeasureRow | undefined) => (latest?.part != null && x?.part != null && x.annee < latest.annee ? latest.part - x.part : null);
  const dPeriod = diff(first);
  const dYear = diff(prev);
  const tr = a.trend;
  const parityText =
    !tr ? m.parityTooShort
    : tr.statut_parite === 'projetee' ? String(tr.annee_parite)
    : tr.statut_parite === 'atteinte' ? m.parityReached
    : tr.statut_parite === 'pas_a_ce_rythme' ? m.parityNotAtThisPace
    : m.parityTooShort;
  const p = a.pace;
  const paceText = !p ? na : p.cible_atteinte ? m.targetReached : p.gain_requis === null ? m.targetPast : m.perYear(formatPoints(p.gain_requis, L, { signed: true }));
  const kpis: Kpi[] = [
    { id: 'part', label: m.kpiLatest, value: latest?.part != null ? formatPercent(latest.part, L) : na, numeric: latest?.part ?? null },
    { id: 'evolution_periode', label: m.kpiChangePeriod(String(first?.annee ?? '')), value: dPeriod === null ? na : formatPoints(dPeriod, L, { signed: true }), numeric: dPeriod },
    { id: 'evolution_annee', label: m.kpiChangeYear(String(a.year - 1)), value: dYear === null ? na : formatPoints(dYear, L, { signed: true }), numeric: dYear },
    { id: 'ecart', label: m.kpiGap, value: latest?.ecart_parite != null ? formatPoints(latest.ecart_parite, L) : na, numeric: latest?.ecart_parite ?? null },
    { id: 'annee_parite', label: m.kpiParityYear, value: parityText, numeric: tr?.annee_parite ?? null },
    {
      id: 'rythme_requis',
      label: m.kpiRequiredPace(formatPercent(a.target.cible, L, 0), String(a.target.annee)),
      value: paceText,
      numeric: p?.gain_requis ?? null,
      detail: p?.gain_observe != null ? m.kpiObservedPace(formatPoints(p.gain_observe, L, { signed: true })) : undefined,
    },
  ];
  if (a.rank) {
    const ev = a.rank.evolution;
    kpis.splice(1, 0, {
      id: 'rang',
      label: m.colRank,
      value: a.rank.rang === null ? na : `${a.rank.rang} / ${a.rank.count}`,
      numeric: a.rank.rang,
      detail: ev === null ? undefined : ev > 0 ? m.rankUp(ev) : ev < 0 ? m.rankDown(-ev) : m.rankSame,
    });
  }
  const f = frame(ctx);
  return fitSnapshot({
    ...f,
    kind: 'kpi',
    title: m.chartTitleKpi(indicatorLabel(ctx, a.indicator), placeIn(ctx, a.regionCode), String(a.year)),
    indicateur: a.indicator.id,
    definition: indicatorDefinition(ctx, a.indicator),
    summary: trendSentence(ctx, { code: a.regionCode, phrase: indicatorPhrase(ctx, a.indicator), latest, first, trend: tr }),
    series: [{ id: a.regionCode, label: placeName(ctx, a.regionCode), role: 'region', points: a.series.map((r) => pointOf(ctx, r, r.annee)) }],
    references: [{ id: 'parite', label: m.refParity, value: 50 }, { id: 'cible', label: m.refTarget(formatPercent(a.target.cible, L, 0), String(a.target.annee)), value: a.target.cible }],
    kpis,
    notes: notesFor(ctx, latest ? [latest] : [], { illustratif: f.illustratif }),
  });
}

export interface RegionYearInput {
  readonly indicator: IndicatorRow;
  readonly regionCode: string;
  readonly year: number;
  /** Measures of the région's départements for the year. */
  readonly departements: readonly MeasureRow[];
  readonly refs: { region?: MeasureRow; france?: MeasureRow; ue?: MeasureRow };
}

/** The choropleth: one point per département (x = code). */
export function buildMap(ctx: SnapshotContext, a: RegionYearInput): ChartSnapshot {
  const f = frame(ctx);
  const m = t(ctx);
  return fitSnapshot({
    ...f,
    kind: 'map',
    title: m.chartTitleMap(indicatorLabel(ctx, a.indicator), String(a.year)),
    indicateur: a.indicator.id,
    definition: indicatorDefinition(ctx, a.indicator),
    summary: rangeSentence(ctx, { year: a.year, phrase: indicatorPhrase(ctx, a.indicator), region: a.refs.region, regionCode: a.regionCode, departements: a.departements }),
    series: [{ id: 'departements', label: placeName(ctx, a.regionCode), role: 'departement', points: a.departements.map((r) => pointOf(ctx, r, r.territoire)) }],
    references: referencesFor(ctx, a.refs),
    notes: notesFor(ctx, [...a.departements, ...(a.refs.region ? [a.refs.region] : [])], { illustratif: f.illustratif }),
  });
}

/** The ranking: départements by share, with rank and rank change; reference lines for région, France, EU. */
export function buildRanking(ctx: SnapshotContext, a: RegionYearInput & { ranking: readonly RankingRow[] }): ChartSnapshot {
  const f = frame(ctx);
  const m = t(ctx);
  const byCode = new Map(a.departements.map((d) => [d.territoire, d]));
  return fitSnapshot({
    ...f,
    kind: 'ranking',
    title: m.chartTitleRanking(indicatorLabel(ctx, a.indicator), String(a.year)),
    indicateur: a.indicator.id,
    definition: indicatorDefinition(ctx, a.indicator),
    summary: rangeSentence(ctx, { year: a.year, phrase: indicatorPhrase(ctx, a.indicator), region: a.refs.region, regionCode: a.regionCode, departements: a.departements }),
    series: [
      {
        id: 'classement',
        label: placeName(ctx, a.regionCode),
        role: 'departement',
        points: a.ranking.map((r) => ({
          x: r.territoire,
          label: ctx.lang === 'en' ? r.nom_en : r.nom_fr,
          y: r.part,
          rang: r.rang,
          evolution_rang: r.evolution_rang,
          // The ranking compares with the year before (ranking.ts): said beside the change, « ▲3 vs 2023 ».
          ...(r.evolution_rang != null ? { rang_depuis: a.year - 1 } : {}),
          effectif: r.effectif,
          flags: flagsOf(byCode.get(r.territoire)),
        })),
      },
    ],
    references: referencesFor(ctx, a.refs),
    notes: notesFor(ctx, [...a.departements, ...(a.refs.region ? [a.refs.region] : [])], { illustratif: f.illustratif }),
  });
}

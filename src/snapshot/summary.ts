import type { MeasureRow } from '../data/sql/measures';
import type { TrendRow } from '../data/sql/trend';
import { formatPercent, formatPoints } from '../lib/format';
import { capitalise, placeIn, placeName, t, type SnapshotContext } from './context';

/**
 * « En 2024, les femmes représentent 23,1 % des emplois du numérique en Haute-Garonne, soit 2,4 points de plus
 * qu'en 2015 ; à ce rythme, la parité serait atteinte en 2071. » One sentence, in the context's language.
 */
export function trendSentence(
  ctx: SnapshotContext,
  a: { code: string; phrase: string; latest: MeasureRow | undefined; first: MeasureRow | undefined; trend: TrendRow | undefined },
): string {
  const m = t(ctx);
  const { latest, first, trend } = a;
  if (!latest) return m.summaryNoData;
  const year = String(latest.annee);
  if (latest.part === null) {
    return latest.raison === 'secret' ? m.summarySecret(year, placeIn(ctx, a.code)) : m.summaryMissing(year, placeIn(ctx, a.code));
  }
  let s = m.summaryShare(year, formatPercent(latest.part, ctx.lang), a.phrase, placeIn(ctx, a.code));
  if (first && first.part !== null && first.annee < latest.annee) {
    const diff = latest.part - first.part;
    const rounded = Math.round(diff * 10) / 10;
    s += rounded === 0 ? m.summaryNoChange(String(first.annee)) : m.summaryChange(pointsWords(ctx, Math.abs(diff)), diff > 0, String(first.annee));
  }
  return s + paritySuffix(ctx, trend);
}

/** « 2,4 points » / "2.4 points", spelt out for sentences. */
export function pointsWords(ctx: SnapshotContext, v: number): string {
  return formatPoints(v, ctx.lang).replace(/pts?$/, (u) => (ctx.lang === 'fr' ? (u === 'pts' ? 'points' : 'point') : u === 'pts' ? 'points' : 'point'));
}

function paritySuffix(ctx: SnapshotContext, trend: TrendRow | undefined): string {
  const m = t(ctx);
  if (!trend) return m.summaryTooShort;
  switch (trend.statut_parite) {
    case 'projetee':
      return m.summaryParity(String(trend.annee_parite));
    case 'pas_a_ce_rythme':
      return m.summaryNotAtThisPace;
    case 'atteinte':
      return m.summaryReached;
    case 'insuffisant':
      return m.summaryTooShort;
  }
}

/** The région's value and the range across départements, for the map and the ranking. */
export function rangeSentence(
  ctx: SnapshotContext,
  a: { year: number; phrase: string; region: MeasureRow | undefined; regionCode: string; departements: readonly MeasureRow[] },
): string {
  const m = t(ctx);
  const valued = a.departements.filter((d) => d.part !== null);
  if (valued.length === 0) return m.summaryNoData;
  const min = valued.reduce((x, y) => ((y.part ?? 0) < (x.part ?? 0) ? y : x));
  const max = valued.reduce((x, y) => ((y.part ?? 0) > (x.part ?? 0) ? y : x));
  const head =
    a.region && a.region.part !== null
      ? m.summaryShare(String(a.year), formatPercent(a.region.part, ctx.lang), a.phrase, placeIn(ctx, a.regionCode))
      : m.summaryMissing(String(a.year), placeIn(ctx, a.regionCode)).replace(/\.$/, '');
  const range = m.summaryRange(
    formatPercent(min.part ?? 0, ctx.lang),
    placeName(ctx, min.territoire),
    formatPercent(max.part ?? 0, ctx.lang),
    placeName(ctx, max.territoire),
  );
  const secret = a.departements.filter((d) => d.raison === 'secret');
  const tail = secret.length ? ` ${m.noteSecret(secret.map((d) => placeName(ctx, d.territoire)).join(', '))}` : '';
  return head + range + tail;
}

/** Lowest and highest stage of the pipeline. */
export function pipelineSentence(
  ctx: SnapshotContext,
  a: { code: string; stages: readonly { label: string; part: number | null; annee: number | null }[] },
): string {
  const m = t(ctx);
  const valued = a.stages.filter((s) => s.part !== null);
  if (valued.length === 0) return m.summaryNoData;
  const low = valued.reduce((x, y) => ((y.part ?? 0) < (x.part ?? 0) ? y : x));
  const high = valued.reduce((x, y) => ((y.part ?? 0) > (x.part ?? 0) ? y : x));
  return m.summaryPipeline(
    capitalise(placeIn(ctx, a.code)),
    formatPercent(low.part ?? 0, ctx.lang),
    `${low.label}, ${low.annee}`,
    formatPercent(high.part ?? 0, ctx.lang),
    `${high.label}, ${high.annee}`,
  );
}

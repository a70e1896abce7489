import { messages } from '../../i18n';
import { formatPercent } from '../../lib/format';
import type { Palette } from '../palette';
import type { ChartSnapshot, Series } from '../../snapshot/schema';
import { readableOn, seriesStyles, type SeriesStyle } from './colors';
import { spread } from './labels';
import { valueAxis, yearTicks, type ValueAxis } from './scale';
import { provenanceOfValues } from '../../snapshot/credits';

/** Font sizes of a chart `width` pixels wide (the renderer's, repeated here so the grammar needs no drawing code). */
const small = (width: number) => (width < 520 ? 11 : 12);
/** Estimated text width: the renderer's estimate (no font is measured). */
const textW = (t: string, size: number, bold = false) => t.length * size * (bold ? 0.62 : 0.55);

export interface EndLabel {
  readonly key: string;
  readonly text: string;
  /** Its line's colour, made legible as text on the palette's paper (colors.ts, readableOn). */
  readonly color: string;
  /** Year and share of the point the label names (the last value of its series). */
  readonly x: number;
  readonly value: number;
}

/**
 * Everything a chart over time is drawn from, the same for the dashboard's Recharts chart and the SVG of the
 * embed and exports: the year domain and its ticks, the share axis (with 50 % when parity is drawn), the styles
 * of the series, the room kept on the right and the labels written at the end of each line.
 */
export interface TrendGrammar {
  readonly x0: number;
  readonly x1: number;
  readonly years: readonly number[];
  readonly y: ValueAxis;
  readonly left: number;
  /** Room right of the plot for the end-of-line labels. */
  readonly right: number;
  readonly styles: readonly SeriesStyle[];
  readonly endLabels: readonly EndLabel[];
  readonly fontSize: number;
  /** The chart mixes real and illustrative series: the illustrative ones are muted (more transparent), and the legend says so. */
  readonly mixed: boolean;
}

/** Opacity of an illustrative line beside real ones. */
const ILLUSTRATIVE_OPACITY = 0.45;

/** The last point with a value of a series. */
function lastValue(q: Series) {
  for (let i = q.points.length - 1; i >= 0; i--) {
    const p = q.points[i];
    if (p && p.y !== null && Number.isFinite(Number(p.x))) return { x: Number(p.x), y: p.y };
  }
  return null;
}

/** The grammar of a trend `width` pixels wide whose plot is `plotH` pixels high. */
export function trendGrammar(s: ChartSnapshot, width: number, plotH: number, pal: Palette): TrendGrammar {
  const size = small(width);
  const m = messages(s.lang);
  const xs = s.series.flatMap((q) => q.points.map((p) => Number(p.x))).filter(Number.isFinite);
  const x0 = xs.length ? Math.min(...xs) : 2000;
  const x1 = xs.length ? Math.max(...xs) : 2001;
  const highest = Math.max(0, ...s.series.flatMap((q) => q.points.map((p) => p.y ?? 0)), ...s.references.map((r) => r.value));
  const y = valueAxis(highest, plotH, { parity: s.references.some((r) => r.id === 'parite'), dir: 'y' });
  const mixed = provenanceOfValues(s, s.series.flatMap((q) => q.points)) === 'mixte';
  const styles = seriesStyles(s.series, pal).map((st) => (mixed && provenanceOfValues(s, st.q.points) === 'illustrative' ? { ...st, opacity: Math.min(st.opacity, ILLUSTRATIVE_OPACITY) } : st));
  // Lines are named at their end when the chart is wide enough to keep a plot beside the names.
  const labels = width >= 420 ? styles.flatMap((st): EndLabel[] => {
    const last = lastValue(st.q);
    if (!last) return [];
    return [{ key: st.q.id, text: st.q.role === 'projection' ? m.projectionTag : st.q.label, color: readableOn(st.color, pal.paper), x: last.x, value: last.y }];
  }) : [];
  const left = Math.ceil(textW(formatPercent(100, s.lang, 0), size)) + 6;
  // Room on the right for the labels of lines that end at (or near) the last year; the others sit inside the plot.
  const room = (l: EndLabel, plotW: number) => textW(l.text, size, true) + 8 - ((x1 - l.x) / Math.max(1, x1 - x0)) * plotW;
  const right0 = Math.max(24, ...labels.map((l) => room(l, width - left - 24)));
  // At least half a year label: the last year's label is centred on the plot's edge.
  const right = Math.ceil(Math.min(Math.round(width * 0.3), Math.max(24, ...labels.map((l) => room(l, width - left - right0)))));
  return {
    x0, x1, y, styles, endLabels: labels, right, fontSize: size, left, mixed,
    years: yearTicks(x0, x1, Math.max(60, width - right - 50)),
  };
}

/** The end labels' vertical centres in pixels, spread so that none overlaps another, for a `sy` scale and plot. */
export function endLabelYs(g: TrendGrammar, sy: (v: number) => number, top: number, bottom: number): number[] {
  return spread(g.endLabels.map((l) => sy(l.value)), Math.round(g.fontSize * 1.3), top, bottom);
}

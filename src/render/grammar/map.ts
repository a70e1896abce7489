import { nice, ticks } from 'd3-array';
import { parityColor } from '../palette';
import { isIllustrativeValue, provenanceOfValues } from '../../snapshot/credits';
import type { ChartSnapshot, Point } from '../../snapshot/schema';

/**
 * The map's colour scale (d3's nice domain and ticks), the same on the dashboard's map and in the embed and exports. Fitted to the values
 * shown: sequential (light to dark, darker = a higher share) when every value lies on one side of parity, so that
 * 20 % and 28 % differ at a glance; diverging around 50 % (orange below, purple above, darker = further from
 * parity) only when values straddle it. Parity is always marked on the legend, at its place or past an end.
 */
export interface MapScale {
  readonly kind: 'sequential' | 'diverging';
  readonly lo: number;
  readonly hi: number;
  readonly color: (v: number) => string;
  /** Colour stops for the legend's gradient, from `lo` to `hi` (offset 0 to 1). */
  readonly stops: readonly { readonly offset: number; readonly color: string }[];
  /** Values written under the legend (d3 nice ticks of the domain, at most 6). */
  readonly ticks: readonly number[];
  /** Where 50 % lies on the legend, from 0 to 1, or which end it lies beyond. */
  readonly parity: number | 'below' | 'above';
}

/** ColorBrewer Blues, light to dark (colour-blind safe, prints in grey): the sequential scale. */
const BLUES: readonly (readonly [number, number, number])[] = [[239, 243, 255], [198, 219, 239], [158, 202, 225], [107, 174, 214], [49, 130, 189], [8, 81, 156]];

function ramp(t: number): string {
  const x = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (BLUES.length - 1);
  const i = Math.min(BLUES.length - 2, Math.floor(x));
  const a = BLUES[i] as readonly number[];
  const b = BLUES[i + 1] as readonly number[];
  return `rgb(${a.map((c, k) => Math.round(c + ((b[k] ?? c) - c) * (x - i))).join(',')})`;
}

/** The scale for the values shown on the map (missing ones aside). */
export function mapScale(values: readonly number[]): MapScale {
  const vs = values.filter(Number.isFinite);
  const min = vs.length ? Math.min(...vs) : 0;
  const max = vs.length ? Math.max(...vs) : 100;
  if (min < 50 && max > 50) {
    const d = Math.max(50 - min, max - 50);
    const [lo, hi] = nice(Math.max(0, 50 - d), Math.min(100, 50 + d), 4);
    const color = (v: number) => parityColor(v);
    return { kind: 'diverging', lo, hi, color, stops: [0, 0.25, 0.5, 0.75, 1].map((o) => ({ offset: o, color: color(lo + o * (hi - lo)) })), ticks: ticks(lo, hi, 4), parity: (50 - lo) / Math.max(1e-9, hi - lo) };
  }
  const [lo, hi] = nice(min === max ? Math.max(0, min - 1) : min, min === max ? Math.min(100, max + 1) : max, 5);
  const color = (v: number) => ramp((v - lo) / Math.max(1e-9, hi - lo));
  return {
    kind: 'sequential', lo, hi, color,
    stops: [0, 0.2, 0.4, 0.6, 0.8, 1].map((o) => ({ offset: o, color: ramp(o) })),
    ticks: ticks(lo, hi, 5).slice(0, 6),
    parity: hi < 50 ? 'above' : lo > 50 ? 'below' : (50 - lo) / Math.max(1e-9, hi - lo),
  };
}

/** Dark or white text on a fill `rgb(r,g,b)`, whichever reads better (relative luminance). */
export function inkOn(fill: string): string {
  const [r = 0, g = 0, b = 0] = (fill.match(/\d+/g) ?? []).map(Number).map((c) => {
    const x = c / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.22 ? '#1c2333' : '#ffffff';
}

/** Short names where the full one does not fit its département on a small map (the usual abbreviations). */
const SHORT: Readonly<Record<string, string>> = {
  '31': 'Hte-Garonne', '65': 'Htes-Pyr.', '66': 'Pyr.-Or.', '82': 'Tarn-et-G.', '12': 'Aveyron', '11': 'Aude', '09': 'Ariège',
};

/** The name written on a département: in full when the map is wide, abbreviated when it is not. */
export function mapName(code: string, name: string, wide: boolean): string {
  return wide && name.length <= 12 ? name : (SHORT[code] ?? name);
}

/** Nudges of a label from the shape's centre (in map units), where the centre sits badly for two lines of text. */
export const LABEL_NUDGE: Readonly<Record<string, readonly [number, number]>> = { '82': [-2, -1], '46': [0, -2], '81': [2, 1], '32': [-1, 0] };

/** How much of its colour an illustrative département keeps beside real ones (the bars' muted fill). */
export const MAP_ILLUSTRATIVE_OPACITY = 0.35;

/**
 * Which départements the map mutes: the illustrative values of a map that mixes them with real ones, as the bars
 * and the trend do (a map all illustrative says so in its label, and keeps its colours).
 */
export function mapMuted(s: Pick<ChartSnapshot, 'illustratif' | 'series'>): (p: Point | undefined) => boolean {
  const mixed = provenanceOfValues(s, s.series.flatMap((q) => q.points)) === 'mixte';
  return (p) => mixed && p !== undefined && isIllustrativeValue(s, p) === true;
}

/** The channels of `#rrggbb` or `rgb(r,g,b)`. */
function channels(c: string): number[] {
  if (c.startsWith('#')) return [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16) || 0);
  return (c.match(/\d+/g) ?? []).slice(0, 3).map(Number);
}

/**
 * A fill muted toward the paper: what the fill at MAP_ILLUSTRATIVE_OPACITY shows over it, as one opaque colour, so
 * that the label's ink and halo are chosen on the colour seen.
 */
export function mutedFill(fill: string, paper: string): string {
  const f = channels(fill);
  const p = channels(paper);
  return `rgb(${f.map((v, i) => Math.round(v * MAP_ILLUSTRATIVE_OPACITY + (p[i] ?? 255) * (1 - MAP_ILLUSTRATIVE_OPACITY))).join(',')})`;
}

import shapes from '../occitanie-shapes.json';
import { SERIES_STYLE, type Palette } from '../palette';
import type { Series } from '../../snapshot/schema';

/** The départements of the map, in code order: a département's colour is its place here, so it never depends on the page. */
const CODES = shapes.shapes.map((s) => s.id).sort();

/** A département's colour: from the palette's categorical scheme, by its code (Hérault is the same colour everywhere). */
export function departementColor(code: string, pal: Palette): string {
  const i = CODES.indexOf(code);
  const scheme = pal.departements;
  return (i < 0 ? pal.series.departement : scheme[i % scheme.length]) ?? pal.series.departement;
}

/** What a series is a line of: its territory (the projection's is the series it extends). */
function territoryOf(q: Pick<Series, 'id' | 'role'>): string {
  return q.role === 'projection' ? q.id.replace(/-projection$/, '') : q.id;
}

/**
 * One colour per territory on a page, whatever the chart: the région, France and the EU have fixed colours, a
 * département its scheme colour by code (as focus, as a picked line or as a bar of the comparison); a projection the
 * colour of the territory it extends.
 */
export function territoryColor(q: Pick<Series, 'id' | 'role'>, all: readonly Pick<Series, 'id' | 'role'>[], pal: Palette): string {
  const code = territoryOf(q);
  if (CODES.includes(code)) return departementColor(code, pal);
  const base = q.role === 'projection' ? all.find((x) => x.id === code && x.role !== 'projection') : q;
  const role = base?.role ?? 'region';
  return role === 'focus' || role === 'projection' ? pal.series.region : pal.series[role];
}

export type Marker = (typeof SERIES_STYLE)[keyof typeof SERIES_STYLE]['marker'];

export interface SeriesStyle {
  readonly q: Series;
  readonly color: string;
  readonly dash: string;
  readonly width: number;
  readonly marker: Marker;
  /** Projections are lighter than what was observed. */
  readonly opacity: number;
}

/** Colour, dash, width, marker and opacity of each series of a chart over time, on screen and in exports. */
export function seriesStyles(series: readonly Series[], pal: Palette): SeriesStyle[] {
  return series.map((q) => {
    const st = SERIES_STYLE[q.role];
    return { q, color: territoryColor(q, series, pal), dash: st.dash ?? '', width: st.width, marker: st.marker as Marker, opacity: q.role === 'projection' ? pal.projectionOpacity : 1 };
  });
}

/** Red, green and blue (0–255) of `#rrggbb`, `#rgb` or `rgb(r,g,b)`. */
function channels(c: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((d) => d + d).join('') : hex;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
  }
  const [r = 0, g = 0, b = 0] = (c.match(/\d+/g) ?? []).map(Number);
  return [r, g, b];
}

/** WCAG relative luminance. */
function luminance(rgb: readonly number[]): number {
  const [r = 0, g = 0, b = 0] = rgb.map((v) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(channels(a)), luminance(channels(b))].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/**
 * A colour for text drawn in a line's colour on `paper`: the colour itself when it reads at `min` (WCAG AA for
 * small text), else the same hue taken towards black on a light background (towards white on a dark one) by the
 * least step that reaches it, so that a label keeps its line's colour and stays legible in both themes.
 */
export function readableOn(color: string, paper: string, min = 4.5): string {
  if (contrast(color, paper) >= min) return color;
  const dark = luminance(channels(paper)) < 0.2;
  const rgb = channels(color);
  for (let t = 0.05; t < 1; t += 0.05) {
    const mixed = rgb.map((v) => Math.round(dark ? v + (255 - v) * t : v * (1 - t)));
    const out = `#${mixed.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    if (contrast(out, paper) >= min) return out;
  }
  return dark ? '#ffffff' : '#000000';
}

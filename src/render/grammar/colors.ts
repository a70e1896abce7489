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
    return { q, color: territoryColor(q, series, pal), dash: st.dash ?? '', width: st.width, marker: st.marker as Marker, opacity: q.role === 'projection' ? 0.6 : 1 };
  });
}

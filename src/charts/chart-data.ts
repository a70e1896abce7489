import type { ChartSnapshot, Point } from '../snapshot/schema';

/** A chart is ready only when it shows at least one value. */
export function hasData(s: ChartSnapshot): boolean {
  return s.series.some((x) => x.points.some((p) => p.y !== null)) || (s.kpis ?? []).some((k) => k.numeric !== null);
}

/** The status word of a point, for tables and tooltips: its missing reason, producer status, or low count. */
export function pointStatus(p: Point): string | null {
  const f = p.flags;
  if (!f) return null;
  if (f.projection) return 'projection';
  if (f.raison) return f.raison;
  if (f.statut) return f.statut;
  if (f.faible) return 'faible_fiabilite';
  return null;
}

/** Okabe–Ito colours (colour-blind safe), with a dash pattern and a marker per role so colour is never alone. */
export const SERIES_STYLE = {
  region: { color: '#0072B2', dash: undefined, marker: 'circle', width: 3 },
  focus: { color: '#0072B2', dash: undefined, marker: 'circle', width: 3 },
  pays: { color: '#1c2333', dash: '6 3', marker: 'square', width: 2 },
  ue: { color: '#6b4c9a', dash: '2 3', marker: 'triangle', width: 2 },
  departement: { color: '#D55E00', dash: undefined, marker: 'diamond', width: 2 },
  projection: { color: '#0072B2', dash: '5 5', marker: 'none', width: 2 },
} as const;

/** Reference lines: each its own dash pattern, so they differ without colour. */
export const REF_STYLE = {
  parite: { stroke: '#1c2333', dash: undefined },
  region: { stroke: '#0072B2', dash: '6 3' },
  france: { stroke: '#1c2333', dash: '2 3' },
  ue: { stroke: '#6b4c9a', dash: '8 3 2 3' },
  cible: { stroke: '#009E73', dash: '4 4' },
} as const;

/** Extra colours for the second, third… picked département. */
export const DEPARTEMENT_COLORS = ['#D55E00', '#009E73', '#CC79A7', '#8a6d00', '#56B4E9'];

const STOPS: [number, [number, number, number]][] = [
  [0, [127, 59, 8]],
  [10, [179, 88, 6]],
  [20, [224, 130, 20]],
  [30, [253, 184, 99]],
  [40, [254, 224, 182]],
  [50, [247, 247, 247]],
  [60, [216, 218, 235]],
  [70, [178, 171, 210]],
  [80, [128, 115, 172]],
  [100, [84, 39, 136]],
];

/**
 * Diverging colour scale anchored on parity (ColorBrewer PuOr, colour-blind safe): orange below 50 %, purple
 * above, near white at parity.
 */
export function parityColor(v: number): string {
  const x = Math.max(0, Math.min(100, v));
  for (let i = 1; i < STOPS.length; i++) {
    const [x1, c1] = STOPS[i] as [number, [number, number, number]];
    const [x0, c0] = STOPS[i - 1] as [number, [number, number, number]];
    if (x <= x1) {
      const t = (x - x0) / (x1 - x0);
      const c = c0.map((a, k) => Math.round(a + ((c1[k] ?? a) - a) * t));
      return `rgb(${c.join(',')})`;
    }
  }
  return 'rgb(84,39,136)';
}

/** Dark text on light fills, white text on dark ones. */
export function textOn(v: number): string {
  return v < 12 || v > 78 ? '#ffffff' : '#1c2333';
}

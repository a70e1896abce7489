import type { Reference, Series } from '../snapshot/schema';

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

/**
 * The départements' categorical scheme: a département takes the colour at its place among the map's codes
 * (grammar/colors.ts), never the région's blue, France's ink or the EU's purple; each at 3:1 or more on white.
 */
export const DEPARTEMENT_COLORS = ['#D55E00', '#007F5F', '#B0417F', '#7A6500', '#0E7C86', '#8C4B00'];

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

/**
 * The colours of the SVG renderer. Exports (SVG, PNG) are always light; the embed draws with the dark palette when
 * its theme is dark. The light palette takes its colours from the dashboard's (SERIES_STYLE and REF_STYLE above), so an export
 * looks like the chart on screen; the dark one keeps every mark at 3:1 or more against its background.
 */
export interface Palette {
  readonly ink: string;
  readonly soft: string;
  /** Background of a standalone export; the embed leaves its SVG transparent. */
  readonly paper: string;
  readonly grid: string;
  readonly axis: string;
  readonly card: string;
  readonly accent: string;
  readonly illustrative: string;
  readonly mapStroke: string;
  /** Missing values: hatched, never a colour of the scale. */
  readonly missing: string;
  readonly missingLine: string;
  /** Ranking bars, and their hatched variant for small counts. */
  readonly bar: string;
  readonly lowFill: string;
  readonly lowLine: string;
  /** Grouped bars: first series solid, second hatched, third dotted, so colour is never the only difference. */
  readonly groups: readonly [string, string, string];
  readonly groupMarks: readonly [string, string, string];
  readonly series: Readonly<Record<Series['role'], string>>;
  readonly departements: readonly string[];
  /** Opacity of a projection's line: lighter than what was observed, yet at 3:1 or more on the paper. */
  readonly projectionOpacity: number;
  readonly refs: Readonly<Record<Reference['id'], string>>;
}

const role = <K extends keyof typeof SERIES_STYLE>(k: K) => SERIES_STYLE[k].color;

export const LIGHT: Palette = {
  ink: '#1c2333',
  soft: '#4a5468',
  paper: '#ffffff',
  grid: '#e3e6ec',
  axis: '#767f92',
  card: '#f4f5f8',
  accent: '#7a1f3d',
  illustrative: '#8a5a00',
  mapStroke: '#3d4556',
  missing: '#f4f5f8',
  missingLine: '#767f92',
  bar: '#D55E00',
  lowFill: '#f6d3bd',
  lowLine: '#D55E00',
  groups: ['#0072B2', '#1c2333', '#D55E00'],
  groupMarks: ['#0072B2', '#8e95a6', '#fbe3d3'],
  series: { region: role('region'), focus: role('focus'), pays: role('pays'), ue: role('ue'), departement: role('departement'), projection: role('projection') },
  departements: DEPARTEMENT_COLORS,
  projectionOpacity: 0.6,
  refs: { parite: REF_STYLE.parite.stroke, region: REF_STYLE.region.stroke, france: REF_STYLE.france.stroke, ue: REF_STYLE.ue.stroke, cible: REF_STYLE.cible.stroke },
};

export const DARK: Palette = {
  ink: '#e8eaf0',
  soft: '#b9c0cf',
  paper: '#161b26',
  grid: '#2e3646',
  axis: '#8e95a6',
  card: '#1f2633',
  accent: '#e58aa8',
  illustrative: '#f0c36a',
  mapStroke: '#0d1118',
  missing: '#1f2633',
  missingLine: '#8e95a6',
  bar: '#E07B39',
  lowFill: '#3a2a20',
  lowLine: '#E07B39',
  groups: ['#56B4E9', '#c9cfdb', '#E07B39'],
  groupMarks: ['#56B4E9', '#161b26', '#161b26'],
  series: { region: '#56B4E9', focus: '#56B4E9', pays: '#e8eaf0', ue: '#c3a6e6', departement: '#E69F00', projection: '#56B4E9' },
  departements: ['#E69F00', '#2bc48f', '#e59cc4', '#F0E442', '#d4a373', '#7fd4e0'],
  projectionOpacity: 0.95,
  refs: { parite: '#e8eaf0', region: '#56B4E9', france: '#b9c0cf', ue: '#c3a6e6', cible: '#2bc48f' },
};

/** Dash patterns of the reference lines, the same on screen and in exports. */
export const REF_DASH: Readonly<Record<Reference['id'], string>> = {
  parite: '',
  region: REF_STYLE.region.dash,
  france: REF_STYLE.france.dash,
  ue: REF_STYLE.ue.dash,
  cible: REF_STYLE.cible.dash,
};

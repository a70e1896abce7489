import type { ChartSnapshot } from '../../snapshot/schema';
import { bars } from './bars';
import { kpis } from './kpis';
import { map } from './map';
import { LIGHT, type Palette } from '../palette';
import { trend } from './trend';
import { sizesFor, type Drawn } from './text';

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";

export interface ChartOpts {
  readonly palette?: Palette;
  /** Height of the plot of a map or a trend (exports fix it; by default it follows the width). */
  readonly height?: number;
  /** Map only: each département a link. */
  readonly links?: (code: string) => string;
}

/** The marks of a snapshot, `w` pixels wide, from the origin: the part that differs by kind. */
export function chartBody(s: ChartSnapshot, w: number, o: ChartOpts = {}): Drawn {
  const pal = o.palette ?? LIGHT;
  switch (s.kind) {
    case 'kpi':
      return kpis(s, w, pal);
    case 'map':
      return map(s, w, pal, { height: o.height, links: o.links });
    case 'trend':
      return trend(s, w, o.height ?? (sizesFor(w).narrow ? Math.round(Math.max(200, w * 0.62)) : Math.round(Math.min(340, w * 0.45))), pal);
    case 'ranking':
    case 'pipeline':
    case 'comparison':
      return bars(s, w, pal);
  }
}

/**
 * The chart alone (no title, texts or sources: the embed writes those as HTML), as one SVG element `width`
 * pixels wide, so that its text is drawn at its own size whatever the screen. Text stays text, escaped.
 */
export function chartSvg(s: ChartSnapshot, width: number, o: ChartOpts = {}): { svg: string; height: number } {
  const w = Math.max(200, Math.floor(width));
  const b = chartBody(s, w, o);
  const h = Math.ceil(b.height) + 2;
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${FONT}">${b.svg}</svg>`, height: h };
}


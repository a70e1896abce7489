import shapes from '../occitanie-shapes.json';
import { parityColor, textOn } from '../palette';
import { messages } from '../../i18n';
import { formatPercent } from '../../lib/format';
import type { ChartSnapshot, Point } from '../../snapshot/schema';
import { legend } from './legend';
import type { Palette } from '../palette';
import { esc, n, sizesFor, textWidth, type Drawn } from './text';

const [VX = 0, VY = 0, VW = 1, VH = 1] = shapes.viewBox.split(' ').map(Number);
const STOPS = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

/** The value of a département in words, as a reader hears or hovers it. */
function valueWords(s: ChartSnapshot, p: Point | undefined): string {
  const m = messages(s.lang);
  if (!p || p.y === null) return m.statusLabel(p?.flags?.raison ?? 'absent');
  return formatPercent(p.y, s.lang) + (p.flags?.faible ? ` (${m.lowMark})` : '');
}

export interface MapOpts {
  /** Total height (exports); by default the map keeps its shape, at most 440 px high. */
  readonly height?: number;
  /** Each département a link (embeds: to its page in the dashboard, in a new tab). */
  readonly links?: (code: string) => string;
}

/** The legend below the map, from `ly`: the colour scale with parity marked, then missing values and small counts. */
function mapLegend(s: ChartSnapshot, w: number, ly: number, pal: Palette): Drawn {
  const m = messages(s.lang);
  const { small } = sizesFor(w);
  const lw = Math.min(w, 480);
  const ty = ly + 2 * small + 19;
  const tick = (x: number, text: string, anchor = '') => `<text x="${n(x)}" y="${ty}" font-size="${small}"${anchor ? ` text-anchor="${anchor}"` : ''} fill="${pal.soft}">${esc(text)}</text>`;
  let out = `<g aria-hidden="true"><text x="0" y="${ly + small}" font-size="${small}" font-weight="600" fill="${pal.soft}">${esc(m.mapLegend)}</text>`;
  out += `<rect x="0" y="${ly + small + 5}" width="${n(lw)}" height="10" fill="url(#pno-scale)" stroke="${pal.axis}"/>`;
  out += tick(0, formatPercent(0, s.lang, 0)) + tick(lw / 2, `${formatPercent(50, s.lang, 0)} · ${m.mapParity}`, 'middle') + tick(lw, formatPercent(100, s.lang, 0), 'end');
  out += `<line x1="${n(lw / 2)}" x2="${n(lw / 2)}" y1="${ly + small + 3}" y2="${ly + small + 17}" stroke="${pal.ink}" stroke-width="2"/>`;
  const keys = legend(
    [
      { swatch: `<rect width="14" height="12" fill="url(#pno-hatch)" stroke="${pal.missingLine}"/>`, width: 14, label: m.mapNoValue },
      { swatch: `<text y="11" font-size="${small}" fill="${pal.ink}">*</text>`, width: Math.ceil(textWidth('*', small)), label: m.lowMark },
    ],
    0, ty + 6, w, small, pal.soft,
  );
  return { svg: out + keys.svg + '</g>', height: ty + 6 + keys.height - ly };
}

/**
 * Choropleth of the 13 départements on the parity scale, the value written on each, missing values hatched, and
 * the legend below (scale, missing, small counts).
 */
export function map(s: ChartSnapshot, w: number, pal: Palette, o: MapOpts = {}): Drawn {
  const m = messages(s.lang);
  const { narrow } = sizesFor(w);
  const mapH = o.height ? o.height - 62 : Math.min(440, (w / VW) * VH);
  const scale = Math.min(w / VW, mapH / VH);
  const pts = new Map((s.series[0]?.points ?? []).map((p) => [String(p.x), p]));
  const label = narrow ? 11 : 13;
  let out = `<defs><pattern id="pno-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="${pal.missing}"/><line x1="0" y1="0" x2="0" y2="4" stroke="${pal.missingLine}" stroke-width="1.2"/></pattern>`;
  out += `<linearGradient id="pno-scale">${STOPS.map((v) => `<stop offset="${v}%" stop-color="${parityColor(v)}"/>`).join('')}</linearGradient></defs>`;
  out += `<g transform="translate(${n((w - VW * scale) / 2 - VX * scale)} ${n(-VY * scale)}) scale(${scale.toFixed(4)})">`;
  for (const sh of shapes.shapes) {
    const p = pts.get(sh.id);
    const name = p?.label ?? sh.name;
    const path = `<path d="${sh.path}" fill="${p && p.y !== null ? parityColor(p.y) : 'url(#pno-hatch)'}" stroke="${pal.mapStroke}" stroke-width="${(1.2 / scale).toFixed(3)}"><title>${esc(`${name} : ${valueWords(s, p)}`)}</title></path>`;
    out += o.links ? `<a href="${esc(o.links(sh.id))}" target="_blank" rel="noopener" data-territory="${esc(sh.id)}" aria-label="${esc(m.mapLinkLabel(name, valueWords(s, p)))}">${path}</a>` : path;
  }
  out += '<g aria-hidden="true">';
  for (const sh of shapes.shapes) {
    const p = pts.get(sh.id);
    const t = p && p.y !== null ? formatPercent(p.y, s.lang, narrow ? 0 : 1) + (p.flags?.faible ? '*' : '') : p?.flags?.raison === 'secret' ? 's' : '–';
    const fill = p && p.y !== null ? textOn(p.y) : pal.ink;
    out += `<text x="${sh.cx}" y="${n(sh.cy + (label * 0.35) / scale)}" font-size="${(label / scale).toFixed(2)}" font-weight="700" text-anchor="middle" fill="${fill}">${esc(t)}</text>`;
  }
  out += '</g></g>';
  const ly = Math.round(VH * scale) + 8;
  const lg = mapLegend(s, w, ly, pal);
  return { svg: out + lg.svg, height: ly + lg.height };
}

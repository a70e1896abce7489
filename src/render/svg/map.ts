import shapes from '../occitanie-shapes.json';
import { inkOn, LABEL_NUDGE, mapMuted, mapName, mapScale, mutedFill, type MapScale } from '../grammar/map';
import { messages } from '../../i18n';
import { formatPercent } from '../../lib/format';
import type { ChartSnapshot, Point } from '../../snapshot/schema';
import { legend } from './legend';
import type { Palette } from '../palette';
import { esc, n, sizesFor, textWidth, wrap, type Drawn } from './text';

const [VX = 0, VY = 0, VW = 1, VH = 1] = shapes.viewBox.split(' ').map(Number);

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

/** The legend below the map, from `ly`: what darker means, the fitted scale with parity marked, then missing values and small counts. */
function mapLegend(s: ChartSnapshot, sc: MapScale, w: number, ly: number, pal: Palette, mixed: boolean): Drawn {
  const m = messages(s.lang);
  const { small } = sizesFor(w);
  const lw = Math.min(w, 480);
  const head = wrap(`${m.mapLegend} · ${sc.kind === 'sequential' ? m.mapDarkerShare : m.mapDarkerGap}`, w, small);
  const barY = ly + head.length * Math.round(small * 1.3) + 5;
  const ty = barY + small + 13;
  const at = (v: number) => ((v - sc.lo) / Math.max(1e-9, sc.hi - sc.lo)) * lw;
  const tick = (x: number, text: string, anchor = 'middle') => `<text x="${n(x)}" y="${ty}" font-size="${small}" text-anchor="${anchor}" fill="${pal.soft}">${esc(text)}</text>`;
  let out = '<g aria-hidden="true">' + head.map((l, i) => `<text x="0" y="${n(ly + small + i * Math.round(small * 1.3))}" font-size="${small}" font-weight="600" fill="${pal.soft}">${esc(l)}</text>`).join('');
  out += `<rect x="0" y="${n(barY)}" width="${n(lw)}" height="10" fill="url(#pno-scale)" stroke="${pal.axis}"/>`;
  sc.ticks.forEach((v, i) => (out += tick(at(v), formatPercent(v, s.lang, 0), i === 0 && at(v) < 12 ? 'start' : at(v) > lw - 12 ? 'end' : 'middle')));
  const parity = `${formatPercent(50, s.lang, 0)} · ${m.mapParity}`;
  if (typeof sc.parity === 'number') {
    const x = sc.parity * lw;
    out += `<line x1="${n(x)}" x2="${n(x)}" y1="${n(barY - 3)}" y2="${n(barY + 13)}" stroke="${pal.ink}" stroke-width="2"/>`;
    out += `<text x="${n(x)}" y="${n(barY - 5)}" font-size="${small}" text-anchor="middle" fill="${pal.ink}">${esc(parity)}</text>`;
  } else {
    const right = sc.parity === 'above';
    out += `<text x="${n(right ? lw : 0)}" y="${n(ty + small + 6)}" font-size="${small}" font-weight="600" text-anchor="${right ? 'end' : 'start'}" fill="${pal.ink}" data-parity-mark="">${esc(right ? `${parity} →` : `← ${parity}`)}</text>`;
  }
  const ky = ty + (typeof sc.parity === 'number' ? 6 : small + 12);
  const keys = legend(
    [
      { swatch: `<rect width="14" height="12" fill="url(#pno-hatch)" stroke="${pal.missingLine}"/>`, width: 14, label: m.mapNoValue },
      { swatch: `<text y="11" font-size="${small}" fill="${pal.ink}">*</text>`, width: Math.ceil(textWidth('*', small)), label: m.lowMark },
      ...(mixed ? [{ swatch: `<rect width="14" height="12" fill="${mutedFill(sc.color((sc.lo + sc.hi) / 2), pal.paper)}" stroke="${pal.mapStroke}"/>`, width: 14, label: m.legendIllustrative }] : []),
    ],
    0, ky, w, small, pal.soft,
  );
  return { svg: out + keys.svg + '</g>', height: ky + keys.height - ly };
}

/**
 * The name and the value written on each département (two lines, in the ink that reads on its fill), with a halo
 * of that fill: where a label runs over a border (Haute-Garonne's, a small département's), the line stops short of
 * the letters instead of crossing them.
 */
function mapLabels(s: ChartSnapshot, fillOf: (p: Point | undefined) => string | null, pts: ReadonlyMap<string, Point>, scale: number, narrow: boolean, pal: Palette): string {
  const size = narrow ? 10 : 12;
  const u = (px: number) => (px / scale).toFixed(2);
  let out = '<g aria-hidden="true">';
  for (const sh of shapes.shapes) {
    const p = pts.get(sh.id);
    const t = p && p.y !== null ? formatPercent(p.y, s.lang, 1) + (p.flags?.faible ? '*' : '') : p?.flags?.raison === 'secret' ? 's' : '–';
    const own = fillOf(p);
    const fill = own ? inkOn(own) : pal.ink;
    const halo = `stroke="${own ?? pal.missing}" stroke-width="${u(2.5)}" stroke-linejoin="round" paint-order="stroke"`;
    const [dx, dy] = LABEL_NUDGE[sh.id] ?? [0, 0];
    const name = mapName(sh.id, p?.label ?? sh.name, !narrow);
    out += `<text x="${n(sh.cx + dx)}" y="${n(sh.cy + dy - (size * 0.25) / scale)}" font-size="${u(size - 1)}" font-weight="500" text-anchor="middle" fill="${fill}" ${halo} data-map-name="${esc(sh.id)}">${esc(name)}</text>`;
    out += `<text x="${n(sh.cx + dx)}" y="${n(sh.cy + dy + (size * 0.95) / scale)}" font-size="${u(size)}" font-weight="700" text-anchor="middle" fill="${fill}" ${halo}>${esc(t)}</text>`;
  }
  return out + '</g>';
}

/**
 * Choropleth of the 13 départements on a scale fitted to the values shown (grammar/map.ts), each named with its
 * value written as in the ranking, missing values hatched, and the legend below (what darker means, the scale with
 * parity marked, missing, small counts).
 */
export function map(s: ChartSnapshot, w: number, pal: Palette, o: MapOpts = {}): Drawn {
  const m = messages(s.lang);
  const { narrow } = sizesFor(w);
  const mapH = o.height ? o.height - 62 : Math.min(440, (w / VW) * VH);
  const scale = Math.min(w / VW, mapH / VH);
  const pts = new Map((s.series[0]?.points ?? []).map((p) => [String(p.x), p]));
  const sc = mapScale([...pts.values()].flatMap((p) => (p.y === null ? [] : [p.y])));
  const muted = mapMuted(s);
  // A département's fill (null: no value, hatched): its colour on the scale, muted when illustrative beside real ones.
  const fillOf = (p: Point | undefined) => (p && p.y !== null ? (muted(p) ? mutedFill(sc.color(p.y), pal.paper) : sc.color(p.y)) : null);
  let out = `<defs><pattern id="pno-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="${pal.missing}"/><line x1="0" y1="0" x2="0" y2="4" stroke="${pal.missingLine}" stroke-width="1.2"/></pattern>`;
  out += `<linearGradient id="pno-scale">${sc.stops.map((st) => `<stop offset="${n(st.offset * 100)}%" stop-color="${st.color}"/>`).join('')}</linearGradient></defs>`;
  out += `<g transform="translate(${n((w - VW * scale) / 2 - VX * scale)} ${n(-VY * scale)}) scale(${scale.toFixed(4)})">`;
  for (const sh of shapes.shapes) {
    const p = pts.get(sh.id);
    const name = p?.label ?? sh.name;
    const path = `<path d="${sh.path}" fill="${fillOf(p) ?? 'url(#pno-hatch)'}"${muted(p) ? ' data-illustrative=""' : ''} stroke="${pal.mapStroke}" stroke-width="${(1.2 / scale).toFixed(3)}"><title>${esc(`${name} : ${valueWords(s, p)}`)}</title></path>`;
    out += o.links ? `<a href="${esc(o.links(sh.id))}" target="_blank" rel="noopener" data-territory="${esc(sh.id)}" aria-label="${esc(m.mapLinkLabel(name, valueWords(s, p)))}">${path}</a>` : path;
  }
  out += mapLabels(s, fillOf, pts, scale, narrow, pal) + '</g>';
  const ly = Math.round(VH * scale) + 8;
  const lg = mapLegend(s, sc, w, ly, pal, [...pts.values()].some(muted));
  return { svg: out + lg.svg, height: ly + lg.height };
}

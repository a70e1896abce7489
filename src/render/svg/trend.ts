import { formatPercent } from '../../lib/format';
import { messages } from '../../i18n';
import type { Marker } from '../grammar/colors';
import { endLabelYs, trendGrammar } from '../grammar/trend';
import type { ChartSnapshot, Point } from '../../snapshot/schema';
import { legend, type LegendItem } from './legend';
import { REF_DASH, type Palette } from '../palette';
import { esc, n, sizesFor, type Drawn } from './text';

/** Marker shapes, so that series differ by shape as well as by colour and dash; hollow for a series break. */
function marker(shape: Marker, x: number, y: number, color: string, fill: string): string {
  const a = `fill="${fill}" stroke="${color}" stroke-width="1.5"`;
  if (shape === 'none') return '';
  if (shape === 'square') return `<rect x="${n(x - 3.5)}" y="${n(y - 3.5)}" width="7" height="7" ${a}/>`;
  if (shape === 'triangle') return `<path d="M${n(x)},${n(y - 4.5)}L${n(x + 4.5)},${n(y + 3.5)}L${n(x - 4.5)},${n(y + 3.5)}Z" ${a}/>`;
  if (shape === 'diamond') return `<path d="M${n(x)},${n(y - 5)}L${n(x + 5)},${n(y)}L${n(x)},${n(y + 5)}L${n(x - 5)},${n(y)}Z" ${a}/>`;
  return `<circle cx="${n(x)}" cy="${n(y)}" r="3.5" ${a}/>`;
}

/** The plot area and its scales, from the chart grammar (the dashboard's trend uses the same). */
function frame(s: ChartSnapshot, w: number, plotH: number, pal: Palette) {
  const g = trendGrammar(s, w, plotH, pal);
  const { small } = sizesFor(w);
  const plotW = Math.max(40, w - g.left - g.right);
  const top = 8;
  return {
    g, small, left: g.left, plotW, plotH, top,
    sx: (v: number) => g.left + ((v - g.x0) / Math.max(1, g.x1 - g.x0)) * plotW,
    sy: (v: number) => top + plotH - (v / g.y.max) * plotH,
  };
}
type Frame = ReturnType<typeof frame>;

/** Grid and axes, series breaks, and the reference lines named on the plot. */
function axes(s: ChartSnapshot, f: Frame, pal: Palette): string {
  const { small, left, plotW, plotH, top, sx, sy } = f;
  let out = '';
  for (const v of f.g.y.ticks) {
    out += `<line x1="${left}" x2="${n(left + plotW)}" y1="${n(sy(v))}" y2="${n(sy(v))}" stroke="${v === 0 ? pal.axis : pal.grid}"/>`;
    out += `<text x="${left - 6}" y="${n(sy(v) + small * 0.35)}" font-size="${small}" text-anchor="end" fill="${pal.soft}">${esc(formatPercent(v, s.lang, 0))}</text>`;
  }
  for (const v of f.g.years) {
    out += `<line x1="${n(sx(v))}" x2="${n(sx(v))}" y1="${n(top + plotH)}" y2="${n(top + plotH + 4)}" stroke="${pal.axis}"/>`;
    out += `<text x="${n(sx(v))}" y="${n(top + plotH + small + 6)}" font-size="${small}" text-anchor="middle" fill="${pal.soft}">${v}</text>`;
  }
  const breaks = [...new Set(s.series.flatMap((q) => q.points.filter((p) => p.flags?.statut === 'rupture').map((p) => Number(p.x))))];
  for (const b of breaks) out += `<line x1="${n(sx(b))}" x2="${n(sx(b))}" y1="${top}" y2="${n(top + plotH)}" stroke="${pal.axis}" stroke-dasharray="1 3"/>`;
  for (const r of s.references) {
    const ry = n(sy(r.value));
    out += `<line x1="${left}" x2="${n(left + plotW)}" y1="${ry}" y2="${ry}" stroke="${pal.refs[r.id]}" stroke-width="${r.id === 'parite' ? 2 : 1.5}"${REF_DASH[r.id] ? ` stroke-dasharray="${REF_DASH[r.id]}"` : ''}/>`;
    out += `<text x="${left + 4}" y="${n(sy(r.value) - 5)}" font-size="${small}" fill="${pal.ink}" stroke="${pal.paper}" stroke-width="3" paint-order="stroke">${esc(r.label)}</text>`;
  }
  return out;
}

/** Each line's name at its end, right of the plot, spread so that none overlaps another (a halo keeps them legible). */
function endLabels(f: Frame, pal: Palette): string {
  const ys = endLabelYs(f.g, f.sy, f.top, f.top + f.plotH);
  return f.g.endLabels.map((l, i) => `<text x="${n(f.sx(l.x) + 6)}" y="${n((ys[i] ?? 0) + f.small * 0.35)}" font-size="${f.small}" font-weight="600" fill="${l.color}" stroke="${pal.paper}" stroke-width="3" paint-order="stroke" data-end-label="${esc(l.key)}">${esc(l.text)}</text>`).join('');
}

/**
 * Series over time: the parity line and the target labelled on the plot, the projection dashed, series breaks as
 * a dotted vertical line and a hollow marker, a gap where a value is missing, and a legend that shows each
 * series' line and marker.
 */
export function trend(snapshot: ChartSnapshot, w: number, plotH: number, pal: Palette): Drawn {
  // Only points with a year and a finite value are placed: nothing is ever drawn at NaN.
  const s = { ...snapshot, series: snapshot.series.map((q) => ({ ...q, points: q.points.filter((p) => Number.isFinite(Number(p.x)) && (p.y === null || Number.isFinite(p.y))) })) };
  const f = frame(s, w, plotH, pal);
  const at = (p: Point) => `${n(f.sx(Number(p.x)))},${n(f.sy(p.y ?? 0))}`;
  const items: LegendItem[] = [];
  let lines = '';
  for (const { q, color, dash, width, marker: shape, opacity } of f.g.styles) {
    const segs: string[] = [];
    let cur: string[] = [];
    for (const p of q.points) {
      if (p.y !== null) {
        cur.push(at(p));
      } else if (cur.length) {
        segs.push(cur.join(' '));
        cur = [];
      }
    }
    if (cur.length) segs.push(cur.join(' '));
    const stroke = `stroke="${color}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}${opacity < 1 ? ` stroke-opacity="${opacity}"` : ''}`;
    const drawn = segs.map((d) => `<polyline points="${d}" fill="none" ${stroke} stroke-linejoin="round"/>`).join('')
      + q.points.filter((p) => p.y !== null).map((p) => marker(shape, f.sx(Number(p.x)), f.sy(p.y ?? 0), color, p.flags?.statut === 'rupture' ? pal.paper : color)).join('');
    // The first series is the chart's subject: drawn last, so that it stays on top where values are close.
    lines = drawn + lines;
    items.push({ swatch: `<line x1="0" x2="28" y1="6" y2="6" ${stroke}/>${marker(shape, 14, 6, color, color)}`, width: 28, label: q.label });
  }
  if (f.g.mixed) items.push({ swatch: `<line x1="0" x2="28" y1="6" y2="6" stroke="${pal.ink}" stroke-width="2" stroke-opacity="0.45"/>`, width: 28, label: messages(s.lang).legendIllustrative });
  lines += endLabels(f, pal);
  const ly = f.top + plotH + f.small + 16;
  const lg = legend(items, 0, ly, w, f.small, pal.soft);
  return { svg: axes(s, f, pal) + lines + lg.svg, height: ly + lg.height };
}

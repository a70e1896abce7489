import { formatPercent } from '../../lib/format';
import { SERIES_STYLE } from '../palette';
import type { ChartSnapshot, Point, Series } from '../../snapshot/schema';
import { legend, type LegendItem } from './legend';
import { REF_DASH, type Palette } from '../palette';
import { esc, n, sizesFor, textWidth, type Drawn } from './text';
import { ticks } from './ticks';

type Marker = (typeof SERIES_STYLE)[keyof typeof SERIES_STYLE]['marker'];

/** Marker shapes, so that series differ by shape as well as by colour and dash; hollow for a series break. */
function marker(shape: Marker, x: number, y: number, color: string, fill: string): string {
  const a = `fill="${fill}" stroke="${color}" stroke-width="1.5"`;
  if (shape === 'none') return '';
  if (shape === 'square') return `<rect x="${n(x - 3.5)}" y="${n(y - 3.5)}" width="7" height="7" ${a}/>`;
  if (shape === 'triangle') return `<path d="M${n(x)},${n(y - 4.5)}L${n(x + 4.5)},${n(y + 3.5)}L${n(x - 4.5)},${n(y + 3.5)}Z" ${a}/>`;
  if (shape === 'diamond') return `<path d="M${n(x)},${n(y - 5)}L${n(x + 5)},${n(y)}L${n(x)},${n(y + 5)}L${n(x - 5)},${n(y)}Z" ${a}/>`;
  return `<circle cx="${n(x)}" cy="${n(y)}" r="3.5" ${a}/>`;
}

/** Colour, dash, width and marker of each series; a projection takes the colour of the series it extends. */
export function seriesStyles(series: readonly Series[], pal: Palette) {
  let dep = 0;
  const styled = series.map((q) => {
    const st = SERIES_STYLE[q.role];
    const color = q.role === 'departement' ? (pal.departements[dep++ % pal.departements.length] ?? pal.series.departement) : pal.series[q.role];
    return { q, color, dash: st.dash ?? '', width: st.width, marker: st.marker as Marker };
  });
  for (const x of styled) {
    const base = x.q.role === 'projection' ? styled.find((y) => `${y.q.id}-projection` === x.q.id) : undefined;
    if (base) x.color = base.color;
  }
  return styled;
}

/** Years on the axis: every year if there is room, else every 2, 5, 10 or 20, at least about 44 px apart. */
function yearStep(span: number, plotW: number): number {
  return [1, 2, 5, 10, 20].find((st) => plotW / (Math.floor(span / st) + 1) >= 44) ?? 50;
}

/** The plot area and its scales: years across, share of women up, at least to 55 % so parity is in view. */
function frame(s: ChartSnapshot, w: number, plotH: number) {
  const { small } = sizesFor(w);
  const pts = s.series.flatMap((q) => q.points);
  const x0 = Math.min(...pts.map((p) => Number(p.x)));
  const x1 = Math.max(...pts.map((p) => Number(p.x)));
  const yMax = Math.min(100, Math.max(55, Math.ceil((Math.max(...pts.map((p) => p.y ?? 0), ...s.references.map((r) => r.value)) + 5) / 10) * 10));
  const left = Math.ceil(textWidth(formatPercent(100, s.lang, 0), small)) + 6;
  const plotW = w - left - 16;
  const top = 8;
  return {
    small, x0, x1, yMax, left, plotW, plotH, top,
    sx: (v: number) => left + ((v - x0) / Math.max(1, x1 - x0)) * plotW,
    sy: (v: number) => top + plotH - (v / yMax) * plotH,
  };
}
type Frame = ReturnType<typeof frame>;

/** Grid and axes, series breaks, and the reference lines named on the plot. */
function axes(s: ChartSnapshot, f: Frame, pal: Palette): string {
  const { small, left, plotW, plotH, top, sx, sy } = f;
  let out = '';
  const ystep = plotH / (f.yMax / 10) >= 22 ? 10 : 20;
  for (const v of ticks(0, f.yMax, ystep)) {
    out += `<line x1="${left}" x2="${n(left + plotW)}" y1="${n(sy(v))}" y2="${n(sy(v))}" stroke="${v === 0 ? pal.axis : pal.grid}"/>`;
    out += `<text x="${left - 6}" y="${n(sy(v) + small * 0.35)}" font-size="${small}" text-anchor="end" fill="${pal.soft}">${esc(formatPercent(v, s.lang, 0))}</text>`;
  }
  const step = yearStep(f.x1 - f.x0, plotW);
  for (const v of ticks(f.x0, f.x1, step, step !== 1)) {
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

/**
 * Series over time: the parity line and the target labelled on the plot, the projection dashed, series breaks as
 * a dotted vertical line and a hollow marker, a gap where a value is missing, and a legend that shows each
 * series' line and marker.
 */
export function trend(snapshot: ChartSnapshot, w: number, plotH: number, pal: Palette): Drawn {
  // Only points with a year and a finite value are placed: nothing is ever drawn at NaN.
  const s = { ...snapshot, series: snapshot.series.map((q) => ({ ...q, points: q.points.filter((p) => Number.isFinite(Number(p.x)) && (p.y === null || Number.isFinite(p.y))) })) };
  const f = frame(s, w, plotH);
  const at = (p: Point) => `${n(f.sx(Number(p.x)))},${n(f.sy(p.y ?? 0))}`;
  const items: LegendItem[] = [];
  let lines = '';
  for (const { q, color, dash, width, marker: shape } of seriesStyles(s.series, pal)) {
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
    const stroke = `stroke="${color}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}`;
    const drawn = segs.map((d) => `<polyline points="${d}" fill="none" ${stroke} stroke-linejoin="round"/>`).join('')
      + q.points.filter((p) => p.y !== null).map((p) => marker(shape, f.sx(Number(p.x)), f.sy(p.y ?? 0), color, p.flags?.statut === 'rupture' ? pal.paper : color)).join('');
    // The first series is the chart's subject: drawn last, so that it stays on top where values are close.
    lines = drawn + lines;
    items.push({ swatch: `<line x1="0" x2="28" y1="6" y2="6" ${stroke}/>${marker(shape, 14, 6, color, color)}`, width: 28, label: q.label });
  }
  const ly = f.top + plotH + f.small + 16;
  const lg = legend(items, 0, ly, w, f.small, pal.soft);
  return { svg: axes(s, f, pal) + lines + lg.svg, height: ly + lg.height };
}

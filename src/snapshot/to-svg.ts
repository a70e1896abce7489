import shapes from '../charts/map/occitanie-shapes.json';
import { parityColor, textOn, SERIES_STYLE, DEPARTEMENT_COLORS } from '../charts/chart-data';
import { messages } from '../i18n';
import { formatDate, formatPercent } from '../lib/format';
import type { ChartSnapshot, Point } from './schema';

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', Arial, sans-serif";
const INK = '#1c2333';
const SOFT = '#4a5468';

/** Escapes text for XML: every label is data, never markup. */
export function esc(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Splits text into lines that fit `width` pixels at `size` (average glyph width 0.55 em). */
function wrap(text: string, width: number, size: number): string[] {
  const max = Math.max(8, Math.floor(width / (size * 0.55)));
  const lines: string[] = [];
  for (const w of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && (last + ' ' + w).length <= max) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  return lines;
}

function textBlock(lines: string[], x: number, y: number, size: number, opts: { weight?: number; fill?: string; lh?: number } = {}): { svg: string; height: number } {
  const lh = opts.lh ?? size * 1.3;
  const svg = lines.map((l, i) => `<text x="${x}" y="${(y + size + i * lh).toFixed(1)}" font-size="${size}" font-weight="${opts.weight ?? 400}" fill="${opts.fill ?? INK}">${esc(l)}</text>`).join('');
  return { svg, height: lines.length * lh };
}

const val = (p: Point, s: ChartSnapshot) => (p.y === null ? messages(s.lang).statusLabel(p.flags?.raison ?? 'absent') : formatPercent(p.y, s.lang) + (p.flags?.faible ? ' *' : ''));

function bars(s: ChartSnapshot, x: number, y: number, w: number): { svg: string; height: number } {
  const cats = s.series[0]?.points ?? [];
  const n = s.series.length;
  const barH = n > 1 ? 14 : 20;
  const rowH = n * barH + 12;
  const labelW = Math.min(300, w * 0.32);
  const plotW = w - labelW - 110;
  const max = Math.max(60, ...s.series.flatMap((q) => q.points.map((p) => p.y ?? 0)));
  const sx = (v: number) => x + labelW + (v / max) * plotW;
  const fills = ['#0072B2', '#1c2333', '#D55E00'];
  let out = '';
  cats.forEach((c, i) => {
    const top = y + i * rowH;
    const label = s.kind === 'ranking' ? `${c.rang ?? '–'}. ${c.label}` : c.label;
    out += wrap(label, labelW - 10, 13).slice(0, 2).map((l, k) => `<text x="${x + labelW - 8}" y="${top + 14 + k * 15}" font-size="13" text-anchor="end" fill="${INK}">${esc(l)}</text>`).join('');
    s.series.forEach((q, j) => {
      const p = q.points.find((pp) => pp.x === c.x);
      if (!p) return;
      const by = top + j * barH;
      if (p.y !== null) out += `<rect x="${sx(0)}" y="${by}" width="${(sx(p.y) - sx(0)).toFixed(1)}" height="${barH - 3}" fill="${n > 1 ? fills[j] : p.flags?.faible ? '#f6d3bd' : '#D55E00'}" stroke="${p.flags?.faible ? '#D55E00' : 'none'}"/>`;
      out += `<text x="${(p.y !== null ? sx(p.y) : sx(0)) + 5}" y="${by + barH - 6}" font-size="12" fill="${INK}">${esc(val(p, s) + (p.annee ? ` (${p.annee})` : ''))}</text>`;
    });
  });
  const h = cats.length * rowH;
  for (const r of s.references) {
    const rx = sx(r.value);
    out += `<line x1="${rx}" x2="${rx}" y1="${y - 6}" y2="${y + h}" stroke="${r.id === 'parite' ? INK : r.id === 'france' ? SOFT : '#0072B2'}" stroke-width="${r.id === 'parite' ? 2 : 1.5}" stroke-dasharray="${r.id === 'parite' ? '' : '6 3'}"/>`;
  }
  const legend = s.references.map((r) => r.label).join(' · ') + (n > 1 ? ' — ' + s.series.map((q, j) => `${['■', '▪', '□'][j] ?? ''} ${q.label}`).join(' · ') : '');
  const lg = textBlock(wrap(legend, w, 12), x, y + h + 4, 12, { fill: SOFT });
  return { svg: out + lg.svg, height: h + lg.height + 8 };
}

function trend(s: ChartSnapshot, x: number, y: number, w: number, h: number): string {
  const pts = s.series.flatMap((q) => q.points);
  const x0 = Math.min(...pts.map((p) => Number(p.x)));
  const x1 = Math.max(...pts.map((p) => Number(p.x)));
  const yMax = Math.min(100, Math.max(55, Math.ceil((Math.max(...pts.map((p) => p.y ?? 0)) + 5) / 10) * 10));
  const left = x + 50;
  const plotW = w - 60;
  const plotH = h - 60;
  const sx = (v: number) => left + ((v - x0) / Math.max(1, x1 - x0)) * plotW;
  const sy = (v: number) => y + plotH - (v / yMax) * plotH;
  let out = '';
  for (let v = 0; v <= yMax; v += 10) out += `<line x1="${left}" x2="${left + plotW}" y1="${sy(v)}" y2="${sy(v)}" stroke="#e3e6ec"/><text x="${left - 6}" y="${sy(v) + 4}" font-size="12" text-anchor="end" fill="${SOFT}">${esc(formatPercent(v, s.lang, 0))}</text>`;
  const step = Math.max(1, Math.ceil((x1 - x0) / 10));
  for (let v = x0; v <= x1; v += step) out += `<text x="${sx(v)}" y="${y + plotH + 18}" font-size="12" text-anchor="middle" fill="${SOFT}">${v}</text>`;
  for (const r of s.references) out += `<line x1="${left}" x2="${left + plotW}" y1="${sy(r.value)}" y2="${sy(r.value)}" stroke="${r.id === 'parite' ? INK : '#009E73'}" stroke-width="2" stroke-dasharray="${r.id === 'parite' ? '' : '4 4'}"/><text x="${left + 4}" y="${sy(r.value) - 5}" font-size="12" fill="${INK}">${esc(r.label)}</text>`;
  let dep = 0;
  const legend: string[] = [];
  for (const q of s.series) {
    const st = SERIES_STYLE[q.role];
    const color = q.role === 'departement' ? (DEPARTEMENT_COLORS[dep++ % DEPARTEMENT_COLORS.length] ?? st.color) : st.color;
    const segs: string[] = [];
    let cur: string[] = [];
    for (const p of q.points) {
      if (p.y === null) {
        if (cur.length) segs.push(cur.join(' '));
        cur = [];
      } else cur.push(`${sx(Number(p.x)).toFixed(1)},${sy(p.y).toFixed(1)}`);
    }
    if (cur.length) segs.push(cur.join(' '));
    out += segs.map((d) => `<polyline points="${d}" fill="none" stroke="${color}" stroke-width="${st.width}" stroke-dasharray="${st.dash ?? ''}"/>`).join('');
    if (q.role !== 'projection') out += q.points.filter((p) => p.y !== null).map((p) => `<circle cx="${sx(Number(p.x)).toFixed(1)}" cy="${sy(p.y ?? 0).toFixed(1)}" r="3.5" fill="${p.flags?.statut === 'rupture' ? '#fff' : color}" stroke="${color}" stroke-width="1.5"/>`).join('');
    legend.push(`${st.dash ? '- -' : '—'} ${q.label}`);
  }
  out += textBlock(wrap(legend.join('   '), w, 12), x, y + plotH + 26, 12, { fill: SOFT }).svg;
  return out;
}

function map(s: ChartSnapshot, x: number, y: number, w: number, h: number): string {
  const [vx = 0, vy = 0, vw = 1, vh = 1] = shapes.viewBox.split(' ').map(Number);
  const scale = Math.min(w / vw, (h - 50) / vh);
  const ox = x + (w - vw * scale) / 2 - vx * scale;
  const oy = y - vy * scale;
  const pts = new Map((s.series[0]?.points ?? []).map((p) => [String(p.x), p]));
  let out = `<g transform="translate(${ox.toFixed(1)} ${oy.toFixed(1)}) scale(${scale.toFixed(4)})">`;
  for (const sh of shapes.shapes) {
    const p = pts.get(sh.id);
    out += `<path d="${sh.path}" fill="${p && p.y !== null ? parityColor(p.y) : '#e3e6ec'}" stroke="#3d4556" stroke-width="${(0.8 / scale) * 1.5}"/>`;
  }
  for (const sh of shapes.shapes) {
    const p = pts.get(sh.id);
    const t = p && p.y !== null ? formatPercent(p.y, s.lang, 1) + (p.flags?.faible ? '*' : '') : p?.flags?.raison === 'secret' ? 's' : '–';
    out += `<text x="${sh.cx}" y="${sh.cy}" font-size="${(13 / scale).toFixed(2)}" font-weight="700" text-anchor="middle" dominant-baseline="middle" fill="${p && p.y !== null ? textOn(p.y) : INK}">${esc(t)}</text>`;
  }
  out += '</g>';
  const ly = y + h - 36;
  const stops = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((v) => `<stop offset="${v}%" stop-color="${parityColor(v)}"/>`).join('');
  out += `<defs><linearGradient id="pno-scale">${stops}</linearGradient></defs><rect x="${x}" y="${ly}" width="${w}" height="12" fill="url(#pno-scale)" stroke="#767f92"/>`;
  out += `<text x="${x}" y="${ly + 28}" font-size="12" fill="${SOFT}">${esc(formatPercent(0, s.lang, 0))}</text><text x="${x + w / 2}" y="${ly + 28}" font-size="12" text-anchor="middle" fill="${SOFT}">${esc(`${formatPercent(50, s.lang, 0)} · ${messages(s.lang).mapParity}`)}</text><text x="${x + w}" y="${ly + 28}" font-size="12" text-anchor="end" fill="${SOFT}">${esc(formatPercent(100, s.lang, 0))}</text>`;
  return out;
}

function kpis(s: ChartSnapshot, x: number, y: number, w: number): { svg: string; height: number } {
  const items = s.kpis ?? [];
  const cols = w > 900 ? 3 : 2;
  const cw = (w - (cols - 1) * 16) / cols;
  let out = '';
  items.forEach((k, i) => {
    const cx = x + (i % cols) * (cw + 16);
    const cy = y + Math.floor(i / cols) * 122;
    out += `<rect x="${cx}" y="${cy}" width="${cw}" height="108" rx="8" fill="#f4f5f8"/>`;
    out += textBlock(wrap(k.label, cw - 24, 14).slice(0, 2), cx + 12, cy + 6, 14, { fill: SOFT, weight: 600 }).svg;
    out += `<text x="${cx + 12}" y="${cy + 76}" font-size="30" font-weight="700" fill="#7a1f3d">${esc(k.value)}</text>`;
    if (k.detail) out += `<text x="${cx + 12}" y="${cy + 98}" font-size="12" fill="${SOFT}">${esc(k.detail)}</text>`;
  });
  return { svg: out, height: Math.ceil(items.length / cols) * 122 };
}

/**
 * A standalone SVG of a snapshot, text kept as text in generic fonts: title, summary, the chart, notes, sources
 * with their date and licence, generation date and permalink, and the illustrative mark when it applies.
 * `square` lays it out for social networks.
 */
export function snapshotSvg(s: ChartSnapshot, opts: { width?: number; square?: boolean; title?: boolean } = {}): { svg: string; width: number; height: number } {
  const m = messages(s.lang);
  const W = opts.square ? 1080 : (opts.width ?? 1200);
  const pad = 40;
  const inner = W - 2 * pad;
  let y = pad;
  let body = '';
  if (opts.title !== false) {
    const t = textBlock(wrap(s.title, inner, 26 * 1.12), pad, y, 26, { weight: 700 });
    body += t.svg;
    y += t.height + 8;
  }
  const sum = textBlock(wrap(s.summary, inner, 16), pad, y, 16, { fill: INK });
  body += sum.svg;
  y += sum.height + 20;
  const chartH = opts.square ? Math.max(300, 1080 - y - 230) : s.kind === 'map' ? 520 : 420;
  if (s.kind === 'kpi') {
    const k = kpis(s, pad, y, inner);
    body += k.svg;
    y += k.height + 10;
  } else if (s.kind === 'map') {
    body += map(s, pad, y, inner, chartH);
    y += chartH + 10;
  } else if (s.kind === 'trend') {
    body += trend(s, pad, y, inner, chartH);
    y += chartH + 10;
  } else {
    const b = bars(s, pad, y, inner);
    body += b.svg;
    y += b.height + 10;
  }
  const foot: string[] = [...s.notes];
  foot.push(`${m.sourcesLabel} ${s.sources.map((x) => `${x.name} (${x.date ? m.lastUpdate(formatDate(x.date, s.lang)) : m.lastUpdateUnknown}${m.listSep}${x.licence})`).join(' · ')}`);
  foot.push(`${m.generatedOn(formatDate(s.generatedAt.slice(0, 10), s.lang))} — ${s.permalink}`);
  if (s.kind === 'map') foot.push(m.mapCredit);
  const f = textBlock(foot.flatMap((l) => wrap(l, inner, 12)), pad, y, 12, { fill: SOFT, lh: 16 });
  body += f.svg;
  y += f.height;
  if (s.illustratif) {
    const il = textBlock([m.noteIllustrative.toUpperCase()], pad, y + 6, 14, { weight: 700, fill: '#8a5a00' });
    body += il.svg;
    y += il.height + 6;
  }
  const H = opts.square ? Math.max(1080, Math.ceil(y + pad)) : Math.ceil(y + pad);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" role="img" aria-label="${esc(s.title)}"><title>${esc(s.title)}</title><desc>${esc(s.summary)}</desc><rect width="100%" height="100%" fill="#ffffff"/>${body}</svg>`;
  return { svg, width: W, height: H };
}

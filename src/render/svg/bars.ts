import { messages } from '../../i18n';
import { formatPercent } from '../../lib/format';
import type { ChartSnapshot, Point } from '../../snapshot/schema';
import { legend, lineSwatch, type LegendItem } from './legend';
import { REF_DASH, type Palette } from '../palette';
import { esc, n, sizesFor, textWidth, wrap, type Drawn } from './text';
import { territoryColor } from '../grammar/colors';
import { cutAround, valueLabelX, type Box } from '../grammar/labels';
import { valueAxis } from '../grammar/scale';
import { isIllustrativeValue, provenanceOfValues } from '../../snapshot/credits';

interface Line {
  readonly text: string;
  readonly bold: boolean;
}

/**
 * A category's label: rank and full name for the ranking (the rank change goes with the value); « Étape » in bold
 * then the indicator, the stage written only on the first row of its stage (`stageShown`).
 */
function labelLines(s: ChartSnapshot, p: Point, width: number, size: number, max: number, stageShown: boolean, narrow: boolean): Line[] {
  if (s.kind === 'ranking') {
    // On a phone the name sits above its bar, with room for the rank change after it; wider, it goes with the value.
    // The rank is held to the name's first word by a no-break space: « 7. » never ends a line alone.
    const change = narrow ? rankChange(s, p) : '';
    return cut(wrap(`${p.rang ?? '–'}.\u00a0${p.label}${change ? `  ${change}` : ''}`, width, size).map((text) => ({ text, bold: false })), max);
  }
  const { stage, name } = splitStage(p.label);
  const head = stageShown ? [] : wrap(stage, width, size, true).map((text) => ({ text, bold: true }));
  return cut([...head, ...wrap(name, width, size).map((text) => ({ text, bold: false }))], max);
}

/** Lines a label may take before it is cut (no real name comes near it). */
const MAX_LINES = 6;

/** « Étape · indicateur » split in two; a label without a stage is all name. */
function splitStage(label: string): { stage: string; name: string } {
  const i = label.indexOf(' · ');
  return i < 0 ? { stage: '', name: label } : { stage: label.slice(0, i), name: label.slice(i + 3) };
}

/**
 * The categories in drawing order: as given, except that the rows of one pipeline stage are kept together (the
 * catalogue may order an indicator of an earlier stage after a later one), so that each stage is named once.
 */
function categories(s: ChartSnapshot): Point[] {
  const points = s.series[0]?.points ?? [];
  if (s.kind === 'ranking') return [...points];
  const first = new Map<string, number>();
  points.forEach((p, i) => {
    const st = splitStage(p.label).stage;
    if (!first.has(st)) first.set(st, i);
  });
  return points.map((p, i) => ({ p, i, k: first.get(splitStage(p.label).stage) ?? i })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.p);
}

/** At most `max` lines; a label cut short ends with « … », so that it never reads as complete. */
function cut(lines: Line[], max: number): Line[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  const last = kept[max - 1] as Line;
  kept[max - 1] = { ...last, text: `${last.text}…` };
  return kept;
}

/** A value in words; on the ranking, followed by the rank change and the year it compares with (« ▲3 vs 2023 »). */
function valueText(s: ChartSnapshot, p: Point, withRank = true): string {
  const m = messages(s.lang);
  const value = p.y === null ? m.statusLabel(p.flags?.raison ?? 'absent') : formatPercent(p.y, s.lang) + (p.flags?.faible ? ' *' : '') + (p.annee ? ` (${p.annee})` : '');
  const change = withRank ? rankChange(s, p) : '';
  return change ? `${value}  ${change}` : value;
}

/** The ranking's rank change and the year it compares with (« ▲3 vs 2023 »), or nothing. */
function rankChange(s: ChartSnapshot, p: Point): string {
  const ch = p.evolution_rang;
  if (s.kind !== 'ranking' || ch == null) return '';
  const change = ch > 0 ? `▲${ch}` : ch < 0 ? `▼${-ch}` : '=';
  return p.rang_depuis ? messages(s.lang).rankVs(change, String(p.rang_depuis)) : change;
}

function patterns(s: ChartSnapshot, pal: Palette): string {
  const c = (j: number) => groupColor(s, j, pal);
  return `<defs><pattern id="pno-low" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="${pal.lowFill}"/><line x1="0" y1="0" x2="0" y2="5" stroke="${pal.lowLine}" stroke-width="2"/></pattern>`
    + `<pattern id="pno-g1" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="${c(1)}"/><line x1="0" y1="0" x2="0" y2="4" stroke="${pal.paper}" stroke-width="1.2"/></pattern>`
    + `<pattern id="pno-g2" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="${c(2)}"/><circle cx="2.5" cy="2.5" r="1" fill="${pal.paper}"/></pattern></defs>`;
}

/** A series' colour: its territory's, the same in every chart of the page (chart grammar). */
const groupColor = (s: ChartSnapshot, j: number, pal: Palette) => {
  const q = s.series[j];
  return q ? territoryColor(q, s.series, pal) : pal.ink;
};
/**
 * Whether a value is drawn as illustrative (a muted, more transparent fill, outlined in its colour): only in a chart that mixes real
 * and illustrative values, where the difference means something; a chart all illustrative says so in its label.
 */
const ILLUSTRATIVE_OPACITY = 0.35;
const mixed = (s: ChartSnapshot) => provenanceOfValues(s, s.series.flatMap((q) => q.points)) === 'mixte';

/** First series solid, second hatched, third dotted, so that colour is never the only difference. */
const groupFill = (s: ChartSnapshot, j: number, pal: Palette) => (j === 1 ? 'url(#pno-g1)' : j === 2 ? 'url(#pno-g2)' : groupColor(s, j, pal));

/** Sizes and the value scale of a bar chart `w` pixels wide. */
function geometry(s: ChartSnapshot, w: number) {
  const { narrow, font, small } = sizesFor(w);
  const ns = s.series.length;
  const valueW = Math.max(40, ...s.series.flatMap((q) => q.points.map((p) => textWidth(valueText(s, p, !narrow), small)))) + 8;
  const labelW = narrow ? w : Math.round(Math.min(260, Math.max(100, w * 0.3)));
  const x0 = narrow ? 0 : labelW + 8;
  const plotW = Math.max(60, w - x0 - valueW);
  const axis = valueAxis(Math.max(0, ...s.series.flatMap((q) => q.points.map((p) => p.y ?? 0)), ...s.references.map((r) => r.value)), plotW, { parity: s.references.some((r) => r.id === 'parite'), dir: 'x' });
  const max = axis.max;
  const barH = ns === 1 ? 18 : 13;
  return {
    w, narrow, font, small, labelW, plotW, max, barH, ticks: axis.ticks,
    groupH: ns * barH + (ns - 1) * 3,
    lh: Math.round(font * 1.25),
    top: 20,
    sx: (v: number) => x0 + (Math.max(0, v) / max) * plotW,
  };
}
type Geometry = ReturnType<typeof geometry>;

/** One row per category: its label, a bar per series and each value in words; where the bars of each row lie. */
function rows(s: ChartSnapshot, g: Geometry, pal: Palette) {
  const single = s.series.length === 1;
  const both = mixed(s);
  let y = g.top;
  let marks = '';
  let values = '';
  let labels = '';
  const bands: (readonly [number, number])[] = [];
  const boxes: Box[] = [];
  const refXs = s.references.map((r) => g.sx(r.value));
  let stage = '';
  for (const c of categories(s)) {
    const head = s.kind === 'ranking' ? '' : splitStage(c.label).stage;
    const lines = labelLines(s, c, g.narrow ? g.w : g.labelW - 4, g.font, MAX_LINES, head === stage, g.narrow);
    stage = head;
    const labelH = lines.length * g.lh;
    const rowH = g.narrow ? labelH + 4 + g.groupH : Math.max(g.groupH, labelH);
    const barsTop = g.narrow ? y + labelH + 4 : y + (rowH - g.groupH) / 2;
    const labelTop = g.narrow ? y : y + (rowH - labelH) / 2;
    // Above the bars (phones), a label lies across the reference lines: its halo stops them short of its letters.
    const halo = g.narrow ? ` stroke="${pal.paper}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"` : ' text-anchor="end"';
    labels += lines.map((l, k) => `<text x="${g.narrow ? 0 : g.labelW}" y="${n(labelTop + (k + 1) * g.lh - g.lh * 0.25)}" font-size="${g.font}"${l.bold ? ' font-weight="700"' : ''}${halo} fill="${pal.ink}">${esc(l.text)}</text>`).join('');
    s.series.forEach((q, j) => {
      const p = q.points.find((pp) => pp.x === c.x);
      if (!p) return;
      const by = barsTop + j * (g.barH + 3);
      if (p.y !== null) {
        const low = Boolean(p.flags?.faible);
        const ranked = single && s.kind === 'ranking';
        const fill = ranked ? (low ? 'url(#pno-low)' : pal.bar) : groupFill(s, j, pal);
        const faded = both && isIllustrativeValue(s, p) === true;
        const edge = low ? ` stroke="${pal.lowLine}" stroke-width="1.5"` : faded ? ` stroke="${ranked ? pal.bar : groupColor(s, j, pal)}" stroke-width="1"` : '';
        marks += `<rect x="${n(g.sx(0))}" y="${n(by)}" width="${n(Math.max(1, g.sx(p.y) - g.sx(0)))}" height="${g.barH}" fill="${fill}"${faded ? ` fill-opacity="${ILLUSTRATIVE_OPACITY}" data-illustrative=""` : ''}${edge}/>`;
      }
      const text = valueText(s, p, !g.narrow);
      const tw = textWidth(text, g.small);
      const vx = valueLabelX(g.sx(p.y ?? 0) + 5, tw, refXs);
      const base = by + g.barH / 2 + g.small * 0.35;
      // The glyphs' box, from the ascenders to the descenders: what a reference line must not cross.
      boxes.push({ x: vx, y: base - g.small, w: tw, h: g.small * 1.3 });
      values += `<text x="${n(vx)}" y="${n(base)}" font-size="${g.small}" fill="${pal.ink}" stroke="${pal.paper}" stroke-width="3" paint-order="stroke" data-value-label="">${esc(text)}</text>`;
    });
    bands.push([barsTop, barsTop + g.groupH]);
    y += rowH + 10;
  }
  return { marks, values, labels, bands, boxes, bottom: y - 6 };
}

/**
 * Grid lines at the value axis' ticks labelled below, and the reference lines, cut around the value labels they
 * would cross (`boxes`); parity named on top.
 */
function scale(s: ChartSnapshot, g: Geometry, pal: Palette, drawn: { bands: readonly (readonly [number, number])[]; boxes: readonly Box[]; bottom: number }): { grid: string; refs: string } {
  const { bottom, boxes } = drawn;
  const whole = [[g.top - 4, bottom] as const];
  // On phones labels sit across the plot: grid lines stop at each row's bars. A reference line runs whole from top
  // to bottom (one line to follow, not a fragment per row), cut only around value labels; the category labels
  // it passes under have a halo of the background that stops it short of their letters.
  const rowSpans = g.narrow ? drawn.bands.map(([a, b]) => [a - 3, b + 3] as const) : whole;
  const vline = (x: number, attrs: string, spans: readonly (readonly [number, number])[], boxes: readonly Box[] = []) => cutAround(spans, x, boxes).map(([a, b]) => `<line x1="${n(x)}" x2="${n(x)}" y1="${n(a)}" y2="${n(b)}" ${attrs}/>`).join('');
  let grid = '';
  for (const v of g.ticks) {
    grid += vline(g.sx(v), `stroke="${v === 0 ? pal.axis : pal.grid}"`, rowSpans);
    grid += `<text x="${n(g.sx(v))}" y="${n(bottom + g.small + 4)}" font-size="${g.small}"${g.sx(v) < 12 ? '' : ' text-anchor="middle"'} fill="${pal.soft}">${esc(formatPercent(v, s.lang, 0))}</text>`;
  }
  let refs = '';
  for (const r of s.references) {
    refs += vline(g.sx(r.value), `stroke="${pal.refs[r.id]}" stroke-width="${r.id === 'parite' ? 2 : 1.5}"${REF_DASH[r.id] ? ` stroke-dasharray="${REF_DASH[r.id]}"` : ''}`, whole, boxes);
    if (r.id !== 'parite') continue;
    const half = textWidth(r.label, g.small) / 2;
    refs += `<text x="${n(Math.min(g.w - half, Math.max(half, g.sx(r.value))))}" y="${g.top - 8}" font-size="${g.small}" text-anchor="middle" fill="${pal.ink}">${esc(r.label)}</text>`;
  }
  return { grid, refs };
}

/** Series swatches (grouped bars), the references other than parity, and the small-count mark when used. */
function legendItems(s: ChartSnapshot, pal: Palette, small: number): LegendItem[] {
  const ranking = s.series.length === 1 && s.kind === 'ranking';
  const items: LegendItem[] = [];
  if (s.series.length > 1) s.series.forEach((q, j) => items.push({ swatch: `<rect width="16" height="12" fill="${groupFill(s, j, pal)}"/>`, width: 16, label: q.label }));
  for (const r of s.references) if (r.id !== 'parite') items.push({ swatch: lineSwatch(pal.refs[r.id], REF_DASH[r.id]), width: 28, label: r.label });
  if (mixed(s)) items.push({ swatch: `<rect width="16" height="12" fill="${pal.ink}" fill-opacity="${ILLUSTRATIVE_OPACITY}" stroke="${pal.ink}"/>`, width: 16, label: messages(s.lang).legendIllustrative });
  if (s.series.some((q) => q.points.some((p) => p.flags?.faible && p.y !== null))) {
    const swatch = ranking ? `<rect width="16" height="12" fill="url(#pno-low)" stroke="${pal.lowLine}"/>` : `<text y="11" font-size="${small}" fill="${pal.ink}">*</text>`;
    items.push({ swatch, width: ranking ? 16 : 6, label: messages(s.lang).lowMark });
  }
  return items;
}

/**
 * Horizontal bars by category (ranking: one series; pipeline and comparison: one bar per series), each with its
 * value in words at its end, the parity line labelled at the top, the other references in the legend. Wider than
 * 520 px, labels sit left of the bars; narrower, above them, so that phones keep a long enough scale.
 */
export function bars(s: ChartSnapshot, w: number, pal: Palette): Drawn {
  const g = geometry(s, w);
  const r = rows(s, g, pal);
  const sc = scale(s, g, pal, r);
  const lg = legend(legendItems(s, pal, g.small), 0, r.bottom + g.small + 14, w, g.small, pal.soft);
  // Reference lines over the bars, values and labels over everything (with a halo of the background).
  return { svg: patterns(s, pal) + sc.grid + r.marks + sc.refs + r.values + r.labels + lg.svg, height: r.bottom + g.small + 14 + lg.height };
}

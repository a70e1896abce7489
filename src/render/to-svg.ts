import { messages } from '../i18n';
import type { ChartSnapshot } from '../snapshot/schema';
import { generatedCredit, sourceCredit } from '../snapshot/credits';
import { chartBody, FONT } from './svg/chart';
import { LIGHT } from './palette';
import { esc, textBlock, wrap } from './svg/text';

export { esc };

/** How much wider than the estimate (svg/text.ts) a title may be drawn: the widest common sans-serif, bold. */
export const WIDE_FONT = 1.2;

/**
 * A standalone SVG of a snapshot, text kept as text in generic fonts: title, summary, the chart, notes, sources
 * with their date and licence, generation date and permalink, and the illustrative mark when it applies.
 * `square` lays it out for social networks. The chart itself is drawn by the renderer the embed uses (./svg).
 */
export function snapshotSvg(s: ChartSnapshot, opts: { width?: number; square?: boolean; title?: boolean } = {}): { svg: string; width: number; height: number } {
  const m = messages(s.lang);
  const pal = LIGHT;
  const W = opts.square ? 1080 : (opts.width ?? 1200);
  const pad = 40;
  const inner = W - 2 * pad;
  let y = pad;
  let body = '';
  if (opts.title !== false) {
    // Wrapped with room to spare: the fonts a PNG is drawn with (DejaVu, Noto…) run wider than the estimate.
    const t = textBlock(wrap(s.title, inner, 26 * WIDE_FONT, true), pad, y, 26, { weight: 700, fill: pal.ink });
    body += t.svg;
    y += t.height + 8;
  }
  const sum = textBlock(wrap(s.summary, inner, 16 * WIDE_FONT), pad, y, 16, { fill: pal.ink });
  body += sum.svg;
  y += sum.height + 20;
  const height = opts.square ? Math.max(300, 1080 - y - 230) : s.kind === 'map' ? 520 : 420;
  const chart = chartBody(s, inner, { palette: pal, height: s.kind === 'trend' ? height - 80 : height });
  body += `<g transform="translate(${pad} ${Math.round(y)})">${chart.svg}</g>`;
  y += chart.height + 20;
  const foot: string[] = [...s.notes];
  foot.push(`${m.sourcesLabel} ${s.sources.map((x) => sourceCredit(x, s.lang)).join(' · ')}`);
  foot.push(`${generatedCredit(s)} — ${s.permalink}`);
  if (s.kind === 'map') foot.push(m.mapCredit);
  const f = textBlock(foot.flatMap((l) => wrap(l, inner, 12)), pad, y, 12, { fill: pal.soft, lh: 16 });
  body += f.svg;
  y += f.height;
  if (s.illustratif) {
    const il = textBlock([m.noteIllustrative.toUpperCase()], pad, y + 6, 14, { weight: 700, fill: pal.illustrative });
    body += il.svg;
    y += il.height + 6;
  }
  const H = opts.square ? Math.max(1080, Math.ceil(y + pad)) : Math.ceil(y + pad);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" role="img" aria-label="${esc(s.title)}"><title>${esc(s.title)}</title><desc>${esc(s.summary)}</desc><rect width="100%" height="100%" fill="${pal.paper}"/>${body}</svg>`;
  return { svg, width: W, height: H };
}

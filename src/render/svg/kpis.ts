import type { ChartSnapshot } from '../../snapshot/schema';
import type { Palette } from '../palette';
import { esc, n, textBlock, wrap, type Drawn } from './text';

/** KPI cards for exports: each label above, its figure big, its detail below; 1 to 3 columns by width. */
export function kpis(s: ChartSnapshot, w: number, pal: Palette): Drawn {
  const items = s.kpis ?? [];
  const cols = w > 900 ? 3 : w > 420 ? 2 : 1;
  const cw = (w - (cols - 1) * 16) / cols;
  let out = '';
  items.forEach((k, i) => {
    const cx = (i % cols) * (cw + 16);
    const cy = Math.floor(i / cols) * 122;
    out += `<rect x="${n(cx)}" y="${cy}" width="${n(cw)}" height="108" rx="8" fill="${pal.card}"/>`;
    out += textBlock(wrap(k.label, cw - 24, 14).slice(0, 2), cx + 12, cy + 6, 14, { fill: pal.soft, weight: 600 }).svg;
    out += `<text x="${n(cx + 12)}" y="${cy + 76}" font-size="30" font-weight="700" fill="${pal.accent}">${esc(k.value)}</text>`;
    if (k.detail) out += `<text x="${n(cx + 12)}" y="${cy + 98}" font-size="12" fill="${pal.soft}">${esc(k.detail)}</text>`;
  });
  return { svg: out, height: Math.ceil(items.length / cols) * 122 - 14 };
}

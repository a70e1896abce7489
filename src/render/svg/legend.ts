import { esc, n, textWidth, wrap } from './text';

export interface LegendItem {
  /** The sample, drawn in a box of `width` × 12 pixels from the origin. */
  readonly swatch: string;
  readonly width: number;
  readonly label: string;
}

/**
 * Legend items side by side, wrapped onto as many rows as the width needs; an item too long for one row wraps its
 * own label. Returns the SVG (top edge at `y`) and its height.
 */
export function legend(items: readonly LegendItem[], x: number, y: number, width: number, size: number, fill: string): { svg: string; height: number } {
  const lh = Math.round(size * 1.45);
  let cx = 0;
  let row = 0;
  let svg = '';
  for (const it of items) {
    const room = width - it.width - 6;
    const lines = textWidth(it.label, size) <= room ? [it.label] : wrap(it.label, room, size);
    const w = it.width + 6 + Math.max(...lines.map((l) => textWidth(l, size)));
    if (cx > 0 && (cx + w > width || lines.length > 1)) {
      cx = 0;
      row += 1;
    }
    const top = y + row * lh;
    svg += `<g transform="translate(${n(x + cx)} ${n(top + (lh - 12) / 2)})">${it.swatch}</g>`;
    svg += lines.map((l, i) => `<text x="${n(x + cx + it.width + 6)}" y="${n(top + lh / 2 + size * 0.35 + i * lh)}" font-size="${size}" fill="${fill}">${esc(l)}</text>`).join('');
    row += lines.length - 1;
    cx = lines.length > 1 ? width : cx + w + 16;
  }
  return { svg, height: items.length ? (row + 1) * lh : 0 };
}

/** A line sample for a legend: colour, width and dash of the line it explains. */
export function lineSwatch(color: string, dash = '', width = 2, w = 28): string {
  return `<line x1="0" x2="${w}" y1="6" y2="6" stroke="${color}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
}

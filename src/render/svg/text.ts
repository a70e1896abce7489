/** Text helpers of the SVG renderer: every label is data, escaped, and laid out by an estimate of its width. */

/** Escapes text for XML: every label is data, never markup. */
export function esc(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Average glyph width in em of the generic sans-serif fonts, bold a little wider: no font is measured. */
const EM = { normal: 0.55, bold: 0.6 };

/** The estimated width of a line of text, in pixels. */
export function textWidth(text: string, size: number, bold = false): number {
  return text.length * size * (bold ? EM.bold : EM.normal);
}

/**
 * A word too long for a line of `max` characters, cut after its hyphens (« Pyrénées- » / « Orientales »), never
 * elsewhere: a word without a hyphen stays whole.
 */
function pieces(word: string, max: number): string[] {
  if (word.length <= max || !word.includes('-')) return [word];
  const out: string[] = [];
  for (const p of word.split(/(?<=-)/)) {
    const last = out.at(-1);
    if (last !== undefined && (last + p).length <= max) out[out.length - 1] = last + p;
    else out.push(p);
  }
  return out;
}

/**
 * Splits text into lines that fit `width` pixels at `size`, at spaces only (a no-break space, as between a rank and
 * its name, holds its words together); a word longer than a line is cut after a hyphen if it has one, else kept whole.
 */
export function wrap(text: string, width: number, size: number, bold = false): string[] {
  const max = Math.max(8, Math.floor(width / (size * (bold ? EM.bold : EM.normal))));
  const lines: string[] = [];
  for (const w of text.split(/[ \t\r\n]+/)) {
    if (!w) continue;
    pieces(w, max).forEach((p, i) => {
      const last = lines.at(-1);
      if (i === 0 && last !== undefined && (last + ' ' + p).length <= max) lines[lines.length - 1] = `${last} ${p}`;
      else lines.push(p);
    });
  }
  return lines;
}

export interface TextOpts {
  readonly weight?: number;
  readonly fill: string;
  /** Line height in pixels (1.3 em by default). */
  readonly lh?: number;
  readonly anchor?: 'start' | 'middle' | 'end';
}

/** Lines of text from a top edge `y` (not a baseline): its SVG and the height it takes. */
export function textBlock(lines: readonly string[], x: number, y: number, size: number, o: TextOpts): { svg: string; height: number } {
  const lh = o.lh ?? size * 1.3;
  const attrs = `font-size="${size}"${o.weight && o.weight !== 400 ? ` font-weight="${o.weight}"` : ''}${o.anchor && o.anchor !== 'start' ? ` text-anchor="${o.anchor}"` : ''} fill="${o.fill}"`;
  const svg = lines.map((l, i) => `<text x="${n(x)}" y="${n(y + size + i * lh)}" ${attrs}>${esc(l)}</text>`).join('');
  return { svg, height: lines.length * lh };
}

/** A coordinate with at most one decimal, so the SVG stays short. */
export function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** Font sizes of a chart drawn `width` pixels wide: a little smaller on phones, never under 11 px. */
export function sizesFor(width: number): { narrow: boolean; font: number; small: number } {
  const narrow = width < 520;
  return { narrow, font: narrow ? 12 : 13, small: narrow ? 11 : 12 };
}

/** A drawn part of a chart: its SVG, laid out from the origin, and the height it takes. */
export interface Drawn {
  readonly svg: string;
  readonly height: number;
}

/**
 * Where labels go, for every chart kind: end-of-line labels spread so that none overlaps another, and value labels
 * moved off the reference lines they would sit under. Pure geometry on estimated text boxes, shared by the
 * dashboard and the SVG renderer.
 */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Whether a vertical line at `x` crosses a box (with `pad` pixels of room either side). */
export function crossesVertical(b: Box, x: number, pad = 2): boolean {
  return x >= b.x - pad && x <= b.x + b.w + pad;
}

/** Whether a horizontal line at `y` crosses a box. */
export function crossesHorizontal(b: Box, y: number, pad = 1): boolean {
  return y >= b.y - pad && y <= b.y + b.h + pad;
}

/**
 * The left edge of a value label `w` wide that would start at `x`: moved right past every vertical line (at `lines`)
 * it would cross, so that no label sits under a reference line.
 */
export function clearOfLines(x: number, w: number, lines: readonly number[], pad = 3): number {
  let at = x;
  for (let k = 0; k <= lines.length; k++) {
    const hit = lines.filter((l) => crossesVertical({ x: at, y: 0, w, h: 0 }, l, pad)).sort((a, b) => b - a)[0];
    if (hit === undefined) return at;
    at = hit + pad + 1;
  }
  return at;
}

/**
 * Vertical centres for labels wanted at `ys` (any order), each `lh` tall, kept between `top` and `bottom` and at
 * least `lh` apart, as near to where each was wanted as that allows. Returned in the order given.
 */
export function spread(ys: readonly number[], lh: number, top: number, bottom: number): number[] {
  const order = ys.map((y, i) => ({ y: Number.isFinite(y) ? y : top, i })).sort((a, b) => a.y - b.y);
  const placed = order.map((o) => o.y);
  for (let k = 0; k < placed.length; k++) placed[k] = Math.max(placed[k] as number, k ? (placed[k - 1] as number) + lh : top + lh / 2);
  // Pushed back up from the bottom when the last ones ran past it.
  for (let k = placed.length - 1; k >= 0; k--) placed[k] = Math.min(placed[k] as number, k < placed.length - 1 ? (placed[k + 1] as number) - lh : bottom - lh / 2);
  const out: number[] = new Array<number>(ys.length);
  order.forEach((o, k) => (out[o.i] = placed[k] as number));
  return out;
}

/**
 * How far past its bar's end a value label may be moved to clear a reference line. A line further in the label's
 * way gives way instead (it is cut around the label, see `cutAround`): a label always stays next to its bar.
 */
export const MAX_LABEL_SHIFT = 16;

/**
 * The left edge of a value label `w` wide wanted at `x` (just past its bar's end): moved just past the lines it
 * would cross as long as that keeps it within MAX_LABEL_SHIFT of `x`, the nearest line first; the lines it still
 * crosses are cut around it by the renderer.
 */
export function valueLabelX(x: number, w: number, lines: readonly number[], pad = 3): number {
  let at = x;
  for (;;) {
    const hit = lines.filter((l) => crossesVertical({ x: at, y: 0, w, h: 0 }, l, pad)).sort((a, b) => a - b)[0];
    if (hit === undefined || hit + pad + 1 - x > MAX_LABEL_SHIFT) return at;
    at = hit + pad + 1;
  }
}

/**
 * The spans `[top, bottom]` of a vertical line at `x`, with a gap around each label box it would cross (`pad` pixels
 * of room either side): the line stops short of the label instead of running under it.
 */
export function cutAround(spans: readonly (readonly [number, number])[], x: number, boxes: readonly Box[], pad = 2): [number, number][] {
  const holes = boxes.filter((b) => crossesVertical(b, x, pad)).map((b) => [b.y - pad, b.y + b.h + pad] as const).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [top, bottom] of spans) {
    let from = top;
    for (const [a, b] of holes) {
      if (b <= from || a >= bottom) continue;
      if (a > from) out.push([from, a]);
      from = Math.max(from, b);
    }
    if (from < bottom) out.push([from, bottom]);
  }
  return out;
}

/**
 * The most ticks (grid lines, labelled years) an axis ever draws, whatever it is given. The schema bounds every
 * value a snapshot holds, but the renderer does not rely on it: a value that slipped through (1e308, a year of
 * −1e12) widens the step, never the loop.
 */
export const MAX_TICKS = 30;

/** Step multipliers in turn: 1, 2, 5, 10, 20, 50… times the first step. */
const GROWTH = [2, 2.5, 2] as const;

/**
 * Tick values from `from` to `to` (both included when they fall on a step), `step` apart or a wider nice step so
 * that there are at most MAX_TICKS; `align` starts at the first multiple of the step. Nothing for bounds that are
 * not finite numbers.
 */
export function ticks(from: number, to: number, step: number, align = false): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || !Number.isFinite(step) || step <= 0 || to < from) return [];
  let st = step;
  for (let k = 0; (to - from) / st >= MAX_TICKS; k++) st *= GROWTH[k % GROWTH.length] as number;
  const start = align ? Math.ceil(from / st) * st : from;
  const out: number[] = [];
  for (let i = 0; i <= MAX_TICKS; i++) {
    const v = start + i * st;
    if (v > to) break;
    out.push(v);
  }
  return out;
}

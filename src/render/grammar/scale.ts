// d3's nice ticks, as d3-scale's linear scale computes them (its nice() and ticks() are these two functions of
// d3-array): imported from d3-array so that the embed does not carry the scale's interpolators and formats.
import { nice, ticks as d3ticks } from 'd3-array';
import { MAX_TICKS } from '../svg/ticks';

/**
 * The value axis of every chart kind, the same in the dashboard, the embed and the exports: d3's nice ticks
 * on a domain from 0. When parity is drawn the domain reaches past 50 % and the ticks include 50 % (a step of 10 or
 * 50 points, or 50 added to a step that skips it), so the parity line always sits on a labelled tick.
 */
export interface ValueAxis {
  /** The top of the domain (the bottom is 0): a tick, at most 100. */
  readonly max: number;
  readonly ticks: readonly number[];
}

/** The least tick spacing, in pixels, that the labels of a value axis need. */
const MIN_GAP = { x: 80, y: 44 } as const;

/**
 * Nice ticks from 0 to at least `highest` (and past 50 % with room for its label when `parity`), for an axis
 * `pixels` long laid across (`x`) or up (`y`). Values that are not finite count as 0; never more than MAX_TICKS.
 */
export function valueAxis(highest: number, pixels: number, o: { parity: boolean; dir: 'x' | 'y' }): ValueAxis {
  const top = Math.min(100, Math.max(Number.isFinite(highest) ? highest * 1.06 : 0, o.parity ? 55 : 10, 1));
  const count = Math.max(2, Math.min(MAX_TICKS - 1, Math.floor(Math.max(0, pixels) / MIN_GAP[o.dir])));
  // Fewer ticks until the parity tick is one of them (10 → 5 → 2…: d3 steps are 1, 2 or 5 × 10^k).
  for (let c = count; c >= 2; c--) {
    const [, hi] = nice(0, top, c);
    const ticks = d3ticks(0, hi, c);
    const max = Math.min(100, hi);
    if (!o.parity || ticks.includes(50)) return { max, ticks: ticks.filter((t) => t <= max).slice(0, MAX_TICKS) };
  }
  // Too short for d3 to step through 50: the roundest step that does and still leaves room for each label.
  const max = Math.min(100, Math.ceil(top / 10) * 10);
  const step = [10, 25, 50].find((st) => (Math.max(0, pixels) * st) / max >= MIN_GAP[o.dir] * 0.75) ?? 50;
  return { max, ticks: Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step) };
}

/**
 * Years on a time axis `pixels` wide from `from` to `to`: whole years only, d3's nice steps (1, 2, 5, 10…), at
 * at about 60 px apart (d3 may give a few more), so that « 2029 2030 » never crowd. Nothing for bounds that are not finite; never more
 * than MAX_TICKS (a hostile year range widens the step, never the loop).
 */
export function yearTicks(from: number, to: number, pixels: number): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return [];
  if (to === from) return [from];
  const count = Math.max(1, Math.min(MAX_TICKS - 1, Math.floor(Math.max(0, pixels) / 60), to - from));
  const ticks = d3ticks(from, to, count).filter((t) => Number.isInteger(t));
  return ticks.length > MAX_TICKS ? ticks.filter((_, i) => i % Math.ceil(ticks.length / MAX_TICKS) === 0) : ticks;
}

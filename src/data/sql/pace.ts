import { z } from 'zod';
import type { TrendRow } from './trend';

export const PaceRow = z.object({
  territoire: z.string(),
  part_fin: z.number(),
  fin: z.number().int(),
  cible: z.number(),
  annee_cible: z.number().int(),
  /** Points per year needed from the latest value to reach the target share by the target year. */
  gain_requis: z.number().nullable(),
  /** Observed slope over the window, points per year. */
  gain_observe: z.number().nullable(),
  /** True when the target is already met. */
  cible_atteinte: z.boolean(),
});
export type PaceRow = z.infer<typeof PaceRow>;

/**
 * The yearly gain (points) needed to reach `cible` % by `annee_cible` from a trend's latest value, beside its
 * observed pace; gain_requis is null when the target year is not after the latest year. The only place the target
 * enters a computation: the trend (SQL, trendsQuery) does not depend on it, so the page's live answers and the
 * build-time ones (recorded at the default target) give the same pace for any target through this one function.
 * Undefined when the territory has no trend (no value in the window).
 */
export function paceOf(tr: TrendRow | undefined, target: { readonly cible: number; readonly anneeCible: number }): PaceRow | undefined {
  if (!tr) return undefined;
  const { cible, anneeCible } = target;
  return {
    territoire: tr.territoire,
    part_fin: tr.part_fin,
    fin: tr.fin,
    cible,
    annee_cible: anneeCible,
    gain_requis: anneeCible > tr.fin ? (cible - tr.part_fin) / (anneeCible - tr.fin) : null,
    gain_observe: tr.pente,
    cible_atteinte: tr.part_fin >= cible,
  };
}

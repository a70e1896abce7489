/**
 * Eurostat's `geo` codes mapped to ours. Several codes may give the same territory: each has a rank (0 is the
 * code to use when present), and a région given by its two NUTS 2 halves is their sum (counts only).
 */

/** Where a Eurostat geo code goes: our code, its rank among the codes for it, and the halves summed into it. */
export interface Place {
  readonly target: string;
  readonly rank: number;
  /** The NUTS 2 codes whose sum is the région (both must be present), when this code is one of them. */
  readonly halves?: readonly [string, string];
}

/** The EU aggregate we publish, then the older ones used (with a warning) only for years it lacks. */
const EU = ['EU27_2020', 'EU28', 'EU27_2007', 'EU27', 'EU25', 'EU15'];

/**
 * Occitanie's départements by NUTS 3 code: NUTS 2016 and later (FRJ1x, FRJ2x), then NUTS 2013 and earlier
 * (FR81x under Languedoc-Roussillon, FR62x under Midi-Pyrénées), numbered in the same order of départements.
 */
const DEPARTEMENTS: Record<string, readonly [string, number]> = {
  FRJ11: ['11', 0], FRJ12: ['30', 0], FRJ13: ['34', 0], FRJ14: ['48', 0], FRJ15: ['66', 0],
  FRJ21: ['09', 0], FRJ22: ['12', 0], FRJ23: ['31', 0], FRJ24: ['32', 0], FRJ25: ['46', 0], FRJ26: ['65', 0], FRJ27: ['81', 0], FRJ28: ['82', 0],
  FR811: ['11', 1], FR812: ['30', 1], FR813: ['34', 1], FR814: ['48', 1], FR815: ['66', 1],
  FR621: ['09', 1], FR622: ['12', 1], FR623: ['31', 1], FR624: ['32', 1], FR625: ['46', 1], FR626: ['65', 1], FR627: ['81', 1], FR628: ['82', 1],
};

/** Occitanie (76): its NUTS 1 code, else the sum of its NUTS 2 halves (2016 codes, then 2013 codes). */
const OCCITANIE: Record<string, Place> = {
  FRJ: { target: '76', rank: 0 },
  FRJ1: { target: '76', rank: 1, halves: ['FRJ1', 'FRJ2'] },
  FRJ2: { target: '76', rank: 1, halves: ['FRJ1', 'FRJ2'] },
  FR81: { target: '76', rank: 2, halves: ['FR81', 'FR62'] },
  FR62: { target: '76', rank: 2, halves: ['FR81', 'FR62'] },
};

/** Our territory for a Eurostat geo code, or null when it is outside the dashboard's scope (skipped, counted). */
export function placeOf(geo: string): Place | null {
  const s = geo.trim().toUpperCase();
  if (s === 'FR') return { target: 'FR', rank: 0 };
  const eu = EU.indexOf(s);
  if (eu >= 0) return { target: 'EU27_2020', rank: eu };
  const dep = DEPARTEMENTS[s];
  if (dep) return { target: dep[0], rank: dep[1] };
  return OCCITANIE[s] ?? null;
}

/** True for an EU aggregate other than the one we publish (its values are used with a warning). */
export function isOlderEuAggregate(geo: string): boolean {
  return EU.indexOf(geo.trim().toUpperCase()) > 0;
}

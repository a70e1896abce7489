import { CANONICAL_COLUMNS } from '../../src/data/import/canonical';
import { DASHBOARD_SCOPE } from '../../src/data/import/territory';

/**
 * Values that many tests write: taken from the app's own definitions, so that a test file never keeps a copy of
 * its own that could drift from them.
 */

/** The canonical CSV header, French names in the contract's order (docs/contract.md, « Canonical CSV »). */
export const CANONICAL_HEADER = Object.keys(CANONICAL_COLUMNS).join(',');

/** The région Occitanie's code. */
export const OCCITANIE = '76';

/** Occitanie's 13 départements, in code order: the territories the dashboard shows, without région and countries. */
export const OCCITANIE_DEPARTEMENTS: readonly string[] = [...DASHBOARD_SCOPE].filter((c) => c !== OCCITANIE && c !== 'FR' && c !== 'EU27_2020').sort();

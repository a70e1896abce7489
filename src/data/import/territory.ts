import { cleanText, foldKey } from './numbers';

export interface CatalogueTerritory {
  readonly code: string;
  readonly code_cog: string;
  readonly type: string;
  readonly nom_fr: string;
}

/** Eurostat NUTS codes of Occitanie and its départements. */
const NUTS: Record<string, string> = {
  FRJ: '76', FRJ1: '76', FRJ2: '76', FRJ11: '11', FRJ12: '30', FRJ13: '34', FRJ14: '48', FRJ15: '66', FRJ21: '09', FRJ22: '12',
  FRJ23: '31', FRJ24: '32', FRJ25: '46', FRJ26: '65', FRJ27: '81', FRJ28: '82',
};
/** The territories the dashboard shows (Occitanie, its 13 départements, France, the EU): a recipe skips the others. */
export const DASHBOARD_SCOPE: ReadonlySet<string> = new Set(['76', ...new Set(Object.values(NUTS)), 'FR', 'EU27_2020']);

/**
 * A name's key as publishers write it: folded (case, accents, spaces, dashes and apostrophes ignored), with the
 * abbreviations of DEPP and other files spelt out (`ALPES-DE-HTE-PROVENCE`, `ST-PIERRE-ET-MIQUELON`).
 */
export function nameKey(raw: string): string {
  const words: Record<string, string> = { hte: 'haute', htes: 'hautes', st: 'saint', ste: 'sainte' };
  // `et` is left out: DEPP writes AUVERGNE-ET-RHONE-ALPES one year and AUVERGNE-RHONE-ALPES the next.
  return foldKey(raw).split('_').filter((w) => w !== 'et').map((w) => words[w] ?? w).join('_');
}

const COUNTRY: Record<string, string> = { FE: 'FR', FR: 'FR', FRA: 'FR', FRANCE: 'FR', FXX: 'FR', EU27_2020: 'EU27_2020', EU27: 'EU27_2020', UE27: 'EU27_2020', UE: 'EU27_2020', EU: 'EU27_2020' };

/**
 * `ambiguous`: a name that several territories bear (Guadeloupe is région REG-01 and département 971), with its
 * candidates as `type:code` pairs joined by `|` (the `territoire_ambigu` problem's list).
 */
/**
 * What a column of plain numeric codes holds, where a code alone could be either: `76` is Occitanie as a région and
 * Seine-Maritime as a département, `11` Île-de-France and Aude; `commune`: the codes are communes, each summed into
 * its département. Without a level, `76` alone is the région (the
 * canonical CSV's rule, docs/contract.md) and other numbers are départements.
 */
export type TerritoryLevel = 'departement' | 'region' | 'commune';

/** Occitanie's départements: a table of Occitanie and its départements writes `76` for the région beside them. */
export const OCCITANIE_DEPARTEMENTS: ReadonlySet<string> = new Set(Object.values(NUTS).filter((c) => c !== '76'));

export type TerritoryMatch = { readonly code: string } | { readonly unknown: true } | { readonly outside: true } | { readonly ambiguous: string };

/** Longest text tried as a code (`EU27_2020`, `DEP-76`, `FRJ23`…): longer texts can only be names. */
const MAX_CODE = 20;

/**
 * A commune's département, for a table of communes summed into their départements (level `commune`): `31555` → 31,
 * `97411` → 974, `2A004` → 2A, `COM-34172` → 34, and `9001` (Ariège's 09001 whose leading zero a spreadsheet
 * dropped) → 09. Anything else in such a table (a département's or France's total row) is another territory, skipped:
 * summed with the communes, it would count them twice.
 */
function communeDepartement(s: string, depByCog: ReadonlyMap<string, string>): TerritoryMatch {
  const m = s.match(/^(?:(?:COM|ARM)[-_ ]?)?(\d{4,5}|2[AB]\d{3})$/);
  if (!m?.[1]) return { outside: true };
  const c = m[1].padStart(5, '0');
  const dep = c.startsWith('97') ? c.slice(0, 3) : c.slice(0, 2);
  return depByCog.has(dep) ? { code: depByCog.get(dep) as string } : { outside: true };
}

/**
 * Maps the ways files write a territory to our codes: `31`, `9`, `09`, `9.0`, `DEP-31`, `D031`, `2A`, `REG-76`,
 * `76`, NUTS (`FRJ23`), ISO (`FR`, `FRA`), `EU27_2020`, and names (`Haute-Garonne`, `HAUTE-GARONNE`, `ALPES-DE-HTE-PROVENCE`:
 * accents, case and the publishers' abbreviations ignored; see `nameKey`).
 * A well-formed code of another country is `outside` (skipped with a warning); a name several territories bear is
 * `ambiguous` (codes never are); anything else is `unknown`.
 */
export function territoryMatcher(territories: readonly CatalogueTerritory[]): (raw: string, level?: TerritoryLevel) => TerritoryMatch {
  const codes = new Set(territories.map((t) => t.code));
  const depByCog = new Map(territories.filter((t) => t.type === 'departement').map((t) => [t.code_cog, t.code]));
  const regByCog = new Map(territories.filter((t) => t.type === 'region').map((t) => [t.code_cog, t.code]));
  // Every territory of each name: a name borne by several (a région and its département overseas) is ambiguous.
  const byName = new Map<string, CatalogueTerritory[]>();
  for (const t of territories) {
    const key = nameKey(t.nom_fr);
    byName.set(key, [...(byName.get(key) ?? []), t]);
  }
  const byNameMatch = (raw: string): TerritoryMatch | null => {
    const found = byName.get(nameKey(raw));
    if (!found?.length) return null;
    if (found.length === 1) return { code: (found[0] as CatalogueTerritory).code };
    return { ambiguous: found.map((t) => `${t.type}:${t.code}`).join('|') };
  };
  return (raw, level) => {
    const s = cleanText(raw).toUpperCase();
    if (s === '') return { unknown: true };
    if (level === 'commune') return communeDepartement(s, depByCog);
    // Codes are short: the patterns below only ever see short texts (no regex runs on a long cell).
    if (s.length > MAX_CODE) return byNameMatch(raw) ?? { unknown: true };
    const known = (c: string | undefined): TerritoryMatch | null => (c !== undefined && codes.has(c) ? { code: c } : null);
    let m = s.match(/^(?:DEP[-_ ]?|D)?0*(\d{1,3})(?:\.0+)?$/);
    if (m?.[1]) {
      const n = m[1].length === 1 ? `0${m[1]}` : m[1];
      const prefixed = /^(DEP|D)/.test(s);
      // 76 alone is the région (docs/contract.md) unless the column holds départements; DEP-76 is Seine-Maritime.
      // A number that is no région's in a column of régions (an old code, 73): another territory, skipped.
      if (!prefixed && level === 'region') return known(regByCog.get(n)) ?? { outside: true };
      if (n === '76' && !prefixed && level !== 'departement') return { code: '76' };
      return known(depByCog.get(n)) ?? { unknown: true };
    }
    m = s.match(/^(?:DEP[-_ ]?|D)?0?(2[AB])$/);
    if (m?.[1]) return known(depByCog.get(m[1])) ?? { unknown: true };
    m = s.match(/^(?:REG[-_ ]?|R)0*(\d{1,2})$/);
    if (m?.[1]) return known(regByCog.get(m[1].padStart(2, '0'))) ?? { unknown: true };
    // A commune (INSEE code, 5 characters, or COM-/ARM- prefixed) or an académie (A16, the SIES's codes): not a
    // territory the dashboard shows (unless the file's rows are communes to sum: see communeDepartement).
    if (/^((COM|ARM)[-_ ]?)?(\d{5}|2[AB]\d{3})$/.test(s) || /^A\d{2}$/.test(s)) return { outside: true };
    if (NUTS[s]) return { code: NUTS[s] };
    if (COUNTRY[s]) return { code: COUNTRY[s] };
    const direct = known(s);
    if (direct) return direct;
    const named = byNameMatch(raw);
    if (named) return named;
    // Another country (ISO 2 letters, EU aggregates, NUTS codes): valid, outside our scope.
    if (/^([A-Z]{2}|EU\d{2}(_\d{4})?|EA\d{0,2}|[A-Z]{2}[A-Z0-9]{1,3})$/.test(s)) return { outside: true };
    return { unknown: true };
  };
}

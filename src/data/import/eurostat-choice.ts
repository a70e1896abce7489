import { problem, type Problem } from './problems';
import { EUROSTAT_DATASETS, type EurostatTable, type Series } from './eurostat';

/** A dimension other than geo, sex and time: its codes in the file's order, and the one chosen (null: none yet). */
export interface EurostatDimension {
  readonly name: string;
  readonly values: string[];
  readonly chosen: string | null;
  /** The file's labels of its codes, when it gives them (SDMX-CSV « with labels »). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** What the report shows and asks of a Eurostat file. */
export interface EurostatInfo {
  readonly layout: 'tsv' | 'sdmx';
  readonly dataset: string | null;
  /** The target indicator: the analyst's, else the known dataset's, else null (the analyst must pick one). */
  readonly indicateur: string | null;
  readonly dimensions: EurostatDimension[];
  /** SDMX-CSV: the dataset's last update as the file states it (YYYY-MM-DD), the identity's date by default. */
  readonly derniere_maj?: string | null;
}

export type UnitKind = { readonly kind: 'count'; readonly factor: number } | { readonly kind: 'share' };

/**
 * What a unit code measures: a count (NR, PER, THS_PER × 1000, MIO_PER × 1,000,000) or a percentage (PC, PC_…);
 * null for anything else (euros, rates, indices), which cannot give a share of women. No unit dimension: counts.
 */
export function unitKind(unit: string | null): UnitKind | null {
  if (unit === null) return { kind: 'count', factor: 1 };
  const u = unit.trim().toUpperCase();
  if (/^PC(_|$)/.test(u) || u === 'PCT') return { kind: 'share' };
  // Persons, head counts and full-time equivalents (R&D personnel tables).
  if (/^(NR|PER|PERS|PERSON|PERSONS|HC|FTE)$/.test(u)) return { kind: 'count', factor: 1 };
  if (/^THS(_PER|_PERS)?$/.test(u)) return { kind: 'count', factor: 1000 };
  if (/^MIO(_PER|_PERS)?$/.test(u)) return { kind: 'count', factor: 1e6 };
  return null;
}

/** The value chosen before the analyst does: the only one, else for `unit` the dataset's own or the finest count. */
function preselect(name: string, values: readonly string[], dataset: string | null): string | null {
  if (values.length === 1) return values[0] ?? null;
  if (name !== 'unit') return null;
  const own = dataset ? EUROSTAT_DATASETS[dataset]?.unit : undefined;
  if (own && values.includes(own)) return own;
  const factor = (v: string) => {
    const k = unitKind(v);
    return k?.kind === 'count' ? k.factor : Infinity;
  };
  const counts = values.filter((v) => factor(v) < Infinity).sort((a, b) => factor(a) - factor(b));
  return counts[0] ?? null;
}

/**
 * Lists the dimensions other than geo and sex with their codes, and the value of each: the analyst's choice, else
 * the preselected one. A choice the file does not hold is an error naming the dimension.
 */
export function listDimensions(t: EurostatTable, choices: Readonly<Record<string, string>>, problems: Problem[]): EurostatDimension[] {
  const out: EurostatDimension[] = [];
  t.dims.forEach((name, i) => {
    if (name === 'geo' || name === 'sex') return;
    const seen = new Set<string>();
    for (const s of t.series) seen.add(s.key[i] ?? '');
    const values = [...seen];
    const asked = choices[name];
    if (asked !== undefined && !seen.has(asked)) problems.push(problem('eurostat_valeur_absente', { colonne: name }, asked, values.slice(0, 12).join(', ')));
    out.push({ name, values, chosen: asked !== undefined && seen.has(asked) ? asked : preselect(name, values, t.dataset), ...(t.labels && Object.hasOwn(t.labels, name) ? { labels: t.labels[name] } : {}) });
  });
  return out;
}

/** The series that match every chosen value (a dimension with no value chosen keeps all of its codes). */
export function chosenSeries(t: EurostatTable, dims: readonly EurostatDimension[]): Series[] {
  const want = dims.filter((d) => d.chosen !== null).map((d) => [t.dims.indexOf(d.name), d.chosen] as const);
  return t.series.filter((s) => want.every(([i, v]) => s.key[i] === v));
}

/**
 * More than one series per geo × sex once the choices are applied: an error for each dimension that tells them
 * apart (naming it and its codes, at the first line where it happens), never a silent pick of one of them.
 */
export function collisions(t: EurostatTable, kept: readonly Series[], dims: readonly EurostatDimension[]): Problem[] {
  const iGeo = t.dims.indexOf('geo');
  const iSex = t.dims.indexOf('sex');
  const first = new Map<string, Series>();
  const named = new Set<string>();
  const out: Problem[] = [];
  for (const s of kept) {
    const k = `${s.key[iGeo] ?? ''}\u0001${s.key[iSex] ?? ''}`;
    const f = first.get(k);
    if (!f) {
      first.set(k, s);
      continue;
    }
    t.dims.forEach((d, i) => {
      if (f.key[i] === s.key[i] || named.has(d)) return;
      named.add(d);
      const values = dims.find((x) => x.name === d)?.values ?? [];
      out.push(problem('eurostat_dimension', { ligne: s.line, colonne: d }, d, values.slice(0, 12).join(', ') + (values.length > 12 ? '…' : '')));
    });
  }
  // A dimension left open whose codes still differ between the series kept, without a clash (France in one age band,
  // the EU in another), would mix them across territories: it must be chosen too.
  for (const d of dims) {
    const i = t.dims.indexOf(d.name);
    const codes = [...new Set(kept.map((s) => s.key[i] ?? ''))];
    if (d.chosen !== null || named.has(d.name) || codes.length < 2) continue;
    named.add(d.name);
    out.push(problem('eurostat_dimension_ouverte', { ligne: kept[0]?.line ?? null, colonne: d.name }, d.name, codes.slice(0, 12).join(', ') + (codes.length > 12 ? '…' : '')));
  }
  return out;
}

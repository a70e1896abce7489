import type { CanonicalRow } from './canonical';
import { pointsOf, statusOfFlags, type EurostatTable, type Series } from './eurostat';
import { isOlderEuAggregate, placeOf, type Place } from './eurostat-geo';
import type { UnitKind } from './eurostat-choice';
import { firstFew, problem, type Problem } from './problems';
import { sumTolerance } from './validate';

/** One geo × year: the values by sex (F, M, T), the flags of all three, the first line they come from. */
interface Cell {
  F?: number;
  M?: number;
  T?: number;
  /** Every sex's flags (a confidential `c` anywhere makes the cell published, as secret). */
  flags: string;
  /** Each sex's own flags: a row's status comes from the values it is made of (see rowOf). */
  bySex: Partial<Record<'F' | 'M' | 'T', string>>;
  line: number;
}

const published = (c: Cell | undefined): c is Cell => c !== undefined && (c.F !== undefined || c.M !== undefined || c.T !== undefined || c.flags.includes('c'));

/** Observations by Eurostat geo code, then year; a year given twice in one series is an error (`doublon`). */
function cellsByGeo(t: EurostatTable, kept: readonly Series[], header: readonly string[], problems: Problem[]): Map<string, Map<number, Cell>> {
  const iGeo = t.dims.indexOf('geo');
  const iSex = t.dims.indexOf('sex');
  const out = new Map<string, Map<number, Cell>>();
  for (const s of kept) {
    const geo = (s.key[iGeo] ?? '').toUpperCase();
    const sex = (s.key[iSex] ?? '').toUpperCase() as 'F' | 'M' | 'T';
    const byYear = out.get(geo) ?? new Map<number, Cell>();
    out.set(geo, byYear);
    const years = new Set<number>();
    for (const p of pointsOf(t, s, header, problems)) {
      if (years.has(p.year)) {
        problems.push(problem('doublon', { ligne: p.line, colonne: null }, `${geo} × ${sex} × ${p.year}`, String(s.line)));
        continue;
      }
      years.add(p.year);
      const c = byYear.get(p.year) ?? { flags: '', bySex: {}, line: p.line };
      byYear.set(p.year, c);
      c.flags += p.flags;
      c.bySex[sex] = p.flags;
      c.line = Math.min(c.line, p.line);
      if (p.value !== null) c[sex] = p.value;
    }
  }
  return out;
}

/** Two NUTS 2 halves summed, sex by sex (a sex is summed only when both give it); null when one half is absent. */
function sumHalves(a: Cell | undefined, b: Cell | undefined): Cell | null {
  if (!published(a) || !published(b)) return null;
  const add = (k: 'F' | 'M' | 'T') => (a[k] !== undefined && b[k] !== undefined ? a[k] + b[k] : undefined);
  const flags = (k: 'F' | 'M' | 'T') => (a.bySex[k] ?? '') + (b.bySex[k] ?? '');
  return { F: add('F'), M: add('M'), T: add('T'), flags: a.flags + b.flags, bySex: { F: flags('F'), M: flags('M'), T: flags('T') }, line: Math.min(a.line, b.line) };
}

interface Notes {
  older: Map<string, number[]>;
  shareHalves: Set<string>;
  missingHalf: Map<string, number[]>;
}

/** The cell for one territory and year: the lowest-ranked geo code that has it (halves summed, counts only). */
function pick(places: readonly [string, Place][], cells: Map<string, Map<number, Cell>>, year: number, unit: UnitKind, notes: Notes): Cell | null {
  const ranks = [...new Set(places.map(([, p]) => p.rank))].sort((a, b) => a - b);
  for (const rank of ranks) {
    const here = places.filter(([, p]) => p.rank === rank);
    const halves = here[0]?.[1].halves;
    if (!halves) {
      const geo = here[0]?.[0] ?? '';
      const c = cells.get(geo)?.get(year);
      if (!published(c)) continue;
      if (isOlderEuAggregate(geo)) notes.older.set(geo, [...(notes.older.get(geo) ?? []), year]);
      return c;
    }
    const pair = halves.join(' + ');
    const [a, b] = [cells.get(halves[0])?.get(year), cells.get(halves[1])?.get(year)];
    if (!published(a) && !published(b)) continue;
    if (unit.kind === 'share') {
      notes.shareHalves.add(pair);
      continue;
    }
    const sum = sumHalves(a, b);
    // Without both halves' women, the région's share is unknown: said, as when a half is missing; women confidential
    // in a half make the région's secret.
    if (sum && (sum.F !== undefined || (sum.bySex.F ?? '').includes('c'))) return sum;
    notes.missingHalf.set(pair, [...(notes.missingHalf.get(pair) ?? []), year]);
  }
  return null;
}

/** `2004, 2005, 2006, 2010` → `2004–2006, 2010`. */
function years(ys: readonly number[]): string {
  const sorted = [...new Set(ys)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const y of sorted) {
    const last = runs[runs.length - 1];
    if (last && y === last[1] + 1) last[1] = y;
    else runs.push([y, y]);
  }
  return runs.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(', ');
}

function notesProblems(n: Notes): Problem[] {
  return [
    ...[...n.older].map(([geo, ys]) => problem('eurostat_agregat_ue', { colonne: 'geo' }, geo, years(ys))),
    ...[...n.shareHalves].map((pair) => problem('eurostat_region_parts', { colonne: 'geo' }, pair)),
    ...[...n.missingHalf].map(([pair, ys]) => problem('eurostat_region_incomplete', { colonne: 'geo' }, pair, years(ys))),
  ];
}

/** A cell as a canonical row: counts (× the unit's factor) or the women's share; null when nothing is published. */
function rowOf(c: Cell, territoire: string, annee: number, unit: UnitKind, base: { indicateur: string; source: string }, rounded: string[]): CanonicalRow | null {
  // The status of the values the row is made of: women's, and the total's (or the men's, when no total is given).
  const others = unit.kind === 'share' ? '' : c.T !== undefined || c.bySex.T ? (c.bySex.T ?? '') : (c.bySex.M ?? '');
  const statut = statusOfFlags((c.bySex.F ?? '') + others);
  const scale = (v: number | undefined) => (v === undefined || unit.kind !== 'count' ? null : Math.round(v * unit.factor * 100) / 100);
  const femmes = scale(c.F);
  const published = scale(c.T);
  // Eurostat rounds each value on its own (thousands to one decimal): women + men may miss the published total by
  // that rounding. The total is kept, the men then left out rather than the file refused (validate.ts's rule).
  const rounding = unit.kind === 'count' ? 0.15 * unit.factor : 0;
  const men = scale(c.M);
  const off = femmes !== null && men !== null && published !== null ? Math.abs(femmes + men - published) : 0;
  const hommes = off > sumTolerance(published ?? 0) && off <= rounding ? null : men;
  if (hommes === null && men !== null) rounded.push(`${territoire} × ${annee}`);
  const total = published ?? (femmes !== null && hommes !== null ? Math.round((femmes + hommes) * 100) / 100 : null);
  const part = unit.kind === 'share' ? (c.F ?? null) : null;
  if (femmes === null && part === null && statut !== 'secret') return null;
  // Women without men or a total: the share is unknown (see eurostatRows' warning).
  if (unit.kind === 'count' && femmes !== null && total === null && statut !== 'secret') return null;
  return { line: c.line, territoire, annee, indicateur: base.indicateur, femmes, hommes, total, part_femmes: part, statut, source: base.source };
}

/**
 * A percentage unit gives the women's share only if women's and men's percentages add up to 100 (± rounding), or the
 * total's is 100: the women's own rate (unemployment, training) would otherwise be read as their share. A file where
 * no territory and year shows it (women alone, or beside a total that is not 100) cannot tell: refused too.
 */
function shareCheck(rows: readonly { c: Cell }[], unitName: string): Problem[] {
  const near = (a: number, b: number) => Math.abs(a - b) <= 0.2;
  const bad = rows.find(({ c }) => c.F !== undefined && c.M !== undefined && !near(c.F + c.M, 100));
  if (bad) return [problem('eurostat_part_sexe', { ligne: bad.c.line, colonne: 'unit' }, unitName, String(Math.round(((bad.c.F ?? 0) + (bad.c.M ?? 0)) * 10) / 10))];
  const shown = rows.some(({ c }) => (c.F !== undefined && c.M !== undefined) || (c.T !== undefined && near(c.T, 100)));
  const first = rows.find(({ c }) => c.F !== undefined);
  return first && !shown ? [problem('eurostat_part_seule', { ligne: first.c.line, colonne: 'unit' }, unitName)] : [];
}

/**
 * The chosen series as canonical rows, one per territory and year: Eurostat geo codes mapped to ours (placeOf),
 * a territory given by several codes taken from the best one present that year (older EU aggregates and NUTS 2
 * halves with a warning when they are used or cannot be), flags as statuses.
 */
export function eurostatRows(t: EurostatTable, kept: readonly Series[], header: readonly string[], unit: { kind: UnitKind; name: string }, base: { indicateur: string; source: string }): { rows: CanonicalRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const cells = cellsByGeo(t, kept, header, problems);
  const targets = new Map<string, [string, Place][]>();
  for (const geo of cells.keys()) {
    const p = placeOf(geo);
    if (p) targets.set(p.target, [...(targets.get(p.target) ?? []), [geo, p]]);
  }
  const notes: Notes = { older: new Map(), shareHalves: new Set(), missingHalf: new Map() };
  const picked: { c: Cell; row: CanonicalRow }[] = [];
  const womenOnly: string[] = [];
  const noWomen: string[] = [];
  const rounded: string[] = [];
  for (const [target, places] of targets) {
    const ys = new Set<number>();
    for (const [geo] of places) for (const y of cells.get(geo)?.keys() ?? []) ys.add(y);
    for (const y of ys) {
      const c = pick(places, cells, y, unit.kind, notes);
      const row = c ? rowOf(c, target, y, unit.kind, base, rounded) : null;
      if (c && row) picked.push({ c, row });
      else if (c && unit.kind.kind === 'count' && c.F !== undefined) womenOnly.push(`${target} × ${y}`);
      else if (c && c.F === undefined && !c.flags.includes('c')) noWomen.push(`${target} × ${y}`);
    }
  }
  const notShares = unit.kind.kind === 'share' ? shareCheck(picked, unit.name) : [];
  if (notShares.length) return { rows: [], problems: [...problems, ...notShares] };
  problems.push(...notesProblems(notes));
  if (womenOnly.length) problems.push(problem('eurostat_sans_total', {}, String(womenOnly.length), firstFew(womenOnly)));
  if (noWomen.length) problems.push(problem('eurostat_sans_femmes', {}, String(noWomen.length), firstFew(noWomen)));
  if (rounded.length) problems.push(problem('eurostat_arrondi', {}, String(rounded.length), firstFew(rounded)));
  const rows = picked.map((x) => x.row).sort((a, b) => a.territoire.localeCompare(b.territoire) || a.annee - b.annee);
  return { rows, problems };
}

import type { CanonicalRow } from './canonical';
import type { Parsed, ParsedRow } from './parse';
import { problem, type Problem } from './problems';

/**
 * Eurostat files as published, recognised by their content (never by their name), in both layouts:
 * - TSV: first header cell `freq,unit,sex,geo\TIME_PERIOD` (or the old bulk `unit,sex,geo\time`, years in any order,
 *   with trailing spaces), then one column per period; cells `19.0 de` (value, flags) or `:`;
 * - SDMX-CSV: `DATAFLOW,LAST UPDATE,freq,unit,sex,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG` (plus other dimensions), one
 *   observation per line; `DATAFLOW` names the dataset (`ESTAT:ISOC_SKS_ITSPS(1.0)`).
 * This module reads either into series (one per combination of dimensions) and lists the dimensions to choose.
 */

/** Datasets whose target indicator (and preferred unit) is known: picked when the file names its dataset. */
export const EUROSTAT_DATASETS: Record<string, { readonly indicateur: string; readonly unit?: string }> = {
  isoc_sks_itsps: { indicateur: 'specialistes_tic', unit: 'THS_PER' },
};

/** True for Eurostat's TSV layout: the first header cell lists dimensions and ends with `\TIME_PERIOD` (or `\time`). */
export function isEurostatTsv(p: Parsed): boolean {
  return p.delimiter === '\t' && /\\\s*(time_period|time)\s*$/i.test(p.header[0] ?? '');
}

/** Columns of an SDMX-CSV file that are not dimensions. */
const SDMX_META = new Set(['DATAFLOW', 'LAST UPDATE', 'STRUCTURE', 'STRUCTURE_ID', 'STRUCTURE_NAME', 'ACTION', 'TIME_PERIOD', 'OBS_VALUE', 'OBS_FLAG', 'CONF_STATUS']);

/**
 * A label column of SDMX-CSV « with labels » (`Sex` after `sex`, `Time`, `Geopolitical entity (reporting)`,
 * `Observation status (Flag) V2 structure`): a name with a space or in title case. Codes and Eurostat's own columns
 * are one word, in lower case (dimensions) or capitals (TIME_PERIOD, OBS_VALUE…): labels are neither dimensions nor values.
 */
export function isLabelColumn(name: string): boolean {
  const t = name.trim();
  return /\s/.test(t) || /^[A-Z][a-z]/.test(t);
}

/** True for Eurostat's SDMX-CSV: `TIME_PERIOD`, `OBS_VALUE` and the dataflow's id (`DATAFLOW` or `STRUCTURE_ID`). */
export function isEurostatSdmx(p: Parsed): boolean {
  const h = new Set(p.header.map((c) => c.trim().toUpperCase()));
  return h.has('TIME_PERIOD') && h.has('OBS_VALUE') && (h.has('DATAFLOW') || h.has('STRUCTURE_ID')) && h.has('GEO');
}

/** Eurostat flags → our status: breaks and definition changes first, then low reliability, estimates, provisional. */
export function statusOfFlags(flags: string): CanonicalRow['statut'] {
  if (/[bd]/.test(flags)) return 'rupture';
  if (/u/.test(flags)) return 'faible_fiabilite';
  if (/c/.test(flags)) return 'secret';
  if (/e/.test(flags)) return 'estimation';
  if (/p/.test(flags)) return 'provisoire';
  return null;
}

/** One observation: a year, its value (null for `:` or empty) and flags, where it is in the file. */
export interface Point {
  readonly year: number;
  readonly value: number | null;
  readonly flags: string;
  readonly line: number;
}

/** One combination of dimensions: its codes (in `dims` order) and where its observations are. */
export interface Series {
  readonly line: number;
  readonly key: readonly string[];
  /** TSV: the row, read for the chosen series only. SDMX: the observations, read with the file. */
  readonly row?: ParsedRow;
  readonly points?: Point[];
  /** Lines of the file this series holds. */
  readonly lines: number;
  /** SDMX: its lines with a period other than a year (quarters, months), not read (counted as skipped). */
  readonly notAnnual?: number;
}

export interface EurostatTable {
  readonly layout: 'tsv' | 'sdmx';
  /** The dataset's id (lower case) when the file names it (SDMX-CSV), else null. */
  readonly dataset: string | null;
  /** Dimension names, lower case, in the file's order (geo and sex included, time excluded). */
  readonly dims: readonly string[];
  readonly series: Series[];
  /** TSV: the period of each column after the first (null when it is not a year). */
  readonly years: readonly (number | null)[];
  readonly problems: Problem[];
  /** The file's own label of each code, by dimension (SDMX-CSV « with labels »: a label column, or `CODE:Label` cells). */
  readonly labels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** SDMX-CSV: the dataset's last update (YYYY-MM-DD), the latest its `LAST UPDATE` column gives; null when it gives none. */
  readonly updated?: string | null;
}

/** `2019 ` → 2019; quarters, months and anything else → null (only annual data is read). */
function yearOf(s: string): number | null {
  const t = s.trim();
  return /^\d{4}$/.test(t) ? Number(t) : null;
}

/** `A:Annual` (codes with labels) → `A`; a plain code stays as it is. */
function codeOf(s: string): string {
  const t = s.trim();
  const m = /^([A-Za-z0-9_.-]+):/.exec(t);
  return m?.[1] ?? t;
}

function readTsv(p: Parsed): EurostatTable {
  const dims = (p.header[0] ?? '').split('\\')[0]?.split(',').map((d) => d.trim().toLowerCase()) ?? [];
  const problems: Problem[] = [];
  const series: Series[] = [];
  for (const r of p.rows) {
    const key = (r.cells[0] ?? '').split(',').map((k) => k.trim());
    if (key.length !== dims.length) {
      problems.push(problem('nombre_champs', { ligne: r.line, colonne: p.header[0] ?? null }, String(key.length), String(dims.length)));
      continue;
    }
    series.push({ line: r.line, key, row: r, lines: 1 });
  }
  return { layout: 'tsv', dataset: null, dims, series, years: p.header.slice(1).map(yearOf), problems };
}

/** `ESTAT:ISOC_SKS_ITSPS(1.0)` → `isoc_sks_itsps`. */
export function datasetOfFlow(flow: string): string | null {
  const m = /^(?:[A-Z0-9_]+:)?([A-Za-z0-9_]+)(?:\([^)]*\))?$/.exec(flow.trim());
  return m?.[1] ? m[1].toLowerCase() : null;
}

/** `19.7` → 19.7; empty → null; anything else → undefined (unreadable). */
function sdmxValue(s: string): number | null | undefined {
  const t = s.trim();
  if (t === '' || t === ':') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

/**
 * The labels a « with labels » file gives its codes: the label column right after a dimension's (`unit`, then
 * `Unit of measure`), or the text after the code in `CODE:Label` cells. Read from the first rows only (a label
 * per code is all the report shows).
 */
function sdmxLabels(p: Parsed, dimCols: readonly number[], dims: readonly string[]): Record<string, Record<string, string>> {
  // Maps, then own properties (Object.fromEntries): a code or a column named `__proto__` is only a key.
  const out = new Map<string, Record<string, string>>();
  dimCols.forEach((i, k) => {
    const next = isLabelColumn(p.header[i + 1] ?? '') && !SDMX_META.has((p.header[i + 1] ?? '').trim().toUpperCase()) ? i + 1 : -1;
    const labels = new Map<string, string>();
    for (const r of p.rows.slice(0, 20000)) {
      const cell = (r.cells[i] ?? '').trim();
      const code = codeOf(cell);
      if (labels.has(code)) continue;
      const label = next >= 0 ? (r.cells[next] ?? '').trim() : cell.slice(code.length + 1).trim();
      if (label && label !== code) labels.set(code, label.slice(0, 120));
    }
    if (labels.size) out.set(dims[k] ?? '', Object.fromEntries(labels));
  });
  return Object.fromEntries(out);
}

function readSdmx(p: Parsed): EurostatTable {
  const up = p.header.map((c) => c.trim().toUpperCase());
  const col = (name: string) => up.indexOf(name);
  const [iTime, iValue, iFlag, iConf] = [col('TIME_PERIOD'), col('OBS_VALUE'), col('OBS_FLAG'), col('CONF_STATUS')];
  const iFlow = col('DATAFLOW') >= 0 ? col('DATAFLOW') : col('STRUCTURE_ID');
  const dimCols = up.map((c, i) => (SDMX_META.has(c) || isLabelColumn(p.header[i] ?? '') ? -1 : i)).filter((i) => i >= 0);
  const dims = dimCols.map((i) => (p.header[i] ?? '').trim().toLowerCase());
  const problems: Problem[] = [];
  const byKey = new Map<string, { line: number; key: string[]; points: Point[]; lines: number; notAnnual: number }>();
  for (const r of p.rows) {
    const key = dimCols.map((i) => codeOf(r.cells[i] ?? ''));
    const id = key.join('\u0001');
    const s = byKey.get(id) ?? { line: r.line, key, points: [], lines: 0, notAnnual: 0 };
    byKey.set(id, s);
    s.lines++;
    const year = yearOf(r.cells[iTime] ?? '');
    if (year === null) {
      s.notAnnual++;
      continue;
    }
    const value = sdmxValue(r.cells[iValue] ?? '');
    if (value === undefined) {
      problems.push(problem('nombre_invalide', { ligne: r.line, colonne: p.header[iValue] ?? 'OBS_VALUE' }, r.cells[iValue] ?? ''));
      continue;
    }
    const conf = iConf >= 0 && /^c/i.test((r.cells[iConf] ?? '').trim()) ? 'c' : '';
    s.points.push({ year, value, flags: (iFlag >= 0 ? (r.cells[iFlag] ?? '').trim().toLowerCase() : '') + conf, line: r.line });
  }
  const dataset = iFlow >= 0 && p.rows[0] ? datasetOfFlow(p.rows[0].cells[iFlow] ?? '') : null;
  return { layout: 'sdmx', dataset, dims, series: [...byKey.values()], years: [], problems, labels: sdmxLabels(p, dimCols, dims), updated: lastUpdate(p, col('LAST UPDATE')) };
}

/**
 * The latest date of the `LAST UPDATE` column (column `i`): Eurostat writes `22/05/26 11:00:00` (day, month, year in
 * two digits), some exports `22/05/2026` or `2026-05-22`. Null when the column is absent, empty, or holds a cell that
 * is not such a date or a date after `today` (YYYY-MM-DD): then how the column writes its dates is not known for sure.
 */
function lastUpdate(p: Parsed, i: number, today = new Date().toISOString().slice(0, 10)): string | null {
  if (i < 0) return null;
  let latest: string | null = null;
  const seen = new Set<string>();
  for (const r of p.rows) {
    const cell = (r.cells[i] ?? '').trim();
    if (cell === '' || seen.has(cell)) continue;
    seen.add(cell);
    const date = isoDateOf(cell);
    if (!date || date > today) return null;
    if (latest === null || date > latest) latest = date;
  }
  return latest;
}

/** `22/05/26 11:00:00`, `22/05/2026`, `2026-05-22T…` → `2026-05-22`; null for anything else or a date that does not exist. */
export function isoDateOf(text: string): string | null {
  const fr = /^(\d{2})\/(\d{2})\/(\d{2}|\d{4})(?:[ T][\d:.]{1,15})?$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.+Z-]{1,20})?$/.exec(text);
  const [y, m, d] = fr ? [fr[3]!.length === 2 ? `20${fr[3]}` : fr[3]!, fr[2]!, fr[1]!] : iso ? [iso[1]!, iso[2]!, iso[3]!] : [];
  if (!y || !m || !d) return null;
  const t = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return t.getUTCFullYear() === Number(y) && t.getUTCMonth() === Number(m) - 1 && t.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : null;
}

/** Reads a recognised Eurostat file (isEurostatTsv or isEurostatSdmx) into series. */
export function readEurostat(p: Parsed): EurostatTable {
  return isEurostatTsv(p) ? readTsv(p) : readSdmx(p);
}

/**
 * `19.0 de` → 19.0 with flags "de"; `:` (and `: c`) → missing. Flags are Eurostat's letters (b, c, d, e, f, i, n,
 * p, r, s, u, z); undefined when the cell is anything else (`12x`), an error for the analyst.
 */
function tsvCell(raw: string): { value: number | null; flags: string } | undefined {
  // Trimmed first: the pattern then has one way to match each character (no backtracking on long cells).
  const t = raw.trim();
  const m = /^(:|-?\d+(?:\.\d+)?)\s*([bcdefinprsuz]*)$/i.exec(t);
  if (!m) return t === '' ? { value: null, flags: '' } : undefined;
  return { value: m[1] === ':' ? null : Number(m[1]), flags: (m[2] ?? '').toLowerCase() };
}

/** The observations of one series (a TSV row is read here, only once it is chosen); unreadable cells are errors. */
export function pointsOf(t: EurostatTable, s: Series, header: readonly string[], problems: Problem[]): Point[] {
  if (s.points) return s.points;
  const out: Point[] = [];
  const cells = s.row?.cells ?? [];
  t.years.forEach((year, j) => {
    if (year === null) return;
    const raw = cells[j + 1] ?? ':';
    const c = tsvCell(raw);
    if (c) out.push({ year, value: c.value, flags: c.flags, line: s.line });
    else problems.push(problem('nombre_invalide', { ligne: s.line, colonne: (header[j + 1] ?? '').trim() }, raw));
  });
  return out;
}

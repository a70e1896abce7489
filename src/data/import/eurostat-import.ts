import type { CanonicalRow } from './canonical';
import { EUROSTAT_DATASETS, readEurostat, type EurostatTable, type Series } from './eurostat';
import { chosenSeries, collisions, listDimensions, unitKind, type EurostatDimension, type EurostatInfo } from './eurostat-choice';
import { placeOf } from './eurostat-geo';
import { eurostatRows } from './eurostat-rows';
import type { Parsed } from './parse';
import { outsideWarning, problem, type Problem } from './problems';
import { fileBase } from './file-name';

export interface EurostatOptions {
  readonly fileName: string;
  /** The analyst's target indicator (else the known dataset's). */
  readonly indicateur?: string;
  /** The analyst's value for each dimension (file codes), over the preselected ones. */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** Indicator ids the catalogue knows (declared ones included). */
  readonly indicators: readonly string[];
}

export interface EurostatMapped {
  readonly rows: CanonicalRow[];
  readonly problems: Problem[];
  readonly skipped: number;
  readonly info: EurostatInfo | null;
}

const SEXES = new Set(['F', 'M', 'T']);

/**
 * The chosen series within scope: sexes F, M, T and geo codes we map; the others are counted, the other geo codes
 * (a whole file's countries and regions) in one warning, as a recipe's other territories.
 */
function inScope(t: EurostatTable, kept: readonly Series[], problems: Problem[]): { series: Series[]; skipped: number } {
  const iGeo = t.dims.indexOf('geo');
  const iSex = t.dims.indexOf('sex');
  const series: Series[] = [];
  const others = new Map<string, number>();
  let skipped = 0;
  for (const s of kept) {
    const geo = s.key[iGeo] ?? '';
    if (!SEXES.has((s.key[iSex] ?? '').toUpperCase())) skipped += s.lines;
    else if (!placeOf(geo)) {
      skipped += s.lines;
      others.set(geo, (others.get(geo) ?? 0) + s.lines);
    } else series.push(s);
  }
  if (others.size) problems.push(outsideWarning(others, { colonne: 'geo' }));
  return { series, skipped };
}

/** `Eurostat, educ_uoe_grad02 (isced11 = ED5-8 ; unit = NR)`: the dataset (or file) and the values chosen among several. */
function sourceOf(dataset: string | null, fileName: string, dims: readonly EurostatDimension[]): string {
  const chosen = dims.filter((d) => d.values.length > 1 && d.chosen !== null).map((d) => `${d.name} = ${d.chosen}`);
  return `Eurostat, ${dataset ?? fileBase(fileName)}${chosen.length ? ` (${chosen.join(' ; ')})` : ''}`;
}

/** The unit chosen and what it measures; an error naming the unit when it is neither a count nor a percentage. */
function unitOf(dims: readonly EurostatDimension[], problems: Problem[]) {
  const name = dims.find((d) => d.name === 'unit')?.chosen ?? null;
  const kind = unitKind(name);
  if (!kind) problems.push(problem('eurostat_unite', { colonne: 'unit' }, name ?? ''));
  return kind ? { kind, name: name ?? '' } : null;
}

/** The indicator to import into; errors when there is none yet or when the catalogue does not know it. */
function indicatorOf(t: EurostatTable, opts: EurostatOptions, problems: Problem[]): string | null {
  const id = opts.indicateur ?? (t.dataset ? EUROSTAT_DATASETS[t.dataset]?.indicateur : undefined) ?? null;
  if (id === null) problems.push(problem('eurostat_indicateur', {}));
  else if (!opts.indicators.includes(id)) problems.push(problem('indicateur_inconnu', {}, id));
  return id;
}

/**
 * A Eurostat file (TSV or SDMX-CSV, any dataset) as canonical rows: one value per dimension other than geo, sex
 * and time (the analyst's or the preselected one), then one row per territory and year. Every line is accounted
 * for: kept, filtered out by a choice, or outside the scope (counted in `skipped`).
 */
export function mapEurostat(p: Parsed, opts: EurostatOptions): EurostatMapped {
  const t = readEurostat(p);
  const problems = [...t.problems];
  for (const need of ['geo', 'sex']) {
    if (!t.dims.includes(need)) problems.push(problem(need === 'sex' ? 'eurostat_sans_sexe' : 'colonne_manquante', {}, need));
  }
  if (problems.some((x) => x.code === 'eurostat_sans_sexe' || x.code === 'colonne_manquante')) return { rows: [], problems, skipped: 0, info: null };
  const dimensions = listDimensions(t, opts.dimensions ?? {}, problems);
  const indicateur = indicatorOf(t, opts, problems);
  const info: EurostatInfo = { layout: t.layout, dataset: t.dataset, indicateur, dimensions, derniere_maj: t.updated ?? null };
  const kept = chosenSeries(t, dimensions);
  const all = t.series.reduce((n, s) => n + s.lines, 0);
  const scope = inScope(t, kept, problems);
  const skipped = all - kept.reduce((n, s) => n + s.lines, 0) + scope.skipped + scope.series.reduce((n, s) => n + (s.notAnnual ?? 0), 0);
  const clash = collisions(t, scope.series, dimensions);
  const unit = clash.length ? null : unitOf(dimensions, problems);
  if (clash.length || !unit) return { rows: [], problems: [...problems, ...clash], skipped, info };
  const iSex = t.dims.indexOf('sex');
  if (scope.series.length && !scope.series.some((s) => (s.key[iSex] ?? '').toUpperCase() === 'F')) problems.push(problem('eurostat_sans_sexe', {}, 'F'));
  const mapped = eurostatRows(t, scope.series, p.header, unit, { indicateur: indicateur ?? '', source: sourceOf(t.dataset, opts.fileName, dimensions) });
  return { rows: indicateur === null ? [] : mapped.rows, problems: [...problems, ...mapped.problems], skipped, info };
}

/**
 * A stored import's options, with the indicator that earlier versions read from a Eurostat TSV's file name (a name
 * holding a known dataset id, e.g. `estat_isoc_sks_itsps.tsv`): those records were stored without it, and are
 * restored into the same indicator. Files are no longer recognised by their name; this only replays what was
 * accepted then. Records with an indicator or a recipe are left as they are.
 */
export function legacyEurostat<O extends { readonly indicateur?: string }>(fileName: string, options: O, recipe: unknown): O {
  if (options.indicateur !== undefined || recipe) return options;
  const code = Object.keys(EUROSTAT_DATASETS).find((k) => fileName.toLowerCase().includes(k));
  return code ? { ...options, indicateur: EUROSTAT_DATASETS[code]?.indicateur } : options;
}

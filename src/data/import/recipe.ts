import { z } from 'zod';
import type { CanonicalRow, ImportCatalogue } from './canonical';
import type { Parsed } from './parse';
import { firstFew, outsideWarning, problem, type Problem } from './problems';
import { cleanText, foldKey, parseNumber, parseYear } from './numbers';
import { DASHBOARD_SCOPE, OCCITANIE_DEPARTEMENTS, territoryMatcher, type CatalogueTerritory, type TerritoryLevel } from './territory';
import { MAX_CELL_CHARS, MAX_COUNT, overlongCell } from './limits';
import { YEAR_MAX, YEAR_MIN } from '../sql/observation-schema';

const Col = z.string().min(1).max(200);

/**
 * A filter keeps the rows whose cell is one of `valeurs` (`parmi`, the default), is exactly its single value
 * (`egal`), starts with one of them (`commence`), or is none of them (`sauf`: the `TOTAL` rows of a category column);
 * case, accents, spaces and dashes are ignored.
 */
const Filter = z.object({
  colonne: Col,
  valeurs: z.array(z.string().max(200)).min(1).max(500),
  mode: z.enum(['parmi', 'egal', 'commence', 'sauf']).optional(),
  /**
   * Applies only when the file has the column and one of the values (a preset's `_T` on a dimension some tables of
   * its family lack, or give only in detail).
   */
  optionnel: z.boolean().optional(),
}).refine((f) => f.mode !== 'egal' || f.valeurs.length === 1, { message: 'egal: une seule valeur / one value' });

/**
 * A recipe maps any file's columns to the canonical model, so that next year's file imports in one click. It is
 * saved, named, exported and imported as JSON, and always parsed with this schema.
 */
export const Recipe = z.object({
  v: z.literal(1),
  nom: z.string().min(1).max(120),
  description: z.string().max(1000).optional(),
  indicateur: z.string().regex(/^[a-z0-9_]{1,64}$/),
  /** A column of codes or names, or one territory for the whole file (`FR` for a France-only table). */
  territoire: z.union([z.object({ colonne: Col }), z.object({ valeur: z.string().min(1).max(40) })]),
  /**
   * What plain numeric codes of the territory column are (`76`: Occitanie or Seine-Maritime): a level for the whole
   * file, or a column giving each row's (Melodi's GEO_OBJECT: DEP, REG, COM…). Absent, the column's name and
   * content decide (see `columnLevel`). `commune`: the rows are communes (INSEE's base-cc tables), each summed into
   * its département; without it, commune codes are other territories, skipped.
   */
  niveau: z.union([z.object({ colonne: Col }), z.object({ valeur: z.enum(['departement', 'region', 'commune']) })]).optional(),
  annee: z.union([z.object({ colonne: Col }), z.object({ valeur: z.number().int().min(YEAR_MIN).max(YEAR_MAX) })]),
  sexe: z.discriminatedUnion('mode', [
    z.object({
      mode: z.literal('colonne'),
      colonne: Col,
      femmes: z.array(z.string().max(100)).min(1).max(20),
      hommes: z.array(z.string().max(100)).max(20),
      total: z.array(z.string().max(100)).max(20),
    }),
    z.object({ mode: z.literal('colonnes'), femmes: Col, hommes: Col.optional(), total: Col.optional() }),
  ]),
  /** With a sex column: sum a value column, sum a weight column (one row per person), or count rows. */
  mesure: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('valeur'), colonne: Col }),
    z.object({ mode: z.literal('poids'), colonne: Col }),
    z.object({ mode: z.literal('compte') }),
  ]),
  /** Every filter must keep a row for it to count. */
  filtres: z.array(Filter).max(20),
  /**
   * One row per territory, year and sex once filtered (an SDMX-like table: Melodi): a second row is an error naming
   * the columns that tell the two apart (a dimension left unfiltered), never added to the first.
   */
  une_ligne_par_cle: z.boolean().optional(),
  /** The file covers all of France: every row that the filters keep, whatever its territory, is summed into FR. */
  total_france: z.boolean().optional(),
  /** A saved recipe's file header, exactly: it applies itself to a file with this header only. */
  entete: z.array(z.string().max(200)).max(2000).optional(),
  /** A preset's other columns, which recognise its file (the total column of a DEPP terminale file). */
  requiert: z.array(Col).max(50).optional(),
  source: z.string().max(300).optional(),
  /** The page where the file is published (a preset's dataset), the identity's source address by default. */
  url: z.string().max(500).optional(),
});
export type Recipe = z.infer<typeof Recipe>;

/** Columns a recipe reads: a preset applies to a file that has them all (and the ones it `requiert`). */
export function recipeColumns(r: Recipe): string[] {
  const cols = r.filtres.filter((f) => !f.optionnel).map((f) => f.colonne);
  if ('colonne' in r.territoire) cols.push(r.territoire.colonne);
  if (r.niveau && 'colonne' in r.niveau) cols.push(r.niveau.colonne);
  if ('colonne' in r.annee) cols.push(r.annee.colonne);
  if (r.sexe.mode === 'colonne') cols.push(r.sexe.colonne);
  else cols.push(...[r.sexe.femmes, r.sexe.hommes, r.sexe.total].filter((c): c is string => Boolean(c)));
  if (r.sexe.mode === 'colonne' && r.mesure.mode !== 'compte') cols.push(r.mesure.colonne);
  return [...new Set(cols)];
}

interface Acc {
  line: number;
  territoire: string;
  annee: number;
  f: number | null;
  m: number | null;
  t: number | null;
  secret: boolean;
  /** A sum that an empty cell (a missing value) made unknown: never counted as zero. */
  missing: Record<'f' | 'm' | 't', boolean>;
  /** A count of this territory and year went over MAX_COUNT (reported once): no observation is made of it. */
  tooBig: boolean;
}

/**
 * Adds a count to a territory and year's sum. A count or a sum over MAX_COUNT is refused where it happens (this row,
 * this column), once per territory and year: the sum never grows into Infinity.
 */
function addCount(problems: Problem[], a: Acc, which: 'f' | 'm' | 't', value: number, at: { ligne: number; colonne: string }, raw: string): void {
  if (a.tooBig) return;
  const sum = (a[which] ?? 0) + value;
  if (sum <= MAX_COUNT) a[which] = sum;
  else {
    a.tooBig = true;
    problems.push(problem('effectif_trop_grand', at, value > MAX_COUNT ? raw : String(sum), String(MAX_COUNT)));
  }
}

/**
 * The observations of the sums (a sum over MAX_COUNT makes none), rounded to the thousandth. A sum an empty cell
 * made unknown is null, and a territory and year whose women or total it leaves unknown makes no observation: both
 * are counted in one warning (`valeurs_manquantes`).
 */
function observations(sums: readonly Acc[], recipe: Recipe): { rows: CanonicalRow[]; problems: Problem[] } {
  const source = recipe.source ? cleanText(recipe.source) : recipe.nom;
  const rows: CanonicalRow[] = [];
  const incomplete: string[] = [];
  for (const a of sums) {
    if (a.tooBig) continue;
    const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
    const hasMen = recipe.sexe.mode === 'colonne' ? recipe.sexe.hommes.length > 0 : Boolean(recipe.sexe.hommes);
    const f = a.missing.f ? null : a.f;
    const m = a.missing.m ? null : a.m;
    const total = (a.missing.t ? null : a.t) ?? (hasMen && f !== null && m !== null ? f + m : null);
    const secret = a.secret && (f === null || total === null);
    if (a.missing.f || a.missing.m || a.missing.t) incomplete.push(`${a.territoire} × ${a.annee}`);
    // Without women and a total (given, or women + men), the share is unknown: no observation (counted above).
    if (!secret && (f === null || total === null)) continue;
    rows.push({ line: a.line, territoire: a.territoire, annee: a.annee, indicateur: recipe.indicateur, femmes: secret ? null : round(f), hommes: secret || !hasMen ? null : round(m), total: secret ? null : round(total), part_femmes: null, statut: secret ? 'secret' : null, source });
  }
  const problems = incomplete.length ? [problem('valeurs_manquantes', {}, String(incomplete.length), firstFew(incomplete))] : [];
  return { rows, problems };
}

/** One problem per cell of the columns a recipe reads that is longer than MAX_CELL_CHARS. */
function overlongCells(cells: readonly string[], columns: readonly { name: string; i: number }[], line: number): Problem[] {
  const out: Problem[] = [];
  for (const c of columns) {
    const n = overlongCell(cells[c.i] ?? '');
    if (n !== null) out.push(problem('cellule_trop_longue', { ligne: line, colonne: c.name }, String(n), String(MAX_CELL_CHARS)));
  }
  return out;
}

type RecipeFilter = Recipe['filtres'][number];

/** Whether a row's folded cell passes a filter. */
function passes(f: RecipeFilter, folded: string, values: readonly string[]): boolean {
  if (f.mode === 'commence') return values.some((v) => folded.startsWith(v));
  if (f.mode === 'sauf') return !values.includes(folded);
  return values.includes(folded);
}

/** What a row's territory is for the recipe: a code shown by the dashboard, a row to skip and count, or a problem. */
type Where = { code: string } | { skip: 'outside' | 'empty'; name: string } | { problem: Problem };

/**
 * Resolves territories. Rows of territories the dashboard does not show (other départements, other régions) and
 * rows with an empty cell are skipped and counted, never errors; so is a name several territories bear when none
 * of them is shown (Guadeloupe, région and département). A shown territory's ambiguous name stays an error.
 */
function territoryResolver(recipe: Recipe, cat: ImportCatalogue, level: TerritoryLevel | undefined): (cell: string, line: number, rowLevel?: RowLevel) => Where {
  const match = territoryMatcher(cat.territories);
  const colonne = 'colonne' in recipe.territoire ? recipe.territoire.colonne : null;
  return (raw, line, rowLevel) => {
    if (cleanText(raw) === '') return { skip: 'empty', name: '' };
    if (rowLevel === 'autre') return { skip: 'outside', name: cleanText(raw) };
    const t = match(raw, rowLevel ?? level);
    const at = { ligne: colonne === null ? null : line, colonne };
    if ('code' in t) return DASHBOARD_SCOPE.has(t.code) ? { code: t.code } : { skip: 'outside', name: cleanText(raw) };
    if ('outside' in t) return { skip: 'outside', name: cleanText(raw) };
    if ('ambiguous' in t) {
      const codes = t.ambiguous.split('|').map((x) => x.split(':')[1] ?? '');
      if (codes.every((c) => !DASHBOARD_SCOPE.has(c))) return { skip: 'outside', name: cleanText(raw) };
      return { problem: problem('territoire_ambigu', at, cleanText(raw), t.ambiguous) };
    }
    return { problem: problem('territoire_inconnu', at, raw) };
  };
}

/** A row's level from a level column (Melodi's GEO_OBJECT): a département, a région, another kind (a commune…), or not said. */
type RowLevel = TerritoryLevel | 'autre' | undefined;

function rowLevel(cell: string): RowLevel {
  const v = foldKey(cell);
  if (/^(dep|dpt)/.test(v)) return 'departement';
  if (/^reg/.test(v)) return 'region';
  if (/^(com|arm|epci|ze|bv|uu|aav|can|iris|aca)/.test(v)) return 'autre';
  return undefined;
}

/** Words of a column's name that say it holds départements, or régions. */
const DEPARTEMENT_WORDS = new Set(['dep', 'dept', 'dpt', 'departement', 'departements', 'department']);
const REGION_WORDS = new Set(['reg', 'region', 'regions']);

/**
 * The level of the territory column's plain numeric codes: the recipe's, else its name's (`DEPT`, `dep_id`,
 * `code_departement`; `REG`, `region`), else départements when a plain code of the rows is neither a région's nor
 * one of Occitanie's départements (13, 69, 971: a national table): then `76` is Seine-Maritime. Otherwise none: `76`
 * alone stays Occitanie (the canonical CSV's rule), as in a table of Occitanie and its départements.
 */
function columnLevel(recipe: Recipe, codes: Iterable<string>, territories: readonly CatalogueTerritory[]): TerritoryLevel | undefined {
  if (recipe.niveau && 'valeur' in recipe.niveau) return recipe.niveau.valeur;
  if (!('colonne' in recipe.territoire)) return undefined;
  const words = foldKey(recipe.territoire.colonne).split('_');
  if (words.some((w) => DEPARTEMENT_WORDS.has(w))) return 'departement';
  if (words.some((w) => REGION_WORDS.has(w))) return 'region';
  // Région codes of the COG (each also a département's): from the catalogue.
  const regions = new Set(territories.filter((t) => t.type === 'region').map((t) => t.code_cog));
  for (const raw of codes) {
    const m = /^0*(\d{1,3})(?:\.0+)?$/.exec(cleanText(raw));
    const code = m?.[1]?.padStart(2, '0');
    if (code && !regions.has(code) && !OCCITANIE_DEPARTEMENTS.has(code)) return 'departement';
  }
  return undefined;
}

/** One grouped warning per kind of skipped row, with its count (and a few of the territories skipped). */
function skippedWarnings(outside: Map<string, number>, empty: number): Problem[] {
  const out: Problem[] = [];
  if (outside.size > 0) out.push(outsideWarning(outside));
  if (empty > 0) out.push(problem('lignes_sans_territoire', {}, String(empty)));
  return out;
}

/** A row's counts, read once: which sum each goes to, and whether a secret mark was met. */
interface RowCounts {
  readonly adds: { which: 'f' | 'm' | 't'; value: number; col: string; raw: string }[];
  /** Sums an empty cell of this row makes unknown. */
  readonly missing: ('f' | 'm' | 't')[];
  secret: boolean;
}

/** Reads the counts of one row (problems for unreadable or negative numbers); null when the row has no sex code the recipe knows. */
function rowCounts(recipe: Recipe, cell: (name: string) => string, line: number, decimalComma: boolean, problems: Problem[]): RowCounts | null {
  const out: RowCounts = { adds: [], missing: [], secret: false };
  const read = (which: 'f' | 'm' | 't', col: string) => {
    const raw = cell(col);
    const n = parseNumber(raw, decimalComma);
    if (n.kind === 'ok') {
      if (n.value < 0) problems.push(problem('nombre_negatif', { ligne: line, colonne: col }, raw));
      else out.adds.push({ which, value: n.value, col, raw });
    } else if (n.kind === 'secret') out.secret = true;
    else if (n.kind === 'empty') out.missing.push(which);
    else if (n.kind === 'invalid') problems.push(problem('nombre_invalide', { ligne: line, colonne: col }, raw));
  };
  const sx = recipe.sexe;
  if (sx.mode === 'colonnes') {
    read('f', sx.femmes);
    if (sx.hommes) read('m', sx.hommes);
    if (sx.total) read('t', sx.total);
    return out;
  }
  const s = foldKey(cell(sx.colonne));
  const has = (codes: readonly string[]) => codes.some((c) => foldKey(c) === s);
  const which = has(sx.femmes) ? 'f' : has(sx.hommes) ? 'm' : has(sx.total) ? 't' : null;
  if (!which) return null;
  if (recipe.mesure.mode === 'compte') out.adds.push({ which, value: 1, col: sx.colonne, raw: '1' });
  else read(which, recipe.mesure.colonne);
  return out;
}

/** The row's year: the recipe's constant or its column's, or a problem. */
function rowYear(recipe: Recipe, cell: (name: string) => string, line: number): number | Problem {
  if ('valeur' in recipe.annee) return recipe.annee.valeur;
  const raw = cell(recipe.annee.colonne);
  return parseYear(raw) ?? problem('annee_invalide', { ligne: line, colonne: recipe.annee.colonne }, raw);
}

/** The columns' problems, or null when the file has every column the recipe reads and its indicator is known. */
function checkRecipe(header: readonly string[], recipe: Recipe, cat: ImportCatalogue): Problem[] | null {
  const have = new Set(header.map(foldKey));
  const missing = recipeColumns(recipe).filter((c) => !have.has(foldKey(c)));
  if (missing.length) return missing.map((c) => problem('colonne_manquante', { colonne: c }, c));
  if (!cat.indicators.includes(recipe.indicateur)) return [problem('indicateur_inconnu', {}, recipe.indicateur)];
  return null;
}

/**
 * Applies a recipe: keeps the rows every filter passes, maps territory, year and sex, and sums the value (or
 * weight, or count) per territory and year into women, men and total: one row per lycée or establishment becomes
 * one per département (and one for France with `total_france`). Problems name the line and column; rows of other
 * territories and rows without a territory are skipped and counted in one warning each.
 */
export function applyRecipe(p: Parsed, recipe: Recipe, cat: ImportCatalogue): { rows: CanonicalRow[]; problems: Problem[]; skipped: number } {
  const bad = checkRecipe(p.header, recipe, cat);
  if (bad) return { rows: [], problems: bad, skipped: 0 };
  const folded = p.header.map(foldKey);
  const col = (name: string) => folded.indexOf(foldKey(name));
  // An optional filter applies when the file has its column and one of its values (`_T`), else it is left out.
  const filters = recipe.filtres.map((f) => ({ f, i: col(f.colonne), values: f.valeurs.map(foldKey) }))
    .filter((f) => f.i >= 0 && (!f.f.optionnel || p.rows.some((r) => passes(f.f, foldKey(r.cells[f.i] ?? ''), f.values))));
  const firstOf = recipe.une_ligne_par_cle ? new Map<string, { line: number; cells: readonly string[] }>() : null;
  const territoryCol = 'colonne' in recipe.territoire ? col(recipe.territoire.colonne) : -1;
  const where = territoryResolver(recipe, cat, columnLevel(recipe, territoryCol < 0 ? [] : p.rows.map((r) => r.cells[territoryCol] ?? ''), cat.territories));
  const levelCol = recipe.niveau && 'colonne' in recipe.niveau ? col(recipe.niveau.colonne) : -1;
  const communes = recipe.niveau !== undefined && 'valeur' in recipe.niveau && recipe.niveau.valeur === 'commune';
  const readColumns = recipeColumns(recipe).map((name) => ({ name, i: col(name) }));
  const acc = new Map<string, Acc>();
  const problems: Problem[] = [];
  const outside = new Map<string, number>();
  let skipped = 0;
  let empty = 0;
  for (const r of p.rows) {
    // A cell too long to be real is refused before anything is read from its row.
    const long = overlongCells(r.cells, readColumns, r.line);
    if (long.length) {
      problems.push(...long);
      continue;
    }
    const cell = (name: string) => r.cells[col(name)] ?? '';
    if (!filters.every((f) => passes(f.f, foldKey(r.cells[f.i] ?? ''), f.values))) {
      skipped++;
      continue;
    }
    const w = where('valeur' in recipe.territoire ? recipe.territoire.valeur : cell(recipe.territoire.colonne), r.line, levelCol < 0 ? undefined : rowLevel(r.cells[levelCol] ?? ''));
    if ('problem' in w) {
      problems.push(w.problem);
      continue;
    }
    const year = rowYear(recipe, cell, r.line);
    if (typeof year !== 'number') {
      problems.push(year);
      continue;
    }
    const counts = rowCounts(recipe, cell, r.line, p.decimalComma, problems);
    const targets = [...new Set([...('code' in w ? [w.code] : []), ...(recipe.total_france ? ['FR'] : [])])];
    if ('skip' in w) {
      skipped++;
      if (w.skip === 'empty') empty++;
      else outside.set(w.name, (outside.get(w.name) ?? 0) + 1);
    } else if (!counts) skipped++;
    if (!counts) continue;
    if (firstOf && 'code' in w) {
      // The key's sex as the recipe reads it (F and f are both women), not the cell's text.
      const sex = counts.adds[0]?.which ?? counts.missing[0] ?? '';
      // Communes summed into their département: a key is the commune's, not the département's.
      const place = communes && territoryCol >= 0 ? cleanText(r.cells[territoryCol] ?? '') : w.code;
      const repeated = repeatedKey(firstOf, p.header, `${place} × ${year} × ${sex.toUpperCase()}`, r);
      if (repeated) {
        problems.push(repeated);
        continue;
      }
    }
    for (const code of targets) addRow(acc, problems, code, year, r.line, counts);
  }
  const made = observations([...acc.values()], recipe);
  return { rows: made.rows, problems: [...problems, ...made.problems, ...skippedWarnings(outside, empty)], skipped };
}

/**
 * For a recipe of one row per key: null the first time `key` is met, else the problem naming the columns whose cells
 * tell this row from the first (at most five).
 */
function repeatedKey(firstOf: Map<string, { line: number; cells: readonly string[] }>, header: readonly string[], key: string, r: { line: number; cells: readonly string[] }): Problem | null {
  const first = firstOf.get(key);
  if (!first) {
    firstOf.set(key, r);
    return null;
  }
  const differ = header.filter((_, i) => (first.cells[i] ?? '') !== (r.cells[i] ?? '')).slice(0, 5).map((h) => `« ${h} »`).join(', ');
  return problem('cle_repetee', { ligne: r.line }, key, `${first.line}|${differ}`);
}

/** Adds one row's counts to its territory and year's sums; once a territory and year has rows, a sex with none counts zero, not missing. */
function addRow(acc: Map<string, Acc>, problems: Problem[], code: string, year: number, line: number, counts: RowCounts): void {
  const key = `${code}|${year}`;
  const a = acc.get(key) ?? { line, territoire: code, annee: year, f: 0, m: 0, t: null, secret: false, missing: { f: false, m: false, t: false }, tooBig: false };
  acc.set(key, a);
  if (counts.secret) a.secret = true;
  for (const w of counts.missing) a.missing[w] = true;
  for (const c of counts.adds) addCount(problems, a, c.which, c.value, { ligne: line, colonne: c.col }, c.raw);
}

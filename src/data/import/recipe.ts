import { z } from 'zod';
import type { CanonicalRow, ImportCatalogue } from './canonical';
import type { Parsed } from './parse';
import { problem, type Problem } from './problems';
import { cleanText, foldKey, parseNumber, parseYear } from './numbers';
import { DASHBOARD_SCOPE, territoryMatcher } from './territory';
import { MAX_CELL_CHARS, MAX_COUNT, overlongCell } from './limits';
import { YEAR_MAX, YEAR_MIN } from '../sql/observation-schema';

const Col = z.string().min(1).max(200);

/**
 * A filter keeps the rows whose cell is one of `valeurs` (`parmi`, the default), is exactly its single value
 * (`egal`), or starts with one of them (`commence`); case, accents, spaces and dashes are ignored.
 */
const Filter = z.object({
  colonne: Col,
  valeurs: z.array(z.string().max(200)).min(1).max(500),
  mode: z.enum(['parmi', 'egal', 'commence']).optional(),
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
  /** The file covers all of France: every row that the filters keep, whatever its territory, is summed into FR. */
  total_france: z.boolean().optional(),
  /** A saved recipe's file header, exactly: it applies itself to a file with this header only. */
  entete: z.array(z.string().max(200)).max(2000).optional(),
  /** A preset's other columns, which recognise its file (the total column of a DEPP terminale file). */
  requiert: z.array(Col).max(50).optional(),
  source: z.string().max(300).optional(),
});
export type Recipe = z.infer<typeof Recipe>;

/** Columns a recipe reads: a preset applies to a file that has them all (and the ones it `requiert`). */
export function recipeColumns(r: Recipe): string[] {
  const cols = r.filtres.map((f) => f.colonne);
  if ('colonne' in r.territoire) cols.push(r.territoire.colonne);
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

/** The observations of the sums (a sum over MAX_COUNT makes none), rounded to the thousandth. */
function observations(sums: readonly Acc[], recipe: Recipe): CanonicalRow[] {
  const source = recipe.source ? cleanText(recipe.source) : recipe.nom;
  return sums.filter((a) => !a.tooBig).map((a) => {
    const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
    const hasMen = recipe.sexe.mode === 'colonne' ? recipe.sexe.hommes.length > 0 : Boolean(recipe.sexe.hommes);
    const total = a.t ?? (hasMen && a.f !== null && a.m !== null ? a.f + a.m : null);
    const secret = a.secret && (a.f === null || total === null);
    return { line: a.line, territoire: a.territoire, annee: a.annee, indicateur: recipe.indicateur, femmes: secret ? null : round(a.f), hommes: secret || !hasMen ? null : round(a.m), total: secret ? null : round(total), part_femmes: null, statut: secret ? 'secret' : null, source };
  });
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
  return values.includes(folded);
}

/** What a row's territory is for the recipe: a code shown by the dashboard, a row to skip and count, or a problem. */
type Where = { code: string } | { skip: 'outside' | 'empty'; name: string } | { problem: Problem };

/**
 * Resolves territories. Rows of territories the dashboard does not show (other départements, other régions) and
 * rows with an empty cell are skipped and counted, never errors; so is a name several territories bear when none
 * of them is shown (Guadeloupe, région and département). A shown territory's ambiguous name stays an error.
 */
function territoryResolver(recipe: Recipe, cat: ImportCatalogue): (cell: string, line: number) => Where {
  const match = territoryMatcher(cat.territories);
  const colonne = 'colonne' in recipe.territoire ? recipe.territoire.colonne : null;
  return (raw, line) => {
    if (cleanText(raw) === '') return { skip: 'empty', name: '' };
    const t = match(raw);
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

/** One grouped warning per kind of skipped row, with its count (and a few of the territories skipped). */
function skippedWarnings(outside: Map<string, number>, empty: number): Problem[] {
  const out: Problem[] = [];
  const n = [...outside.values()].reduce((a, b) => a + b, 0);
  if (n > 0) {
    const names = [...outside.keys()].slice(0, 5).join(', ') + (outside.size > 5 ? '…' : '');
    out.push(problem('lignes_hors_perimetre', {}, String(n), names));
  }
  if (empty > 0) out.push(problem('lignes_sans_territoire', {}, String(empty)));
  return out;
}

/** A row's counts, read once: which sum each goes to, and whether a secret mark was met. */
interface RowCounts { readonly adds: { which: 'f' | 'm' | 't'; value: number; col: string; raw: string }[]; secret: boolean }

/** Reads the counts of one row (problems for unreadable or negative numbers); null when the row has no sex code the recipe knows. */
function rowCounts(recipe: Recipe, cell: (name: string) => string, line: number, decimalComma: boolean, problems: Problem[]): RowCounts | null {
  const out: RowCounts = { adds: [], secret: false };
  const read = (which: 'f' | 'm' | 't', col: string) => {
    const raw = cell(col);
    const n = parseNumber(raw, decimalComma);
    if (n.kind === 'ok') {
      if (n.value < 0) problems.push(problem('nombre_negatif', { ligne: line, colonne: col }, raw));
      else out.adds.push({ which, value: n.value, col, raw });
    } else if (n.kind === 'secret') out.secret = true;
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
  const filters = recipe.filtres.map((f) => ({ f, i: col(f.colonne), values: f.valeurs.map(foldKey) }));
  const where = territoryResolver(recipe, cat);
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
    const w = where('valeur' in recipe.territoire ? recipe.territoire.valeur : cell(recipe.territoire.colonne), r.line);
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
    for (const code of targets) addRow(acc, problems, code, year, r.line, counts);
  }
  return { rows: observations([...acc.values()], recipe), problems: [...problems, ...skippedWarnings(outside, empty)], skipped };
}

/** Adds one row's counts to its territory and year's sums; once a territory and year has rows, a sex with none counts zero, not missing. */
function addRow(acc: Map<string, Acc>, problems: Problem[], code: string, year: number, line: number, counts: RowCounts): void {
  const key = `${code}|${year}`;
  const a = acc.get(key) ?? { line, territoire: code, annee: year, f: 0, m: 0, t: null, secret: false, tooBig: false };
  acc.set(key, a);
  if (counts.secret) a.secret = true;
  for (const c of counts.adds) addCount(problems, a, c.which, c.value, { ligne: line, colonne: c.col }, c.raw);
}

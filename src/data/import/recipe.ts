import { z } from 'zod';
import type { CanonicalRow, ImportCatalogue } from './canonical';
import type { Parsed } from './parse';
import { problem, type Problem } from './problems';
import { cleanText, foldKey, parseNumber, parseYear } from './numbers';
import { territoryMatcher } from './territory';
import { MAX_CELL_CHARS, MAX_COUNT, overlongCell } from './limits';

const Col = z.string().min(1).max(200);

/**
 * A recipe maps any file's columns to the canonical model, so that next year's file imports in one click. It is
 * saved, named, exported and imported as JSON, and always parsed with this schema.
 */
export const Recipe = z.object({
  v: z.literal(1),
  nom: z.string().min(1).max(120),
  description: z.string().max(1000).optional(),
  indicateur: z.string().regex(/^[a-z0-9_]{1,64}$/),
  territoire: z.object({ colonne: Col }),
  annee: z.union([z.object({ colonne: Col }), z.object({ valeur: z.number().int().min(1990).max(2100) })]),
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
  filtres: z.array(z.object({ colonne: Col, valeurs: z.array(z.string().max(200)).min(1).max(500) })).max(20),
  source: z.string().max(300).optional(),
});
export type Recipe = z.infer<typeof Recipe>;

/** Columns a recipe reads: a saved recipe applies to a file that has them all. */
export function recipeColumns(r: Recipe): string[] {
  const cols = [r.territoire.colonne, ...r.filtres.map((f) => f.colonne)];
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

/**
 * Applies a recipe: filters rows, maps territory, year and sex, sums the value (or weight, or count) per
 * territory and year into women, men and total. Problems name the line and column.
 */
export function applyRecipe(p: Parsed, recipe: Recipe, cat: ImportCatalogue): { rows: CanonicalRow[]; problems: Problem[]; skipped: number } {
  const folded = p.header.map(foldKey);
  const col = (name: string) => folded.indexOf(foldKey(name));
  const missing = recipeColumns(recipe).filter((c) => col(c) < 0);
  if (missing.length) return { rows: [], problems: missing.map((c) => problem('colonne_manquante', { colonne: c }, c)), skipped: 0 };
  if (!cat.indicators.includes(recipe.indicateur)) return { rows: [], problems: [problem('indicateur_inconnu', {}, recipe.indicateur)], skipped: 0 };
  const match = territoryMatcher(cat.territories);
  const filters = recipe.filtres.map((f) => ({ i: col(f.colonne), values: new Set(f.valeurs.map(foldKey)) }));
  const sexCodes = recipe.sexe.mode === 'colonne'
    ? { i: col(recipe.sexe.colonne), f: new Set(recipe.sexe.femmes.map(foldKey)), m: new Set(recipe.sexe.hommes.map(foldKey)), t: new Set(recipe.sexe.total.map(foldKey)) }
    : null;
  const acc = new Map<string, Acc>();
  const problems: Problem[] = [];
  let skipped = 0;
  const cell = (cells: string[], i: number) => cells[i] ?? '';
  const readColumns = recipeColumns(recipe).map((name) => ({ name, i: col(name) }));
  for (const r of p.rows) {
    // A cell too long to be real is refused before anything is read from its row.
    const long = overlongCells(r.cells, readColumns, r.line);
    if (long.length) {
      problems.push(...long);
      continue;
    }
    if (!filters.every((f) => f.values.has(foldKey(cell(r.cells, f.i))))) {
      skipped++;
      continue;
    }
    const tRaw = cell(r.cells, col(recipe.territoire.colonne));
    const t = match(tRaw);
    if ('outside' in t) {
      skipped++;
      continue;
    }
    if (!('code' in t)) {
      const at = { ligne: r.line, colonne: recipe.territoire.colonne };
      problems.push('ambiguous' in t ? problem('territoire_ambigu', at, cleanText(tRaw), t.ambiguous) : problem('territoire_inconnu', at, tRaw));
      continue;
    }
    let year: number | null;
    if ('valeur' in recipe.annee) year = recipe.annee.valeur;
    else {
      year = parseYear(cell(r.cells, col(recipe.annee.colonne)));
      if (year === null) {
        problems.push(problem('annee_invalide', { ligne: r.line, colonne: recipe.annee.colonne }, cell(r.cells, col(recipe.annee.colonne))));
        continue;
      }
    }
    const key = `${t.code}|${year}`;
    // Once a territory and year has rows, a sex with none of them counts zero, not missing.
    const a = acc.get(key) ?? { line: r.line, territoire: t.code, annee: year, f: 0, m: 0, t: null, secret: false, tooBig: false };
    acc.set(key, a);
    const add = (which: 'f' | 'm' | 't', colName: string) => {
      const raw = cell(r.cells, col(colName));
      const n = parseNumber(raw, p.decimalComma);
      if (n.kind === 'ok') {
        if (n.value < 0) problems.push(problem('nombre_negatif', { ligne: r.line, colonne: colName }, raw));
        else addCount(problems, a, which, n.value, { ligne: r.line, colonne: colName }, raw);
      } else if (n.kind === 'secret') a.secret = true;
      else if (n.kind === 'invalide') problems.push(problem('nombre_invalide', { ligne: r.line, colonne: colName }, raw));
    };
    if (recipe.sexe.mode === 'colonnes') {
      add('f', recipe.sexe.femmes);
      if (recipe.sexe.hommes) add('m', recipe.sexe.hommes);
      if (recipe.sexe.total) add('t', recipe.sexe.total);
      continue;
    }
    const s = foldKey(cell(r.cells, sexCodes?.i ?? -1));
    const which = sexCodes?.f.has(s) ? 'f' : sexCodes?.m.has(s) ? 'm' : sexCodes?.t.has(s) ? 't' : null;
    if (!which) {
      skipped++;
      continue;
    }
    if (recipe.mesure.mode === 'compte') addCount(problems, a, which, 1, { ligne: r.line, colonne: recipe.sexe.colonne }, '1');
    else add(which, recipe.mesure.colonne);
  }
  const rows = observations([...acc.values()], recipe);
  return { rows, problems, skipped };
}

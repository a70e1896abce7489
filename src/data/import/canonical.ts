import { z } from 'zod';
import { problem, type Problem } from './problems';
import { cleanText, foldKey, parseNumber, parseYear } from './numbers';
import type { Parsed } from './parse';
import { territoryMatcher, type CatalogueTerritory } from './territory';
import { YEAR_MAX, YEAR_MIN, ObservationValues, STATUSES as STATUS_LIST } from '../sql/observation-schema';
import { codePointLength, cutToCodePoints, MAX_CELL_CHARS, MAX_COUNT, MAX_SOURCE_CHARS, overlongCell } from './limits';

/** One observation ready to load, with the line it came from. */
export const CanonicalRow = ObservationValues.extend({
  line: z.number().int().positive(),
  territoire: z.string().min(1).max(20),
  indicateur: z.string().regex(/^[a-z0-9_]{1,64}$/),
  femmes: z.number().finite().nonnegative().max(MAX_COUNT).nullable(),
  hommes: z.number().finite().nonnegative().max(MAX_COUNT).nullable(),
  total: z.number().finite().nonnegative().max(MAX_COUNT).nullable(),
  // Characters as a person counts them (code points): 500 emojis are 500 characters, not 1,000 UTF-16 units.
  source: z.string().refine((s) => codePointLength(s) <= MAX_SOURCE_CHARS, `source: ${MAX_SOURCE_CHARS} characters at most`).nullable(),
});
export type CanonicalRow = z.infer<typeof CanonicalRow>;

export interface ImportCatalogue {
  readonly territories: readonly CatalogueTerritory[];
  readonly indicators: readonly string[];
}

/** Canonical columns with their accepted header names (folded: case, accents and spaces ignored). */
export const CANONICAL_COLUMNS = {
  territoire: ['territoire', 'territory'],
  annee: ['annee', 'year'],
  indicateur: ['indicateur', 'indicator'],
  femmes: ['femmes', 'women'],
  hommes: ['hommes', 'men'],
  total: ['total'],
  part_femmes: ['part_femmes', 'share_women'],
  statut: ['statut', 'status'],
  source: ['source'],
} as const;
type Column = keyof typeof CANONICAL_COLUMNS;

/** The index of each canonical column in a header, or null when the header is not canonical. */
export function canonicalColumns(header: readonly string[]): Partial<Record<Column, number>> | null {
  const folded = header.map(foldKey);
  const idx: Partial<Record<Column, number>> = {};
  for (const [col, names] of Object.entries(CANONICAL_COLUMNS) as [Column, readonly string[]][]) {
    const i = folded.findIndex((h) => names.includes(h));
    if (i >= 0) idx[col] = i;
  }
  return idx.territoire !== undefined && idx.annee !== undefined && idx.indicateur !== undefined ? idx : null;
}

/** The file's own names of the count and share columns, for the validation's messages (`Women`, `Total`…). */
export function validationColumns(header: readonly string[]): { femmes: string; hommes: string; total: string; part: string } {
  const idx = canonicalColumns(header) ?? {};
  const name = (c: Column) => (idx[c] === undefined ? c : (header[idx[c]] ?? c));
  return { femmes: name('femmes'), hommes: name('hommes'), total: name('total'), part: name('part_femmes') };
}

const STATUSES: ReadonlySet<string> = new Set(STATUS_LIST);

/** Columns whose cells are parsed, so checked against MAX_CELL_CHARS (the source has its own limit: it is cut). */
const READ_COLUMNS: readonly Column[] = ['territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'statut'];

/** The source as kept (cut to MAX_SOURCE_CHARS characters on a character boundary), and its length when it was cut. */
function readSource(raw: string): { source: string | null; cutFrom: number | null } {
  const full = cleanText(raw);
  const n = full.length > MAX_SOURCE_CHARS ? codePointLength(full) : full.length;
  if (n <= MAX_SOURCE_CHARS) return { source: full || null, cutFrom: null };
  return { source: cutToCodePoints(full, MAX_SOURCE_CHARS) || null, cutFrom: n };
}

/**
 * Maps parsed canonical rows to observations, with one problem per bad cell, by line and column. A row with a cell
 * over MAX_CELL_CHARS gets one problem per such cell and nothing else is read from it. Warnings (row kept): a
 * share between 0 and 1 written without `%` (maybe a fraction), a source longer than 500 characters (cut).
 */
export function mapCanonical(parsed: Parsed, cat: ImportCatalogue): { rows: CanonicalRow[]; problems: Problem[]; skipped: number } {
  const idx = canonicalColumns(parsed.header);
  if (!idx) return { rows: [], problems: [problem('colonne_manquante', {}, 'territoire, annee, indicateur')], skipped: 0 };
  const matchTerritory = territoryMatcher(cat.territories);
  const indicators = new Set(cat.indicators);
  const rows: CanonicalRow[] = [];
  const problems: Problem[] = [];
  let skipped = 0;
  const name = (c: Column) => parsed.header[idx[c] ?? -1] ?? c;
  for (const r of parsed.rows) {
    const cell = (c: Column) => (idx[c] === undefined ? '' : (r.cells[idx[c]] ?? ''));
    const bad: Problem[] = [];
    const at = (c: Column) => ({ ligne: r.line, colonne: name(c) });
    for (const c of READ_COLUMNS) {
      const n = overlongCell(cell(c));
      if (n !== null) bad.push(problem('cellule_trop_longue', at(c), String(n), String(MAX_CELL_CHARS)));
    }
    if (bad.length) {
      problems.push(...bad);
      continue;
    }
    const t = matchTerritory(cell('territoire'));
    if ('outside' in t) {
      skipped++;
      problems.push(problem('territoire_hors_perimetre', at('territoire'), cell('territoire')));
      continue;
    }
    if ('unknown' in t) bad.push(problem('territoire_inconnu', at('territoire'), cell('territoire')));
    if ('ambiguous' in t) bad.push(problem('territoire_ambigu', at('territoire'), cleanText(cell('territoire')), t.ambiguous));
    const year = parseYear(cell('annee'));
    if (year === null) bad.push(problem('annee_invalide', at('annee'), cell('annee')));
    else if (year < YEAR_MIN || year > YEAR_MAX) bad.push(problem('annee_hors_bornes', at('annee'), String(year)));
    const indicateur = cleanText(cell('indicateur')).toLowerCase();
    if (!indicators.has(indicateur)) bad.push(problem('indicateur_inconnu', at('indicateur'), cell('indicateur')));
    let statut = cleanText(cell('statut')).toLowerCase() || null;
    if (statut !== null && !STATUSES.has(statut)) {
      bad.push(problem('statut_inconnu', at('statut'), cell('statut')));
      statut = null;
    }
    const num = (c: Column, share = false): number | null => {
      const res = parseNumber(cell(c), parsed.decimalComma);
      if (res.kind === 'ok') {
        if (!share && res.value < 0) bad.push(problem('nombre_negatif', at(c), cell(c)));
        else if (!share && res.value > MAX_COUNT) bad.push(problem('effectif_trop_grand', at(c), cell(c), String(MAX_COUNT)));
        // `-0` is 0: DuckDB (the fast path's read, the stored table) keeps no negative zero.
        return res.value === 0 ? 0 : res.value;
      }
      if (res.kind === 'secret') statut = statut ?? 'secret';
      if (res.kind === 'invalid') bad.push(problem('nombre_invalide', at(c), cell(c)));
      return null;
    };
    const femmes = num('femmes');
    const hommes = num('hommes');
    const total = num('total');
    const part = num('part_femmes', true);
    if (part !== null && (part < 0 || part > 100)) bad.push(problem('part_hors_bornes', at('part_femmes'), cell('part_femmes')));
    const { source, cutFrom } = readSource(cell('source'));
    if (bad.length) {
      problems.push(...bad);
      continue;
    }
    // Warnings: the row is kept, the analyst is told what was read.
    if (part !== null && part > 0 && part < 1 && !cell('part_femmes').includes('%')) problems.push(problem('part_fraction', at('part_femmes'), cell('part_femmes')));
    if (cutFrom !== null) problems.push(problem('texte_tronque', at('source'), String(cutFrom), String(MAX_SOURCE_CHARS)));
    rows.push({ line: r.line, territoire: 'code' in t ? t.code : '', annee: year ?? 0, indicateur, femmes, hommes, total, part_femmes: part, statut: statut as CanonicalRow['statut'], source });
  }
  return { rows, problems, skipped };
}

import { CanonicalRow } from './canonical';
import { problem, type Problem } from './problems';
import { MAX_COUNT } from './limits';

/** Rounding tolerance for women + men = total: published counts are rounded (and census counts weighted). */
export function sumTolerance(total: number): number {
  return Math.max(1, total * 0.001);
}

/** The problem of a count the schema refuses: negative, or too large (a sum grown to Infinity among them). */
function countProblem(v: number | null, at: { ligne: number; colonne: string }, value: string): Problem {
  if (v !== null && v > MAX_COUNT) return problem('effectif_trop_grand', at, value, String(MAX_COUNT));
  return problem(v !== null && v < 0 ? 'nombre_negatif' : 'nombre_invalide', at, value);
}

/**
 * Checks observations one by one (zod schema and the canonical rules) and across rows (duplicate keys).
 * Returns the valid rows and the problems; a row with a problem is never kept.
 */
export function validateRows(rows: readonly CanonicalRow[], columns: { femmes: string; hommes: string; total: string; part: string } = { femmes: 'femmes', hommes: 'hommes', total: 'total', part: 'part_femmes' }): { rows: CanonicalRow[]; problems: Problem[] } {
  const ok: CanonicalRow[] = [];
  const problems: Problem[] = [];
  const firstLine = new Map<string, number>();
  for (const r of rows) {
    const at = (c: string) => ({ ligne: r.line, colonne: c });
    const bad: Problem[] = [];
    const parsed = CanonicalRow.safeParse(r);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const col = String(issue.path[0] ?? '');
        const value = String((r as Record<string, unknown>)[col] ?? '');
        if (col === 'part_femmes') bad.push(problem('part_hors_bornes', at(columns.part), value));
        else if (col === 'annee') bad.push(problem('annee_hors_bornes', at('annee'), value));
        else if (col === 'femmes' || col === 'hommes' || col === 'total') bad.push(countProblem(r[col], at(columns[col]), value));
        else bad.push(problem('nombre_invalide', at(col), value));
      }
    }
    const { femmes, hommes, total, part_femmes, statut } = r;
    if (femmes !== null && total !== null && femmes > total) bad.push(problem('femmes_sup_total', at(columns.femmes), String(femmes), String(total)));
    if (femmes !== null && hommes !== null && total !== null && Math.abs(femmes + hommes - total) > sumTolerance(total)) {
      bad.push(problem('somme_incoherente', at(columns.total), String(femmes + hommes), String(total)));
    }
    const hasCounts = femmes !== null && (total !== null || hommes !== null);
    if (!hasCounts && part_femmes === null && statut !== 'secret') bad.push(problem('sans_valeur', { ligne: r.line, colonne: null }));
    const key = `${r.territoire}|${r.annee}|${r.indicateur}`;
    const first = firstLine.get(key);
    if (first !== undefined) bad.push(problem('doublon', { ligne: r.line, colonne: null }, `${r.territoire} × ${r.annee} × ${r.indicateur}`, String(first)));
    else firstLine.set(key, r.line);
    if (bad.length) problems.push(...bad);
    else ok.push(parsed.success ? parsed.data : r);
  }
  return { rows: ok, problems };
}

import { placeText, type Problem, type ProblemCode, type Severity } from '../../data/import/problems';

/** One message of a group, shown once, with every line it was found on (in file order). */
export interface GroupedMessage {
  readonly message_fr: string;
  readonly message_en: string;
  readonly lignes: readonly number[];
  readonly colonne: string | null;
}

/** The problems of one code: how many, and their distinct messages (without their place). */
export interface ProblemGroup {
  readonly code: ProblemCode;
  readonly severity: Severity;
  readonly count: number;
  /** True when every problem of the group names a line: the title counts lines, not problems. */
  readonly byLine: boolean;
  readonly messages: readonly GroupedMessage[];
}

/** A problem's messages without the « Ligne 12, colonne « x » — » they start with (see `problem`). */
function bare(p: Problem): [string, string] {
  const [fr, en] = placeText(p.ligne, p.colonne);
  return [p.message_fr.startsWith(fr) ? p.message_fr.slice(fr.length) : p.message_fr, p.message_en.startsWith(en) ? p.message_en.slice(en.length) : p.message_en];
}

/**
 * Groups problems by code (in the order codes first appear), then by identical message and column: a message
 * found on 136 lines is one entry listing those lines, not 136 entries.
 */
export function groupProblems(problems: readonly Problem[]): ProblemGroup[] {
  const byCode = new Map<ProblemCode, { severity: Severity; count: number; byLine: boolean; messages: Map<string, { message_fr: string; message_en: string; lignes: number[]; colonne: string | null }> }>();
  for (const p of problems) {
    let g = byCode.get(p.code);
    if (!g) byCode.set(p.code, (g = { severity: p.severity, count: 0, byLine: true, messages: new Map() }));
    g.count++;
    if (p.ligne === null) g.byLine = false;
    const [fr, en] = bare(p);
    const key = `${p.colonne ?? ''}\u0000${fr}`;
    let m = g.messages.get(key);
    if (!m) g.messages.set(key, (m = { message_fr: fr, message_en: en, lignes: [], colonne: p.colonne }));
    if (p.ligne !== null) m.lignes.push(p.ligne);
  }
  return [...byCode.entries()].map(([code, g]) => ({ code, severity: g.severity, count: g.count, byLine: g.byLine, messages: [...g.messages.values()] }));
}

/**
 * The report's status: `error` when nothing can be imported, `warning` when it can but a problem of any path (full,
 * fast, recipe, Eurostat) is a warning, else `ok`. Counted from the problems listed as well as from the path's own
 * count, so that a path that forgets to count a warning still shows it.
 */
export function reportStatus(result: { readonly errors: number; readonly warnings: number; readonly problems: readonly Problem[] }, rowCount: number): 'ok' | 'warning' | 'error' {
  if (result.errors > 0 || rowCount === 0) return 'error';
  return result.warnings > 0 || result.problems.some((p) => p.severity !== 'erreur') ? 'warning' : 'ok';
}

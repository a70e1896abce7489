import type { MeasureRow } from '../data/sql/measures';
import { placeName, t, type SnapshotContext } from './context';
import { clip, yearRuns } from './fit';
import { CAPS, type Point } from './schema';

/** The flags a chart point carries, from its measure. */
export function flagsOf(m: MeasureRow | undefined): NonNullable<Point['flags']> {
  if (!m) return { raison: 'absent' };
  return { faible: m.faible_fiabilite, statut: m.statut, raison: m.raison, ...provenanceOf(m) };
}

/** A value's provenance flag: real or illustrative, only for a value shown (a missing one is neither). */
export function provenanceOf(r: { part: number | null; illustratif: boolean }): { illustratif?: boolean } {
  return r.part === null ? {} : { illustratif: r.illustratif };
}

/**
 * The illustrative note of a chart that shows illustrative values: the general note when all its values are, else
 * the territories whose values are (« Données illustratives, non officielles : Ariège, Aude »), so a chart that
 * mixes a real series with an illustrative one says which is which.
 */
function illustrativeNote(ctx: SnapshotContext, rows: readonly MeasureRow[]): string {
  const m = t(ctx);
  const shown = rows.filter((r) => r.part !== null);
  if (!shown.some((r) => !r.illustratif)) return m.noteIllustrative;
  const names = [...groups(shown.filter((r) => r.illustratif), (r) => r.territoire).keys()].map((code) => placeName(ctx, code));
  return names.length ? m.illustrativeOf(names.join(', ')) : m.noteIllustrative;
}

/** Rows grouped by a key, groups in order of first appearance. */
function groups<K>(rows: readonly MeasureRow[], key: (r: MeasureRow) => K): Map<K, MeasureRow[]> {
  const out = new Map<K, MeasureRow[]>();
  for (const r of rows) {
    const k = key(r);
    const g = out.get(k);
    if (g) g.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Data-quality notes for the measures a chart shows: small counts, secret values, series breaks, estimates,
 * partial or impossible région sums, illustrative data. `withYear` adds the years to secret values (trends).
 * One note per kind, each territory named once with its years condensed into runs (« Ariège 2000–2024 »): 25
 * years of partial sums make one note, not 25, and each note stays within the snapshot's cap.
 */
export function notesFor(ctx: SnapshotContext, rows: readonly MeasureRow[], opts: { withYear?: boolean; illustratif: boolean }): string[] {
  const m = t(ctx);
  const names = (pred: (r: MeasureRow) => boolean) => [...groups(rows.filter(pred), (r) => r.territoire).keys()].map((code) => placeName(ctx, code)).join(', ');
  const withYears = (pred: (r: MeasureRow) => boolean) =>
    [...groups(rows.filter(pred), (r) => r.territoire)].map(([code, g]) => `${placeName(ctx, code)} ${yearRuns(g.map((r) => r.annee))}`).join(', ');
  const notes: string[] = [];
  const low = names((r) => r.faible_fiabilite && r.part !== null);
  if (low) notes.push(m.noteLow(low));
  const isSecret = (r: MeasureRow) => r.raison === 'secret';
  const secret = opts.withYear ? withYears(isSecret) : names(isSecret);
  if (secret) notes.push(m.noteSecret(secret));
  const breaks = withYears((r) => r.statut === 'rupture');
  if (breaks) notes.push(m.noteBreak(breaks));
  const est = names((r) => r.statut === 'estimation');
  if (est) notes.push(m.noteEstimate(est));
  const partial = rows.filter((r) => r.origine === 'calcul_departements' && (r.n_manquants ?? 0) > 0 && r.part !== null);
  if (partial.length) {
    const items = [...groups(partial, (r) => `${r.territoire}\u0000${r.n_manquants ?? 0}`).values()].map((g) => {
      const first = g[0] as MeasureRow;
      return m.partialItem(placeName(ctx, first.territoire), yearRuns(g.map((r) => r.annee)), first.n_manquants ?? 0);
    });
    notes.push(m.notePartial(items.join(', ')));
  }
  if (rows.some((r) => r.raison === 'parts_seules')) notes.push(m.noteSharesOnly);
  if (opts.illustratif) notes.push(illustrativeNote(ctx, rows));
  return notes.map((x) => clip(x, CAPS.note));
}

import type { MesureRow } from '../data/sql/measures';
import { placeName, t, type SnapshotContext } from './context';
import type { Point } from './schema';

/** The flags a chart point carries, from its measure. */
export function flagsOf(m: MesureRow | undefined): NonNullable<Point['flags']> {
  if (!m) return { raison: 'absent' };
  return { faible: m.faible_fiabilite, statut: m.statut, raison: m.raison };
}

/**
 * Data-quality notes for the measures a chart shows: small counts, secret values, series breaks, estimates,
 * partial or impossible région sums, illustrative data. `withYear` adds the year to secret values (trends).
 */
export function notesFor(ctx: SnapshotContext, rows: readonly MesureRow[], opts: { withYear?: boolean; illustratif: boolean }): string[] {
  const m = t(ctx);
  const name = (r: MesureRow) => (opts.withYear ? `${placeName(ctx, r.territoire)} ${r.annee}` : placeName(ctx, r.territoire));
  const list = (pred: (r: MesureRow) => boolean, nameOf = name) => [...new Set(rows.filter(pred).map(nameOf))].join(', ');
  const notes: string[] = [];
  const low = list((r) => r.faible_fiabilite && r.part !== null, (r) => placeName(ctx, r.territoire));
  if (low) notes.push(m.noteLow(low));
  const secret = list((r) => r.raison === 'secret');
  if (secret) notes.push(m.noteSecret(secret));
  const breaks = [...new Set(rows.filter((r) => r.statut === 'rupture').map((r) => `${placeName(ctx, r.territoire)} ${r.annee}`))].join(', ');
  if (breaks) notes.push(m.noteBreak(breaks));
  const est = [...new Set(rows.filter((r) => r.statut === 'estimation').map((r) => placeName(ctx, r.territoire)))].join(', ');
  if (est) notes.push(m.noteEstimate(est));
  for (const r of rows) {
    if (r.origine === 'calcul_departements' && (r.n_manquants ?? 0) > 0 && r.part !== null) {
      notes.push(m.notePartial(String(r.annee), r.n_manquants ?? 0));
    }
  }
  if (rows.some((r) => r.raison === 'parts_seules')) notes.push(m.noteSharesOnly);
  if (opts.illustratif) notes.push(m.noteIllustrative);
  return notes;
}

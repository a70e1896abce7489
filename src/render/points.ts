import type { ChartSnapshot, Point } from '../snapshot/schema';

/** A chart is ready only when it shows at least one value. */
export function hasData(s: ChartSnapshot): boolean {
  return s.series.some((x) => x.points.some((p) => p.y !== null)) || (s.kpis ?? []).some((k) => k.numeric !== null);
}

/** The status word of a point, for tables and tooltips: its missing reason, producer status, or low count. */
export function pointStatus(p: Point): string | null {
  const f = p.flags;
  if (!f) return null;
  if (f.projection) return 'projection';
  if (f.raison) return f.raison;
  if (f.statut) return f.statut;
  if (f.faible) return 'faible_fiabilite';
  return null;
}

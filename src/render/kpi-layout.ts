/**
 * Columns of the key figures for a given number of cards, so that rows are balanced: at most `max` cards a row,
 * and as few rows as that allows, each as full as the others (7 cards on at most 6 columns: 4 + 3, never 6 + 1).
 */
export function balancedColumns(n: number, max: number): number {
  if (n <= 0 || max <= 0) return 1;
  const rows = Math.ceil(n / max);
  return Math.ceil(n / rows);
}

/**
 * The CSS custom properties the key figures' grid reads (src/ui/styles.css): its column count when its box is
 * wide enough for 6 and for 4 cards. Below that the stylesheet sets 2 columns (an odd last card spans both), then 1.
 */
export function kpiGridVars(n: number): Record<string, string> {
  return { '--kpi-cols-wide': String(balancedColumns(n, 6)), '--kpi-cols-mid': String(balancedColumns(n, 4)) };
}

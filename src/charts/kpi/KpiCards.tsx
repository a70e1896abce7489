import type { ChartSnapshot } from '../../snapshot/schema';

/** KPI cards: each figure big, its label above, its detail below. */
export function KpiCards({ snapshot }: { snapshot: ChartSnapshot }) {
  return (
    <ul className="kpi-grid">
      {(snapshot.kpis ?? []).map((k) => (
        <li key={k.id} className="kpi" data-kpi={k.id} data-value={k.numeric ?? ''}>
          <span className="kpi-label">{k.label}</span>
          <span className="kpi-value">{k.value}</span>
          {k.detail ? <span className="kpi-detail">{k.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}

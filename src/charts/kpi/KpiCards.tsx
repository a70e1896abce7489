import type { CSSProperties } from 'react';
import type { ChartSnapshot } from '../../snapshot/schema';
import { kpiGridVars } from '../../render/kpi-layout';

/** KPI cards: each figure big, its label above, its detail below; rows balanced (src/ui/kpi-layout.ts). */
export function KpiCards({ snapshot }: { snapshot: ChartSnapshot }) {
  const kpis = snapshot.kpis ?? [];
  return (
    <div className="kpi-box">
      <ul className="kpi-grid" style={kpiGridVars(kpis.length) as CSSProperties}>
        {kpis.map((k) => (
          <li key={k.id} className="kpi" data-kpi={k.id} data-value={k.numeric ?? ''}>
            <span className="kpi-label">{k.label}</span>
            <span className="kpi-value">{k.value}</span>
            {k.detail ? <span className="kpi-detail">{k.detail}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

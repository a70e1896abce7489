import { memo, type ReactNode } from 'react';
import type { ChartSnapshot } from '../snapshot/schema';
import { ChartFrame } from './ChartFrame';
import { KpiCards } from './kpi/KpiCards';
import { MapChart } from './map/MapChart';
import { BarsChart } from './bars/BarsChart';
import { messages } from '../i18n';
import { useTrendChart } from './trend/lazy';

/** Renders any snapshot in its frame; the body depends on the kind. */
export function Chart({ snapshot, hrefFor, actions, headingLevel, busy, srTable, hideTitle, later }: {
  hideTitle?: boolean;
  /** Frame and texts now, the drawing in a later render (the first paint of the page): not ready until then. */
  later?: boolean;
  snapshot: ChartSnapshot;
  /** Always render the data table, visually hidden (embeds). */
  srTable?: boolean;
  busy?: boolean;
  /** Link of a territory's page (map). */
  hrefFor?: (code: string) => string;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  // A trend is not ready until its drawing code is there (loaded on first use), asked for once its drawing is
  // (not in the first paint of `later` charts: evaluating Recharts would hold that paint, the key figures', back).
  const trend = useTrendChart(snapshot.kind === 'trend' && !later);
  const waiting = (snapshot.kind === 'trend' && !trend.component) || Boolean(later);
  return (
    <ChartFrame snapshot={snapshot} actions={actions} headingLevel={headingLevel} busy={busy || waiting} srTable={srTable} hideTitle={hideTitle}>
      {later ? <div className="chart-pending" aria-hidden="true" /> : <ChartBody snapshot={snapshot} hrefFor={hrefFor} trend={trend} />}
    </ChartFrame>
  );
}

/**
 * The drawing itself, redrawn only when its snapshot changes: marking a chart busy while new data comes must not
 * redraw every chart (a long main-thread task on each indicator change).
 */
const ChartBody = memo(ChartBodyOf, (a, b) => a.snapshot === b.snapshot && a.trend === b.trend);

function ChartBodyOf({ snapshot, hrefFor, trend }: { snapshot: ChartSnapshot; hrefFor?: (code: string) => string; trend: ReturnType<typeof useTrendChart> }) {
  switch (snapshot.kind) {
    case 'kpi':
      return <KpiCards snapshot={snapshot} />;
    case 'map':
      return <MapChart snapshot={snapshot} hrefFor={hrefFor ?? ((c) => `?vue=territoire&territoire=${c}`)} />;
    case 'ranking':
      return <BarsChart snapshot={snapshot} />;
    case 'trend':
      if (trend.component) return <trend.component snapshot={snapshot} />;
      // Its code could not be fetched (offline, or a new deployment removed it): said in place, the rest works.
      if (trend.error) return <p className="error" role="alert">{messages(snapshot.lang).loadFailed}</p>;
      return <div className="chart-pending" aria-hidden="true" />;
    case 'pipeline':
    case 'comparison':
      return <BarsChart snapshot={snapshot} />;
  }
}

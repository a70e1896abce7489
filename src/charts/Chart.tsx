import { memo, type ReactNode } from 'react';
import type { ChartSnapshot } from '../snapshot/schema';
import { ChartFrame } from './ChartFrame';
import { KpiCards } from './kpi/KpiCards';
import { MapChart } from './map/MapChart';
import { RankingChart } from './ranking/RankingChart';
import { TrendChart } from './trend/TrendChart';
import { PipelineChart } from './pipeline/PipelineChart';

/** Renders any snapshot in its frame; the body depends on the kind. */
export function Chart({ snapshot, hrefFor, actions, headingLevel, busy, srTable, hideTitle }: {
  hideTitle?: boolean;
  snapshot: ChartSnapshot;
  /** Always render the data table, visually hidden (embeds). */
  srTable?: boolean;
  busy?: boolean;
  /** Link of a territory's page (map). */
  hrefFor?: (code: string) => string;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  return (
    <ChartFrame snapshot={snapshot} actions={actions} headingLevel={headingLevel} busy={busy} srTable={srTable} hideTitle={hideTitle}>
      <ChartBody snapshot={snapshot} hrefFor={hrefFor} />
    </ChartFrame>
  );
}

/**
 * The drawing itself, redrawn only when its snapshot changes: marking a chart busy while new data comes must not
 * redraw every chart (it took about 150 ms of the main thread on an indicator change).
 */
const ChartBody = memo(ChartBodyOf, (a, b) => a.snapshot === b.snapshot);

function ChartBodyOf({ snapshot, hrefFor }: { snapshot: ChartSnapshot; hrefFor?: (code: string) => string }) {
  switch (snapshot.kind) {
    case 'kpi':
      return <KpiCards snapshot={snapshot} />;
    case 'map':
      return <MapChart snapshot={snapshot} hrefFor={hrefFor ?? ((c) => `?vue=territoire&territoire=${c}`)} />;
    case 'ranking':
      return <RankingChart snapshot={snapshot} />;
    case 'trend':
      return <TrendChart snapshot={snapshot} />;
    case 'pipeline':
    case 'comparison':
      return <PipelineChart snapshot={snapshot} />;
  }
}

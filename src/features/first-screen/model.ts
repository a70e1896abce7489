import type { Connector } from '../../data/connector';
import { runQuery } from '../../data/client';
import { indicatorsQuery, IndicatorRow, scopeTerritoriesQuery, TerritoryRow, yearsQuery, YearsRow, sourcesQuery, SourceRow } from '../../data/sql/catalogue';
import { measuresQuery, MesureRow } from '../../data/sql/measures';

export const REGION = '76';
export const DEFAULT_INDICATOR = 'emploi_numerique';

export interface RegionTableModel {
  readonly indicators: IndicatorRow[];
  readonly indicator: IndicatorRow;
  readonly year: number | null;
  /** The région first, then its départements by code. */
  readonly rows: { territory: TerritoryRow; measure: MesureRow | null }[];
  readonly sources: SourceRow[];
}

/** Everything the first screen shows, for one indicator at its latest year, each figure from a query. */
export async function loadRegionTable(conn: Connector, indicatorId: string | undefined): Promise<RegionTableModel> {
  const indicators = await runQuery(conn, indicatorsQuery(), IndicatorRow);
  const indicator = indicators.find((i) => i.id === indicatorId) ?? indicators.find((i) => i.id === DEFAULT_INDICATOR) ?? indicators[0];
  if (!indicator) throw new Error('The indicator catalogue is empty');
  const territories = (await runQuery(conn, scopeTerritoriesQuery(REGION), TerritoryRow)).filter(
    (t) => t.code === REGION || t.region === REGION,
  );
  const [latest] = await runQuery(conn, yearsQuery(indicator.id), YearsRow);
  const year = latest?.annee ?? null;
  const measures =
    year === null
      ? []
      : await runQuery(conn, measuresQuery({ indicateur: indicator.id, annee: year, territoires: territories.map((t) => t.code) }), MesureRow);
  const byCode = new Map(measures.map((m) => [m.territoire, m]));
  const sources = await runQuery(conn, sourcesQuery(indicator.id), SourceRow);
  return {
    indicators,
    indicator,
    year,
    rows: territories.map((territory) => ({ territory, measure: byCode.get(territory.code) ?? null })),
    sources,
  };
}

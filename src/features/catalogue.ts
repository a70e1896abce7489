import type { Connector } from '../data/connector';
import { runQuery } from '../data/client';
import { getDataVersion } from '../data/version';
import { IndicatorSourceRow, indicatorsQuery, IndicatorRow, scopeTerritoriesQuery, sourcesByIndicatorQuery, TerritoryRow, type SourceRow } from '../data/sql/catalogue';

/** The région this dashboard is about. */
export const REGION = '76';
export const DEFAULT_INDICATOR = 'emploi_numerique';

export interface Catalogue {
  readonly indicators: IndicatorRow[];
  /** The région, its départements, France and the EU, in that order. */
  readonly scope: TerritoryRow[];
  readonly territories: ReadonlyMap<string, TerritoryRow>;
  readonly departements: TerritoryRow[];
  /** The sources under an indicator's charts (sourcesQuery, for every indicator at once). */
  sourcesOf(indicateur: string): SourceRow[];
  /** Every active dataset that holds shown rows (activeSourcesQuery). */
  readonly allSources: SourceRow[];
}

const cache = new WeakMap<Connector, { version: number; catalogue: Promise<Catalogue> }>();

/** The indicator and territory catalogues of a database, read once per change of its data. */
export function loadCatalogue(conn: Connector): Promise<Catalogue> {
  const version = getDataVersion();
  let hit = cache.get(conn);
  if (hit?.version !== version) {
    const catalogue = readCatalogue(conn);
    catalogue.catch(() => cache.delete(conn));
    hit = { version, catalogue };
    cache.set(conn, hit);
  }
  return hit.catalogue;
}

async function readCatalogue(conn: Connector): Promise<Catalogue> {
  const [indicators, scope, sources] = await Promise.all([
    runQuery(conn, indicatorsQuery(), IndicatorRow),
    runQuery(conn, scopeTerritoriesQuery(REGION), TerritoryRow),
    runQuery(conn, sourcesByIndicatorQuery(), IndicatorSourceRow),
  ]);
  const strip = ({ indicateur: _, ...rest }: typeof IndicatorSourceRow._output): SourceRow => rest;
  const allSources = [...new Map(sources.map((r) => [r.id, strip(r)])).values()];
  return {
    indicators,
    scope,
    sourcesOf: (id) => sources.filter((r) => r.indicateur === id).map(strip),
    allSources,
    territories: new Map(scope.map((t) => [t.code, t])),
    departements: scope.filter((t) => t.type === 'departement'),
  };
}

/** The indicator asked for, else the default, else the first of the catalogue. */
export function pickIndicator(c: Catalogue, id: string | undefined): IndicatorRow {
  const i = c.indicators.find((x) => x.id === id) ?? c.indicators.find((x) => x.id === DEFAULT_INDICATOR) ?? c.indicators[0];
  if (!i) throw new Error('The indicator catalogue is empty');
  return i;
}

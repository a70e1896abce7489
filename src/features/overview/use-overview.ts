import { useEffect, useState, useSyncExternalStore } from 'react';
import { isAsked, seed, useDbQuery } from '../use-db';
import { getDbState, holdDbStart, subscribeDb } from '../../data/db-loader';
import { isPrecomputedOverview, usePrecomputedOverview } from './use-precomputed';
import { getDataVersion, subscribeDataVersion } from '../../data/version';
import type { Lang } from '../../lib/format';
import type { UrlState } from '../../lib/url-state';
import { viewArgs } from '../view-args';
import { loadOverviews, type OverviewModel } from './model';
import { loadCatalogue, pickIndicator } from '../catalogue';
import type { Connector } from '../../data/connector';

/** Indicators whose overview is computed ahead of time (the first ones of the selector). */
const PREFETCH_MAX = 12;

/** The cache key of an overview: everything of the URL that changes its queries. */
function overviewKey(url: UrlState, lang: Lang): string {
  const a = viewArgs(url, lang);
  return `overview:${JSON.stringify([a.indicateur, a.annee, url.territoires, url.parcours, a.cible, a.anneeCible, lang])}`;
}

/**
 * The overview asked for, computed with the same five queries as the other indicators' (the first ones of the
 * selector, unless already asked for): those are handed to the cache, so changing the indicator then only redraws.
 */
async function loadWithOthers(conn: Connector, url: UrlState, lang: Lang): Promise<OverviewModel> {
  // Marks DuckDB's answers only (the build-time answers replayed in the page run the same model without them).
  performance.mark('overview:start');
  const catalogue = await loadCatalogue(conn);
  const current = pickIndicator(catalogue, url.indicateur).id;
  const others = catalogue.indicators.map((i) => ({ ...url, indicateur: i.id, annee: undefined }))
    .filter((u) => u.indicateur !== current && !isAsked(overviewKey(u, lang))).slice(0, PREFETCH_MAX);
  const all = [url, ...others];
  const models = loadOverviews(conn, { ...viewArgs(url, lang), territoires: url.territoires, parcours: url.parcours },
    all.map((u) => ({ indicateur: u.indicateur, annee: u.annee, permalink: viewArgs(u, lang).permalink })));
  others.forEach((u, i) => seed(overviewKey(u, lang), models.then((m) => m[i + 1] as OverviewModel)));
  const [model] = await models;
  performance.measure('overview:queries', 'overview:start');
  if (!model) throw new Error('no overview');
  return model;
}

/** What the overview draws: its model (live, or built at build time), and how far along it is. */
export interface OverviewState {
  readonly error: string | null;
  readonly model: OverviewModel | undefined;
  /** New data on its way: the charts shown are the previous ones. */
  readonly busy: boolean;
  /** The charts come from the build-time snapshots (DuckDB's live answers not yet in). */
  readonly showsPre: boolean;
  /** The first paint of build-time charts: key figures drawn, the other charts' drawings in the next render. */
  readonly firstStep: boolean;
}

/**
 * The overview of a URL: the live model once DuckDB answers, before that the build-time one when the build
 * computed that view, and DuckDB held back until those are painted.
 */
export function useOverview(url: UrlState, lang: Lang): OverviewState {
  const args = viewArgs(url, lang);
  const db = useSyncExternalStore(subscribeDb, getDbState);
  const exact = isPrecomputedOverview(url);
  // Fetched only if the page opens on a view computed at build time (any indicator, year, language and pipeline,
  // default settings otherwise) before DuckDB is ready; kept until the first live answer.
  const [wantPre] = useState(() => exact && db.status !== 'ready');
  // Meanwhile DuckDB waits until the build-time charts are painted (released at once if there are none).
  const [release] = useState(() => {
    let done: () => void = () => undefined;
    const painted = new Promise<void>((r) => (done = r));
    if (wantPre && db.status === 'idle') holdDbStart(painted);
    return done;
  });
  const q = useDbQuery(overviewKey(url, lang), (conn) => loadWithOthers(conn, url, lang));
  // The build-time overviews stay usable for another indicator or year while the data is the one loaded when the
  // page opened (no import, removal or activation since).
  const dataVersion = useSyncExternalStore(subscribeDataVersion, getDataVersion);
  const [openedOn] = useState(dataVersion);
  const precomputed = usePrecomputedOverview(wantPre && dataVersion === openedOn, lang, args.permalink, release, url, exact);
  const pre = precomputed.exact;
  const model = q.status === 'ready' ? q.data : (pre ?? q.stale ?? precomputed.fallback ?? undefined);
  // The build-time charts are real data from the same SQL: they count as ready until the live ones replace them.
  const busy = q.status !== 'ready' && !(model && model === pre);
  const showsPre = Boolean(model && model === pre);
  const firstStep = useTwoStepPaint(showsPre, release);
  return { error: q.status === 'error' ? q.error : null, model, busy, showsPre, firstStep };
}

/**
 * The build-time charts come in two steps: the key figures drawn, the other charts' frames and texts (not ready:
 * their drawings take most of the time), then those drawings right after that frame is painted. Returns whether
 * the first step is on; `release` lets DuckDB start once the second is on screen.
 */
function useTwoStepPaint(showsPre: boolean, release: () => void): boolean {
  const [keyFiguresOnly, setKeyFiguresOnly] = useState(true);
  useEffect(() => {
    if (!showsPre) return;
    if (keyFiguresOnly) {
      const frame = requestAnimationFrame(() => setTimeout(() => setKeyFiguresOnly(false), 0));
      return () => cancelAnimationFrame(frame);
    }
    // Two frames after all the build-time charts are committed, they are on screen: DuckDB may start.
    performance.mark('overview:precomputed-shown');
    requestAnimationFrame(() => requestAnimationFrame(release));
  }, [showsPre, keyFiguresOnly, release]);
  return showsPre && keyFiguresOnly;
}

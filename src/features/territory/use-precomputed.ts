import { useEffect, useState, useSyncExternalStore } from 'react';
import { getDbState, holdDbStart } from '../../data/db-loader';
import { getDataVersion, subscribeDataVersion } from '../../data/version';
import { parseUrlState, type UrlState } from '../../lib/url-state';
import type { Lang } from '../../lib/format';
import { viewArgs } from '../view-args';
import { precomputedTerritory } from './precomputed';
import type { TerritoryArgs, TerritoryModel } from './model';

const pages = new Map<string, Promise<TerritoryModel | null>>();

/** The département a territory page shows (Haute-Garonne when the URL names none). */
export function territoryCode(url: UrlState): string {
  return url.territoire ?? '31';
}

/** The cache key of a territory page: everything of the URL that changes its queries. */
export function territoryKey(url: UrlState, lang: Lang): string {
  const a = viewArgs(url, lang);
  return JSON.stringify([territoryCode(url), a.indicateur, a.annee, a.cible, a.anneeCible, lang]);
}

function startPage(key: string, args: TerritoryArgs): Promise<TerritoryModel | null> {
  let p = pages.get(key);
  if (!p) {
    p = precomputedTerritory(args).catch(() => null);
    pages.set(key, p);
  }
  return p;
}

// A page opened on a territory starts reading its build-time answers as the script runs, before React's first
// render (which takes a while on a busy machine): the files are then there, or on their way, when it is drawn.
if (typeof window !== 'undefined') {
  const opened = parseUrlState(window.location.search);
  if (opened.vue === 'territoire') {
    const lang = opened.lang ?? 'fr';
    void startPage(territoryKey(opened, lang), { ...viewArgs(opened, lang), code: territoryCode(opened) });
  }
}

/**
 * The territory page built from build-time answers while DuckDB is not ready: used when the page opened before
 * DuckDB was ready (at any target: no answer depends on it), while the data is still the one loaded then (no import, removal or
 * activation since). Null otherwise, or while it is fetched, or when the build has no answer for it. DuckDB's
 * start waits until that page is painted (or known to be unavailable), so the two do not compete for the page's
 * first frames; the live answers replace it as they come, with the same numbers (same SQL, same data).
 */
export function usePrecomputedTerritory(key: string, args: TerritoryArgs): TerritoryModel | null {
  const [enabled] = useState(() => getDbState().status !== 'ready');
  const [release] = useState(() => {
    let done: () => void = () => undefined;
    const settled = new Promise<void>((r) => (done = r));
    if (enabled && getDbState().status === 'idle') holdDbStart(settled);
    return done;
  });
  const dataVersion = useSyncExternalStore(subscribeDataVersion, getDataVersion);
  const [openedOn] = useState(dataVersion);
  // Kept after DuckDB is ready, until the live answer comes (the caller prefers it), so nothing blinks between.
  const on = enabled && dataVersion === openedOn;
  const [shown, setShown] = useState<{ key: string; model: TerritoryModel } | null>(null);
  useEffect(() => {
    if (!on) return release();
    let live = true;
    void startPage(key, args).then((model) => {
      if (!live) return;
      if (!model) return release();
      setShown({ key, model });
      // Two frames after the build-time charts are committed, they are on screen: DuckDB may start.
      requestAnimationFrame(() => requestAnimationFrame(release));
    });
    return () => {
      live = false;
    };
    // `args` is what `key` encodes; `release` is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [on, key]);
  return on && shown?.key === key ? shown.model : null;
}

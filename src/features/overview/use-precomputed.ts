import { useEffect, useMemo, useState } from 'react';
import { hasStoredData } from '../../data/store';
import type { UrlState } from '../../lib/url-state';
import { modelFromPrecomputed, PrecomputedOverview } from './precomputed';
import type { OverviewModel } from './model';

/** Whether the URL asks for the overview's default view: the one computed at build time. */
export function isDefaultOverview(url: UrlState): boolean {
  return !url.vue && !url.indicateur && url.annee === undefined && !url.territoires && !url.parcours && url.cible === undefined && url.annee_cible === undefined;
}

let pending: Promise<PrecomputedOverview | null> | null = null;

/**
 * The build-time overview, fetched once per page, or null when it must not be shown (the analyst has stored
 * data, so it would be wrong) or cannot be read. Started as the page's script runs, before React's first render.
 */
export function loadPrecomputed(): Promise<PrecomputedOverview | null> {
  pending ??= Promise.all([
    fetch('./precomputed/overview.json').then((r) => (r.ok ? r.json() : null)).catch(() => null).finally(() => performance.mark('overview:precomputed-read')),
    hasStoredData().finally(() => performance.mark('overview:stored-checked')),
  ]).then(([json, stored]: [unknown, boolean]) => {
    performance.mark('overview:precomputed-fetched');
    const parsed = stored || json === null ? null : PrecomputedOverview.safeParse(json);
    performance.mark('overview:precomputed-parsed');
    return parsed?.success ? parsed.data : null;
  });
  return pending;
}

/**
 * The overview's default charts computed at build time, so the first chart needs no database. Used only for the
 * default view, before DuckDB is ready, and only when the analyst has no stored data (else they would be wrong).
 */
export function usePrecomputedOverview(enabled: boolean, lang: 'fr' | 'en', permalink: string, unavailable: () => void = () => undefined): OverviewModel | null {
  const [data, setData] = useState<PrecomputedOverview | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void loadPrecomputed().then((d) => {
      if (!d) unavailable();
      else if (live) setData(d);
    });
    return () => {
      live = false;
    };
    // `unavailable` is a stable callback of the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled]);
  const model = useMemo(() => (data ? modelFromPrecomputed(data, lang, permalink) : null), [data, lang, permalink]);
  return enabled ? model : null;
}

import { useEffect, useMemo, useState } from 'react';
import { hasStoredData } from '../../data/store';
import { modelFromPrecomputed, PrecomputedOverview } from './precomputed';
import type { OverviewModel } from './model';

/**
 * The overview's default charts computed at build time, so the first chart needs no database. Used only for the
 * default view, before DuckDB is ready, and only when the analyst has no stored data (else they would be wrong).
 */
export function usePrecomputedOverview(enabled: boolean, lang: 'fr' | 'en', permalink: string, unavailable: () => void = () => undefined): OverviewModel | null {
  const [data, setData] = useState<PrecomputedOverview | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void Promise.all([
      fetch('./precomputed/overview.json').then((r) => (r.ok ? r.json() : null)).catch(() => null),
      hasStoredData(),
    ]).then(([json, stored]) => {
      performance.mark('overview:precomputed-fetched');
      const parsed = stored || json === null ? null : PrecomputedOverview.safeParse(json);
      performance.mark('overview:precomputed-parsed');
      if (parsed?.success) {
        if (live) setData(parsed.data);
      } else unavailable();
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

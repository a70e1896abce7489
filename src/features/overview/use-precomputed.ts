import { useEffect, useMemo, useState } from 'react';
import { hasStoredData } from '../../data/store';
import type { UrlState } from '../../lib/url-state';
import { modelFromPrecomputed, PrecomputedOverview } from './precomputed';
import type { OverviewModel } from './model';

/** Whether the URL asks for the overview's default view: the one computed at build time. */
export function isDefaultOverview(url: UrlState): boolean {
  return !url.indicateur && isDefaultButIndicator(url);
}

/** Whether the URL asks for an indicator's default overview (its latest year, default settings): computed at build time too. */
export function isDefaultButIndicator(url: UrlState): boolean {
  return !url.vue && url.annee === undefined && !url.territoires && !url.parcours && url.cible === undefined && url.annee_cible === undefined;
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

let others: Promise<Map<string, unknown> | null> | null = null;
const parsedOthers = new Map<string, PrecomputedOverview | null>();

/**
 * The other indicators' default overviews computed at build time (overview-autres.json), by indicator, or null
 * when the build-time overview must not be shown. Fetched once, after the first charts are painted.
 */
function loadPrecomputedOthers(): Promise<Map<string, unknown> | null> {
  others ??= loadPrecomputed().then(async (main) => {
    if (!main) return null;
    const json: unknown = await fetch('./precomputed/overview-autres.json').then((r) => (r.ok ? r.json() : null)).catch(() => null);
    const list = json !== null && typeof json === 'object' && 'overviews' in json && Array.isArray(json.overviews) ? (json.overviews as unknown[]) : [];
    const all = new Map(list.map((o) => [o !== null && typeof o === 'object' && 'indicator' in o ? String(o.indicator) : '', o] as const));
    // Each one is checked in a task of its own while the page is idle (a check is a long task on a page that has
    // just loaded), not when its indicator is chosen.
    const ids = [...all.keys()];
    const next = () => {
      const id = ids.shift();
      if (id === undefined) return;
      otherOverview(all, id);
      setTimeout(next, 0);
    };
    setTimeout(next, 0);
    return all;
  });
  return others;
}

/** One of the other indicators' overviews, checked (once) when it is first wanted. */
function otherOverview(all: Map<string, unknown>, id: string): PrecomputedOverview | null {
  if (!parsedOthers.has(id)) {
    const parsed = all.has(id) ? PrecomputedOverview.safeParse(all.get(id)) : null;
    parsedOthers.set(id, parsed?.success ? parsed.data : null);
  }
  return parsedOthers.get(id) ?? null;
}

/**
 * The overview's default charts computed at build time, so the first chart needs no database: for the default
 * indicator, and (once the first charts are painted) for `indicateur`, another indicator's default view. Used only
 * when the page opened on the default view with DuckDB not ready, while the data is still the one loaded then, and
 * only when the analyst has no stored data (else they would be wrong). They are the same SQL's answers on the same
 * data: live answers replace them as they come.
 */
export function usePrecomputedOverview(
  enabled: boolean, lang: 'fr' | 'en', permalink: string, unavailable: () => void = () => undefined, indicateur?: string, exact = true,
): { exact: OverviewModel | null; fallback: OverviewModel | null } {
  const [data, setData] = useState<PrecomputedOverview | null>(null);
  const [rest, setRest] = useState<Map<string, unknown> | null>(null);
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
  // The other indicators come after the default one is on screen (or at once if another one is asked for).
  const wantsOther = Boolean(enabled && data && indicateur && indicateur !== data.indicator);
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!enabled || !data || painted) return;
    const frame = requestAnimationFrame(() => setTimeout(() => setPainted(true), 0));
    return () => cancelAnimationFrame(frame);
  }, [enabled, data, painted]);
  const othersWanted = painted || wantsOther;
  useEffect(() => {
    if (!othersWanted) return;
    let live = true;
    void loadPrecomputedOthers().then((m) => {
      if (live) setRest(m);
    });
    return () => {
      live = false;
    };
  }, [othersWanted]);
  const chosen = !data ? null : !indicateur || indicateur === data.indicator ? data : rest ? otherOverview(rest, indicateur) : null;
  const model = useMemo(() => (chosen ? modelFromPrecomputed(chosen, lang, permalink) : null), [chosen, lang, permalink]);
  // `exact`: the URL asks for that very view. Otherwise (another year, territories…) the indicator's default view
  // is only something to show, busy, until DuckDB answers.
  const main = useMemo(() => (data ? modelFromPrecomputed(data, lang, permalink) : null), [data, lang, permalink]);
  if (!enabled) return { exact: null, fallback: null };
  return { exact: exact ? model : null, fallback: model ?? main };
}

import { useEffect, useSyncExternalStore } from 'react';
import type { TrendChart as TrendChartType } from './TrendChart';

/**
 * The trend chart is the only one drawn with Recharts, about 100 KB of compressed JavaScript: it is loaded when a
 * trend is first shown, not with the first screen, so the other charts are up before it is even parsed.
 */
type State = { readonly component: typeof TrendChartType | null; readonly error: Error | null };
let state: State = { component: null, error: null };
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function set(next: State): void {
  state = next;
  listeners.forEach((l) => l());
}

function load(): Promise<void> {
  loading ??= import('./TrendChart').then(
    (m) => set({ component: m.TrendChart, error: null }),
    (e: unknown) => {
      loading = null; // a later use tries again
      set({ component: null, error: e instanceof Error ? e : new Error(String(e)) });
    },
  );
  return loading;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The trend chart's component once loaded (null until then, or `error` if it could not be), loading it when `wanted`. */
export function useTrendChart(wanted: boolean): State {
  const s = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    if (wanted && !state.component) void load();
  }, [wanted]);
  return s;
}

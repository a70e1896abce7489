import { useEffect, useState, useSyncExternalStore } from 'react';
import type { DbState } from '../data/db';
import { getDb, getDbState, subscribeDb } from '../data/db-loader';
import type { Connector } from '../data/connector';
import { getDataVersion, subscribeDataVersion } from '../data/version';

/** The database loading state; starts loading on first use. */
export function useDbState(): DbState {
  useEffect(() => {
    getDb().catch(() => undefined); // the failure is shown through the state
  }, []);
  return useSyncExternalStore(subscribeDb, getDbState);
}

export type QueryState<T> =
  | { readonly status: 'loading'; readonly stale?: T }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly error: string; readonly stale?: T };

/**
 * Runs `run` against the database whenever `key` changes, and keeps the latest answer only (an older, slower
 * answer never overwrites a newer one). While a new answer is on its way, the previous one stays available as
 * `stale`, so the page does not jump.
 */
export function useDbQuery<T>(baseKey: string, run: (conn: Connector) => Promise<T>): QueryState<T> {
  // Any change of the loaded data (import, delete, activation) re-runs every query.
  const version = useSyncExternalStore(subscribeDataVersion, getDataVersion);
  const key = `${baseKey}#${version}`;
  const [state, setState] = useState<{ key: string; value: QueryState<T>; last?: T }>({ key, value: { status: 'loading' } });
  useEffect(() => {
    let live = true;
    getDb()
      .then(run)
      .then(
        (data) => live && setState({ key, value: { status: 'ready', data }, last: data }),
        (e: unknown) => live && setState((s) => ({ key, value: { status: 'error', error: e instanceof Error ? e.message : String(e), stale: s.last }, last: s.last })),
      );
    return () => {
      live = false;
    };
    // `run` is expected to depend only on what `key` encodes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state.key === key ? state.value : { status: 'loading', stale: state.last };
}

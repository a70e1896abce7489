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

/** Answers by key (the key holds the data version): the latest few are kept, so going back is immediate. */
const answers = new Map<string, Promise<unknown>>();
const KEEP = 12;

/** Starts the query for `key` unless it is already running or answered; returns its promise. */
function start<T>(key: string, run: (conn: Connector) => Promise<T>): Promise<T> {
  let p = answers.get(key) as Promise<T> | undefined;
  if (p) {
    answers.delete(key);
  } else {
    p = getDb().then(run);
    p.catch(() => answers.delete(key));
  }
  answers.set(key, p); // most recent last
  while (answers.size > KEEP) answers.delete(answers.keys().next().value as string);
  return p;
}

/**
 * Runs `run` against the database whenever `key` changes, and keeps the latest answer only (an older, slower
 * answer never overwrites a newer one). The query starts while React renders the change (not after), so the
 * database works while the page repaints. While a new answer is on its way, the previous one stays available
 * as `stale`, so the page does not jump.
 */
export function useDbQuery<T>(baseKey: string, run: (conn: Connector) => Promise<T>): QueryState<T> {
  // Any change of the loaded data (import, delete, activation) re-runs every query.
  const version = useSyncExternalStore(subscribeDataVersion, getDataVersion);
  const key = `${baseKey}#${version}`;
  const [state, setState] = useState<{ key: string; value: QueryState<T>; last?: T }>({ key, value: { status: 'loading' } });
  if (state.key !== key) start(key, run);
  useEffect(() => {
    let live = true;
    start(key, run).then(
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

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
 * Answers by key (the key holds the data version): the latest few are kept, so going back is immediate, and
 * answers computed ahead of time (`seed`) are there when the user asks.
 */
const answers = new Map<string, Promise<unknown>>();
/** Answers already there, by key: a view reads them in the same render, without a busy frame in between. */
const settled = new Map<string, { value: unknown }>();
const KEEP = 24;

/** Forgets the answers of older data (their key ends with another version). */
function forgetOlderData(): void {
  const suffix = `#${getDataVersion()}`;
  for (const k of answers.keys()) {
    if (!k.endsWith(suffix)) {
      answers.delete(k);
      settled.delete(k);
    }
  }
}

/** Once `p` settles: its value becomes readable at once, or a failure is forgotten (unless `key` moved on). */
function remember(key: string, p: Promise<unknown>): void {
  p.then(
    (value) => answers.get(key) === p && settled.set(key, { value }),
    () => answers.get(key) === p && answers.delete(key),
  );
}

/** Starts the query for `key` unless it is already running or answered; returns its promise. */
function start<T>(key: string, run: (conn: Connector) => Promise<T>): Promise<T> {
  forgetOlderData();
  let p = answers.get(key) as Promise<T> | undefined;
  if (p) {
    answers.delete(key);
  } else {
    p = getDb().then(run);
    remember(key, p);
  }
  answers.set(key, p); // most recent last
  while (answers.size > KEEP) {
    const oldest = answers.keys().next().value as string;
    answers.delete(oldest);
    settled.delete(oldest);
  }
  return p;
}

/** Whether an answer for `baseKey` (current data) is there or on its way. */
export function isAsked(baseKey: string): boolean {
  return answers.has(`${baseKey}#${getDataVersion()}`);
}

/**
 * Hands in an answer computed ahead of time (by a query that answered several keys at once). It does not count as
 * recent: what the user looked at stays longest, and a full cache takes no more.
 */
export function seed<T>(baseKey: string, answer: Promise<T>): void {
  forgetOlderData();
  const key = `${baseKey}#${getDataVersion()}`;
  if (answers.has(key) || answers.size >= KEEP) {
    answer.catch(() => undefined); // not kept: its failure concerns nobody
    return;
  }
  remember(key, answer);
  // Oldest first: a prefetched answer is the first to go when the cache fills up.
  const rest = [...answers];
  answers.clear();
  answers.set(key, answer);
  for (const [k, v] of rest) answers.set(k, v);
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
  const done = state.key !== key ? settled.get(key) : undefined;
  useEffect(() => {
    let live = true;
    start(key, run).then(
      (data) => live && setState((s) => (s.key === key && s.value.status === 'ready' && s.value.data === data ? s : { key, value: { status: 'ready', data }, last: data })),
      (e: unknown) => live && setState((s) => ({ key, value: { status: 'error', error: e instanceof Error ? e.message : String(e), stale: s.last }, last: s.last })),
    );
    return () => {
      live = false;
    };
    // `run` is expected to depend only on what `key` encodes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (done) return { status: 'ready', data: done.value as T };
  return state.key === key ? state.value : { status: 'loading', stale: state.last };
}

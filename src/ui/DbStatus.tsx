import type { Messages } from '../i18n';

/**
 * What the status line needs to know of the database, and nothing more: the kit (ui) imports no data module, so
 * the app passes the database's state, which has this shape.
 */
export type DbStatusState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly step: 'engine' | 'data' }
  | { readonly status: 'ready' }
  | { readonly status: 'failed'; readonly error: string };

/** Shows where the database stands: loading, ready or failed. */
export function DbStatus({ state, t }: { state: DbStatusState; t: Messages }) {
  const text =
    state.status === 'idle' ? t.dbIdle
    : state.status === 'loading' ? (state.step === 'engine' ? t.dbLoadingEngine : t.dbLoadingData)
    : state.status === 'ready' ? t.dbReady
    : t.dbFailed(state.error);
  return (
    <p className={`db-status db-${state.status}`} role={state.status === 'failed' ? 'alert' : 'status'} data-db-status={state.status}>
      {text}
    </p>
  );
}

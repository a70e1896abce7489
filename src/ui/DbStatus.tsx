import type { DbState } from '../data/db';
import type { Messages } from '../i18n';

/** Shows where the database stands: loading, ready or failed. */
export function DbStatus({ state, t }: { state: DbState; t: Messages }) {
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

import { useState, useSyncExternalStore } from 'react';
import type { Messages } from '../../i18n';
import type { DbState } from '../../data/db';
import { dismissOtherTabChange, getOtherTabChange, subscribeOtherTabChange } from '../../data/tab-sync';

/** Gives the keyboard a sensible place to land once a notice holding the focus is gone. */
function focusMain(): void {
  document.getElementById('contenu')?.focus();
}

/**
 * Page-wide notices about the stored data: imports the browser cleared (the defaults are shown instead), stored
 * records that were not restored (refused as the app would never have written them, or files that no longer pass:
 * named, the rest of the data loaded), and changes made in another tab since this page loaded (this page's view is
 * out of date: reload to see them).
 */
export function StorageNotices({ db, t }: { db: DbState; t: Messages }) {
  const [lostDismissed, setLostDismissed] = useState(false);
  const [failedDismissed, setFailedDismissed] = useState(false);
  const change = useSyncExternalStore(subscribeOtherTabChange, getOtherTabChange);
  const restore = db.status === 'ready' ? db.restore : null;
  const lost = restore && !lostDismissed ? restore.lost : [];
  const failed = restore && !failedDismissed ? restore.failed : [];
  return (
    <>
      {failed.length ? (
        <div role="alert" className="warning dismissable" data-testid="storage-failed" data-failed={failed.join(' ')}>
          <p>{t.restoreFailed(failed.join(', '))}</p>
          <button type="button" className="btn-link" onClick={() => { setFailedDismissed(true); focusMain(); }}>{t.dismiss}</button>
        </div>
      ) : null}
      {lost.length ? (
        <div role="alert" className="warning dismissable" data-testid="storage-lost" data-lost={lost.join(' ')}>
          <p>{restore?.storageUnavailable ? t.storageLostUnavailable(lost.join(', ')) : t.storageLost(lost.join(', '))}</p>
          <button type="button" className="btn-link" onClick={() => { setLostDismissed(true); focusMain(); }}>{t.dismiss}</button>
        </div>
      ) : null}
      {change ? (
        <div role="status" className="warning dismissable" data-testid="other-tab-notice" data-kind={change.kind}>
          <p>{t.otherTabChanged(change.kind, change.id ?? '')}</p>
          <span className="notice-actions">
            <button type="button" className="btn" onClick={() => window.location.reload()}>{t.otherTabReload}</button>
            <button type="button" className="btn-link" onClick={() => { dismissOtherTabChange(); focusMain(); }}>{t.dismiss}</button>
          </span>
        </div>
      ) : null}
    </>
  );
}

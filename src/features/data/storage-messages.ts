import type { DataViewMessages } from '../../i18n/data';
import { QuotaError } from '../../data/store';
import { BusyError, StaleError } from '../../data/tab-sync';

/**
 * The analyst's message for a refused change of the stored data (no room, another tab busy, another tab's newer
 * data), or null for any other error. In each of these cases nothing was changed, and the message says so.
 */
export function storageErrorMessage(e: unknown, t: DataViewMessages, what: 'import' | 'change'): string | null {
  if (e instanceof QuotaError) return what === 'import' ? t.importQuota : t.changeQuota;
  if (e instanceof BusyError) return what === 'import' ? t.importBusy : t.changeBusy;
  if (e instanceof StaleError) return t.staleData(e.id);
  return null;
}

/** True when the same commit may simply be tried again (the cause can go away without reloading the page). */
export function canRetry(e: unknown): boolean {
  return e instanceof QuotaError || e instanceof BusyError;
}

import { z } from 'zod';

/**
 * Tabs of the same origin share IndexedDB but each has its own DuckDB. Two things keep them honest:
 * - one lock (Web Locks) around every change of the stored data, so two tabs never write at the same time;
 * - a BroadcastChannel message after each change, so the other tabs know their view is out of date.
 */
const LOCK = 'parite-numerique-import';
const CHANNEL = 'parite-numerique';

/** Another tab holds the lock (it is importing or changing datasets): nothing was done here; try again soon. */
export class BusyError extends Error {
  readonly code = 'occupe';
  constructor() {
    super('Another tab is changing the stored data.');
    this.name = 'BusyError';
  }
}

/** The stored copy of dataset `id` changed in another tab since this one loaded it: this tab's view is stale. */
export class StaleError extends Error {
  readonly code = 'perime';
  constructor(readonly id: string) {
    super(`Dataset ${id} was changed in another tab.`);
    this.name = 'StaleError';
  }
}

/**
 * Runs `fn` holding the origin's import lock, or fails at once with BusyError if another tab holds it (never
 * waits: the analyst decides whether to retry). Without Web Locks (old browser, insecure context) it just runs.
 */
export async function withImportLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks || typeof locks.request !== 'function') return fn();
  return locks.request(LOCK, { ifAvailable: true }, async (lock) => {
    if (!lock) throw new BusyError();
    return fn();
  });
}

export type ChangeKind = 'import' | 'suppression' | 'activation' | 'retour';
const ChangeMessage = z.object({ type: z.literal('donnees-modifiees'), kind: z.enum(['import', 'suppression', 'activation', 'retour']), id: z.string().nullable() });
export type StoredChange = Omit<z.infer<typeof ChangeMessage>, 'type'>;

let channel: BroadcastChannel | null | undefined;
let lastChange: StoredChange | null = null;
const listeners = new Set<() => void>();

function getChannel(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
    channel?.addEventListener('message', (e: MessageEvent<unknown>) => {
      const m = ChangeMessage.safeParse(e.data);
      if (!m.success) return;
      lastChange = { kind: m.data.kind, id: m.data.id };
      for (const l of listeners) l();
    });
  }
  return channel;
}

/** Tells the other tabs that the stored data changed (a tab does not receive its own message). */
export function announceChange(kind: ChangeKind, id: string | null): void {
  try {
    getChannel()?.postMessage({ type: 'donnees-modifiees', kind, id });
  } catch {
    /* channel closed: nothing to tell */
  }
}

/** The latest change made by another tab since this one loaded (or since the notice was dismissed). */
export function getOtherTabChange(): StoredChange | null {
  return lastChange;
}

export function subscribeOtherTabChange(l: () => void): () => void {
  getChannel();
  listeners.add(l);
  return () => listeners.delete(l);
}

export function dismissOtherTabChange(): void {
  lastChange = null;
  for (const l of listeners) l();
}

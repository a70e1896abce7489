import { z } from 'zod';
import { Recipe } from './import/recipe';

/**
 * The system of record for analysts' uploads: IndexedDB keeps each imported file's original bytes, how it was
 * read (recipe, encoding…) and its SHA-256. On start the app rebuilds its database from `data/` plus these.
 */
export const StoredImport = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,80}$/),
  nom: z.string().max(200),
  fileName: z.string().max(300),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  options: z.object({
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']).optional(),
    delimiter: z.enum([',', ';', '\t']).optional(),
    headerLine: z.number().int().positive().optional(),
    indicateur: z.string().optional(),
    declared: z.array(z.string().regex(/^[a-z0-9_]{1,64}$/)).optional(),
    /** A Eurostat file's value for each of its dimensions (file codes), replayed when the import is restored. */
    dimensions: z.record(z.string().max(100), z.string().max(200)).optional(),
  }),
  recipe: Recipe.nullable(),
  importedAt: z.string(),
  actif: z.boolean(),
  priorite: z.number().int(),
  rows: z.number().int(),
});
export type StoredImport = z.infer<typeof StoredImport>;
/** The file itself: a Blob (stored by the browser without copying it through the page), or bytes (older records). */
export type StoredRecord = StoredImport & { bytes: Blob | ArrayBuffer };

const DB_NAME = 'parite-numerique';
const VERSION = 1;

/** Thrown when the browser refuses to store more: the write was not made (the transaction aborted as a whole). */
export class QuotaError extends Error {
  readonly code = 'quota';
  constructor() {
    super('quota');
    this.name = 'QuotaError';
  }
}

/** True for the browser's "no room left" error, whichever way it arrives (thrown by `put`, or on the aborted transaction). */
function isQuota(e: unknown): boolean {
  return e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);
}

function storageError(e: unknown): Error {
  if (isQuota(e)) return new QuotaError();
  return e instanceof Error ? e : new Error('IndexedDB transaction aborted');
}

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

let dbPromise: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const r = indexedDB.open(DB_NAME, VERSION);
      r.onupgradeneeded = () => {
        const db = r.result;
        if (!db.objectStoreNames.contains('imports')) db.createObjectStore('imports', { keyPath: 'id' });
        if (!db.objectStoreNames.contains('settings')) db.createObjectStore('settings');
        if (!db.objectStoreNames.contains('recipes')) db.createObjectStore('recipes', { keyPath: 'nom' });
      };
      r.onsuccess = () => {
        const db = r.result;
        // Another tab (or the test, or the browser) deletes or upgrades the database: let it, and reopen next time.
        db.onversionchange = () => {
          db.close();
          dbPromise = null;
        };
        db.onclose = () => (dbPromise = null);
        resolve(db);
      };
      r.onerror = () => reject(r.error);
    });
    dbPromise.catch(() => (dbPromise = null));
  }
  return dbPromise;
}

async function write(store: string, fn: (s: IDBObjectStore) => void): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(storageError(tx.error));
    tx.onerror = () => undefined; // reported by onabort
    try {
      fn(tx.objectStore(store));
    } catch (e) {
      // `put` may throw at once (quota, a value that cannot be cloned): nothing of this transaction is kept.
      reject(storageError(e));
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
    }
  });
}

/** Every stored import, validated; a record that does not parse is skipped (and reported by the caller). */
export async function listImports(): Promise<{ ok: StoredRecord[]; broken: string[] }> {
  const db = await open();
  const all = await req(db.transaction('imports').objectStore('imports').getAll());
  const ok: StoredRecord[] = [];
  const broken: string[] = [];
  for (const raw of all as unknown[]) {
    const parsed = StoredImport.safeParse(raw);
    const bytes = (raw as { bytes?: unknown }).bytes;
    if (parsed.success && (bytes instanceof ArrayBuffer || bytes instanceof Blob)) ok.push({ ...parsed.data, bytes });
    else broken.push(String((raw as { id?: unknown }).id ?? '?'));
  }
  return { ok: ok.sort((a, b) => a.priorite - b.priorite), broken };
}

export async function getImport(id: string): Promise<StoredRecord | null> {
  const db = await open();
  const raw = (await req(db.transaction('imports').objectStore('imports').get(id))) as unknown;
  if (!raw) return null;
  const parsed = StoredImport.safeParse(raw);
  const bytes = (raw as { bytes?: unknown }).bytes;
  return parsed.success && (bytes instanceof ArrayBuffer || bytes instanceof Blob) ? { ...parsed.data, bytes } : null;
}

/** Writes (or replaces, atomically) one import; the marker is raised once the write is done. */
export async function putImport(rec: StoredRecord): Promise<void> {
  await write('imports', (s) => s.put(rec));
  await syncMarker();
}

/** Deletes one import; the marker is lowered first, so a crash in between never claims a lost import. */
export async function deleteImport(id: string): Promise<void> {
  writeMarker(readMarker().filter((x) => x !== id));
  await write('imports', (s) => s.delete(id));
  await syncMarker();
}

export async function clearImports(): Promise<void> {
  writeMarker([]);
  await write('imports', (s) => s.clear());
  await syncMarker();
}

/** The ids of the stored imports, without reading the files. */
export async function storedImportIds(): Promise<string[]> {
  const db = await open();
  const keys = await req(db.transaction('imports').objectStore('imports').getAllKeys());
  return keys.map(String);
}

/**
 * A small marker in localStorage, beside IndexedDB: the ids of the stored imports. If the browser clears IndexedDB
 * (eviction, "clear site data" limited to it) but not localStorage, the next start can tell the analyst their
 * imports are gone instead of silently showing the defaults. Raised after a write, lowered before a delete.
 */
const MARKER = 'parite-numerique:imports';
const Marker = z.object({ ids: z.array(z.string()) });

export function readMarker(): string[] {
  try {
    const raw = localStorage.getItem(MARKER);
    return raw ? Marker.parse(JSON.parse(raw)).ids : [];
  } catch {
    return [];
  }
}

function writeMarker(ids: readonly string[]): void {
  try {
    if (ids.length) localStorage.setItem(MARKER, JSON.stringify({ ids: [...ids].sort() }));
    else localStorage.removeItem(MARKER);
  } catch {
    /* localStorage disabled: no marker, no warning */
  }
}

/** Sets the marker to what IndexedDB holds now (best effort). */
export async function syncMarker(): Promise<void> {
  try {
    writeMarker(await storedImportIds());
  } catch {
    /* storage unreadable: leave the marker as it is */
  }
}

/** Default datasets the analyst switched off. */
export async function getInactiveDefaults(): Promise<string[]> {
  const db = await open();
  const v = (await req(db.transaction('settings').objectStore('settings').get('inactive-defaults'))) as unknown;
  return z.array(z.string()).catch([]).parse(v ?? []);
}

export function setInactiveDefaults(ids: readonly string[]): Promise<void> {
  return write('settings', (s) => s.put([...ids], 'inactive-defaults'));
}

export async function listRecipes(): Promise<Recipe[]> {
  const db = await open();
  const all = (await req(db.transaction('recipes').objectStore('recipes').getAll())) as unknown[];
  return all.flatMap((r) => {
    const p = Recipe.safeParse(r);
    return p.success ? [p.data] : [];
  });
}

export function putRecipe(r: Recipe): Promise<void> {
  return write('recipes', (s) => s.put(r));
}

/** Asks the browser to keep our storage under pressure (best effort). */
export async function askPersistence(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

/** True when the analyst has stored imports or switched a default dataset off (the defaults alone are not what loads). */
export async function hasStoredData(): Promise<boolean> {
  try {
    // A count, not the records: this is asked before the first chart is drawn.
    const db = await open();
    const [imports, off] = await Promise.all([req(db.transaction('imports').objectStore('imports').count()), getInactiveDefaults()]);
    return imports > 0 || off.length > 0;
  } catch {
    return false;
  }
}

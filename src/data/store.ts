import { z } from 'zod';
import { Recipe } from './import/recipe';
import { DatasetIdentity } from './import/identity';

/**
 * The ids of the default datasets, as `data/datasets.csv` lists them (tests/unit/stored-records.test.ts checks they
 * agree). No stored import may take one: replayed on start, it would replace that dataset's rows.
 */
export const DEFAULT_DATASET_IDS: readonly string[] = ['illustratif', 'eurostat_tic', 'depp_nsi'];

/**
 * Every id `datasetIdFor` (src/data/import/stored.ts) writes, and nothing else: lowercase letters and digits in runs joined
 * by single underscores, from the file's name cut to 60 characters (the cut may leave one trailing underscore), or
 * a default dataset's id followed by `_import` (checked on random file names by the same test).
 */
const IMPORT_ID_SHAPE = /^[a-z0-9]+(?:_[a-z0-9]+)*_?$/;
const IMPORT_ID_MAX = 60 + '_import'.length;

/** True for an id the app may store an import under, given the ids of the default datasets (`reserved`). */
export function isImportId(id: string, reserved: Iterable<string> = DEFAULT_DATASET_IDS): boolean {
  return id.length <= IMPORT_ID_MAX && IMPORT_ID_SHAPE.test(id) && !new Set(reserved).has(id);
}

/** How a stored file was read (replayed as it is when the import is restored). */
const StoredOptions = z.strictObject({
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']).optional(),
  delimiter: z.enum([',', ';', '\t']).optional(),
  headerLine: z.number().int().positive().optional(),
  indicateur: z.string().optional(),
  declared: z.array(z.string().regex(/^[a-z0-9_]{1,64}$/)).optional(),
  /** A Eurostat file's value for each of its dimensions (file codes), replayed when the import is restored. */
  dimensions: z.record(z.string().max(100), z.string().max(200)).optional(),
  /** The file of a ZIP archive that was read. */
  entree: z.string().min(1).max(300).optional(),
});

/**
 * A file added to a dataset after its first one (« Ajouter au jeu »): its bytes and how it was read, replayed and
 * summed into the dataset after the first file, in order.
 */
const StoredPart = z.strictObject({
  fileName: z.string().max(300),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  options: StoredOptions,
  recipe: Recipe.nullable(),
  importedAt: z.iso.datetime(),
  rows: z.number().int().nonnegative(),
  bytes: z.union([z.instanceof(Blob), z.instanceof(ArrayBuffer)]),
});
export type StoredPart = z.infer<typeof StoredPart>;

/**
 * The system of record for analysts' uploads: IndexedDB keeps each imported file's original bytes, how it was
 * read (recipe, encoding…) and its SHA-256. On start the app rebuilds its database from `data/` plus these.
 * The one schema of a stored record: `putImport` writes nothing else, and `listImports` / `getImport` accept nothing
 * else (strict: a key the app never writes makes a record of unknown shape, refused).
 */
export const StoredImport = z.strictObject({
  id: z.string().refine((id) => isImportId(id), 'not an id the app writes'),
  nom: z.string().max(300),
  fileName: z.string().max(300),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  options: StoredOptions,
  recipe: Recipe.nullable(),
  importedAt: z.iso.datetime(),
  actif: z.boolean(),
  // After every default dataset (firstPriority in src/data/import/stored.ts), within DuckDB's INTEGER.
  priorite: z.number().int().min(10).max(2 ** 31 - 1),
  rows: z.number().int().nonnegative(),
  /** The file itself: a Blob (stored by the browser without copying it through the page), or bytes (older records). */
  bytes: z.union([z.instanceof(Blob), z.instanceof(ArrayBuffer)]),
  /** The dataset's name, producer, URL, publication date and licence as the analyst confirmed them (absent in older records). */
  identite: DatasetIdentity.optional(),
  /** The files added to this dataset after its first one, in the order they were added (absent: none). */
  parts: z.array(StoredPart).max(100).optional(),
});
export type StoredRecord = z.infer<typeof StoredImport>;

/** Why a stored record is refused: an id that is a default dataset's, or any other shape the app never writes. */
export type RefusedReason = 'id_reserve' | 'forme_inconnue';

/** A stored record that is not restored: how to name it to the analyst (its id, cut to 80 characters, or `?`), and why. */
export interface RefusedRecord {
  readonly id: string;
  readonly reason: RefusedReason;
}

function labelOf(raw: unknown): string {
  const id = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  const text = typeof id === 'string' || typeof id === 'number' ? String(id) : '';
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine ? (oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine) : '?';
}

/** Validates one raw record read from IndexedDB against what the app writes; `reserved`: the default datasets' ids. */
export function checkStored(raw: unknown, reserved: Iterable<string> = DEFAULT_DATASET_IDS): { ok: true; record: StoredRecord } | { ok: false; refused: RefusedRecord } {
  const parsed = StoredImport.safeParse(raw);
  if (parsed.success && isImportId(parsed.data.id, [...DEFAULT_DATASET_IDS, ...reserved])) return { ok: true, record: parsed.data };
  const id = (raw as { id?: unknown } | null)?.id;
  const reason: RefusedReason = typeof id === 'string' && [...DEFAULT_DATASET_IDS, ...reserved].includes(id) ? 'id_reserve' : 'forme_inconnue';
  return { ok: false, refused: { id: labelOf(raw), reason } };
}

/** Sorts raw records into the valid ones (by priority) and the refused ones (in the order read). */
export function partitionStored(all: readonly unknown[], reserved: Iterable<string> = DEFAULT_DATASET_IDS): { ok: StoredRecord[]; refused: RefusedRecord[] } {
  const ok: StoredRecord[] = [];
  const refused: RefusedRecord[] = [];
  for (const raw of all) {
    const c = checkStored(raw, reserved);
    if (c.ok) ok.push(c.record);
    else refused.push(c.refused);
  }
  return { ok: ok.sort((a, b) => a.priorite - b.priorite), refused };
}

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

/**
 * Every stored import, validated (checkStored): a record the app would not have written (a default dataset's id,
 * given here as `reserved` besides DEFAULT_DATASET_IDS, or any other shape) is refused, and reported by the caller.
 */
export async function listImports(reserved: Iterable<string> = DEFAULT_DATASET_IDS): Promise<{ ok: StoredRecord[]; refused: RefusedRecord[] }> {
  const db = await open();
  const all = await req(db.transaction('imports').objectStore('imports').getAll());
  return partitionStored(all as unknown[], reserved);
}

/** One stored import, or null when there is none or it is refused (see checkStored). */
export async function getImport(id: string): Promise<StoredRecord | null> {
  const db = await open();
  const raw = (await req(db.transaction('imports').objectStore('imports').get(id))) as unknown;
  if (!raw) return null;
  const c = checkStored(raw);
  return c.ok ? c.record : null;
}

/** Writes (or replaces, atomically) one import; the marker is raised once the write is done. */
export async function putImport(rec: StoredRecord): Promise<void> {
  // The same schema as the reader's: a record that would be refused on start is never written.
  const valid = StoredImport.parse(rec);
  await write('imports', (s) => s.put(valid));
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

import { z } from 'zod';
import type { Connector } from './connector';
import { runQuery } from './client';
import { sqlQuery } from './sql/quote';
import { canonicalColumns, type ImportCatalogue } from './import/canonical';
import type { ImportOptions, ImportResult } from './import/run';
import type { Recipe } from './import/recipe';
import { addIn, declareIndicators, diffStaged, removeDataset, setActive, speculateMeasures, stageCsv, swapIn, type DatasetMeta, type DiffRow, type OwnTable } from './import/commit';
import { candidatesPrefix, dropFastTables, FAST_MIN_BYTES, runFastImport, type DirtyResult, type FastAnswer } from './import/fast';
import type { ByteScan, FastHead } from './import/scan';
import type { WorkerRequest } from './import/worker-protocol';
import { warmMeasures } from './import/warm';
import { legacyEurostat } from './import/eurostat-import';
import { askPersistence, clearImports, DEFAULT_DATASET_IDS, deleteImport, getImport, getInactiveDefaults, listImports, putImport, readMarker, setInactiveDefaults, syncMarker, type StoredPart, type StoredRecord } from './store';
import { identityDefaults, licenceEn, sourceText, type DatasetIdentity } from './import/identity';
import { overridesQuery, OverrideRow, sumIntoSql } from './sql/merge';
import { announceChange, StaleError, withImportLock } from './tab-sync';
import { bumpDataVersion, getDataVersion } from './version';

/** The territories and indicators an import is checked against, from the loaded catalogue. */
export async function importCatalogueOf(conn: Connector): Promise<ImportCatalogue> {
  const territories = await runQuery(conn, sqlQuery('SELECT code, code_cog, type, nom_fr FROM territories'), z.object({ code: z.string(), code_cog: z.string(), type: z.string(), nom_fr: z.string() }));
  const indicators = await runQuery(conn, sqlQuery('SELECT id FROM indicators ORDER BY ordre'), z.object({ id: z.string() }));
  return { territories, indicators: indicators.map((i) => i.id) };
}

/** An analysed file: the report (with preview rows only), the row count and where the accepted rows wait. */
export interface AnalysedImport {
  readonly result: ImportResult;
  readonly rowCount: number;
  /** The full pipeline's rows as CSV text, or the fast path's temporary view in DuckDB. */
  readonly staged: { readonly kind: 'csv'; readonly csv: string } | { readonly kind: 'table'; readonly table: string; readonly own: OwnTable };
  readonly sources: string[];
  readonly sha256: string;
  /** `rapide` when DuckDB read the file itself, else `complet` with the reason (shown in the report's details). */
  readonly path: { readonly kind: 'rapide' } | { readonly kind: 'complet'; readonly reason: string };
}

export interface RunningImport {
  readonly promise: Promise<AnalysedImport>;
  cancel(): void;
}

/** The import worker, one request at a time, with promises; terminating it cancels everything. */
class ImportWorker {
  private readonly worker = new Worker(new URL('./import/import.worker.ts', import.meta.url), { type: 'module' });
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private next = 0;
  /** Why the worker is gone: every later request is refused with it (a request posted to it would never be answered). */
  private dead: Error | null = null;
  constructor() {
    this.worker.onmessage = (e: MessageEvent<{ id: number; ok: boolean; value?: unknown; error?: string }>) => {
      const w = this.waiting.get(e.data.id);
      this.waiting.delete(e.data.id);
      if (e.data.ok) w?.resolve(e.data.value);
      else w?.reject(new Error(e.data.error));
    };
    this.worker.onerror = (e) => this.fail(new Error(e.message));
  }
  call<T>(req: WorkerRequest): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...req, id });
    });
  }
  fail(e: Error): void {
    this.dead ??= e;
    this.worker.terminate();
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
  close(): void {
    this.fail(new Error('import worker closed'));
  }
}

let analyses = 0;

/**
 * The bytes of the file analysed last, registered in DuckDB and kept for the next analysis of the same file
 * (« Déclarer les indicateurs » analyses it again at once): reading a large file and handing it to DuckDB again
 * would cost as much as the first time. A `File` is a snapshot: the same object always has the same bytes (a changed file on disk makes
 * its reads fail). Released when another file comes, or by `releaseFileBytes` (the import panel, once the analyst
 * is done with the file).
 */
let held: { readonly file: Blob; readonly name: string; readonly ready: Promise<void>; readonly conn: Connector } | null = null;
let heldFiles = 0;

/** The DuckDB file name of `file`'s bytes: the ones kept from the previous analysis, or read and registered now. */
function bytesOf(conn: Connector, file: Blob, t0: number): { readonly name: string; readonly ready: Promise<void> } {
  if (held?.file === file && held.conn === conn) return held;
  releaseFileBytes();
  const name = `import-octets-${++heldFiles}.csv`;
  // Read off the main thread, then transferred (not copied) to DuckDB's worker while the import worker looks at the
  // head. (Copying them for the worker instead of letting it read the file itself made a long task on the page
  // and delayed DuckDB's read as much.)
  const ready = file.arrayBuffer().then(async (b) => {
    performance.measure('import:octets', { start: t0 });
    await conn.registerFile(name, b);
    performance.measure('import:fichier', { start: t0 });
  });
  // Its failure surfaces where it is awaited (not as an unhandled rejection while the head is looked at, nor when
  // the head sends the file to the full pipeline).
  ready.catch(() => undefined);
  held = { file, name, ready, conn };
  return held;
}

/** Drops the kept bytes of the file analysed last (see `held`; only if they are registered as `name`, when given). */
export function releaseFileBytes(name?: string): void {
  const h = held;
  if (!h || (name !== undefined && h.name !== name)) return;
  held = null;
  void h.ready.then(() => h.conn.dropFile(h.name)).catch(() => undefined);
}

/** The fast path's view of the latest analysis not yet committed (dropped when a newer one starts). */
let pendingTable: string | null = null;

/** A worker started ahead (its script fetched and compiled), for the next analysis. */
let spare: ImportWorker | null = null;

/** Starts an import worker ahead, so that the next analysis does not wait for one (the data view calls it). */
export function warmImportWorker(): void {
  spare ??= new ImportWorker();
}

/** Databases whose import code was warmed (once per page). */
const warmedEngines = new WeakSet<Connector>();

/**
 * Warms DuckDB's code for an import's measures (import/warm.ts) once the page is idle, once per database (the data
 * view calls it while the analyst picks a file). An analysis that starts stops it between its two requests; one
 * that starts during a request waits for it. Ends with the measure `import:prechauffage` (its detail
 * says how it went): the bench waits for it, so that DuckDB's own read, its floor, does not queue behind it.
 */
export function warmImportEngine(conn: Connector): void {
  if (warmedEngines.has(conn)) return;
  warmedEngines.add(conn);
  const at = analyses;
  const t0 = performance.now();
  const start = () => void warmMeasures(conn, () => analyses !== at).then((outcome) => performance.measure('import:prechauffage', { start: t0, detail: outcome }));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 500);
}

/**
 * Analyses a file (nothing is committed): large canonical CSV files take the fast path (DuckDB reads the file (its
 * bytes transferred to its worker) while the import worker proves the clean rows, see import/fast.ts); every other file, or one the fast path hands back, runs the full
 * pipeline in the import worker. Both give the same report. `cancel` stops it at once.
 * `cat` and `saved` (the analyst's saved recipes, for the full pipeline) may still be on their way: the look at the
 * file's head does not need them.
 */
export function analyseFile(conn: Connector, file: Blob, cat: ImportCatalogue | Promise<ImportCatalogue>, opts: ImportOptions, saved?: Promise<readonly Recipe[]>): RunningImport {
  const worker = spare ?? new ImportWorker();
  spare = null;
  // Their failures surface where they are awaited (not as unhandled rejections meanwhile).
  Promise.resolve(cat).catch(() => undefined);
  saved?.catch(() => undefined);
  let cancelled = false;
  let rejectCancel: (e: Error) => void = () => undefined;
  const cancelledPromise = new Promise<never>((_, reject) => (rejectCancel = reject));
  const n = ++analyses;
  const work = (async (): Promise<AnalysedImport> => {
    // The previous analysis's tables go while this one starts: DuckDB drops them while the worker reads the head.
    const previous = pendingTable;
    pendingTable = null;
    const dropped = previous ? dropFastTables(conn, previous).catch(() => undefined) : Promise.resolve();
    const full = async (reason: string): Promise<AnalysedImport> => {
      await dropped;
      const savedRecipes = saved ? await saved : opts.savedRecipes;
      const r = await worker.call<{ result: ImportResult; rowCount: number; csv: string; sources: string[]; sha256: string }>({ type: 'full', file, cat: await cat, opts: { ...opts, savedRecipes } });
      return { result: r.result, rowCount: r.rowCount, staged: { kind: 'csv', csv: r.csv }, sources: r.sources, sha256: r.sha256, path: { kind: 'complet', reason } };
    };
    const simple = !opts.encoding && !opts.delimiter && opts.headerLine === undefined && !opts.recipe && !opts.indicateur && !opts.dimensions;
    if (file.size < FAST_MIN_BYTES || !simple) return full(simple ? 'small file' : 'options');
    const t0 = performance.now();
    const table = `import_${n}`;
    const { name, ready: registered } = bytesOf(conn, file, t0);
    void dropped.then(() => performance.measure('import:nettoyage', { start: t0 }));
    let answer: FastAnswer;
    let hashed: Promise<string> | null = null;
    try {
      const head = await worker.call<FastHead | { reason: string }>({ type: 'head', file });
      performance.measure('import:entete', { start: t0 });
      if ('reason' in head) answer = { fallback: head.reason };
      else {
        const h = head;
        const known = await cat;
        const fastCat = opts.declared?.length ? { ...known, indicators: [...known.indicators, ...opts.declared] } : known;
        const idx = canonicalColumns(h.header);
        // The rows proven clean (for the typed read), the raw key check and the distinct texts, in one pass in the worker.
        const rows = idx ? { delimiter: h.delimiter, skipLines: h.headerLine, width: h.header.length, idx, decimalComma: h.decimalComma } : undefined;
        // The worker reads the file for it once DuckDB has the bytes it waits for (or could not get them): both reads at
        // once slowed the page's, and the worker's read beside the hand-over to DuckDB slowed that too
        // (docs/performance.md).
        const s = registered.catch(() => undefined).then(() => worker.call<{ scan: ByteScan }>({ type: 'scan', file, rows }));
        s.then(() => performance.measure('import:balayage', { start: t0 }), () => undefined);
        // The file's SHA-256 (kept with the stored file) is computed once the pass is over, not during DuckDB's read.
        hashed = s.then(() => worker.call<string>({ type: 'sha256' }));
        hashed.catch(() => undefined);
        // Awaited by runFastImport only after DuckDB's read: a scan refused meanwhile (the analysis cancelled) is not an
        // unhandled rejection.
        const scanned = s.then((x) => x.scan);
        scanned.catch(() => undefined);
        await dropped;
        await registered;
        answer = await runFastImport(conn, { file: name, table, head: h, scan: scanned, cat: fastCat }, (dirtyRows) => worker.call<DirtyResult>({ type: 'dirty', rows: dirtyRows, head: h, cat: fastCat }));
      }
    } catch (e) {
      // Bytes that could not be read or registered are not kept for the next analysis; the tables the fast path may
      // have made (a cancelled analysis: DuckDB's read goes on, then its scan is refused) go.
      if (await registered.then(() => false, () => true)) releaseFileBytes(name);
      void dropFastTables(conn, table).catch(() => undefined);
      throw e;
    }
    if (cancelled) {
      await dropFastTables(conn, table).catch(() => undefined);
      throw new DOMException('cancelled', 'AbortError');
    }
    if ('fallback' in answer || !hashed) {
      await dropFastTables(conn, table).catch(() => undefined);
      return full('fallback' in answer ? answer.fallback : 'no scan');
    }
    pendingTable = table;
    const sha256 = await hashed;
    performance.measure('import:analyse', { start: t0 });
    return { result: answer.result, rowCount: answer.rowCount, staged: { kind: 'table', table, own: answer.own }, sources: answer.sources, sha256, path: { kind: 'rapide' } };
  })();
  // The next analysis (« Déclarer les indicateurs », another encoding) gets a worker started ahead.
  const promise = Promise.race([work, cancelledPromise]).finally(() => {
    worker.close();
    warmImportWorker();
  });
  return {
    promise,
    cancel: () => {
      cancelled = true;
      worker.fail(new DOMException('cancelled', 'AbortError'));
      rejectCancel(new DOMException('cancelled', 'AbortError'));
    },
  };
}

/** What replacing the stored dataset `id` with this analysis would change. */
export async function diffWithLoaded(conn: Connector, analysed: AnalysedImport, id: string): Promise<DiffRow> {
  if (analysed.staged.kind === 'table') return diffStaged(conn, id, analysed.staged.table);
  await stageCsv(conn, analysed.staged.csv);
  return diffStaged(conn, id);
}

/** What the loaded catalogue said of a dataset id, and at which data version (see `loadedPriorities`). */
export interface LoadedPriorities {
  readonly version: number;
  /** The dataset's priority when it is loaded, else null. */
  readonly priorite: number | null;
  /** The highest loaded priority (0 when none). */
  readonly max: number;
}

/** Reads what `commitImport` needs of the loaded catalogue for dataset `id` (asked once, when its file is chosen). */
export async function loadedPriorities(conn: Connector, id: string): Promise<LoadedPriorities> {
  const version = getDataVersion();
  const [row] = await runQuery(conn, sqlQuery('SELECT (SELECT priorite FROM datasets WHERE id = ?) AS priorite, coalesce((SELECT max(priorite) FROM datasets), 0) AS max', [id]),
    z.object({ priorite: z.number().int().nullable(), max: z.number().int() }));
  return { version, priorite: row?.priorite ?? null, max: row?.max ?? 0 };
}

/** The priority of a dataset imported for the first time: after every loaded one and every stored one, 10 at least. */
function firstPriority(loadedMax: number, storedMax = 0): number {
  return Math.max(10, loadedMax + 1, storedMax + 1);
}

/** Measures computed ahead for analyses not yet committed: the priority assumed, what was loaded then, and whether they were computed. */
const speculations = new WeakMap<AnalysedImport, { readonly id: string; readonly prefix: string; readonly priorite: number; readonly loaded: LoadedPriorities; readonly done: Promise<boolean> }>();

/**
 * Once the report of a clean analysis of the fast path is shown, computes the measures its commit would give (see
 * speculateMeasures), while the analyst reads it: « Importer » then swaps them in instead of computing them (most
 * of a large commit's time, docs/performance.md). The priority assumed is the one commitImport gives unless
 * another tab stored imports this one has not loaded. The commit waits for them if they are not done.
 */
export function speculate(conn: Connector, analysed: AnalysedImport, fileName: string, loaded: LoadedPriorities): void {
  if (analysed.staged.kind !== 'table' || analysed.result.errors > 0 || analysed.rowCount === 0 || speculations.has(analysed)) return;
  const prefix = candidatesPrefix(analysed.staged.table);
  const priorite = loaded.priorite ?? firstPriority(loaded.max);
  const id = datasetIdFor(fileName);
  speculations.set(analysed, { id, prefix, priorite, loaded, done: speculateMeasures(conn, id, analysed.staged.table, prefix, priorite) });
}

/** Swaps an analysis's accepted rows in as dataset `meta.id` (one transaction), then frees its temporary tables. */
async function stageAndSwap(conn: Connector, analysed: AnalysedImport, meta: DatasetMeta): Promise<void> {
  if (analysed.staged.kind === 'csv') {
    await stageCsv(conn, analysed.staged.csv);
    await swapIn(conn, meta);
    return;
  }
  const table = analysed.staged.table;
  // Measures computed ahead serve only if they assumed this very swap, on the data as it still is (same version).
  const ahead = speculations.get(analysed);
  const fits = ahead !== undefined && ahead.id === meta.id && (await ahead.done) && ahead.priorite === meta.priorite && meta.actif && ahead.loaded.version === getDataVersion();
  await swapIn(conn, meta, analysed.staged.own, fits ? ahead.prefix : null);
  // What else the analysis left went with the swap (OwnTable.leftovers).
  if (pendingTable === table) pendingTable = null;
}

/** Adds an analysis's accepted rows to dataset `meta.id` (summed per key, see addIn), then frees its temporary tables. */
async function addStaged(conn: Connector, analysed: AnalysedImport, meta: DatasetMeta): Promise<void> {
  if (analysed.staged.kind === 'csv') {
    await stageCsv(conn, analysed.staged.csv);
    await addIn(conn, meta, 'staging');
    return;
  }
  const table = analysed.staged.table;
  await addIn(conn, meta, table);
  await dropFastTables(conn, table).catch(() => undefined);
  if (pendingTable === table) pendingTable = null;
}

/**
 * Where an import goes: a new dataset, or an existing imported one it replaces or adds to (its rows summed with
 * the dataset's per key). The analyst chooses it in the report; nothing is ever replaced without that choice.
 */
export type ImportTarget = { readonly kind: 'nouveau' } | { readonly kind: 'remplacer' | 'ajouter'; readonly id: string };

/** What the report shows before « Importer » for a target: the diff with the dataset it changes, and the values of other datasets it would override. */
export interface ImportPreview {
  readonly diff: DiffRow | null;
  readonly overrides: OverrideRow[];
}

/** The imported datasets an import may replace or add to (id and name), highest priority first. */
export async function importedDatasets(conn: Connector): Promise<{ id: string; nom: string }[]> {
  return runQuery(conn, sqlQuery("SELECT id, nom_fr AS nom FROM datasets WHERE origine = 'import' ORDER BY priorite DESC, id"), z.object({ id: z.string(), nom: z.string() }));
}

/**
 * Compares an analysis with what is loaded, for target `target`: the diff with the dataset replaced (or with the
 * dataset as the added rows would leave it), and the first keys of other active datasets it would override.
 */
export async function previewImport(conn: Connector, analysed: AnalysedImport, target: ImportTarget, fileName: string): Promise<ImportPreview> {
  let from = 'staging';
  if (analysed.staged.kind === 'table') from = analysed.staged.table;
  else await stageCsv(conn, analysed.staged.csv);
  const id = target.kind === 'nouveau' ? datasetIdFor(fileName) : target.id;
  if (target.kind === 'ajouter') {
    await conn.exec(sumIntoSql(id, from, 'apercu_somme'));
    from = 'apercu_somme';
  }
  try {
    const [row] = await runQuery(conn, sqlQuery('SELECT (SELECT priorite FROM datasets WHERE id = ?) AS p, coalesce((SELECT max(priorite) FROM datasets), 0) AS max', [id]), z.object({ p: z.number().int().nullable(), max: z.number().int() }));
    const priorite = target.kind === 'nouveau' || row?.p == null ? firstPriority(row?.max ?? 0) : row.p;
    const diff = target.kind === 'nouveau' ? null : await diffStaged(conn, id, from);
    const overrides = await runQuery(conn, overridesQuery(target.kind === 'nouveau' ? '' : id, from, priorite, 10), OverrideRow);
    return { diff, overrides };
  } finally {
    if (from === 'apercu_somme') await conn.exec('DROP TABLE IF EXISTS apercu_somme;');
  }
}

/** `base`, or `base_2`, `base_3`… : the first id no loaded or stored dataset has (a new dataset never replaces one). */
function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const id = `${base.slice(0, 60).replace(/_+$/, '')}_${i}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * A dataset id from a file name: `DS_RP_EMPLOI 2022.csv` → `ds_rp_emploi_2022`; a default dataset's id gets
 * `_import` (`illustratif.csv` → `illustratif_import`). Stored records are checked against exactly these shapes
 * (isImportId in store.ts).
 */
export function datasetIdFor(fileName: string): string {
  const base = fileName.replace(/\.[a-z0-9]{1,5}$/i, '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const id = base.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'import';
  return DEFAULT_DATASET_IDS.includes(id) ? `${id}_import` : id;
}

const Priority = z.object({ p: z.number().int().nullable() });

/** The stored imports this tab has loaded (or written), by id, with their `importedAt`: what its view is built on. */
const seen = new Map<string, string>();

/** Refuses to change a stored import that another tab replaced (or added) since this tab loaded its data. */
function assertSeen(id: string, stored: StoredRecord | null): void {
  if (stored && seen.get(id) !== stored.importedAt) throw new StaleError(id);
}

/** What the analyst chose in the report: where the import goes, and the dataset's identity (absent: the format's defaults). */
export interface ImportChoice {
  readonly target: ImportTarget;
  readonly identite?: DatasetIdentity;
}

/**
 * Commits an import: the file's bytes, options, recipe, SHA-256 and identity are written to IndexedDB first
 * (replacing the previous copy atomically), then the staged rows are swapped into DuckDB in one transaction. If the
 * swap fails, the previous stored copy is put back, so the stored data and the loaded data never disagree.
 * `choice.target`: a new dataset (under a free id), or an imported one replaced or added to (the file then joins
 * the dataset's stored files). Without a choice, the file's own id is replaced if it exists (older callers).
 * The whole commit holds the origin's import lock: if another tab holds it, BusyError and nothing is done; if
 * another tab replaced this dataset since this tab loaded it, StaleError and nothing is done. The other tabs are
 * told once it is done.
 */
export async function commitImport(
  conn: Connector,
  file: { blob: Blob; fileName: string },
  analysed: AnalysedImport,
  opts: Omit<ImportOptions, 'fileName' | 'savedRecipes'>,
  choice: ImportChoice = { target: { kind: 'remplacer', id: datasetIdFor(file.fileName) } },
): Promise<{ id: string }> {
  // The button is hidden then, but a refused analysis must never replace a dataset (with nothing).
  if (analysed.result.errors > 0 || analysed.rowCount === 0) throw new Error('This analysis has errors: nothing to import.');
  return withImportLock(() => commitLocked(conn, file, analysed, opts, choice));
}

/** The stored part a file added to a dataset becomes. */
function partOf(file: { blob: Blob; fileName: string }, analysed: AnalysedImport, opts: Omit<ImportOptions, 'fileName' | 'savedRecipes'>, importedAt: string): StoredPart {
  return { fileName: file.fileName, sha256: analysed.sha256, options: storedOptions(opts), recipe: opts.recipe ?? analysed.result.recipe ?? null, importedAt, rows: analysed.rowCount, bytes: file.blob };
}

function storedOptions(opts: Omit<ImportOptions, 'fileName' | 'savedRecipes'>): StoredRecord['options'] {
  return { encoding: opts.encoding, delimiter: opts.delimiter, headerLine: opts.headerLine, indicateur: opts.indicateur, declared: opts.declared ? [...opts.declared] : undefined, dimensions: opts.dimensions ? { ...opts.dimensions } : undefined };
}

/** The record a commit writes: the new dataset's, the replaced one's, or the added-to one's with the file as its last part. */
async function recordFor(conn: Connector, file: { blob: Blob; fileName: string }, analysed: AnalysedImport, opts: Omit<ImportOptions, 'fileName' | 'savedRecipes'>, choice: ImportChoice): Promise<{ record: StoredRecord; previous: StoredRecord | null }> {
  const known = speculations.get(analysed)?.loaded;
  const loadedMax = known && known.version === getDataVersion() ? Promise.resolve([{ p: known.max }]) : runQuery(conn, sqlQuery('SELECT max(priorite) AS p FROM datasets'), Priority);
  const [loaded, [max], stored] = await Promise.all([runQuery(conn, sqlQuery('SELECT id FROM datasets'), z.object({ id: z.string() })), loadedMax, listImports()]);
  const t = choice.target;
  const id = t.kind === 'nouveau' ? freeId(datasetIdFor(file.fileName), new Set([...loaded.map((r) => r.id), ...stored.ok.map((r) => r.id), ...stored.refused.map((r) => r.id)])) : t.id;
  const previous = await getImport(id);
  assertSeen(id, previous);
  const importedAt = new Date().toISOString();
  const identite = choice.identite ?? previous?.identite ?? identityDefaults(analysed.result, analysed.sources, file.fileName);
  if (t.kind === 'ajouter') {
    if (!previous) throw new Error(`Le jeu « ${id} » n’est plus enregistré : rien n’a été importé. / Dataset "${id}" is no longer stored: nothing was imported.`);
    const parts = [...(previous.parts ?? []), partOf(file, analysed, opts, importedAt)];
    return { record: { ...previous, identite, parts, importedAt, rows: previous.rows + analysed.rowCount }, previous };
  }
  // Another tab may have stored imports this tab has not loaded: the new one still comes after every stored one.
  const storedMax = Math.max(0, ...stored.ok.map((r) => r.priorite));
  const priorite = previous?.priorite ?? firstPriority(max?.p ?? 0, storedMax);
  const { bytes, ...first } = partOf(file, analysed, opts, importedAt);
  return { record: { ...first, id, nom: identite.nom || file.fileName, actif: previous?.actif ?? true, priorite, bytes, identite }, previous };
}

async function commitLocked(conn: Connector, file: { blob: Blob; fileName: string }, analysed: AnalysedImport, opts: Omit<ImportOptions, 'fileName' | 'savedRecipes'>, choice: ImportChoice): Promise<{ id: string }> {
  const { record, previous } = await recordFor(conn, file, analysed, opts, choice);
  const id = record.id;
  void askPersistence();
  const t0 = performance.now();
  await putImport(record);
  performance.measure('import:stockage', { start: t0 });
  try {
    if (opts.declared?.length) await declareIndicators(conn, opts.declared);
    const meta = metaOf(record, analysed.sources, analysed.result);
    if (choice.target.kind === 'ajouter') await addStaged(conn, analysed, meta);
    else await stageAndSwap(conn, analysed, meta);
  } catch (e) {
    if (previous) await putImport(previous).catch(() => undefined);
    else await deleteImport(id).catch(() => undefined);
    throw e;
  }
  seen.set(id, record.importedAt);
  bumpDataVersion();
  announceChange('import', id);
  return { id };
}

/**
 * The catalogue row of a stored dataset: its identity as the analyst confirmed it, or (older records) the format's
 * defaults with no date: an import is never dated by the day it was made.
 */
function metaOf(rec: StoredRecord, sources: readonly string[], result: AnalysedImport['result']): DatasetMeta {
  const idt = rec.identite ?? identityDefaults(result, sources, rec.fileName);
  return {
    id: rec.id, nom: idt.nom || rec.nom, source: sourceText(idt, sources.slice(0, 3).join(' ; ') || rec.fileName), licence: idt.licence, licence_en: licenceEn(idt.licence),
    priorite: rec.priorite, actif: rec.actif, derniere_maj: idt.date_publication || null, producteur: idt.producteur || null, url: idt.url || null,
    fichiers: [rec.fileName, ...(rec.parts ?? []).map((p) => p.fileName)],
  };
}

/**
 * Rebuilds the analyst's imports from IndexedDB into a database that holds the defaults: each stored file runs
 * through the same pipeline again. `defaults`: the ids of the default datasets loaded (loadDefaults), which no stored
 * record may take. Returns the ids that could not be restored (records refused by checkStored, then files that no
 * longer pass), and `lost`: the ids the localStorage marker remembers when IndexedDB now holds no import at all
 * (cleared by the browser or the analyst). The marker is then reset to what IndexedDB holds. Throws if IndexedDB
 * cannot be read (the marker is left as it was).
 */
export async function restoreImports(conn: Connector, run: (file: Blob, opts: ImportOptions) => Promise<AnalysedImport>, defaults: readonly string[] = []): Promise<{ restored: string[]; failed: string[]; lost: string[] }> {
  const expected = readMarker();
  const { ok, refused } = await listImports(defaults);
  const lost = ok.length + refused.length === 0 ? expected : [];
  await syncMarker();
  const { restored, failed } = await replayImports(conn, ok, run);
  // The setting names default datasets only: any other id in it (an import's) is not the setting's to switch off.
  const isDefault = new Set([...DEFAULT_DATASET_IDS, ...defaults]);
  for (const id of await getInactiveDefaults()) if (isDefault.has(id)) await setActive(conn, id, false);
  return { restored, failed: [...refused.map((r) => r.id), ...failed], lost };
}

/**
 * Replays stored records (validated by checkStored, in priority order) into the database: each file is analysed
 * again with its options and recipe, and swapped in only if it still passes, with no error, at least one row, and
 * the SHA-256 it was stored with (bytes changed since are not loaded). Returns the ids restored and the ids that failed.
 */
export async function replayImports(conn: Connector, records: readonly StoredRecord[], run: (file: Blob, opts: ImportOptions) => Promise<AnalysedImport>): Promise<{ restored: string[]; failed: string[] }> {
  const restored: string[] = [];
  const failed: string[] = [];
  for (const rec of records) {
    seen.set(rec.id, rec.importedAt);
    try {
      if (rec.options.declared?.length) await declareIndicators(conn, rec.options.declared);
      const file = rec.bytes instanceof Blob ? rec.bytes : new Blob([rec.bytes]);
      const a = await run(file, { fileName: rec.fileName, ...legacyEurostat(rec.fileName, rec.options, rec.recipe), recipe: rec.recipe ?? undefined });
      if (a.result.errors > 0 || a.rowCount === 0) throw new Error('no longer valid');
      if (a.sha256 !== rec.sha256) throw new Error('bytes changed since they were stored');
      const meta = metaOf(rec, a.sources, a.result);
      await stageAndSwap(conn, a, meta);
      // The files added since, each analysed again and summed in, in order.
      try {
        for (const part of rec.parts ?? []) await addStaged(conn, await replayPart(conn, part, run), meta);
      } catch (e) {
        // Half a dataset is not shown: it goes, and is listed as not restored.
        await removeDataset(conn, rec.id).catch(() => undefined);
        throw e;
      }
      restored.push(rec.id);
    } catch {
      failed.push(rec.id);
    }
  }
  // The stored files are not analysed again: their bytes leave DuckDB's memory.
  releaseFileBytes();
  return { restored, failed };
}

/** Analyses a stored part again, refused (thrown) unless it still passes with the bytes it was stored with. */
async function replayPart(conn: Connector, part: StoredPart, run: (file: Blob, opts: ImportOptions) => Promise<AnalysedImport>): Promise<AnalysedImport> {
  if (part.options.declared?.length) await declareIndicators(conn, part.options.declared);
  const file = part.bytes instanceof Blob ? part.bytes : new Blob([part.bytes]);
  const a = await run(file, { fileName: part.fileName, ...legacyEurostat(part.fileName, part.options, part.recipe), recipe: part.recipe ?? undefined });
  if (a.result.errors > 0 || a.rowCount === 0) throw new Error('no longer valid');
  if (a.sha256 !== part.sha256) throw new Error('bytes changed since they were stored');
  return a;
}

/** Activates or deactivates a dataset, and remembers it (under the import lock, like every stored change). */
export function setDatasetActive(conn: Connector, id: string, actif: boolean, origine: 'defaut' | 'import'): Promise<void> {
  return withImportLock(async () => {
    if (origine === 'import') {
      const rec = await getImport(id);
      assertSeen(id, rec);
      if (rec) await putImport({ ...rec, actif });
    } else {
      const off = new Set(await getInactiveDefaults());
      if (actif) off.delete(id);
      else off.add(id);
      await setInactiveDefaults([...off]);
    }
    await setActive(conn, id, actif);
    bumpDataVersion();
    announceChange('activation', id);
  });
}

/** Deletes an imported dataset from the database and from storage. */
export function deleteDataset(conn: Connector, id: string): Promise<void> {
  return withImportLock(async () => {
    assertSeen(id, await getImport(id));
    await removeDataset(conn, id);
    await deleteImport(id);
    seen.delete(id);
    bumpDataVersion();
    announceChange('suppression', id);
  });
}

/** Back to the committed defaults: every import deleted, every default dataset active again. */
export function revertToDefaults(conn: Connector): Promise<void> {
  return withImportLock(async () => {
    for (const rec of (await listImports()).ok) assertSeen(rec.id, rec);
    const ids = await runQuery(conn, sqlQuery("SELECT id, origine FROM datasets"), z.object({ id: z.string(), origine: z.string() }));
    await clearImports();
    await setInactiveDefaults([]);
    for (const d of ids) {
      if (d.origine === 'import') await removeDataset(conn, d.id);
      else await setActive(conn, d.id, true);
    }
    seen.clear();
    bumpDataVersion();
    announceChange('retour', null);
  });
}

import { isGzip } from './gzip';
import { isZip } from './zip';
import { importName } from './file-name';
import type { Connector } from '../connector';
import { runQuery } from '../client';
import {
  CatalogueTerritoryRow, DatasetIdRow, datasetIdsQuery, DatasetOriginRow, datasetOriginsQuery, ImportedDatasetRow, importedDatasetsQuery, importIndicatorsQuery,
  importTerritoriesQuery, IndicatorIdRow, MaxPriorityRow, maxPriorityQuery, PREVIEW_SUM_TABLE, PrioritiesRow, prioritiesQuery,
} from '../sql/import/catalogue';
import { dropTableSql } from '../sql/import/commit';
import { IndicatorRow, overridableIndicatorsQuery, overridesQuery, OverrideRow, sumIntoSql } from '../sql/merge';
import type { ImportCatalogue } from './canonical';
import type { ImportOptions, ImportResult } from './run';
import type { Recipe } from './recipe';
import { addIn, declareIndicators, diffStaged, removeDataset, setActive, speculateMeasures, stageCsv, swapIn, type DatasetMeta, type DiffRow, type OwnTable } from './commit';
import { candidatesPrefix, dropFastTables, FAST_MIN_BYTES, runFastImport, type DirtyResult, type FastAnswer } from './fast';
import type { ByteScan, FastHead } from './scan';
import { canonicalColumns } from './canonical';
import { legacyEurostat } from './eurostat-import';
import { ImportWorker } from './worker-client';
import { datasetIdFor, firstPriority, freeId, metaOf, partOf, type ChosenOptions } from './stored';
import { askPersistence, clearImports, DEFAULT_DATASET_IDS, deleteImport, getImport, getInactiveDefaults, listImports, putImport, readMarker, setInactiveDefaults, syncMarker, type StoredPart, type StoredRecord } from '../store';
import { identityDefaults, type DatasetIdentity } from './identity';
import { announceChange, StaleError, withImportLock } from '../tab-sync';
import { bumpDataVersion, getDataVersion } from '../version';

/** Whether a file starts as a gzip file or a ZIP archive does (its first 4 bytes). */
async function isCompressed(file: Blob): Promise<boolean> {
  const magic = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return isGzip(magic) || isZip(magic);
}

/**
 * The import, one entry point: an ImportSession per database owns everything an import keeps between calls (the
 * analysis under way and the one waiting for « Importer », the file's bytes in DuckDB, the worker started ahead, the
 * measures computed ahead, the stored imports this tab has seen). Nothing of it is module state.
 * analyse → (choose: preview, speculate) → commit, or cancel (RunningImport.cancel, release). See docs/import.md.
 */

/** An analysed file: the report (with preview rows only), the row count and where the accepted rows wait. */
export interface AnalysedImport {
  readonly result: ImportResult;
  readonly rowCount: number;
  /** The full pipeline's rows as CSV text, or the fast path's temporary view in DuckDB. */
  readonly staged: { readonly kind: 'csv'; readonly csv: string } | { readonly kind: 'table'; readonly table: string; readonly own: OwnTable };
  readonly sources: string[];
  /** The indicator ids the accepted rows may hold, when the fast path knows them without reading the rows (FastOutcome). */
  readonly indicators?: readonly string[];
  /**
   * The SHA-256 of the file's bytes (stored with the file, compared when it is replayed). The fast path's report does
   * not wait for it (the import worker hashes the file while DuckDB computes the rest); the commit awaits it before
   * anything is stored.
   */
  readonly sha256: Promise<string>;
  /** `rapide` when DuckDB read the file itself, else `complet` with the reason (shown in the report's details). */
  readonly path: { readonly kind: 'rapide' } | { readonly kind: 'complet'; readonly reason: string };
}

export interface RunningImport {
  readonly promise: Promise<AnalysedImport>;
  cancel(): void;
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

/** What the analyst chose in the report: where the import goes, and the dataset's identity (absent: the format's defaults). */
export interface ImportChoice {
  readonly target: ImportTarget;
  readonly identite?: DatasetIdentity;
}

/** What the loaded catalogue said of a dataset id, and at which data version (see `loadedPriorities`). */
export interface LoadedPriorities {
  readonly version: number;
  /** The dataset's priority when it is loaded, else null. */
  readonly priorite: number | null;
  /** The highest loaded priority (0 when none). */
  readonly max: number;
  /** Every loaded dataset's id (a new dataset's id must be free of them). */
  readonly ids: readonly string[];
}

/** Runs an analysis of a stored file when imports are restored (the session's own `analyse`, or a test's). */
export type Replay = (file: Blob, opts: ImportOptions) => Promise<AnalysedImport>;

/**
 * The bytes of the file analysed last, registered in DuckDB and kept for the next analysis of the same file
 * (« Déclarer les indicateurs » analyses it again at once). A `File` is a snapshot: the same object always has the
 * same bytes (a changed file on disk makes its reads fail).
 */
interface HeldBytes {
  readonly file: Blob;
  readonly name: string;
  readonly ready: Promise<void>;
}

/**
 * The session's analysis, by state: none; one under way (number `n`); one the fast path left in DuckDB as view
 * `table`, waiting for its commit or the next analysis (the full pipeline's rows wait in the page, not in DuckDB).
 */
export type AnalysisState = { readonly kind: 'none' } | { readonly kind: 'running'; readonly n: number } | { readonly kind: 'waiting'; readonly table: string };


/**
 * Measures computed ahead for an analysis not yet committed: what was loaded when its file was chosen (`loaded`,
 * known before the analysis ends), and, once `start` sends them to DuckDB, the priority assumed and whether they were
 * computed (`done`).
 */
interface Speculation {
  readonly id: string;
  readonly prefix: string;
  readonly loaded: Promise<LoadedPriorities>;
  /** Sends the measures' SQL to DuckDB, once; only while the analysis is the one waiting (else `done` says not computed). */
  readonly start: () => void;
  readonly done: Promise<{ readonly priorite: number; readonly loaded: LoadedPriorities; readonly ok: boolean }>;
}

const noop = () => undefined;

/** What one analysis is given and how it learns it was cancelled. */
interface AnalysisArgs {
  readonly worker: ImportWorker;
  readonly file: Blob;
  readonly cat: ImportCatalogue | Promise<ImportCatalogue>;
  readonly opts: ImportOptions;
  readonly saved?: Promise<readonly Recipe[]>;
  readonly n: number;
  readonly cancelled: () => boolean;
  /** What the loaded catalogue says of the file's own id: given, the fast path computes the commit's measures ahead (see `speculate`). */
  readonly ahead?: Promise<LoadedPriorities>;
}

/** An indicator's name in both languages. */
export interface IndicatorName { readonly fr: string; readonly en: string }

/** The analysis of a file, its commit, and the stored imports, for one database (see the top of this file). */
export class ImportSession {
  /** Analyses started (each names its tables `import_<n>`). */
  private analyses = 0;
  private pending: AnalysisState = { kind: 'none' };
  private held: HeldBytes | null = null;
  private heldFiles = 0;
  /** A worker started ahead (its script fetched and compiled), for the next analysis. */
  private spare: ImportWorker | null = null;
  private readonly speculations = new WeakMap<AnalysedImport, Speculation>();
  /** Files whose first bytes said compressed: their next analyses go straight to the full pipeline, their bytes not read again for nothing. */
  private readonly compressedFiles = new WeakSet<Blob>();
  /** The stored imports this tab has loaded (or written), by id, with their `importedAt`: what its view is built on. */
  private readonly seen = new Map<string, string>();

  constructor(readonly conn: Connector) {}

  /** The analysis waiting in DuckDB, if any. */
  get state(): AnalysisState {
    return this.pending;
  }

  /**
   * The territories and indicators an import is checked against, from the loaded catalogue, with each indicator's
   * name (`names`: the report's lists show names, not ids).
   */
  async catalogue(): Promise<ImportCatalogue & { readonly names: ReadonlyMap<string, IndicatorName> }> {
    const territories = await runQuery(this.conn, importTerritoriesQuery(), CatalogueTerritoryRow);
    const indicators = await runQuery(this.conn, importIndicatorsQuery(), IndicatorIdRow);
    return { territories, indicators: indicators.map((i) => i.id), names: new Map(indicators.map((i) => [i.id, { fr: i.libelle_fr, en: i.libelle_en }])) };
  }

  /** Starts an import worker ahead, so that the next analysis does not wait for one. */
  prepareWorker(): void {
    this.spare ??= new ImportWorker();
  }

  /** The DuckDB file name of `file`'s bytes: the ones kept from the previous analysis, or read and registered now. */
  private bytesOf(file: Blob, t0: number, compressed: Promise<boolean>): HeldBytes {
    if (this.held?.file === file) return this.held;
    this.releaseBytes();
    const name = `import-octets-${++this.heldFiles}.csv`;
    // Read by the page (the Blob's chunks come in as tasks of its thread, without freezing it; read by the import
    // worker they came later), then transferred (not copied) to DuckDB's worker while the import worker looks at the
    // head (copying them for the worker instead kept the page busy and delayed DuckDB's read as much). A compressed
    // file's bytes are not handed over: the full pipeline decompresses it.
    const ready = Promise.all([file.arrayBuffer(), compressed]).then(async ([b, gz]) => {
      if (gz) throw new Error('compressed');
      performance.measure('import:octets', { start: t0 });
      await this.conn.registerFile(name, b);
      performance.measure('import:fichier', { start: t0 });
    });
    // Its failure surfaces where it is awaited (not as an unhandled rejection while the head is looked at, nor when
    // the head sends the file to the full pipeline).
    ready.catch(noop);
    this.held = { file, name, ready };
    return this.held;
  }

  /** Drops the kept bytes of the file analysed last (only if they are registered as `name`, when given). */
  releaseBytes(name?: string): void {
    const h = this.held;
    if (!h || (name !== undefined && h.name !== name)) return;
    this.held = null;
    void h.ready.then(() => this.conn.dropFile(h.name)).catch(noop);
  }

  /**
   * Analyses a file (nothing is committed): large canonical CSV files take the fast path (DuckDB reads the file while
   * the import worker proves the clean rows, see fast.ts); every other file, or one the fast path hands back, runs
   * the full pipeline in the import worker. Both give the same report. `cancel` stops it at once. `cat` and `saved`
   * (the analyst's saved recipes, for the full pipeline) may still be on their way: the look at the head does not need them.
   * `ahead` (loadedPriorities of the file's own id): the measures of the commit that makes it that dataset are computed
   * as soon as DuckDB has the fast path's accepted rows (see `speculate`); not given, nothing is computed ahead.
   */
  analyse(file: Blob, cat: ImportCatalogue | Promise<ImportCatalogue>, opts: ImportOptions, saved?: Promise<readonly Recipe[]>, ahead?: Promise<LoadedPriorities>): RunningImport {
    const worker = this.spare ?? new ImportWorker();
    this.spare = null;
    // Their failures surface where they are awaited (not as unhandled rejections meanwhile).
    Promise.resolve(cat).catch(noop);
    saved?.catch(noop);
    let cancelled = false;
    let rejectCancel: (e: Error) => void = noop;
    const cancelledPromise = new Promise<never>((_, reject) => (rejectCancel = reject));
    ahead?.catch(noop);
    const work = this.run({ worker, file, cat, opts, saved, n: ++this.analyses, cancelled: () => cancelled, ahead });
    // The next analysis (« Déclarer les indicateurs », another encoding) gets a worker started ahead.
    const promise = Promise.race([work, cancelledPromise]).finally(() => this.prepareWorker());
    // This worker goes once the analysis is over and the file hashed (the fast path's report does not wait for the hash).
    promise.then((x) => x.sha256).catch(noop).finally(() => worker.close());
    return {
      promise,
      cancel: () => {
        cancelled = true;
        worker.fail(new DOMException('cancelled', 'AbortError'));
        rejectCancel(new DOMException('cancelled', 'AbortError'));
      },
    };
  }

  /** The full pipeline, in the import worker, once the previous analysis's tables are `dropped`. */
  private async full(a: AnalysisArgs, dropped: Promise<unknown>, reason: string): Promise<AnalysedImport> {
    await dropped;
    const savedRecipes = a.saved ? await a.saved : a.opts.savedRecipes;
    const r = await a.worker.call<{ result: ImportResult; rowCount: number; csv: string; sources: string[]; sha256: string }>({ type: 'full', file: a.file, cat: await a.cat, opts: { ...a.opts, savedRecipes } });
    return { result: r.result, rowCount: r.rowCount, staged: { kind: 'csv', csv: r.csv }, sources: r.sources, sha256: Promise.resolve(r.sha256), path: { kind: 'complet', reason } };
  }

  /** One analysis: the fast path when the file may take it, else (or when it hands the file back) the full pipeline. */
  private async run(a: AnalysisArgs): Promise<AnalysedImport> {
    // The previous analysis's tables go while this one starts: DuckDB drops them while the worker reads the head.
    const previous = this.pending.kind === 'waiting' ? this.pending.table : null;
    this.pending = { kind: 'none' };
    const dropped = previous ? dropFastTables(this.conn, previous).catch(noop) : Promise.resolve();
    const o = a.opts;
    const simple = !o.encoding && !o.delimiter && o.headerLine === undefined && !o.recipe && !o.indicateur && !o.dimensions && !o.entree;
    if (a.file.size < FAST_MIN_BYTES || !simple) return this.full(a, dropped, simple ? 'small file' : 'options');
    if (this.compressedFiles.has(a.file)) return this.full(a, dropped, 'compressed');
    const t0 = performance.now();
    // A compressed file is read by the full pipeline (it decompresses it). Its first bytes are read beside the whole
    // file, not before it (docs/performance.md): the first analysis of a large compressed file reads it once for nothing.
    const compressed = isCompressed(a.file);
    const table = `import_${a.n}`;
    const { name, ready: registered } = this.bytesOf(a.file, t0, compressed);
    let gz: boolean;
    try {
      gz = await compressed;
    } catch (e) {
      this.releaseBytes(name); // not kept: the next analysis of this file reads it afresh
      throw e;
    }
    if (gz) {
      this.compressedFiles.add(a.file);
      this.releaseBytes(name);
      return this.full(a, dropped, 'compressed');
    }
    void dropped.then(() => performance.measure('import:nettoyage', { start: t0 }));
    let fast: { answer: FastAnswer; hashed: Promise<string> | null };
    try {
      fast = await this.fast(a, table, name, registered, dropped);
    } catch (e) {
      // Bytes that could not be read or registered are not kept for the next analysis; the tables the fast path may
      // have made (a cancelled analysis: DuckDB's read goes on, then its scan is refused) go.
      if (await registered.then(() => false, () => true)) this.releaseBytes(name);
      void dropFastTables(this.conn, table).catch(noop);
      throw e;
    }
    const { answer, hashed } = fast;
    if (a.cancelled()) {
      await dropFastTables(this.conn, table).catch(noop);
      throw new DOMException('cancelled', 'AbortError');
    }
    if ('fallback' in answer || !hashed) {
      await dropFastTables(this.conn, table).catch(noop);
      return this.full(a, dropped, 'fallback' in answer ? answer.fallback : 'no scan');
    }
    this.pending = { kind: 'waiting', table };
    // The measures wait for the report's own queries (see `speculate`); the report does not wait for the file's hash.
    const clean = answer.result.errors === 0 && answer.rowCount > 0;
    const ahead = a.ahead && clean ? this.speculate(table, a.opts.fileName, a.ahead) : null;
    performance.measure('import:analyse', { start: t0 });
    hashed.then(() => performance.measure('import:empreinte', { start: t0 }), noop);
    const analysed: AnalysedImport = { result: answer.result, rowCount: answer.rowCount, staged: { kind: 'table', table, own: answer.own }, sources: answer.sources, indicators: answer.indicators, sha256: hashed, path: { kind: 'rapide' } };
    if (ahead) this.speculations.set(analysed, ahead);
    return analysed;
  }

  /** The fast path: the worker looks at the head, then scans the file while DuckDB reads it (see fast.ts). */
  private async fast(a: AnalysisArgs, table: string, name: string, registered: Promise<void>, dropped: Promise<unknown>): Promise<{ answer: FastAnswer; hashed: Promise<string> | null }> {
    const t0 = performance.now();
    const head = await a.worker.call<FastHead | { reason: string }>({ type: 'head', file: a.file });
    performance.measure('import:entete', { start: t0 });
    if ('reason' in head) return { answer: { fallback: head.reason }, hashed: null };
    const known = await a.cat;
    const fastCat = a.opts.declared?.length ? { ...known, indicators: [...known.indicators, ...a.opts.declared] } : known;
    const idx = canonicalColumns(head.header);
    // The rows proven clean (for the typed read), the raw key check and the distinct texts, in one pass in the worker.
    const rows = idx ? { delimiter: head.delimiter, skipLines: head.headerLine, width: head.header.length, idx, decimalComma: head.decimalComma } : undefined;
    // The worker reads the file for it once DuckDB has the bytes it waits for (or could not get them): both reads at
    // once slowed the page's, and the worker's read beside the hand-over to DuckDB slowed that too.
    const s = registered.catch(noop).then(() => a.worker.call<{ scan: ByteScan }>({ type: 'scan', file: a.file, rows }));
    s.then(() => performance.measure('import:balayage', { start: t0 }), noop);
    // The file's SHA-256 (kept with the stored file) is computed once the pass is over, not during DuckDB's read.
    const hashed = s.then(() => a.worker.call<string>({ type: 'sha256' }));
    hashed.catch(noop);
    // Awaited by runFastImport only after DuckDB's read: a scan refused meanwhile (the analysis cancelled) is not an
    // unhandled rejection.
    const scanned = s.then((x) => x.scan);
    scanned.catch(noop);
    await dropped;
    await registered;
    const answer = await runFastImport(this.conn, { file: name, table, head, scan: scanned, cat: fastCat }, (dirtyRows) => a.worker.call<DirtyResult>({ type: 'dirty', rows: dirtyRows, head, cat: fastCat }));
    return { answer, hashed };
  }

  /** What replacing the stored dataset `id` with this analysis would change. */
  async diffWithLoaded(analysed: AnalysedImport, id: string): Promise<DiffRow> {
    if (analysed.staged.kind === 'table') return diffStaged(this.conn, id, analysed.staged.table);
    await stageCsv(this.conn, analysed.staged.csv);
    return diffStaged(this.conn, id);
  }

  /** Reads what `commit` needs of the loaded catalogue for dataset `id` (asked once, when its file is chosen). */
  async loadedPriorities(id: string): Promise<LoadedPriorities> {
    const version = getDataVersion();
    const [row] = await runQuery(this.conn, prioritiesQuery(id), PrioritiesRow);
    const ids = await runQuery(this.conn, datasetIdsQuery(), DatasetIdRow);
    return { version, priorite: row?.priorite ?? null, max: row?.max ?? 0, ids: ids.map((r) => r.id) };
  }

  /** The imported datasets an import may replace or add to (id and name), highest priority first. */
  importedDatasets(): Promise<{ id: string; nom: string }[]> {
    return runQuery(this.conn, importedDatasetsQuery(), ImportedDatasetRow);
  }

  /**
   * For a clean analysis of the fast path (its accepted rows in view `table`), the measures its commit as the file's
   * own dataset would give (see speculateMeasures), computed once `start` is called: by `preview`, after the report's
   * own queries (DuckDB runs requests in order: sent earlier, they would hold the report back), else by the commit.
   * The analyst reads the report meanwhile, and « Importer » swaps them in instead of computing them. The priority
   * assumed is the one `commit` gives unless another tab stored imports this one has not loaded. The commit waits for
   * them if they are not done, and uses them only if they fit (see stageAndSwap).
   */
  private speculate(table: string, fileName: string, ahead: Promise<LoadedPriorities>): Speculation {
    const prefix = candidatesPrefix(table);
    const id = datasetIdFor(fileName);
    let go: (current: boolean) => void = noop;
    const started = new Promise<boolean>((resolve) => (go = resolve));
    const done = started.then(async (current) => {
      const t0 = performance.now();
      const loaded = await ahead;
      const priorite = loaded.priorite ?? firstPriority(loaded.max);
      // An analysis a newer one replaced has lost its tables (or is about to): nothing is computed for it.
      const ok = current && (await speculateMeasures(this.conn, id, table, prefix, priorite));
      performance.measure('import:anticipation', { start: t0 });
      return { priorite, loaded, ok };
    });
    const start = () => go(this.pending.kind === 'waiting' && this.pending.table === table);
    return { id, prefix, loaded: ahead, start, done: done.catch(() => ({ priorite: NaN, loaded: { version: NaN, priorite: null, max: 0, ids: [] }, ok: false })) };
  }

  /**
   * Compares an analysis with what is loaded, for target `target`: the diff with the dataset replaced (or with the
   * dataset as the added rows would leave it), and the first keys of other active datasets it would override.
   */
  async preview(analysed: AnalysedImport, target: ImportTarget, fileName: string): Promise<ImportPreview> {
    const conn = this.conn;
    let from = 'preparation';
    if (analysed.staged.kind === 'table') from = analysed.staged.table;
    else await stageCsv(conn, analysed.staged.csv);
    const id = target.kind === 'nouveau' ? datasetIdFor(importName(fileName, analysed.result.archive)) : target.id;
    if (target.kind === 'ajouter') {
      await conn.exec(sumIntoSql(id, from, PREVIEW_SUM_TABLE));
      from = PREVIEW_SUM_TABLE;
    }
    try {
      const [row] = await runQuery(conn, prioritiesQuery(id), PrioritiesRow);
      const priorite = target.kind === 'nouveau' || row?.priorite == null ? firstPriority(row?.max ?? 0) : row.priorite;
      const diff = target.kind === 'nouveau' ? null : await diffStaged(conn, id, from);
      // The few indicators that can collide first, and of them only the import's own when they are known (rows added
      // to a dataset are summed with its own, which may hold others): an import of none of them is not read again.
      const other = target.kind === 'nouveau' ? '' : id;
      const indicators = (await runQuery(conn, overridableIndicatorsQuery(other, priorite), IndicatorRow)).map((r) => r.indicateur);
      const own = target.kind === 'ajouter' ? undefined : analysed.indicators;
      const colliding = own ? indicators.filter((i) => own.includes(i)) : indicators;
      const overrides = colliding.length ? await runQuery(conn, overridesQuery(other, from, priorite, 10, colliding), OverrideRow) : [];
      return { diff, overrides };
    } finally {
      if (from === PREVIEW_SUM_TABLE) await conn.exec(dropTableSql(PREVIEW_SUM_TABLE));
      // The report's queries are sent: the measures computed ahead may take DuckDB now.
      this.speculations.get(analysed)?.start();
    }
  }

  /** Swaps an analysis's accepted rows in as dataset `meta.id` (one transaction), then frees its temporary tables. */
  private async stageAndSwap(analysed: AnalysedImport, meta: DatasetMeta): Promise<void> {
    if (analysed.staged.kind === 'csv') {
      await stageCsv(this.conn, analysed.staged.csv);
      await swapIn(this.conn, meta);
      return;
    }
    const table = analysed.staged.table;
    // Measures computed ahead serve only if they assumed this very swap, on the data as it still is (same version).
    const ahead = this.speculations.get(analysed);
    ahead?.start();
    const got = ahead?.id === meta.id ? await ahead.done : null;
    const fits = got !== null && got.ok && got.priorite === meta.priorite && meta.actif && got.loaded.version === getDataVersion();
    await swapIn(this.conn, meta, analysed.staged.own, fits && ahead ? ahead.prefix : null);
    // What else the analysis left went with the swap (OwnTable.leftovers).
    this.forgetPending(table);
  }

  /** Adds an analysis's accepted rows to dataset `meta.id` (summed per key, see addIn), then frees its temporary tables. */
  private async addStaged(analysed: AnalysedImport, meta: DatasetMeta): Promise<void> {
    if (analysed.staged.kind === 'csv') {
      await stageCsv(this.conn, analysed.staged.csv);
      await addIn(this.conn, meta, 'preparation');
      return;
    }
    const table = analysed.staged.table;
    await addIn(this.conn, meta, table);
    await dropFastTables(this.conn, table).catch(noop);
    this.forgetPending(table);
  }

  /** The analysis waiting as `table` was committed: nothing of it is left to drop. */
  private forgetPending(table: string): void {
    if (this.pending.kind === 'waiting' && this.pending.table === table) this.pending = { kind: 'none' };
  }

  /** Refuses to change a stored import that another tab replaced (or added) since this tab loaded its data. */
  private assertSeen(id: string, stored: StoredRecord | null): void {
    if (stored && this.seen.get(id) !== stored.importedAt) throw new StaleError(id);
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
  async commit(file: { blob: Blob; fileName: string }, analysed: AnalysedImport, opts: ChosenOptions, choice: ImportChoice = { target: { kind: 'remplacer', id: datasetIdFor(importName(file.fileName, analysed.result.archive)) } }): Promise<{ id: string }> {
    // The button is hidden then, but a refused analysis must never replace a dataset (with nothing).
    if (analysed.result.errors > 0 || analysed.rowCount === 0) throw new Error('This analysis has errors: nothing to import.');
    return withImportLock(() => this.commitLocked(file, analysed, opts, choice));
  }

  /** The record a commit writes: the new dataset's, the replaced one's, or the added-to one's with the file as its last part. */
  private async recordFor(file: { blob: Blob; fileName: string }, analysed: AnalysedImport, opts: ChosenOptions, choice: ImportChoice): Promise<{ record: StoredRecord; previous: StoredRecord | null }> {
    // What the catalogue said when the file was chosen, if nothing changed since: no DuckDB request, so the record is
    // stored while DuckDB computes the measures ahead (the commit's swap waits for them).
    const spec = this.speculations.get(analysed);
    spec?.start();
    const said = spec ? await spec.loaded.catch(() => null) : null;
    const known = said && said.version === getDataVersion() ? said : null;
    const loadedIds = known ? Promise.resolve(known.ids.map((id) => ({ id }))) : runQuery(this.conn, datasetIdsQuery(), DatasetIdRow);
    const loadedMax = known ? Promise.resolve([{ p: known.max }]) : runQuery(this.conn, maxPriorityQuery(), MaxPriorityRow);
    const [loaded, [max], stored, sha256] = await Promise.all([loadedIds, loadedMax, listImports(), analysed.sha256]);
    const t = choice.target;
    const name = importName(file.fileName, analysed.result.archive);
    const id = t.kind === 'nouveau' ? freeId(datasetIdFor(name), new Set([...loaded.map((r) => r.id), ...stored.ok.map((r) => r.id), ...stored.refused.map((r) => r.id)])) : t.id;
    const previous = await getImport(id);
    this.assertSeen(id, previous);
    const importedAt = new Date().toISOString();
    const identite = choice.identite ?? previous?.identite ?? identityDefaults(analysed.result, analysed.sources, name);
    if (t.kind === 'ajouter') {
      if (!previous) throw new Error(`Le jeu « ${id} » n’est plus enregistré : rien n’a été importé. / Dataset "${id}" is no longer stored: nothing was imported.`);
      const parts = [...(previous.parts ?? []), partOf(file, { ...analysed, sha256 }, opts, importedAt)];
      return { record: { ...previous, identite, parts, importedAt, rows: previous.rows + analysed.rowCount }, previous };
    }
    // Another tab may have stored imports this tab has not loaded: the new one still comes after every stored one.
    const storedMax = Math.max(0, ...stored.ok.map((r) => r.priorite));
    const priorite = previous?.priorite ?? firstPriority(max?.p ?? 0, storedMax);
    const { bytes, ...first } = partOf(file, { ...analysed, sha256 }, opts, importedAt);
    return { record: { ...first, id, nom: identite.nom || name, actif: previous?.actif ?? true, priorite, bytes, identite }, previous };
  }

  private async commitLocked(file: { blob: Blob; fileName: string }, analysed: AnalysedImport, opts: ChosenOptions, choice: ImportChoice): Promise<{ id: string }> {
    const { record, previous } = await this.recordFor(file, analysed, opts, choice);
    const id = record.id;
    void askPersistence();
    const t0 = performance.now();
    await putImport(record);
    performance.measure('import:stockage', { start: t0 });
    try {
      if (opts.declared?.length) await declareIndicators(this.conn, opts.declared);
      const meta = metaOf(record, analysed.sources, analysed.result);
      if (choice.target.kind === 'ajouter') await this.addStaged(analysed, meta);
      else await this.stageAndSwap(analysed, meta);
    } catch (e) {
      if (previous) await putImport(previous).catch(noop);
      else await deleteImport(id).catch(noop);
      throw e;
    }
    this.seen.set(id, record.importedAt);
    bumpDataVersion();
    announceChange('import', id);
    return { id };
  }

  /**
   * Rebuilds the analyst's imports from IndexedDB into a database that holds the defaults: each stored file runs
   * through the same pipeline again (`run`: this session's own analysis by default). `defaults`: the ids of the
   * default datasets loaded (loadDefaults), which no stored record may take. Returns the ids that could not be
   * restored (records refused by checkStored, then files that no longer pass), and `lost`: the ids the localStorage
   * marker remembers when IndexedDB now holds no import at all (cleared by the browser or the analyst). The marker
   * is then reset to what IndexedDB holds. Throws if IndexedDB cannot be read (the marker is left as it was).
   */
  async restore(defaults: readonly string[] = [], run?: Replay): Promise<{ restored: string[]; failed: string[]; lost: string[] }> {
    const expected = readMarker();
    const { ok, refused } = await listImports(defaults);
    const lost = ok.length + refused.length === 0 ? expected : [];
    await syncMarker();
    const replay = run ?? (await this.ownReplay());
    const { restored, failed } = await this.replay(ok, replay);
    // The setting names default datasets only: any other id in it (an import's) is not the setting's to switch off.
    const isDefault = new Set([...DEFAULT_DATASET_IDS, ...defaults]);
    for (const id of await getInactiveDefaults()) if (isDefault.has(id)) await setActive(this.conn, id, false);
    return { restored, failed: [...refused.map((r) => r.id), ...failed], lost };
  }

  /** This session's analysis of stored files, against the catalogue as it is loaded now. */
  private async ownReplay(): Promise<Replay> {
    const cat = await this.catalogue();
    return async (file, opts) => {
      // A stored compressed file is known as such before its analysis: it is not read twice at every start.
      if (file.size >= FAST_MIN_BYTES && (await isCompressed(file))) this.compressedFiles.add(file);
      return this.analyse(file, cat, opts).promise;
    };
  }

  /**
   * Replays stored records (validated by checkStored, in priority order) into the database: each file is analysed
   * again with its options and recipe, and swapped in only if it still passes, with no error, at least one row, and
   * the SHA-256 it was stored with (bytes changed since are not loaded). Returns the ids restored and the ids that failed.
   */
  async replay(records: readonly StoredRecord[], run: Replay): Promise<{ restored: string[]; failed: string[] }> {
    const restored: string[] = [];
    const failed: string[] = [];
    for (const rec of records) {
      this.seen.set(rec.id, rec.importedAt);
      try {
        const a = await this.replayPart(rec, run);
        const meta = metaOf(rec, a.sources, a.result);
        await this.stageAndSwap(a, meta);
        // The files added since, each analysed again and summed in, in order.
        try {
          for (const part of rec.parts ?? []) await this.addStaged(await this.replayPart(part, run), meta);
        } catch (e) {
          // Half a dataset is not shown: it goes, and is listed as not restored.
          await removeDataset(this.conn, rec.id).catch(noop);
          throw e;
        }
        restored.push(rec.id);
      } catch {
        failed.push(rec.id);
      }
    }
    // The stored files are not analysed again: their bytes leave DuckDB's memory.
    this.releaseBytes();
    return { restored, failed };
  }

  /** Analyses a stored file again, refused (thrown) unless it still passes with the bytes it was stored with. */
  private async replayPart(part: Pick<StoredPart, 'fileName' | 'options' | 'recipe' | 'sha256' | 'bytes'>, run: Replay): Promise<AnalysedImport> {
    if (part.options.declared?.length) await declareIndicators(this.conn, part.options.declared);
    const file = part.bytes instanceof Blob ? part.bytes : new Blob([part.bytes]);
    const a = await run(file, { fileName: part.fileName, ...legacyEurostat(part.fileName, part.options, part.recipe), recipe: part.recipe ?? undefined });
    if (a.result.errors > 0 || a.rowCount === 0) throw new Error('no longer valid');
    if ((await a.sha256) !== part.sha256) throw new Error('bytes changed since they were stored');
    return a;
  }

  /** Activates or deactivates a dataset, and remembers it (under the import lock, like every stored change). */
  setDatasetActive(id: string, actif: boolean, origine: 'defaut' | 'import'): Promise<void> {
    return withImportLock(async () => {
      if (origine === 'import') {
        const rec = await getImport(id);
        this.assertSeen(id, rec);
        if (rec) await putImport({ ...rec, actif });
      } else {
        const off = new Set(await getInactiveDefaults());
        if (actif) off.delete(id);
        else off.add(id);
        await setInactiveDefaults([...off]);
      }
      await setActive(this.conn, id, actif);
      bumpDataVersion();
      announceChange('activation', id);
    });
  }

  /** Deletes an imported dataset from the database and from storage. */
  deleteDataset(id: string): Promise<void> {
    return withImportLock(async () => {
      this.assertSeen(id, await getImport(id));
      await removeDataset(this.conn, id);
      await deleteImport(id);
      this.seen.delete(id);
      bumpDataVersion();
      announceChange('suppression', id);
    });
  }

  /** Back to the committed defaults: every import deleted, every default dataset active again. */
  revertToDefaults(): Promise<void> {
    return withImportLock(async () => {
      for (const rec of (await listImports()).ok) this.assertSeen(rec.id, rec);
      const ids = await runQuery(this.conn, datasetOriginsQuery(), DatasetOriginRow);
      await clearImports();
      await setInactiveDefaults([]);
      for (const d of ids) {
        if (d.origine === 'import') await removeDataset(this.conn, d.id);
        else await setActive(this.conn, d.id, true);
      }
      this.seen.clear();
      bumpDataVersion();
      announceChange('retour', null);
    });
  }
}

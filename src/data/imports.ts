import { z } from 'zod';
import type { Connector } from './connector';
import { runQuery } from './client';
import { sqlQuery } from './sql/quote';
import type { ImportCatalogue } from './import/canonical';
import type { ImportOptions, ImportResult } from './import/run';
import { declareIndicators, removeDataset, setActive, stageCsv, swapIn } from './import/commit';
import { askPersistence, clearImports, deleteImport, getImport, getInactiveDefaults, listImports, putImport, setInactiveDefaults, sha256, type StoredRecord } from './store';
import { bumpDataVersion } from './version';

/** The territories and indicators an import is checked against, from the loaded catalogue. */
export async function importCatalogueOf(conn: Connector): Promise<ImportCatalogue> {
  const territories = await runQuery(conn, sqlQuery('SELECT code, code_cog, type, nom_fr FROM territories'), z.object({ code: z.string(), code_cog: z.string(), type: z.string(), nom_fr: z.string() }));
  const indicators = await runQuery(conn, sqlQuery('SELECT id FROM indicators ORDER BY ordre'), z.object({ id: z.string() }));
  return { territories, indicators: indicators.map((i) => i.id) };
}

/** What the import worker sends back: the report (with preview rows only), the row count and the staging CSV. */
export interface AnalysedImport {
  readonly result: ImportResult;
  readonly rowCount: number;
  readonly csv: string;
  readonly sources: string[];
}

export interface RunningImport {
  readonly promise: Promise<AnalysedImport>;
  cancel(): void;
}

/** Runs the import pipeline in a Web Worker; `cancel` stops it at once (the worker is terminated). */
export function runImportInWorker(bytes: ArrayBuffer, cat: ImportCatalogue, opts: ImportOptions): RunningImport {
  const worker = new Worker(new URL('./import/import.worker.ts', import.meta.url), { type: 'module' });
  let cancel = () => undefined as void;
  const promise = new Promise<AnalysedImport>((resolve, reject) => {
    cancel = () => {
      worker.terminate();
      reject(new DOMException('cancelled', 'AbortError'));
    };
    worker.onmessage = (e: MessageEvent<{ type: 'done'; analysed: AnalysedImport } | { type: 'failed'; error: string }>) => {
      worker.terminate();
      if (e.data.type === 'done') resolve(e.data.analysed);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
    // A copy goes to the worker: the original bytes are kept for storage.
    const copy = bytes.slice(0);
    worker.postMessage({ bytes: copy, cat, opts }, [copy]);
  });
  return { promise, cancel: () => cancel() };
}

/** A dataset id from a file name: `DS_RP_EMPLOI 2022.csv` → `ds_rp_emploi_2022`. */
export function datasetIdFor(fileName: string): string {
  const base = fileName.replace(/\.[a-z0-9]{1,5}$/i, '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return (base.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'import').replace(/^(illustratif|eurostat_tic)$/, '$1_import');
}

const Priority = z.object({ p: z.number().int().nullable() });

/**
 * Commits an import: the file's bytes, options, recipe and SHA-256 are written to IndexedDB first (replacing the
 * previous copy atomically), then the staged rows are swapped into DuckDB in one transaction. If the swap fails,
 * the previous stored copy is put back, so the stored data and the loaded data never disagree.
 */
export async function commitImport(
  conn: Connector,
  file: { bytes: ArrayBuffer; fileName: string },
  analysed: AnalysedImport,
  opts: Omit<ImportOptions, 'fileName' | 'savedRecipes'>,
): Promise<{ id: string }> {
  const id = datasetIdFor(file.fileName);
  const previous = await getImport(id);
  const [max] = await runQuery(conn, sqlQuery('SELECT max(priorite) AS p FROM datasets'), Priority);
  const priorite = previous?.priorite ?? Math.max(10, (max?.p ?? 0) + 1);
  const record: StoredRecord = {
    id,
    nom: file.fileName,
    fileName: file.fileName,
    sha256: await sha256(file.bytes),
    options: { encoding: opts.encoding, delimiter: opts.delimiter, headerLine: opts.headerLine, indicateur: opts.indicateur, declared: opts.declared ? [...opts.declared] : undefined },
    recipe: opts.recipe ?? analysed.result.recipe ?? null,
    importedAt: new Date().toISOString(),
    actif: true,
    priorite,
    rows: analysed.rowCount,
    bytes: file.bytes,
  };
  void askPersistence();
  await putImport(record);
  try {
    if (opts.declared?.length) await declareIndicators(conn, opts.declared);
    await stageCsv(conn, analysed.csv);
    await swapIn(conn, metaOf(record, analysed.sources));
  } catch (e) {
    if (previous) await putImport(previous).catch(() => undefined);
    else await deleteImport(id).catch(() => undefined);
    throw e;
  }
  bumpDataVersion();
  return { id };
}

function metaOf(rec: StoredRecord, sources: readonly string[]) {
  return { id: rec.id, nom: rec.nom, source: sources.slice(0, 3).join(' ; ') || rec.fileName, licence: 'Licence Ouverte 2.0', priorite: rec.priorite, actif: rec.actif, derniere_maj: rec.importedAt.slice(0, 10) };
}

/**
 * Rebuilds the analyst's imports from IndexedDB into a database that holds the defaults: each stored file runs
 * through the same pipeline again. Returns the ids that could not be restored.
 */
export async function restoreImports(conn: Connector, run: (bytes: ArrayBuffer, opts: ImportOptions) => Promise<AnalysedImport>): Promise<{ restored: string[]; failed: string[] }> {
  const restored: string[] = [];
  const failed: string[] = [];
  const { ok, broken } = await listImports();
  failed.push(...broken);
  for (const rec of ok) {
    try {
      if (rec.options.declared?.length) await declareIndicators(conn, rec.options.declared);
      const a = await run(rec.bytes, { fileName: rec.fileName, ...rec.options, recipe: rec.recipe ?? undefined });
      if (a.result.errors > 0 || a.rowCount === 0) throw new Error('no longer valid');
      await stageCsv(conn, a.csv);
      await swapIn(conn, metaOf(rec, a.sources));
      restored.push(rec.id);
    } catch {
      failed.push(rec.id);
    }
  }
  for (const id of await getInactiveDefaults()) await setActive(conn, id, false);
  return { restored, failed };
}

/** Activates or deactivates a dataset, and remembers it. */
export async function setDatasetActive(conn: Connector, id: string, actif: boolean, origine: 'defaut' | 'import'): Promise<void> {
  if (origine === 'import') {
    const rec = await getImport(id);
    if (rec) await putImport({ ...rec, actif });
  } else {
    const off = new Set(await getInactiveDefaults());
    if (actif) off.delete(id);
    else off.add(id);
    await setInactiveDefaults([...off]);
  }
  await setActive(conn, id, actif);
  bumpDataVersion();
}

/** Deletes an imported dataset from the database and from storage. */
export async function deleteDataset(conn: Connector, id: string): Promise<void> {
  await removeDataset(conn, id);
  await deleteImport(id);
  bumpDataVersion();
}

/** Back to the committed defaults: every import deleted, every default dataset active again. */
export async function revertToDefaults(conn: Connector): Promise<void> {
  const ids = await runQuery(conn, sqlQuery("SELECT id, origine FROM datasets"), z.object({ id: z.string(), origine: z.string() }));
  await clearImports();
  await setInactiveDefaults([]);
  for (const d of ids) {
    if (d.origine === 'import') await removeDataset(conn, d.id);
    else await setActive(conn, d.id, true);
  }
  bumpDataVersion();
}

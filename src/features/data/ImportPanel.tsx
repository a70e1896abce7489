import { useEffect, useRef, useState } from 'react';
import type { DataViewMessages } from '../../i18n/data';
import { formatCount, type Lang } from '../../lib/format';
import { getImportSession } from '../../data/db-loader';
import { checkSize, datasetIdFor, identityDefaults, importName, withArchiveChoice, listRecipes, putRecipe, type AnalysedImport, type DatasetIdentity, type Encoding, type ImportOptions, type ImportPreview, type ImportTarget, type IndicatorName, type Recipe, type RunningImport } from '../../data/import';
import { ImportDestination } from './ImportDestination';
import { ImportReport } from './ImportReport';
import { RecipeForm } from './RecipeForm';
import { EurostatChoices } from './EurostatChoices';
import { ArchiveChoice } from './ArchiveChoice';
import { canRetry, storageErrorMessage } from './storage-messages';

type ReportPhase = {
  kind: 'report'; file: { blob: Blob; fileName: string }; analysed: AnalysedImport; opts: ImportOptions; indicators: string[]; names: ReadonlyMap<string, IndicatorName>; saved: Recipe[];
  /** Where the import goes, what it changes there and elsewhere, the imported datasets it may go to, and the dataset's identity. */
  target: ImportTarget; preview: ImportPreview | null; datasets: { id: string; nom: string }[]; identite: DatasetIdentity;
};
type Phase =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; run: RunningImport }
  | ReportPhase
  | { kind: 'committing' }
  | { kind: 'done'; rows: number; id: string }
  | { kind: 'failed'; message: string; retry?: ReportPhase };

/** What a new analysis of the same file keeps of the report before it: the destination, and the identity unless it was not yet known. */
type Keep = { readonly target: ImportTarget; readonly identite?: DatasetIdentity };

/** What the panel does with a file: analyse it, change its destination, commit it (each through the page's import session). */
interface ImportFlow {
  readonly phase: Phase;
  setPhase(p: Phase): void;
  analyse(file: { blob: Blob; fileName: string }, opts: ImportOptions, keep?: Keep): Promise<void>;
  retarget(p: ReportPhase, target: ImportTarget): Promise<void>;
  onFile(f: File | undefined): Promise<void>;
  commit(p: ReportPhase): Promise<void>;
}

/** The failure an analysis or a commit ends with, as the panel says it. */
function failureOf(e: unknown, t: DataViewMessages): Phase {
  if (e instanceof DOMException && e.name === 'AbortError') return { kind: 'failed', message: t.importCancelled };
  return { kind: 'failed', message: t.importFailed(e instanceof Error ? e.message : String(e)) };
}

/**
 * The session's side of the panel. The import worker's script is fetched and compiled before the analyst picks a
 * file. The chosen file's bytes stay in DuckDB while its report may ask
 * for another analysis (« Déclarer les indicateurs »), and leave once the analyst is done with it (imported,
 * cancelled, failed, or the view left).
 */
function useImportFlow(lang: Lang, t: DataViewMessages): ImportFlow {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  useEffect(() => {
    getImportSession().then((s) => {
      s.prepareWorker();
    }, () => undefined);
  }, []);
  const done = phase.kind === 'idle' || phase.kind === 'done' || phase.kind === 'failed';
  useEffect(() => {
    if (done) void getImportSession().then((s) => s.releaseBytes(), () => undefined);
  }, [done]);
  useEffect(() => () => void getImportSession().then((s) => s.releaseBytes(), () => undefined), []);
  // The latest analysis: an earlier one that ends later (another file was chosen meanwhile) changes nothing.
  const latest = useRef(0);

  /**
   * Analyses a file; `keep`: the analyst's target and identity from the report of an earlier analysis of the same
   * file (another encoding, a recipe…), kept as they chose them.
   */
  async function analyse(file: { blob: Blob; fileName: string }, opts: ImportOptions, keep?: Keep) {
    const mine = ++latest.current;
    const session = await getImportSession();
    // The file's head is analysed while the catalogue and the saved recipes are read.
    const catalogue = session.catalogue();
    const saved = listRecipes().catch(() => [] as Recipe[]);
    // Whether the file's own id is a loaded dataset, asked while DuckDB waits for the file's bytes: the measures of
    // its commit are computed ahead unless the analyst chose to add to a dataset.
    const id = datasetIdFor(file.fileName);
    const replaces = session.loadedPriorities(id);
    replaces.catch(() => undefined);
    const run = session.analyse(file.blob, catalogue, opts, saved, keep?.target.kind === 'ajouter' ? undefined : replaces);
    setPhase({ kind: 'reading', name: file.fileName, run });
    try {
      const [analysed, cat] = await Promise.all([run.promise, catalogue]);
      const datasets = await session.importedDatasets();
      // The same file again replaces its dataset (said in the report); any other file makes a new one unless the
      // analyst chooses. A file of an archive of several goes by the archive's name and its own.
      const name = importName(file.fileName, analysed.result.archive);
      const own = datasetIdFor(name);
      const target: ImportTarget = keep?.target ?? (datasets.some((d) => d.id === own) ? { kind: 'remplacer', id: own } : { kind: 'nouveau' });
      const clean = analysed.rowCount > 0 && analysed.result.errors === 0;
      const preview = clean ? await session.preview(analysed, target, file.fileName) : null;
      if (mine !== latest.current) return;
      const identite = keep?.identite ?? identityDefaults(analysed.result, analysed.sources, name);
      // A file an archive was read from as its only recognised one is kept as chosen: another encoding, a recipe or
      // the indicators declared then analyse that same file again.
      setPhase({ kind: 'report', file, analysed, opts: withArchiveChoice(opts, analysed.result.archive), indicators: [...cat.indicators], names: cat.names, saved: await saved, target, preview, datasets, identite });
    } catch (e) {
      if (mine === latest.current) setPhase(failureOf(e, t));
    }
  }

  /** Another destination: what it changes is compared again before the report shows it. */
  async function retarget(p: ReportPhase, target: ImportTarget) {
    const mine = ++latest.current;
    const session = await getImportSession();
    const clean = p.analysed.rowCount > 0 && p.analysed.result.errors === 0;
    const preview = clean ? await session.preview(p.analysed, target, p.file.fileName) : null;
    if (mine === latest.current) setPhase({ ...p, target, preview });
  }

  async function onFile(f: File | undefined) {
    if (!f) return;
    const tooBig = checkSize(f.size);
    if (tooBig) {
      latest.current++;
      setPhase({ kind: 'failed', message: lang === 'en' ? tooBig.message_en : tooBig.message_fr });
      return;
    }
    await analyse({ blob: f, fileName: f.name }, { fileName: f.name });
  }

  async function commit(p: ReportPhase) {
    setPhase({ kind: 'committing' });
    try {
      const { id } = await (await getImportSession()).commit(p.file, p.analysed, p.opts, { target: p.target, identite: p.identite });
      setPhase({ kind: 'done', rows: p.analysed.rowCount, id });
    } catch (e) {
      // No room, or another tab committing: nothing was changed, and the same analysis can be committed again.
      const message = storageErrorMessage(e, t, 'import') ?? t.importFailed(e instanceof Error ? e.message : String(e));
      setPhase({ kind: 'failed', message, retry: canRetry(e) ? p : undefined });
    }
  }

  return { phase, setPhase, analyse, retarget, onFile, commit };
}

/** The import area: choose or drop a file, see the report, map columns with a recipe, confirm. */
export function ImportPanel({ lang, t }: { lang: Lang; t: DataViewMessages }) {
  const flow = useImportFlow(lang, t);
  const { phase, setPhase, onFile, commit } = flow;
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const retry = phase.kind === 'failed' ? phase.retry : undefined;
  return (
    <section className="card" data-testid="import" aria-labelledby="import-title">
      <h2 id="import-title">{t.importTitle}</h2>
      <p className="muted">{t.importHelp}</p>
      <div
        className={`dropzone${dragging ? ' is-dragging' : ''}`}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => { e.preventDefault(); setDragging(false); void onFile(e.dataTransfer.files[0]); }}
      >
        <span>{t.importDrop}</span>
        <label className="btn file-btn">
          {t.importChoose}
          <input ref={input} className="visually-hidden" type="file" accept=".csv,.tsv,.txt,.gz,.zip,text/csv,text/tab-separated-values,application/gzip,application/zip" aria-label={t.importInputLabel} onChange={(e) => { void onFile(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
      </div>
      {phase.kind === 'reading' ? (
        <p role="status" className="progress">
          <span className="spinner" aria-hidden="true" /> {t.importReading(phase.name)}{' '}
          <button type="button" className="btn-link" onClick={() => phase.run.cancel()}>{t.importCancel}</button>
        </p>
      ) : null}
      {phase.kind === 'committing' ? <p role="status">{t.importCommitting}</p> : null}
      {phase.kind === 'done' ? <p role="status" className="success">{t.importDone(formatCount(phase.rows, lang), phase.id)}</p> : null}
      {phase.kind === 'failed' ? (
        <section className="report is-error" data-testid="import-report" data-status="error" data-rows={0} data-errors={1}>
          <p role="alert"><strong>{phase.message}</strong></p>
          {retry ? (
            <div className="report-actions">
              <button type="button" className="btn" onClick={() => void commit(retry)}>{t.importRetry}</button>
              <button type="button" className="btn-link" onClick={() => setPhase({ kind: 'idle' })}>{t.importCancel}</button>
            </div>
          ) : null}
        </section>
      ) : null}
      {phase.kind === 'report' ? <ReportView phase={phase} flow={flow} lang={lang} t={t} /> : null}
    </section>
  );
}


/** The report of an analysed file, with its choices (Eurostat, destination, encoding, recipe) and « Importer ». */
function ReportView({ phase, flow, lang, t }: { phase: ReportPhase; flow: ImportFlow; lang: Lang; t: DataViewMessages }) {
  const { analyse, retarget, commit, setPhase } = flow;
  const unknownIndicators = phase.analysed.result.unknownIndicators;
  const archive = phase.analysed.result.archive;
  // An indicator of the lists as the analyst knows it: its name, then its id (a declared one has only its id).
  const labelOf = (id: string) => {
    const n = phase.names.get(id);
    const name = n ? (lang === 'en' ? n.en : n.fr) : id;
    return name === id ? id : `${name} (${id})`;
  };
  return (
    <>
      <ImportReport result={phase.analysed.result} rowCount={phase.analysed.rowCount} diff={phase.preview?.diff ?? null} adding={phase.target.kind === 'ajouter'} fast={phase.analysed.path.kind === 'rapide'} why={phase.analysed.path.kind === 'complet' ? phase.analysed.path.reason : undefined} lang={lang} t={t}
        choices={<>
          {archive && archive.files.length > 1 ? (
            // Another file of the archive: read afresh (its own encoding, recipe, indicator), its identity from what it is.
            <ArchiveChoice archive={archive} t={t} onChoose={(entree) => void analyse(phase.file, { fileName: phase.opts.fileName, declared: phase.opts.declared, entree })} />
          ) : null}
          {phase.analysed.result.format === 'eurostat' && phase.analysed.result.eurostat ? (
            // A Eurostat file's indicator and dimensions, inside the report; a change analyses the file again with it.
            <EurostatChoices info={phase.analysed.result.eurostat} indicators={[...phase.indicators, ...(phase.opts.declared ?? [])]} labelOf={labelOf} lang={lang} t={t}
              onIndicator={(indicateur) => void analyse(phase.file, { ...phase.opts, indicateur }, phase)}
              onDimension={(name, value) => void analyse(phase.file, { ...phase.opts, dimensions: { ...phase.opts.dimensions, [name]: value } }, phase)} />
          ) : null}
        </>} />
      {phase.analysed.result.errors === 0 && phase.analysed.rowCount > 0 ? (
        <ImportDestination datasets={phase.datasets} target={phase.target} preview={phase.preview} identite={phase.identite} lang={lang} t={t}
          onTarget={(target) => void retarget(phase, target)} onIdentity={(identite) => setPhase({ ...phase, identite })} />
      ) : null}
      <div className="report-actions">
        {phase.analysed.result.errors === 0 && phase.analysed.rowCount > 0 ? (
          <button type="button" className="btn" data-testid="import-commit" onClick={() => void commit(phase)}>{t.importConfirm(formatCount(phase.analysed.rowCount, lang))}</button>
        ) : null}
        <button type="button" className="btn-link" onClick={() => setPhase({ kind: 'idle' })}>{t.importCancel}</button>
        {unknownIndicators.length ? (
          <button type="button" className="btn-link" onClick={() => void analyse(phase.file, { ...phase.opts, declared: [...(phase.opts.declared ?? []), ...unknownIndicators] }, phase)}>
            {t.declareIndicators(unknownIndicators.slice(0, 5).join(', ') + (unknownIndicators.length > 5 ? '…' : ''))}
          </button>
        ) : null}
        {phase.analysed.result.encoding ? (
          <label className="inline">
            {t.encodingLabel}{' '}
            <select value={phase.analysed.result.encoding} onChange={(e) => void analyse(phase.file, { ...phase.opts, encoding: e.target.value as Encoding }, phase)}>
              {['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'].map((x) => <option key={x} value={x}>{x}</option>)}
            </select>
          </label>
        ) : null}
      </div>
      {(phase.analysed.result.format === 'recette' || phase.analysed.result.format === 'inconnu') && phase.analysed.result.header.length > 0 ? (
        <RecipeForm
          key={phase.analysed.result.recipe?.nom ?? 'new'}
          header={phase.analysed.result.header}
          indicators={phase.indicators}
          labelOf={labelOf}
          initial={phase.analysed.result.recipe}
          saved={phase.saved}
          onApply={(recipe) => void analyse(phase.file, { ...phase.opts, recipe })}
          onSave={(recipe) => putRecipe(recipe)}
          t={t}
        />
      ) : null}
    </>
  );
}

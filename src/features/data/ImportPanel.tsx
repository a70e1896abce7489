import { useRef, useState } from 'react';
import type { Messages } from '../../i18n';
import { formatCount, type Lang } from '../../lib/format';
import { getDb } from '../../data/db';
import { checkSize } from '../../data/import/guard';
import type { Encoding } from '../../data/import/decode';
import type { ImportOptions, ImportResult } from '../../data/import/run';
import type { Recipe } from '../../data/import/recipe';
import { diffStaged, stage, type DiffRow } from '../../data/import/commit';
import { commitImport, datasetIdFor, importCatalogueOf, runImportInWorker, type RunningImport } from '../../data/imports';
import { listRecipes, putRecipe, QuotaError } from '../../data/store';
import { runQuery } from '../../data/client';
import { sqlQuery } from '../../data/sql/quote';
import { z } from 'zod';
import { ImportReport } from './ImportReport';
import { RecipeForm } from './RecipeForm';

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; run: RunningImport }
  | { kind: 'report'; file: { bytes: ArrayBuffer; fileName: string }; result: ImportResult; opts: ImportOptions; diff: DiffRow | null; indicators: string[]; saved: Recipe[] }
  | { kind: 'committing' }
  | { kind: 'done'; rows: number; id: string }
  | { kind: 'failed'; message: string; report?: ImportResult };

/** The import area: choose or drop a file, see the report, map columns with a recipe, confirm. */
export function ImportPanel({ lang, t }: { lang: Lang; t: Messages }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function analyse(file: { bytes: ArrayBuffer; fileName: string }, opts: ImportOptions) {
    const conn = await getDb();
    const cat = await importCatalogueOf(conn);
    const saved = await listRecipes().catch(() => []);
    const run = runImportInWorker(file.bytes, cat, { ...opts, savedRecipes: saved });
    setPhase({ kind: 'reading', name: file.fileName, run });
    try {
      const result = await run.promise;
      let diff: DiffRow | null = null;
      const id = datasetIdFor(file.fileName);
      const exists = await runQuery(conn, sqlQuery('SELECT 1 AS x FROM datasets WHERE id = ?', [id]), z.object({ x: z.number() }));
      if (exists.length && result.rows.length && result.errors === 0) {
        await stage(conn, result.rows);
        diff = await diffStaged(conn, id);
      }
      setPhase({ kind: "report", file, result, opts, diff, indicators: [...cat.indicators], saved });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') setPhase({ kind: 'failed', message: t.importCancelled });
      else setPhase({ kind: 'failed', message: t.importFailed(e instanceof Error ? e.message : String(e)) });
    }
  }

  async function onFile(f: File | undefined) {
    if (!f) return;
    const tooBig = checkSize(f.size);
    if (tooBig) {
      setPhase({ kind: 'failed', message: lang === 'en' ? tooBig.message_en : tooBig.message_fr, report: undefined });
      return;
    }
    const bytes = await f.arrayBuffer();
    await analyse({ bytes, fileName: f.name }, { fileName: f.name });
  }

  async function commit(p: Extract<Phase, { kind: 'report' }>) {
    setPhase({ kind: 'committing' });
    try {
      const conn = await getDb();
      const { id } = await commitImport(conn, p.file, p.result, p.opts);
      setPhase({ kind: 'done', rows: p.result.rows.length, id });
    } catch (e) {
      setPhase({ kind: 'failed', message: e instanceof QuotaError ? t.importQuota : t.importFailed(e instanceof Error ? e.message : String(e)) });
    }
  }

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
          <input ref={input} className="visually-hidden" type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" aria-label={t.importInputLabel} onChange={(e) => { void onFile(e.target.files?.[0]); e.target.value = ''; }} />
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
        </section>
      ) : null}
      {phase.kind === 'report' ? (
        <>
          <ImportReport result={phase.result} diff={phase.diff} lang={lang} t={t} />
          <div className="report-actions">
            {phase.result.errors === 0 && phase.result.rows.length > 0 ? (
              <button type="button" className="btn" onClick={() => void commit(phase)}>{t.importConfirm(formatCount(phase.result.rows.length, lang))}</button>
            ) : null}
            <button type="button" className="btn-link" onClick={() => setPhase({ kind: 'idle' })}>{t.importCancel}</button>
            {phase.result.encoding ? (
              <label className="inline">
                {t.encodingLabel}{' '}
                <select value={phase.result.encoding} onChange={(e) => void analyse(phase.file, { ...phase.opts, encoding: e.target.value as Encoding })}>
                  {['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'].map((x) => <option key={x} value={x}>{x}</option>)}
                </select>
              </label>
            ) : null}
          </div>
          {phase.result.format === 'recette' || phase.result.format === 'inconnu' ? (
            <RecipeForm
              key={phase.result.recipe?.nom ?? 'new'}
              header={phase.result.header}
              indicators={phase.indicators}
              initial={phase.result.recipe}
              saved={phase.saved}
              onApply={(recipe) => void analyse(phase.file, { ...phase.opts, recipe })}
              onSave={(recipe) => putRecipe(recipe)}
              t={t}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

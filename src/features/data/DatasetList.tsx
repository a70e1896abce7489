import type { DataViewMessages } from '../../i18n/data';
import { formatCount, formatDate, type Lang } from '../../lib/format';
import { runQuery } from '../../data/client';
import { datasetsQuery, DatasetRow } from '../../data/sql/datasets';
import { getImportSession } from '../../data/db-loader';
import { useDbQuery } from '../use-db';
import { storageErrorMessage } from './storage-messages';
import { stripBidi } from '../../lib/bidi';

/** Every loaded dataset: name, origin, date, rows, active or not; activate, deactivate, delete, revert. */
export function DatasetList({ lang, t, onError }: { lang: Lang; t: DataViewMessages; onError: (m: string) => void }) {
  const q = useDbQuery('datasets', (conn) => runQuery(conn, datasetsQuery(), DatasetRow));
  const producer = (d: DatasetRow) => Boolean(d.producteur) && (lang === 'fr' || d.origine === 'import');
  const act = (fn: () => Promise<void>) => () => void fn().catch((e: unknown) => onError(storageErrorMessage(e, t, 'change') ?? (e instanceof Error ? e.message : String(e))));
  if (q.status === 'error') return <p role="alert" className="error">{q.error}</p>;
  const rows = q.status === 'ready' ? q.data : q.stale;
  if (!rows) return <p className="muted" aria-busy="true">{t.loading}</p>;
  return (
    <section className="card" aria-labelledby="datasets-title">
      <h2 id="datasets-title">{t.datasetsTitle}</h2>
      <ul className="datasets">
        {rows.map((d) => (
          <li key={d.id} data-dataset={d.id} data-rows={d.lignes} data-active={d.actif ? 'true' : 'false'} className={d.actif ? undefined : 'is-inactive'}>
            <strong>{stripBidi(lang === 'en' ? d.nom_en : d.nom_fr)}</strong>
            <span>
              {t.datasetOrigin(d.origine)} · {t.datasetRows(formatCount(d.lignes, lang))} · {d.actif ? t.datasetActive : t.datasetInactive}
              {d.illustratif ? ` · ${t.datasetIllustrative}` : ''}
            </span>
            <span className="muted">
              {/* Without bidi controls: a source ending with U+202E would mirror the date and licence after it. */}
              {stripBidi(lang === 'en' ? d.source_en : d.source)} ({d.derniere_maj ? t.lastUpdate(formatDate(d.derniere_maj, lang)) : t.lastUpdateUnknown}
              {t.listSep}
              {stripBidi(lang === 'en' ? d.licence_en : d.licence).trim() || t.licenceUnknown})
            </span>
            {/* A default dataset's producer is written in French only, and its source already names it in English. */}
            {(producer(d) || d.url) ? <span className="muted">{producer(d) ? `${t.identityLabels.producteur}${lang === 'en' ? ':' : ' :'} ${stripBidi(d.producteur ?? '')}` : ''}{d.url ? `${producer(d) ? ' · ' : ''}${stripBidi(d.url)}` : ''}</span> : null}
            {d.fichiers ? <span className="muted" data-testid="dataset-files">{t.datasetFiles(stripBidi(d.fichiers))}</span> : null}
            <span className="dataset-actions">
              <button type="button" className="btn-link" onClick={act(async () => (await getImportSession()).setDatasetActive(d.id, !d.actif, d.origine))}>
                {d.actif ? t.datasetDeactivate : t.datasetActivate}
              </button>
              {d.origine === 'import' ? (
                <button type="button" className="btn-link danger" onClick={act(async () => { if (window.confirm(t.datasetDeleteConfirm(d.nom_fr))) await (await getImportSession()).deleteDataset(d.id); })}>
                  {t.datasetDelete}
                </button>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      <button type="button" className="btn-link" onClick={act(async () => { if (window.confirm(t.datasetsRevertConfirm)) await (await getImportSession()).revertToDefaults(); })}>
        {t.datasetsRevert}
      </button>
    </section>
  );
}

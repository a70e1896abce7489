import { useDbQuery } from '../use-db';
import type { Messages } from '../../i18n';
import { formatCount, formatDate, type Lang } from '../../lib/format';
import { runQuery } from '../../data/client';
import { datasetsQuery, DatasetRow } from '../../data/sql/datasets';

/** Données: the loaded datasets (imports, the observations table and exports come with the data issue). */
export function DataView({ lang, t }: { lang: Lang; t: Messages }) {
  const q = useDbQuery('datasets', (conn) => runQuery(conn, datasetsQuery(), DatasetRow));
  if (q.status === 'error') return <p role="alert" className="error">{q.error}</p>;
  if (q.status === 'loading') return <p className="muted" aria-busy="true">{t.loading}</p>;
  return (
    <section className="card">
      <h2>{t.navData}</h2>
      <p>{t.dataIntro}</p>
      <ul className="datasets">
        {q.data.map((d) => (
          <li key={d.id} data-dataset={d.id} data-rows={d.lignes} data-active={d.actif ? 'true' : 'false'}>
            <strong>{lang === 'en' ? d.nom_en : d.nom_fr}</strong>
            <span>
              {t.datasetRows(formatCount(d.lignes, lang))} · {d.actif ? t.datasetActive : t.datasetInactive}
              {d.illustratif ? ` · ${t.datasetIllustrative}` : ''}
            </span>
            <span className="muted">
              {lang === 'en' ? d.source_en : d.source} ({d.derniere_maj ? t.lastUpdate(formatDate(d.derniere_maj, lang)) : t.lastUpdateUnknown}
              {t.listSep}
              {lang === 'en' ? d.licence_en : d.licence})
            </span>
          </li>
        ))}
      </ul>
      <p className="muted">{t.dataComing}</p>
    </section>
  );
}

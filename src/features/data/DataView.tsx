import { useState } from 'react';
import { dataMessages } from '../../i18n/data';
import type { Lang } from '../../lib/format';
import type { DbState } from '../../data/db';
import { runQuery } from '../../data/client';
import { datasetsQuery, DatasetRow } from '../../data/sql/datasets';
import { useDbQuery } from '../use-db';
import { IllustrativeNotice } from '../../ui/IllustrativeNotice';
import { DatasetList } from './DatasetList';
import { CoveragePanel } from './CoveragePanel';
import { ImportPanel } from './ImportPanel';
import { ObservationsTable, exportObservations } from './ObservationsTable';
import { toCsv } from '../../data/csv-export';
import { downloadText, downloadBlob } from '../../ui/download';
import schemaUrl from '../../../data/schema/observations.schema.json?url';

const TEMPLATE_ROWS = [
  ['31', 2024, 'emploi_numerique', 7868, 22479, 30347, '', '', 'Insee, recensement'],
  ['48', 2024, 'emploi_numerique', '', '', '', '', 'secret', 'Insee, recensement'],
  ['FR', 2022, 'specialistes_tic', '', '', '', 19.0, 'rupture', 'Eurostat, isoc_sks_itsps'],
];

/** Données: datasets, imports, the observations table and the downloads. */
export function DataView({ lang, db }: { lang: Lang; db: DbState }) {
  const t = dataMessages(lang);
  const [error, setError] = useState<string | null>(null);
  // Same key as the dataset list: one query answers both.
  const datasets = useDbQuery('datasets', (conn) => runQuery(conn, datasetsQuery(), DatasetRow));
  const illustrative = datasets.status === 'ready' && datasets.data.some((d) => d.actif && d.illustratif);
  const restore = db.status === 'ready' ? db.restore : null;
  return (
    <>
      {illustrative ? <IllustrativeNotice t={t} /> : null}
      {restore?.storageUnavailable ? <p role="alert" className="warning">{t.storageUnavailable}</p> : null}
      {error ? <p role="alert" className="error">{error}</p> : null}
      <ImportPanel lang={lang} t={t} />
      <DatasetList lang={lang} t={t} onError={setError} />
      <CoveragePanel lang={lang} t={t} />
      <ObservationsTable lang={lang} t={t} />
      <section className="card" aria-labelledby="dl-title">
        <h2 id="dl-title">{t.downloadsTitle}</h2>
        <div className="downloads">
          <button type="button" className="btn-link" onClick={() => downloadText(toCsv(['territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'statut', 'source'], TEMPLATE_ROWS), 'modele-observations.csv', 'text/csv;charset=utf-8')}>
            {t.downloadTemplate}
          </button>
          <button type="button" className="btn-link" onClick={() => void fetch(schemaUrl).then((r) => r.blob()).then((b) => downloadBlob(b, 'observations.schema.json'))}>
            {t.downloadSchema}
          </button>
          <button type="button" className="btn-link" onClick={() => void exportObservations({}, 'observations.csv')}>{t.downloadAll}</button>
        </div>
      </section>
    </>
  );
}

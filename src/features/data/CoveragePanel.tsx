import type { DataViewMessages } from '../../i18n/data';
import type { Lang } from '../../lib/format';
import { runQuery } from '../../data/client';
import { coverageQuery, CoverageRow } from '../../data/sql/catalogue';
import { useDbQuery } from '../use-db';
import { stripBidi } from '../../lib/bidi';

/** Which dataset feeds which indicator and years in the charts, real or illustrative (issue 19). */
export function CoveragePanel({ lang, t }: { lang: Lang; t: DataViewMessages }) {
  const q = useDbQuery('coverage', (conn) => runQuery(conn, coverageQuery(), CoverageRow));
  if (q.status === 'error') return <p role="alert" className="error">{q.error}</p>;
  const rows = q.status === 'ready' ? q.data : q.stale;
  if (!rows) return <p className="muted" aria-busy="true">{t.loading}</p>;
  return (
    <section className="card" aria-labelledby="coverage-title" data-testid="coverage">
      <h2 id="coverage-title">{t.coverageTitle}</h2>
      <div className="table-wrap">
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t.coverageIndicator}</th>
              <th scope="col">{t.coverageDataset}</th>
              <th scope="col" className="num">{t.coverageYears}</th>
              <th scope="col">{t.coverageKind}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.indicateur}\u0000${r.jeu}`} data-coverage={`${r.indicateur}:${r.jeu}`} data-illustratif={r.illustratif ? 'true' : 'false'}>
                <th scope="row">{stripBidi((lang === 'en' ? r.libelle_en : r.libelle_fr) ?? r.indicateur)}</th>
                <td>{stripBidi(lang === 'en' ? r.nom_en : r.nom_fr)}</td>
                <td className="num">{r.debut === r.fin ? r.debut : `${r.debut}–${r.fin}`}</td>
                <td>{r.illustratif ? t.coverageIllustrative : t.coverageReal}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

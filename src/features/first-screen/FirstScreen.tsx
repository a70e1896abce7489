import { useDbQuery } from '../use-db';
import type { Messages } from '../../i18n';
import type { Lang } from '../../lib/format';
import { loadRegionTable } from './model';
import { RegionTable } from './RegionTable';

/** The first screen: the région and its départements for one indicator, at its latest year. */
export function FirstScreen({ lang, t, indicator, onIndicator }: {
  lang: Lang;
  t: Messages;
  indicator: string | undefined;
  onIndicator: (id: string) => void;
}) {
  const q = useDbQuery(`first-screen:${indicator ?? ''}`, (conn) => loadRegionTable(conn, indicator));
  const ready = q.status === 'ready';
  return (
    <section className="card" data-chart="table" data-ready={ready ? 'true' : undefined} aria-busy={!ready}>
      {q.status === 'error' ? <p role="alert" className="error">{q.error}</p> : null}
      {q.status === 'loading' ? <p className="muted">{t.loading}</p> : null}
      {ready ? (
        <>
          <div className="controls">
            <label>
              {t.indicator}{' '}
              <select value={q.data.indicator.id} onChange={(e) => onIndicator(e.target.value)}>
                {q.data.indicators.map((i) => (
                  <option key={i.id} value={i.id}>
                    {lang === 'en' ? i.libelle_en : i.libelle_fr}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <h2>{lang === 'en' ? q.data.indicator.libelle_en : q.data.indicator.libelle_fr}</h2>
          <p className="definition">{lang === 'en' ? q.data.indicator.definition_en : q.data.indicator.definition_fr}</p>
          <RegionTable model={q.data} lang={lang} t={t} />
        </>
      ) : null}
    </section>
  );
}

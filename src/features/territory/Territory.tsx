import { useEffect, useState } from 'react';
import { useDbQuery } from '../use-db';
import type { Messages } from '../../i18n';
import type { Lang } from '../../lib/format';
import type { UrlState } from '../../lib/url-state';
import { Chart } from '../../charts/Chart';
import { IllustrativeNotice } from '../../ui/IllustrativeNotice';
import { shareButtons, viewArgs } from '../view-args';
import { loadTerritory, type TerritoryModel } from './model';
import { territoryCode, territoryKey, usePrecomputedTerritory } from './use-precomputed';
import { illustrativeItems } from '../overview/model';
import { IndicatorSelect } from '../overview/Controls';

/** Fiche territoire: one département, every indicator against the région and France. */
export function Territory({ url, lang, t, navigate }: { url: UrlState; lang: Lang; t: Messages; navigate: (s: UrlState) => void }) {
  const code = territoryCode(url);
  const args = viewArgs(url, lang);
  const key = territoryKey(url, lang);
  const q = useDbQuery(`territory:${key}`, (conn) => loadTerritory(conn, { ...args, code }));
  // Before DuckDB is ready, the page drawn from the build-time answers: real data from the same SQL, so ready.
  const pre = usePrecomputedTerritory(key, { ...args, code });
  const model = q.status === 'ready' ? q.data : (pre ?? q.stale);
  const busy = q.status !== 'ready' && model !== pre;
  // The build-time page comes in two steps, as the overview's: the key figures drawn with the other charts' frames
  // and texts (not ready yet: their drawings take most of the time), then those drawings after that frame is painted.
  const showsPre = Boolean(model && model === pre);
  const later = useKeyFiguresFirst(showsPre);
  if (q.status === 'error') return <p role="alert" className="error">{q.error}</p>;
  if (!model) return <p className="muted" aria-busy="true">{t.loading}</p>;
  const c = model.charts;
  const share = shareButtons(model.byLang, lang);
  // The notice names what is illustrative, and appears only when something shown is.
  const illustrative = c ? illustrativeItems(model, t, lang) : [];
  return (
    <>
      {illustrative.length ? <IllustrativeNotice t={t} items={illustrative} /> : null}
      <section className="controls card" aria-label={t.controlsLabel}>
        <label>
          {t.chooseTerritory}
          <select value={model.territory?.code ?? ''} onChange={(e) => navigate({ ...url, vue: 'territoire', territoire: e.target.value })}>
            {model.territory ? null : <option value="">—</option>}
            {model.catalogue.departements.map((d) => (
              <option key={d.code} value={d.code}>
                {lang === 'en' ? d.nom_en : d.nom_fr} ({d.code})
              </option>
            ))}
          </select>
        </label>
        <IndicatorSelect indicators={model.catalogue.indicators} value={model.indicator.id} onChange={(id) => navigate({ ...url, indicateur: id, annee: undefined })} t={t} lang={lang} />
      </section>
      {!model.territory || !c ? (
        <p role="alert" className="error">{t.territoryNotFound(code)}</p>
      ) : (
        <>
          <h2 className="territory-name">
            {lang === 'en' ? model.territory.nom_en : model.territory.nom_fr} <span className="code">({model.territory.code})</span>
          </h2>
          {/* `data-precomputed`: the charts come from the build-time answers (DuckDB's live answers not yet in). */}
          <div className="grid" data-precomputed={model === pre ? 'true' : undefined}>
            {/* No value here or for the région (a national-only indicator): no key figures that could never be drawn. */}
            {model.national ? (
              <p className="muted span-2" data-testid="national-only">{t.nationalOnly}</p>
            ) : (
              <div className="span-2">
                <Chart snapshot={c.kpi} busy={busy} headingLevel={3} actions={share('kpi')} />
              </div>
            )}
            <div className="span-2">
              <Chart snapshot={c.comparison} busy={busy} later={later} headingLevel={3} actions={share('comparison')} />
            </div>
            <Chart snapshot={c.trend} busy={busy} later={later} headingLevel={3} actions={share('trend')} />
            <Chart snapshot={c.pipeline} busy={busy} later={later} headingLevel={3} actions={share('pipeline')} />
            <QualityNotes quality={model.quality} t={t} />
          </div>
        </>
      )}
    </>
  );
}

/** True for the first render of the build-time page (key figures only), false from the next frame on. */
function useKeyFiguresFirst(showsPre: boolean): boolean {
  const [keyFiguresOnly, setKeyFiguresOnly] = useState(true);
  useEffect(() => {
    if (!showsPre || !keyFiguresOnly) return;
    const frame = requestAnimationFrame(() => setTimeout(() => setKeyFiguresOnly(false), 0));
    return () => cancelAnimationFrame(frame);
  }, [showsPre, keyFiguresOnly]);
  return showsPre && keyFiguresOnly;
}

/** The département's data-quality notes, by indicator. */
function QualityNotes({ quality, t }: { quality: TerritoryModel['quality']; t: Messages }) {
  return (
    <section className="card span-2 quality" aria-labelledby="quality-title">
      <h3 id="quality-title">{t.territoryQuality}</h3>
      {quality.length ? (
        <dl>
          {quality.map((qq) => (
            <div key={qq.indicator}>
              <dt>{qq.indicator}</dt>
              {qq.notes.map((n) => (
                <dd key={n}>{n}</dd>
              ))}
            </div>
          ))}
        </dl>
      ) : (
        <p>{t.territoryQualityNone}</p>
      )}
    </section>
  );
}

import { useEffect, useState, useSyncExternalStore } from 'react';
import { isAsked, seed, useDbQuery } from '../use-db';
import { getDbState, holdDbStart, subscribeDb } from '../../data/db-loader';
import { isPrecomputedOverview, usePrecomputedOverview } from './use-precomputed';
import { getDataVersion, subscribeDataVersion } from '../../data/version';
import type { Messages } from '../../i18n';
import type { Lang } from '../../lib/format';
import { formatUrlState, type UrlState } from '../../lib/url-state';
import { Chart } from '../../charts/Chart';
import { IllustrativeNotice } from '../../ui/IllustrativeNotice';
import { shareButtons, viewArgs } from '../view-args';
import { illustrativeItems, loadOverviews, type OverviewModel } from './model';
import { loadCatalogue, pickIndicator } from '../catalogue';
import type { Connector } from '../../data/connector';
import { IndicatorSelect, TargetInputs, TerritoryPicker, YearSelect } from './Controls';

/** Indicators whose overview is computed ahead of time (the first ones of the selector). */
const PREFETCH_MAX = 12;

/** The cache key of an overview: everything of the URL that changes its queries. */
function overviewKey(url: UrlState, lang: Lang): string {
  const a = viewArgs(url, lang);
  return `overview:${JSON.stringify([a.indicateur, a.annee, url.territoires, url.parcours, a.cible, a.anneeCible, lang])}`;
}

/**
 * The overview asked for, computed with the same five queries as the other indicators' (the first ones of the
 * selector, unless already asked for): those are handed to the cache, so changing the indicator then only redraws.
 */
async function loadWithOthers(conn: Connector, url: UrlState, lang: Lang): Promise<OverviewModel> {
  const catalogue = await loadCatalogue(conn);
  const current = pickIndicator(catalogue, url.indicateur).id;
  const others = catalogue.indicators.map((i) => ({ ...url, indicateur: i.id, annee: undefined }))
    .filter((u) => u.indicateur !== current && !isAsked(overviewKey(u, lang))).slice(0, PREFETCH_MAX);
  const all = [url, ...others];
  const models = loadOverviews(conn, { ...viewArgs(url, lang), territoires: url.territoires, parcours: url.parcours },
    all.map((u) => ({ indicateur: u.indicateur, annee: u.annee, permalink: viewArgs(u, lang).permalink })));
  others.forEach((u, i) => seed(overviewKey(u, lang), models.then((m) => m[i + 1] as OverviewModel)));
  const [model] = await models;
  if (!model) throw new Error('no overview');
  return model;
}

/** Vue d'ensemble: KPI, map, ranking, trend and pipeline for one indicator and year. */
export function Overview({ url, lang, t, navigate }: { url: UrlState; lang: Lang; t: Messages; navigate: (s: UrlState) => void }) {
  const args = viewArgs(url, lang);
  const { cible, anneeCible } = args;
  const db = useSyncExternalStore(subscribeDb, getDbState);
  const exact = isPrecomputedOverview(url);
  // Fetched only if the page opens on a view computed at build time (any indicator, year and language, default
  // settings otherwise) before DuckDB is ready; kept until the first live answer.
  const [wantPre] = useState(() => exact && db.status !== 'ready');
  // Meanwhile DuckDB waits until the build-time charts are painted (released at once if there are none).
  const [release] = useState(() => {
    let done: () => void = () => undefined;
    const painted = new Promise<void>((r) => (done = r));
    if (wantPre && db.status === 'idle') holdDbStart(painted);
    return done;
  });
  const q = useDbQuery(overviewKey(url, lang), (conn) => loadWithOthers(conn, url, lang));
  // The build-time overviews stay usable for another indicator or year while the data is the one loaded when the
  // page opened (no import, removal or activation since).
  const dataVersion = useSyncExternalStore(subscribeDataVersion, getDataVersion);
  const [openedOn] = useState(dataVersion);
  const precomputed = usePrecomputedOverview(wantPre && dataVersion === openedOn, lang, args.permalink, release, url.indicateur, url.annee, exact);
  const pre = precomputed.exact;
  const model = q.status === 'ready' ? q.data : (pre ?? q.stale ?? precomputed.fallback ?? undefined);
  // The build-time charts are real data from the same SQL: they count as ready until the live ones replace them.
  const busy = q.status !== 'ready' && !(model && model === pre);
  const showsPre = Boolean(model && model === pre);
  // The build-time charts come in two steps: the key figures drawn, the other charts' frames and texts (not
  // ready: their drawings take most of the time), then those drawings right after that frame is painted.
  const [keyFiguresOnly, setKeyFiguresOnly] = useState(true);
  const firstStep = showsPre && keyFiguresOnly;
  useEffect(() => {
    if (!showsPre) return;
    if (keyFiguresOnly) {
      const frame = requestAnimationFrame(() => setTimeout(() => setKeyFiguresOnly(false), 0));
      return () => cancelAnimationFrame(frame);
    }
    // Two frames after all the build-time charts are committed, they are on screen: DuckDB may start.
    performance.mark('overview:precomputed-shown');
    requestAnimationFrame(() => requestAnimationFrame(release));
  }, [showsPre, keyFiguresOnly, release]);
  if (q.status === 'error') return <p role="alert" className="error">{q.error}</p>;
  if (!model) return <p className="muted" aria-busy="true">{t.loading}</p>;
  const hrefFor = (code: string) => formatUrlState({ vue: 'territoire', territoire: code, indicateur: url.indicateur, lang: url.lang }) || '?';
  const c = model.charts;
  const share = shareButtons(model.byLang, lang);
  // The notice names what is illustrative, and appears only when something shown is.
  const illustrative = c ? illustrativeItems(model, t, lang) : [];
  return (
    <>
      {illustrative.length ? <IllustrativeNotice t={t} items={illustrative} /> : null}
      <section className="controls card" aria-label={t.controlsLabel}>
        <IndicatorSelect
          indicators={model.catalogue.indicators}
          value={model.indicator.id}
          onChange={(id) => navigate({ ...url, indicateur: id, annee: undefined })}
          t={t}
          lang={lang}
        />
        {model.year !== null ? (
          <YearSelect years={model.years} value={model.year} onChange={(y) => navigate({ ...url, annee: y === model.defaultYear ? undefined : y })} t={t} />
        ) : null}
        <TargetInputs cible={cible} annee={anneeCible} onChange={(cc, aa) => navigate({ ...url, cible: cc, annee_cible: aa })} t={t} />
      </section>
      {c ? (
        // `data-precomputed`: the charts come from the build-time snapshots (DuckDB's live answers not yet in).
        <div className="grid" data-precomputed={showsPre ? 'true' : undefined}>
          {/* An indicator without région or département values (national only) has no key figures, map or ranking. */}
          {model.national ? (
            <p className="muted span-2" data-testid="national-only">{t.nationalOnly}</p>
          ) : (
            <>
              <div className="span-2">
                <Chart snapshot={c.kpi} busy={busy} actions={share('kpi')} />
              </div>
              <Chart snapshot={c.map} busy={busy} later={firstStep} hrefFor={hrefFor} actions={share('map')} />
              <Chart snapshot={c.ranking} busy={busy} later={firstStep} actions={share('ranking')} />
            </>
          )}
          <div className="span-2">
            <Chart
              snapshot={c.trend}
              busy={busy}
              later={firstStep}
              actions={
                <>
                  {share('trend')}
                  {/* No département has a value of a national-only indicator: nothing to pick. */}
                  {model.national ? null : <TerritoryPicker
                    departements={model.catalogue.departements}
                    picked={url.territoires ?? []}
                    onChange={(codes) => navigate({ ...url, territoires: codes.length ? codes : undefined })}
                    t={t}
                    lang={lang}
                  />}
                </>
              }
            />
          </div>
          <div className="span-2">
            <Chart
              snapshot={c.pipeline}
              busy={busy}
              later={firstStep}
              actions={
                <>
                  {share('pipeline')}
                  <label className="inline">
                    {t.pipelineTerritory}
                    <select value={url.parcours ?? '76'} onChange={(e) => navigate({ ...url, parcours: e.target.value === '76' ? undefined : e.target.value })}>
                      {model.catalogue.scope.filter((s) => s.type === 'region' || s.type === 'departement').map((s) => (
                        <option key={s.code} value={s.code}>{lang === 'en' ? s.nom_en : s.nom_fr}</option>
                      ))}
                    </select>
                  </label>
                </>
              }
            />
          </div>
        </div>
      ) : (
        <p className="muted">{t.chartEmpty}</p>
      )}
    </>
  );
}

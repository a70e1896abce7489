import { useEffect, useState, useSyncExternalStore } from 'react';
import { prefetch, useDbQuery } from '../use-db';
import { getDbState, holdDbStart, subscribeDb } from '../../data/db-loader';
import { isDefaultOverview, usePrecomputedOverview } from './use-precomputed';
import type { Messages } from '../../i18n';
import type { Lang } from '../../lib/format';
import { formatUrlState, type UrlState } from '../../lib/url-state';
import { Chart } from '../../charts/Chart';
import { IllustrativeNotice } from '../../ui/IllustrativeNotice';
import { shareButtons, viewArgs } from '../view-args';
import { loadOverview } from './model';
import { IndicatorSelect, TargetInputs, TerritoryPicker, YearSelect } from './Controls';

/** Indicators whose overview is computed ahead of time (the first ones of the selector). */
const PREFETCH_MAX = 12;

/** The cache key of an overview: everything of the URL that changes its queries. */
function overviewKey(url: UrlState, lang: Lang): string {
  const a = viewArgs(url, lang);
  return `overview:${JSON.stringify([a.indicateur, a.annee, url.territoires, url.parcours, a.cible, a.anneeCible, lang])}`;
}

/** Resolves after the tasks already waiting (a click, a frame) have run. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Vue d'ensemble: KPI, map, ranking, trend and pipeline for one indicator and year. */
export function Overview({ url, lang, t, navigate }: { url: UrlState; lang: Lang; t: Messages; navigate: (s: UrlState) => void }) {
  const args = viewArgs(url, lang);
  const { cible, anneeCible } = args;
  const db = useSyncExternalStore(subscribeDb, getDbState);
  const isDefault = isDefaultOverview(url);
  // Fetched only if the page opens on the default view before DuckDB is ready; kept until the first live answer.
  const [wantPre] = useState(() => isDefault && db.status !== 'ready');
  // Meanwhile DuckDB waits until the build-time charts are painted (released at once if there are none).
  const [release] = useState(() => {
    let done: () => void = () => undefined;
    const painted = new Promise<void>((r) => (done = r));
    if (wantPre && db.status === 'idle') holdDbStart(painted);
    return done;
  });
  const q = useDbQuery(overviewKey(url, lang), (conn) => loadOverview(conn, { ...args, territoires: url.territoires, parcours: url.parcours }));
  const live = q.status === 'ready' ? q.data : null;
  useEffect(() => {
    if (!live) return;
    // The other indicators' overviews, computed in the background once this one is shown: changing the
    // indicator then only redraws. One at a time, so that a query of the user's waits for one at most.
    const ids = live.catalogue.indicators.map((i) => i.id).filter((id) => id !== live.indicator.id).slice(0, PREFETCH_MAX);
    let current = true;
    void (async () => {
      for (const id of ids) {
        await yieldToPage();
        if (!current) return;
        const next = { ...url, indicateur: id, annee: undefined };
        const a = viewArgs(next, lang);
        await prefetch(overviewKey(next, lang), (conn) => loadOverview(conn, { ...a, territoires: next.territoires, parcours: next.parcours }));
      }
    })();
    return () => {
      current = false;
    };
    // `url` and `lang` are what `live` was computed for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live]);
  const pre = usePrecomputedOverview(wantPre && isDefault, lang, args.permalink, release);
  const model = q.status === 'ready' ? q.data : (q.stale ?? pre ?? undefined);
  // The build-time charts are real data from the same SQL: they count as ready until the live ones replace them.
  const busy = q.status !== 'ready' && !(model && model === pre);
  const showsPre = Boolean(model && model === pre);
  useEffect(() => {
    // Two frames after the build-time charts are committed, they are on screen: DuckDB may start.
    if (showsPre) performance.mark('overview:precomputed-shown');
    if (showsPre) requestAnimationFrame(() => requestAnimationFrame(release));
  }, [showsPre, release]);
  if (q.status === 'error') return <p role="alert" className="error">{q.error}</p>;
  if (!model) return <p className="muted" aria-busy="true">{t.loading}</p>;
  const hrefFor = (code: string) => formatUrlState({ vue: 'territoire', territoire: code, indicateur: url.indicateur, lang: url.lang }) || '?';
  const c = model.charts;
  const share = shareButtons(model.byLang, lang);
  const illustrative = c ? Object.values(c).some((s) => s.illustratif) : false;
  return (
    <>
      {illustrative ? <IllustrativeNotice t={t} /> : null}
      <section className="controls card" aria-label={t.controlsLabel}>
        <IndicatorSelect
          indicators={model.catalogue.indicators}
          value={model.indicator.id}
          onChange={(id) => navigate({ ...url, indicateur: id, annee: undefined })}
          t={t}
          lang={lang}
        />
        {model.year !== null ? (
          <YearSelect years={model.years} value={model.year} onChange={(y) => navigate({ ...url, annee: y === model.years[0] ? undefined : y })} t={t} />
        ) : null}
        <TargetInputs cible={cible} annee={anneeCible} onChange={(cc, aa) => navigate({ ...url, cible: cc, annee_cible: aa })} t={t} />
      </section>
      {c ? (
        <div className="grid">
          <div className="span-2">
            <Chart snapshot={c.kpi} busy={busy} actions={share('kpi')} />
          </div>
          <Chart snapshot={c.map} busy={busy} hrefFor={hrefFor} actions={share('map')} />
          <Chart snapshot={c.ranking} busy={busy} actions={share('ranking')} />
          <div className="span-2">
            <Chart
              snapshot={c.trend}
              busy={busy}
              actions={
                <>
                {share('trend')}
                <TerritoryPicker
                  departements={model.catalogue.departements}
                  picked={url.territoires ?? []}
                  onChange={(codes) => navigate({ ...url, territoires: codes.length ? codes : undefined })}
                  t={t}
                  lang={lang}
                />
                </>
              }
            />
          </div>
          <div className="span-2">
            <Chart
              snapshot={c.pipeline}
              busy={busy}
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

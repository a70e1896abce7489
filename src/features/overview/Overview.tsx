import { useDbQuery } from '../use-db';
import type { Messages } from '../../i18n';
import type { Lang } from '../../lib/format';
import { DEFAULT_TARGET, formatUrlState, type UrlState } from '../../lib/url-state';
import { Chart } from '../../charts/Chart';
import { IllustrativeNotice } from '../../ui/IllustrativeNotice';
import { ShareButton } from '../share/ShareDialog';
import { loadOverview } from './model';
import { IndicatorSelect, TargetInputs, TerritoryPicker, YearSelect } from './Controls';

/** Vue d'ensemble: KPI, map, ranking, trend and pipeline for one indicator and year. */
export function Overview({ url, lang, t, navigate }: { url: UrlState; lang: Lang; t: Messages; navigate: (s: UrlState) => void }) {
  const cible = url.cible ?? DEFAULT_TARGET.cible;
  const anneeCible = url.annee_cible ?? DEFAULT_TARGET.annee;
  const key = JSON.stringify([url.indicateur, url.annee, url.territoires, cible, anneeCible, lang]);
  const q = useDbQuery(`overview:${key}`, (conn) =>
    loadOverview(conn, {
      lang,
      indicateur: url.indicateur,
      annee: url.annee,
      territoires: url.territoires,
      cible,
      anneeCible,
      permalink: `${window.location.origin}${window.location.pathname}${formatUrlState(url)}`,
      now: new Date(),
    }),
  );
  const model = q.status === 'ready' ? q.data : q.stale;
  const busy = q.status !== 'ready';
  if (q.status === 'error') return <p role="alert" className="error">{q.error}</p>;
  if (!model) return <p className="muted" aria-busy="true">{t.loading}</p>;
  const hrefFor = (code: string) => formatUrlState({ vue: 'territoire', territoire: code, indicateur: url.indicateur, lang: url.lang }) || '?';
  const c = model.charts;
  const b = model.byLang;
  const share = (k: keyof NonNullable<typeof b>['fr']) => (b ? <ShareButton snapshots={{ fr: b.fr[k], en: b.en[k] }} lang={lang} /> : null);
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
            <Chart snapshot={c.pipeline} busy={busy} actions={share('pipeline')} />
          </div>
        </div>
      ) : (
        <p className="muted">{t.chartEmpty}</p>
      )}
    </>
  );
}

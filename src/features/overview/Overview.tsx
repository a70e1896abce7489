import type { ReactNode } from 'react';
import type { Messages } from '../../i18n';
import type { Lang } from '../../lib/format';
import { formatUrlState, type UrlState } from '../../lib/url-state';
import { Chart } from '../../charts/Chart';
import { IllustrativeNotice } from '../../ui/IllustrativeNotice';
import { shareButtons, viewArgs } from '../view-args';
import { illustrativeItems, type OverviewCharts as Charts, type OverviewModel } from './model';
import { IndicatorSelect, TargetInputs, TerritoryPicker, YearSelect } from './Controls';
import { useOverview } from './use-overview';

interface ViewProps {
  url: UrlState;
  lang: Lang;
  t: Messages;
  navigate: (s: UrlState) => void;
}

/** Vue d'ensemble: KPI, map, ranking, trend and pipeline for one indicator and year. */
export function Overview({ url, lang, t, navigate }: ViewProps) {
  const { error, model, busy, showsPre, firstStep } = useOverview(url, lang);
  if (error !== null) return <p role="alert" className="error">{error}</p>;
  if (!model) return <p className="muted" aria-busy="true">{t.loading}</p>;
  // The notice names what is illustrative, and appears only when something shown is.
  const illustrative = model.charts ? illustrativeItems(model, t, lang) : [];
  return (
    <>
      {illustrative.length ? <IllustrativeNotice t={t} items={illustrative} /> : null}
      <OverviewControls model={model} url={url} lang={lang} t={t} navigate={navigate} />
      {model.charts ? (
        <OverviewCharts model={model} charts={model.charts} busy={busy} showsPre={showsPre} firstStep={firstStep} url={url} lang={lang} t={t} navigate={navigate} />
      ) : (
        <p className="muted">{t.chartEmpty}</p>
      )}
    </>
  );
}

/** The indicator, year and target of the overview. */
function OverviewControls({ model, url, lang, t, navigate }: ViewProps & { model: OverviewModel }) {
  const { cible, anneeCible } = viewArgs(url, lang);
  return (
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
  );
}

/** The five charts of a model with data (or the trend and pipeline only, for a national-only indicator). */
function OverviewCharts({ model, charts: c, busy, showsPre, firstStep, url, lang, t, navigate }: ViewProps & {
  model: OverviewModel;
  charts: Charts;
  busy: boolean;
  showsPre: boolean;
  firstStep: boolean;
}) {
  const hrefFor = (code: string) => formatUrlState({ vue: 'territoire', territoire: code, indicateur: url.indicateur, lang: url.lang }) || '?';
  const share = shareButtons(model.byLang, lang);
  return (
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
      <Wide>
        <Chart snapshot={c.trend} busy={busy} later={firstStep} actions={<>{share('trend')}{model.national ? null : <TrendPicker model={model} url={url} lang={lang} t={t} navigate={navigate} />}</>} />
      </Wide>
      <Wide>
        <Chart snapshot={c.pipeline} busy={busy} later={firstStep} actions={<>{share('pipeline')}<PipelineTerritory model={model} url={url} lang={lang} t={t} navigate={navigate} /></>} />
      </Wide>
    </div>
  );
}

/** A chart across both columns of the grid. */
function Wide({ children }: { children: ReactNode }) {
  return <div className="span-2">{children}</div>;
}

/** The trend's départements (none picked: the highest and the lowest). No département of a national-only indicator has a value: not shown then. */
function TrendPicker({ model, url, lang, t, navigate }: ViewProps & { model: OverviewModel }) {
  return (
    <TerritoryPicker
      departements={model.catalogue.departements}
      picked={url.territoires ?? []}
      onChange={(codes) => navigate({ ...url, territoires: codes.length ? codes : undefined })}
      t={t}
      lang={lang}
    />
  );
}

/** The pipeline's territory: the région (the default) or one of its départements. */
function PipelineTerritory({ model, url, lang, t, navigate }: ViewProps & { model: OverviewModel }) {
  return (
    <label className="inline">
      {t.pipelineTerritory}
      <select value={url.parcours ?? '76'} onChange={(e) => navigate({ ...url, parcours: e.target.value === '76' ? undefined : e.target.value })}>
        {model.catalogue.scope.filter((s) => s.type === 'region' || s.type === 'departement').map((s) => (
          <option key={s.code} value={s.code}>{lang === 'en' ? s.nom_en : s.nom_fr}</option>
        ))}
      </select>
    </label>
  );
}

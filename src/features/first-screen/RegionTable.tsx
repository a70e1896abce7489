import type { Messages } from '../../i18n';
import { formatCount, formatPercent, formatPoints, formatDate, type Lang } from '../../lib/format';
import type { MesureRow } from '../../data/sql/measures';
import type { RegionTableModel } from './model';

function notesOf(m: MesureRow | null, t: Messages): string[] {
  if (!m) return [t.noData];
  const notes: string[] = [];
  if (m.origine === 'calcul_departements') notes.push(t.regionComputed(m.n_manquants ?? 0));
  if (m.raison === 'secret') notes.push(t.secret);
  if (m.raison === 'parts_seules') notes.push(t.sharesOnly);
  if (m.raison === 'absent') notes.push(t.noData);
  if (m.faible_fiabilite) notes.push(t.lowReliability);
  return notes;
}

/** The région and its départements for one indicator and year: a plain, accessible table. */
export function RegionTable({ model, lang, t }: { model: RegionTableModel; lang: Lang; t: Messages }) {
  const label = lang === 'en' ? model.indicator.libelle_en : model.indicator.libelle_fr;
  const year = model.year === null ? t.notAvailable : String(model.year);
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption>{t.tableCaption(label, year)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.territory}</th>
            <th scope="col" className="num">{t.shareWomen}</th>
            <th scope="col" className="num">{t.gapToParity}</th>
            <th scope="col" className="num">{t.women}</th>
            <th scope="col" className="num">{t.headcount}</th>
            <th scope="col">{t.notes}</th>
          </tr>
        </thead>
        <tbody>
          {model.rows.map(({ territory, measure }) => (
            <tr key={territory.code} data-territoire={territory.code} className={territory.type === 'region' ? 'is-region' : undefined}>
              <th scope="row">
                {lang === 'en' ? territory.nom_en : territory.nom_fr} <span className="code">({territory.code})</span>
              </th>
              <td className="num" data-value={measure?.part ?? ''}>
                {measure?.part != null ? formatPercent(measure.part, lang) : t.notAvailable}
                {measure?.faible_fiabilite ? <span aria-hidden="true"> *</span> : null}
              </td>
              <td className="num">{measure?.ecart_parite != null ? formatPoints(measure.ecart_parite, lang) : t.notAvailable}</td>
              <td className="num">{measure?.femmes != null ? formatCount(measure.femmes, lang) : t.notAvailable}</td>
              <td className="num">{measure?.effectif != null ? formatCount(measure.effectif, lang) : t.notAvailable}</td>
              <td className="notes">{notesOf(measure, t).join(' ; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sources">
        <strong>{t.sourcesLabel}</strong>{' '}
        {model.sources.map((s, i) => (
          <span key={s.id}>
            {i > 0 ? ' · ' : ''}
            {s.source} ({s.derniere_maj ? t.lastUpdate(formatDate(s.derniere_maj, lang)) : t.lastUpdateUnknown}{t.listSep}{s.licence})
          </span>
        ))}
      </p>
    </div>
  );
}

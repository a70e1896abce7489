import { useId } from 'react';
import type { DataViewMessages } from '../../i18n/data';
import { formatCount, formatPercent, type Lang } from '../../lib/format';
import type { DatasetIdentity, ImportPreview, ImportTarget } from '../../data/import';
import { stripBidi } from '../../lib/bidi';

/** The select's value of a target: `nouveau`, `remplacer:ID` or `ajouter:ID`. */
export function targetValue(t: ImportTarget): string {
  return t.kind === 'nouveau' ? 'nouveau' : `${t.kind}:${t.id}`;
}

function parseTarget(v: string): ImportTarget {
  const [kind, ...rest] = v.split(':');
  const id = rest.join(':');
  return (kind === 'remplacer' || kind === 'ajouter') && id ? { kind, id } : { kind: 'nouveau' };
}

const FIELDS = ['nom', 'producteur', 'url', 'date_publication', 'licence'] as const;

/**
 * Where the import goes (`select[data-testid=import-target]`: a new dataset, or an imported one replaced or added
 * to), the values of other datasets it would override (`[data-testid=import-overrides]`, before « Importer »), and
 * the dataset's identity, editable (`[data-testid=identity-FIELD]`).
 */
export function ImportDestination({ datasets, target, preview, identite, lang, t, onTarget, onIdentity }: {
  datasets: readonly { id: string; nom: string }[];
  target: ImportTarget;
  preview: ImportPreview | null;
  identite: DatasetIdentity;
  lang: Lang;
  t: DataViewMessages;
  onTarget: (target: ImportTarget) => void;
  onIdentity: (identite: DatasetIdentity) => void;
}) {
  const base = useId();
  const n = (x: number) => formatCount(x, lang);
  const share = (x: number | null) => (x === null ? '—' : formatPercent(x, lang, 1));
  const o = preview?.overrides ?? [];
  return (
    <fieldset className="recipe import-destination">
      <legend>{t.destinationTitle}</legend>
      <span className="recipe-field">
        <label htmlFor={`${base}-target`}>{t.destinationLabel}</label>
        <select id={`${base}-target`} data-testid="import-target" value={targetValue(target)} onChange={(e) => onTarget(parseTarget(e.target.value))}>
          <option value="nouveau">{t.destinationNew}</option>
          {datasets.map((d) => <option key={`a-${d.id}`} value={`ajouter:${d.id}`}>{t.destinationAdd(stripBidi(d.nom))}</option>)}
          {datasets.map((d) => <option key={`r-${d.id}`} value={`remplacer:${d.id}`}>{t.destinationReplace(stripBidi(d.nom))}</option>)}
        </select>
      </span>
      {o.length ? (
        <div className="report-overrides recipe-wide" data-testid="import-overrides" data-count={o[0]?.n ?? 0} role="note">
          <p><strong>{t.overridesTitle(n(o[0]?.n ?? 0))}</strong></p>
          <div className="table-wrap">
            <table className="data-table compact">
              <thead><tr><th scope="col">{t.overridesTerritory}</th><th scope="col">{t.overridesYear}</th><th scope="col">{t.overridesIndicator}</th><th scope="col">{t.overridesDataset}</th><th scope="col">{t.overridesChange}</th></tr></thead>
              <tbody>
                {o.map((r) => (
                  <tr key={`${r.territoire}-${r.annee}-${r.indicateur}-${r.jeu}`}><td>{r.territoire}</td><td>{r.annee}</td><td>{r.indicateur}</td><td>{r.jeu}</td><td>{share(r.ancienne)} → {share(r.nouvelle)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          {(o[0]?.n ?? 0) > o.length ? <p className="muted">{t.reportMore(n((o[0]?.n ?? 0) - o.length))}</p> : null}
        </div>
      ) : null}
      <p className="muted recipe-wide">{t.identityHelp}</p>
      {FIELDS.map((f) => (
        <span key={f} className="recipe-field">
          <label htmlFor={`${base}-${f}`}>{t.identityLabels[f]}</label>
          <input id={`${base}-${f}`} data-testid={`identity-${f}`} type={f === 'date_publication' ? 'date' : f === 'url' ? 'url' : 'text'} value={identite[f]} maxLength={f === 'licence' ? 200 : f === 'url' ? 500 : 300}
            onChange={(e) => onIdentity({ ...identite, [f]: e.target.value })} />
        </span>
      ))}
    </fieldset>
  );
}

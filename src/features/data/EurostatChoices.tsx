import { useId, useState } from 'react';
import type { DataViewMessages } from '../../i18n/data';
import { formatCount, type Lang } from '../../lib/format';
import { unitKind, type EurostatInfo } from '../../data/import';

const ID = /^[a-z0-9_]{1,64}$/;

/**
 * What a Eurostat file needs chosen before it imports: the target indicator (`select[data-testid=import-indicator]`,
 * option values are indicator ids, or a new id typed by the analyst) and one value per dimension with several
 * (`select[data-dimension=NAME]`, option values are the file's codes). Each change asks for a new analysis.
 */
export function EurostatChoices({ info, indicators, labelOf, lang, t, onIndicator, onDimension }: {
  info: EurostatInfo;
  indicators: readonly string[];
  /** An indicator's name as the list shows it. */
  labelOf: (id: string) => string;
  lang: Lang;
  t: DataViewMessages;
  onIndicator: (id: string) => void;
  onDimension: (name: string, value: string) => void;
}) {
  const base = useId();
  const [draft, setDraft] = useState('');
  const [bad, setBad] = useState(false);
  const options = info.indicateur && !indicators.includes(info.indicateur) ? [...indicators, info.indicateur] : indicators;
  // A code as the lists show it: the file's label after it when it gives one, and for a unit what it measures.
  const codeText = (d: EurostatInfo['dimensions'][number], v: string) =>
    [v, d.labels && Object.hasOwn(d.labels, v) ? `— ${d.labels[v]}` : '', d.name === 'unit' ? `(${t.eurostatUnitKind(unitKind(v))})` : ''].filter(Boolean).join(' ');
  const applyNew = () => {
    const id = draft.trim();
    setBad(!ID.test(id));
    if (ID.test(id)) onIndicator(id);
  };
  return (
    <fieldset className="recipe eurostat-choices">
      <legend>{t.eurostatTitle}</legend>
      <p className="muted recipe-wide">{info.dataset ? t.eurostatDataset(info.dataset) : t.eurostatNoDataset}</p>
      <label>
        {t.eurostatIndicator}
        <select data-testid="import-indicator" value={info.indicateur ?? ''} onChange={(e) => e.target.value && onIndicator(e.target.value)}>
          {info.indicateur ? null : <option value="">{t.eurostatChoose}</option>}
          {options.map((i) => <option key={i} value={i}>{labelOf(i)}</option>)}
        </select>
      </label>
      <div className="recipe-field">
        <label htmlFor={`${base}-new`}>{t.eurostatNewIndicator}</label>
        <span className="inline">
          <input id={`${base}-new`} value={draft} maxLength={64} aria-invalid={bad} aria-describedby={bad ? `${base}-bad` : undefined} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && applyNew()} />
          <button type="button" className="btn-link" onClick={applyNew}>{t.eurostatUseNew}</button>
        </span>
        {bad ? <p id={`${base}-bad`} role="alert">{t.eurostatBadId}</p> : null}
      </div>
      {info.dimensions.map((d) =>
        d.values.length > 1 ? (
          <label key={d.name}>
            {t.eurostatDimension(d.name, formatCount(d.values.length, lang))}
            <select data-dimension={d.name} value={d.chosen ?? ''} onChange={(e) => e.target.value && onDimension(d.name, e.target.value)}>
              {d.chosen === null ? <option value="">{t.eurostatChoose}</option> : null}
              {d.values.map((v) => <option key={v} value={v}>{codeText(d, v)}</option>)}
            </select>
          </label>
        ) : (
          <p key={d.name} className="muted">{t.eurostatFixed(d.name, codeText(d, d.values[0] ?? ''))}</p>
        ),
      )}
    </fieldset>
  );
}

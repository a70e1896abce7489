import type { Messages } from '../../i18n';
import type { Lang } from '../../lib/format';
import type { IndicatorRow, TerritoryRow } from '../../data/sql/catalogue';

const STAGES = ['orientation', 'education', 'formation_pro', 'emploi', 'insertion'] as const;

/** Indicator picker grouped by pipeline stage. */
export function IndicatorSelect({ indicators, value, onChange, t, lang }: {
  indicators: readonly IndicatorRow[];
  value: string;
  onChange: (id: string) => void;
  t: Messages;
  lang: Lang;
}) {
  return (
    <label>
      {t.indicator}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {STAGES.map((stage) => {
          const items = indicators.filter((i) => i.etape === stage);
          return items.length ? (
            <optgroup key={stage} label={t[`stage_${stage}`]}>
              {items.map((i) => (
                <option key={i.id} value={i.id}>
                  {lang === 'en' ? i.libelle_en : i.libelle_fr}
                </option>
              ))}
            </optgroup>
          ) : null;
        })}
      </select>
    </label>
  );
}

export function YearSelect({ years, value, onChange, t }: { years: readonly number[]; value: number; onChange: (y: number) => void; t: Messages }) {
  return (
    <label>
      {t.year}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Target share and year; a value is applied when the field is left or Enter is pressed. */
export function TargetInputs({ cible, annee, onChange, t }: { cible: number; annee: number; onChange: (c: number, a: number) => void; t: Messages }) {
  const commit = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const c = Number(data.get('cible'));
    const a = Number(data.get('annee_cible'));
    if (Number.isFinite(c) && c >= 1 && c <= 100 && Number.isInteger(a) && a >= 2000 && a <= 2100) onChange(c, a);
  };
  return (
    <form
      className="target-form"
      key={`${cible}-${annee}`}
      onSubmit={(e) => {
        e.preventDefault();
        commit(e.currentTarget);
      }}
      onBlur={(e) => commit(e.currentTarget)}
    >
      <label>
        {t.target}
        <input name="cible" type="number" min={1} max={100} step={1} defaultValue={cible} inputMode="numeric" />
      </label>
      <label>
        {t.targetYear}
        <input name="annee_cible" type="number" min={2000} max={2100} step={1} defaultValue={annee} inputMode="numeric" />
      </label>
    </form>
  );
}

/** Départements to draw on the trend chart. */
export function TerritoryPicker({ departements, picked, onChange, t, lang }: {
  departements: readonly TerritoryRow[];
  picked: readonly string[];
  onChange: (codes: string[]) => void;
  t: Messages;
  lang: Lang;
}) {
  return (
    <details className="picker">
      <summary>
        {picked.length ? `${t.trendTerritories} (${picked.length})` : `${t.trendTerritories}${lang === 'en' ? ':' : ' :'} ${t.trendTerritoriesAuto}`}
      </summary>
      <fieldset>
        <legend className="visually-hidden">{t.trendTerritories}</legend>
        <p className="hint">{t.trendTerritoriesHint}</p>
        <div className="picker-grid">
          {departements.map((d) => (
            <label key={d.code} className="check">
              <input
                type="checkbox"
                checked={picked.includes(d.code)}
                onChange={(e) => onChange(e.target.checked ? [...picked, d.code] : picked.filter((c) => c !== d.code))}
              />
              {lang === 'en' ? d.nom_en : d.nom_fr}
            </label>
          ))}
        </div>
      </fieldset>
    </details>
  );
}

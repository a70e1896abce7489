import { useState, type ReactNode } from 'react';
import type { DataViewMessages } from '../../i18n/data';
import { blankRecipe, editedRecipe, PRESETS, Recipe, recipeToSave } from '../../data/import';
import { downloadText } from '../../ui/download';

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

type RecipeFilter = Recipe['filtres'][number];
type ColumnSelect = (label: string, value: string, onChange: (v: string) => void, optional?: boolean) => ReactNode;

/** The recipe's filters: each a column, a condition (one of, equals, starts with, none of) and its values; any number of them. */
function Filters({ filtres, onChange, columnSelect, t }: { filtres: readonly RecipeFilter[]; onChange: (f: RecipeFilter[]) => void; columnSelect: ColumnSelect; t: DataViewMessages }) {
  const put = (i: number, f: RecipeFilter | null) => onChange(filtres.flatMap((x, j) => (j !== i ? [x] : f ? [f] : [])));
  return (
    <>
      {filtres.map((f, i) => (
        <div className="recipe-filter" key={i}>
          {columnSelect(t.recipeFilterCol, f.colonne, (v) => put(i, v ? { ...f, colonne: v } : null), true)}
          <label>
            {t.recipeFilterMode}
            <select value={f.mode ?? 'parmi'} onChange={(e) => put(i, { ...f, mode: e.target.value as NonNullable<RecipeFilter['mode']> })}>
              <option value="parmi">{t.recipeFilterIn}</option>
              <option value="egal">{t.recipeFilterEq}</option>
              <option value="commence">{t.recipeFilterStarts}</option>
              <option value="sauf">{t.recipeFilterNot}</option>
            </select>
          </label>
          <label>{t.recipeFilterValues}<input defaultValue={f.valeurs.join(', ')} onBlur={(e) => put(i, { ...f, valeurs: list(e.target.value) })} /></label>
          <label className="inline">
            <input type="checkbox" checked={f.optionnel === true} onChange={(e) => put(i, { ...f, optionnel: e.target.checked || undefined })} /> {t.recipeFilterOptional}
          </label>
          <button type="button" className="btn-link" onClick={() => put(i, null)}>{t.recipeFilterRemove}</button>
        </div>
      ))}
      <button type="button" className="btn-link" onClick={() => onChange([...filtres, { colonne: '', valeurs: [] }])}>{t.recipeFilterAdd}</button>
    </>
  );
}

/** Sex as a column with its codes (F/M/T, H/F/E, 1/2, Femmes/Hommes…) and a value, weight or count; or as paired columns. */
function SexFields({ r, set, columnSelect, t }: { r: Recipe; set: (p: Partial<Recipe>) => void; columnSelect: ColumnSelect; t: DataViewMessages }) {
  const sx = r.sexe;
  if (sx.mode === 'colonnes') {
    return (
      <>
        {columnSelect(t.recipeWomen, sx.femmes, (v) => set({ sexe: { ...sx, femmes: v } }))}
        {columnSelect(t.recipeMen, sx.hommes ?? '', (v) => set({ sexe: { ...sx, hommes: v || undefined } }), true)}
        {columnSelect(t.recipeTotal, sx.total ?? '', (v) => set({ sexe: { ...sx, total: v || undefined } }), true)}
      </>
    );
  }
  return (
    <>
      {columnSelect(t.recipeSexCol, sx.colonne, (v) => set({ sexe: { ...sx, colonne: v } }))}
      <label>{t.recipeCodesF}<input defaultValue={sx.femmes.join(', ')} onBlur={(e) => set({ sexe: { ...sx, femmes: list(e.target.value) } })} /></label>
      <label>{t.recipeCodesM}<input defaultValue={sx.hommes.join(', ')} onBlur={(e) => set({ sexe: { ...sx, hommes: list(e.target.value) } })} /></label>
      <label>{t.recipeCodesT}<input defaultValue={sx.total.join(', ')} onBlur={(e) => set({ sexe: { ...sx, total: list(e.target.value) } })} /></label>
      <label>
        {t.recipeMeasure}
        <select value={r.mesure.mode} onChange={(e) => set({ mesure: e.target.value === 'compte' ? { mode: 'compte' } : { mode: e.target.value as 'valeur' | 'poids', colonne: '' } })}>
          <option value="valeur">{t.recipeMeasureValue}</option>
          <option value="poids">{t.recipeMeasureWeight}</option>
          <option value="compte">{t.recipeMeasureCount}</option>
        </select>
      </label>
      {r.mesure.mode !== 'compte' ? columnSelect(t.recipeMeasureCol, r.mesure.colonne, (v) => r.mesure.mode !== 'compte' && set({ mesure: { mode: r.mesure.mode, colonne: v } })) : null}
    </>
  );
}

/** The level of the territory column's numeric codes: inferred, départements, régions, or a column giving each row's. */
function LevelField({ r, set, header, t }: { r: Recipe; set: (p: Partial<Recipe>) => void; header: readonly string[]; t: DataViewMessages }) {
  const value = !r.niveau ? '' : 'valeur' in r.niveau ? r.niveau.valeur : `colonne:${r.niveau.colonne}`;
  const pick = (v: string) => set({ niveau: v === '' ? undefined : v.startsWith('colonne:') ? { colonne: v.slice(8) } : { valeur: v as 'departement' | 'region' | 'commune' } });
  return (
    <label>
      {t.recipeLevel}
      <select value={value} onChange={(e) => pick(e.target.value)}>
        <option value="">{t.recipeLevelAuto}</option>
        <option value="departement">{t.recipeLevelDep}</option>
        <option value="region">{t.recipeLevelReg}</option>
        <option value="commune">{t.recipeLevelCommune}</option>
        <optgroup label={t.recipeLevelColumnGroup}>
          {header.map((h) => <option key={h} value={`colonne:${h}`}>{h}</option>)}
        </optgroup>
      </select>
    </label>
  );
}

/** Territory (a column with its codes' level, or one code for the whole file), year (a column or a constant), the France total and one row per key. */
function WhereFields({ r, set, header, columnSelect, t }: { r: Recipe; set: (p: Partial<Recipe>) => void; header: readonly string[]; columnSelect: ColumnSelect; t: DataViewMessages }) {
  return (
    <>
      {columnSelect(t.recipeTerritory, 'colonne' in r.territoire ? r.territoire.colonne : '', (v) => set({ territoire: v ? { colonne: v } : { valeur: 'FR' } }), true)}
      {'valeur' in r.territoire ? (
        <label>{t.recipeTerritoryConstant}<input value={r.territoire.valeur} maxLength={40} onChange={(e) => set({ territoire: { valeur: e.target.value } })} /></label>
      ) : <LevelField r={r} set={set} header={header} t={t} />}
      {columnSelect(t.recipeYearColumn, 'colonne' in r.annee ? r.annee.colonne : '', (v) => set({ annee: v ? { colonne: v } : { valeur: 2022 } }), true)}
      {'valeur' in r.annee ? (
        <label>{t.recipeYearConstant}<input type="number" min={1990} max={2100} value={r.annee.valeur} onChange={(e) => set({ annee: { valeur: Number(e.target.value) } })} /></label>
      ) : null}
      <label className="inline">
        <input type="checkbox" checked={r.total_france === true} onChange={(e) => set({ total_france: e.target.checked || undefined })} /> {t.recipeFranceTotal}
      </label>
      <label className="inline">
        <input type="checkbox" checked={r.une_ligne_par_cle === true} onChange={(e) => set({ une_ligne_par_cle: e.target.checked || undefined })} /> {t.recipeOneRowPerKey}
      </label>
    </>
  );
}

/** Maps a file's columns to the canonical model; saves (with the file's exact header), exports and imports the mapping as a named recipe. */
export function RecipeForm({ header, indicators, labelOf, initial, saved, onApply, onSave, t }: {
  header: readonly string[];
  indicators: readonly string[];
  /** An indicator's name as the list shows it. */
  labelOf: (id: string) => string;
  initial: Recipe | null;
  saved: readonly Recipe[];
  onApply: (r: Recipe) => void;
  onSave: (r: Recipe) => Promise<void>;
  t: DataViewMessages;
}) {
  // A new recipe's indicator is the analyst's to choose: never the catalogue's first one.
  const [r, setR] = useState<Recipe>(initial ?? blankRecipe(header, ''));
  const [msg, setMsg] = useState<string | null>(null);
  const set = (patch: Partial<Recipe>) => setR(editedRecipe(r, patch));
  const columnSelect: ColumnSelect = (label, value, onChange, optional = false) => (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{optional ? t.recipeNone : t.recipeChooseColumn}</option>
        {header.map((h) => <option key={h} value={h}>{h}</option>)}
      </select>
    </label>
  );
  const templates = [...saved, ...PRESETS];
  const toSave = () => recipeToSave(r, header);
  return (
    <fieldset className="recipe">
      <legend>{t.recipeTitle}</legend>
      <p data-testid="recipe-applied">{initial ? t.recipeApplied(initial.nom, PRESETS.some((p) => p.nom === initial.nom)) : t.recipeNoneApplied}</p>
      <label>
        {t.recipePreset}
        <select value="" onChange={(e) => { const p = templates.find((x) => x.nom === e.target.value); if (p) setR(p); }}>
          <option value="">{t.recipeNone}</option>
          {templates.map((p) => <option key={p.nom} value={p.nom}>{p.nom}</option>)}
        </select>
      </label>
      <label>{t.recipeName}<input value={r.nom} maxLength={120} onChange={(e) => set({ nom: e.target.value })} /></label>
      <label>
        {t.recipeIndicator}
        <select value={r.indicateur} onChange={(e) => set({ indicateur: e.target.value })}>
          <option value="">{t.recipeChooseColumn}</option>
          {(indicators.includes(r.indicateur) || r.indicateur === '' ? indicators : [...indicators, r.indicateur]).map((i) => <option key={i} value={i}>{labelOf(i)}</option>)}
        </select>
      </label>
      <WhereFields r={r} set={set} header={header} columnSelect={columnSelect} t={t} />
      <label>
        {t.recipeSexMode}
        <select value={r.sexe.mode} onChange={(e) => set({ sexe: e.target.value === 'colonne' ? { mode: 'colonne', colonne: '', femmes: [], hommes: [], total: [] } : { mode: 'colonnes', femmes: '' } })}>
          <option value="colonne">{t.recipeSexColumn}</option>
          <option value="colonnes">{t.recipeSexColumns}</option>
        </select>
      </label>
      <SexFields r={r} set={set} columnSelect={columnSelect} t={t} />
      <Filters filtres={r.filtres} onChange={(filtres) => set({ filtres })} columnSelect={columnSelect} t={t} />
      <div className="recipe-actions">
        <button type="button" className="btn" onClick={() => { const p = Recipe.safeParse(r); if (p.success) onApply(p.data); else setMsg(r.indicateur === '' ? t.recipeChooseIndicator : t.recipeInvalid); }}>{t.recipeApply}</button>
        <button type="button" className="btn-link" onClick={() => { const p = toSave(); if (p) void onSave(p).then(() => setMsg(t.recipeSaved(p.nom))); else setMsg(t.recipeInvalid); }}>{t.recipeSave}</button>
        <button type="button" className="btn-link" onClick={() => downloadText(JSON.stringify(r, null, 2), `recette-${r.nom.replace(/[^\w-]+/g, '_')}.json`, 'application/json')}>{t.recipeExport}</button>
        <label className="btn-link file-btn">
          {t.recipeImport}
          <input type="file" accept="application/json,.json" className="visually-hidden" onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            try { setR(Recipe.parse(JSON.parse(await f.text()))); setMsg(null); } catch { setMsg(t.recipeInvalid); }
          }} />
        </label>
      </div>
      {msg ? <p role="status">{msg}</p> : null}
    </fieldset>
  );
}

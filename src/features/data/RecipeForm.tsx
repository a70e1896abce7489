import { useState } from 'react';
import type { Messages } from '../../i18n';
import { Recipe } from '../../data/import/recipe';
import { PRESETS } from '../../data/import/presets';
import { downloadText } from '../../ui/download';

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

function blank(header: readonly string[], indicator: string): Recipe {
  return {
    v: 1, nom: 'Ma recette', indicateur: indicator, territoire: { colonne: header[0] ?? '' }, annee: { valeur: new Date().getFullYear() - 2 },
    sexe: { mode: 'colonnes', femmes: header[1] ?? '' }, mesure: { mode: 'compte' }, filtres: [],
  };
}

/** Maps a file's columns to the canonical model; saves, exports and imports the mapping as a named recipe. */
export function RecipeForm({ header, indicators, initial, saved, onApply, onSave, t }: {
  header: readonly string[];
  indicators: readonly string[];
  initial: Recipe | null;
  saved: readonly Recipe[];
  onApply: (r: Recipe) => void;
  onSave: (r: Recipe) => Promise<void>;
  t: Messages;
}) {
  const [r, setR] = useState<Recipe>(initial ?? blank(header, indicators[0] ?? 'emploi_numerique'));
  const [msg, setMsg] = useState<string | null>(null);
  const set = (patch: Partial<Recipe>) => setR({ ...r, ...patch });
  const columnSelect = (label: string, value: string, onChange: (v: string) => void, optional = false) => (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{optional ? t.recipeNone : t.recipeChooseColumn}</option>
        {header.map((h) => <option key={h} value={h}>{h}</option>)}
      </select>
    </label>
  );
  const filter = r.filtres[0];
  const templates = [...saved, ...PRESETS];
  return (
    <fieldset className="recipe">
      <legend>{t.recipeTitle}</legend>
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
          {indicators.map((i) => <option key={i} value={i}>{i}</option>)}
        </select>
      </label>
      {columnSelect(t.recipeTerritory, r.territoire.colonne, (v) => set({ territoire: { colonne: v } }))}
      {columnSelect(t.recipeYearColumn, 'colonne' in r.annee ? r.annee.colonne : '', (v) => set({ annee: v ? { colonne: v } : { valeur: 2022 } }), true)}
      {'valeur' in r.annee ? (
        <label>{t.recipeYearConstant}<input type="number" min={1990} max={2100} value={r.annee.valeur} onChange={(e) => set({ annee: { valeur: Number(e.target.value) } })} /></label>
      ) : null}
      <label>
        {t.recipeSexMode}
        <select value={r.sexe.mode} onChange={(e) => set({ sexe: e.target.value === 'colonne' ? { mode: 'colonne', colonne: '', femmes: ['F'], hommes: ['M'], total: [] } : { mode: 'colonnes', femmes: '' } })}>
          <option value="colonne">{t.recipeSexColumn}</option>
          <option value="colonnes">{t.recipeSexColumns}</option>
        </select>
      </label>
      {r.sexe.mode === 'colonne' ? (
        <>
          {columnSelect(t.recipeSexCol, r.sexe.colonne, (v) => r.sexe.mode === 'colonne' && set({ sexe: { ...r.sexe, colonne: v } }))}
          <label>{t.recipeCodesF}<input defaultValue={r.sexe.femmes.join(', ')} onBlur={(e) => r.sexe.mode === 'colonne' && set({ sexe: { ...r.sexe, femmes: list(e.target.value) } })} /></label>
          <label>{t.recipeCodesM}<input defaultValue={r.sexe.hommes.join(', ')} onBlur={(e) => r.sexe.mode === 'colonne' && set({ sexe: { ...r.sexe, hommes: list(e.target.value) } })} /></label>
          <label>{t.recipeCodesT}<input defaultValue={r.sexe.total.join(', ')} onBlur={(e) => r.sexe.mode === 'colonne' && set({ sexe: { ...r.sexe, total: list(e.target.value) } })} /></label>
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
      ) : (
        <>
          {columnSelect(t.recipeWomen, r.sexe.femmes, (v) => r.sexe.mode === 'colonnes' && set({ sexe: { ...r.sexe, femmes: v } }))}
          {columnSelect(t.recipeMen, r.sexe.hommes ?? '', (v) => r.sexe.mode === 'colonnes' && set({ sexe: { ...r.sexe, hommes: v || undefined } }), true)}
          {columnSelect(t.recipeTotal, r.sexe.total ?? '', (v) => r.sexe.mode === 'colonnes' && set({ sexe: { ...r.sexe, total: v || undefined } }), true)}
        </>
      )}
      {columnSelect(t.recipeFilterCol, filter?.colonne ?? '', (v) => set({ filtres: v ? [{ colonne: v, valeurs: filter?.valeurs ?? ['?'] }, ...r.filtres.slice(1)] : r.filtres.slice(1) }), true)}
      {filter ? (
        <label>{t.recipeFilterValues}<input defaultValue={filter.valeurs.join(', ')} onBlur={(e) => set({ filtres: [{ colonne: filter.colonne, valeurs: list(e.target.value) }, ...r.filtres.slice(1)] })} /></label>
      ) : null}
      <div className="recipe-actions">
        <button type="button" className="btn" onClick={() => { const p = Recipe.safeParse(r); if (p.success) onApply(p.data); else setMsg(t.recipeInvalid); }}>{t.recipeApply}</button>
        <button type="button" className="btn-link" onClick={() => { const p = Recipe.safeParse(r); if (p.success) void onSave(p.data).then(() => setMsg(t.recipeSaved(p.data.nom))); else setMsg(t.recipeInvalid); }}>{t.recipeSave}</button>
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

import { messages } from '../i18n';
import { formatDate, formatPercent, type Lang } from '../lib/format';
import type { ChartSnapshot, Point } from './schema';
import { isIllustrativeValue, provenanceOfValues } from './credits';

const KIND = {
  fr: { kpi: 'Chiffres clés', map: 'Carte des départements d’Occitanie', ranking: 'Graphique en barres horizontales', trend: 'Graphique en courbes', pipeline: 'Graphique en barres par étape du parcours', comparison: 'Graphique en barres groupées' },
  en: { kpi: 'Key figures', map: 'Map of Occitanie’s départements', ranking: 'Horizontal bar chart', trend: 'Line chart', pipeline: 'Bar chart by stage of the pipeline', comparison: 'Grouped bar chart' },
} as const;

/** A value as read aloud; `illustrative`: marked so (only in a chart that mixes real and illustrative values). */
function value(p: Point, lang: Lang, illustrative = false): string {
  const m = messages(lang);
  if (p.y === null) return m.statusLabel(p.flags?.raison ?? 'absent');
  const v = formatPercent(p.y, lang);
  const notes = [p.flags?.faible ? m.lowMark : null, p.flags?.statut === 'rupture' ? m.statusLabel('rupture') : null, illustrative ? m.datasetIllustrative : null].filter(Boolean);
  return notes.length ? `${v} (${notes.join(', ')})` : v;
}

/**
 * The text alternative of a chart, generated from its data, in French or English: what kind of chart, its
 * title, the summary sentence, the values, and the source. Editable by the journalist before copying.
 */
export function altText(s: ChartSnapshot, lang: Lang = s.lang): string {
  const m = messages(lang);
  // In a chart that mixes real and illustrative values, each illustrative value says so.
  const mixed = provenanceOfValues(s, s.series.flatMap((x) => x.points)) === 'mixte';
  const val = (p: Point) => value(p, lang, mixed && isIllustrativeValue(s, p) === true);
  const sep = lang === 'fr' ? ' ; ' : '; ';
  const colon = lang === 'fr' ? ' : ' : ': ';
  let values: string;
  if (s.kind === 'kpi') values = (s.kpis ?? []).map((k) => `${k.label}${colon}${k.value}`).join(sep);
  else if (s.kind === 'trend') {
    values = s.series
      .filter((x) => x.role !== 'projection')
      .map((x) => {
        const pts = x.points.filter((p) => p.y !== null);
        const a = pts[0];
        const b = pts.at(-1);
        const breaks = x.points.filter((p) => p.flags?.statut === 'rupture').map((p) => p.label);
        const base = a && b ? (lang === 'fr' ? `de ${val(a)} en ${a.label} à ${val(b)} en ${b.label}` : `from ${val(a)} in ${a.label} to ${val(b)} in ${b.label}`) : m.statusLabel('absent');
        const br = breaks.length ? ` (${m.statusLabel('rupture')} ${breaks.join(', ')})` : '';
        return `${x.label}${colon}${base}${br}`;
      })
      .join(sep);
  } else {
    values = s.series.map((x) => `${x.label}${colon}${x.points.map((p) => `${p.label} ${val(p)}`).join(', ')}`).join(sep);
  }
  const source = s.sources.map((x) => x.name).join(', ');
  const parts = [`${KIND[lang][s.kind]}${colon}${s.title}.`, s.summary, `${lang === 'fr' ? 'Valeurs' : 'Values'}${colon}${values}.`, `${lang === 'fr' ? 'Source' : 'Source'}${colon}${source}.`];
  // The note naming what is illustrative when the chart has one (« Données illustratives, non officielles : Ariège »).
  if (s.illustratif) parts.push(s.lang === lang ? (s.notes.find((n) => n.startsWith(m.illustrativeOf('').slice(0, -1))) ?? m.noteIllustrative) : m.noteIllustrative);
  return parts.join(' ');
}

/** A suggested citation: project, title, sources, date of generation, permalink. */
export function citation(s: ChartSnapshot): string {
  const date = formatDate(s.generatedAt.slice(0, 10), s.lang);
  const src = s.sources.map((x) => x.name).join(', ');
  return s.lang === 'fr'
    ? `Parité numérique Occitanie, « ${s.title} », d’après ${src}, généré le ${date}${s.illustratif ? ' (données illustratives)' : ''}. ${s.permalink}`
    : `Digital gender parity in Occitanie, "${s.title}", based on ${src}, generated on ${date}${s.illustratif ? ' (illustrative data)' : ''}. ${s.permalink}`;
}

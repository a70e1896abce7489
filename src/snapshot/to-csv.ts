import { toCsv } from '../data/csv-export';
import { formatDate } from '../lib/format';
import { messages } from '../i18n';
import type { ChartSnapshot } from './schema';
import { isIllustrativeValue, provenanceOfValues, valueSourceText } from './credits';

/** The chart's illustrative note: the one naming its illustrative series when it mixes them with real ones. */
function illustrativeNote(s: ChartSnapshot): string {
  const m = messages(s.lang);
  const named = m.illustrativeOf('').slice(0, -1);
  return s.notes.find((n) => n.startsWith(named)) ?? m.noteIllustrative;
}

/**
 * The data behind a chart as CSV: metadata lines starting with `#` (title, sources with their date, licence and
 * whether they are illustrative, date of generation, permalink, the illustrative note naming what is), then one row
 * per point, each saying whether its value is real or illustrative (`donnee`) and which source(s) it comes from, with
 * their date. Formula-safe.
 */
export function snapshotCsv(s: ChartSnapshot): string {
  const m = messages(s.lang);
  const flat = (x: string) => x.replace(/[\r\n]+/g, ' ');
  const meta = [
    `# ${flat(s.title)}`,
    ...s.sources.map((x) => `# ${m.sourcesLabel} ${flat(x.name)} (${x.date ? m.lastUpdate(formatDate(x.date, s.lang)) : m.lastUpdateUnknown}${m.listSep}${flat(x.licence)})${x.illustratif ? ` [${m.datasetIllustrative}]` : ''}`),
    `# ${m.generatedOn(formatDate(s.generatedAt.slice(0, 10), s.lang))} — ${s.permalink}`,
    ...(s.illustratif ? [`# ${flat(illustrativeNote(s))}`] : []),
  ];
  if (s.kind === 'kpi' && s.kpis) {
    // The key figures are computed from the series: their provenance is that of its values (« mixte » if both).
    const points = s.series.flatMap((x) => x.points);
    const kind = provenanceOfValues(s, points);
    const src = [...new Set(points.map((p) => valueSourceText(s, p)).filter(Boolean))].join(' ; ');
    return meta.join('\r\n') + '\r\n' + toCsv(['indicateur_cle', 'valeur', 'nombre', 'precision', 'donnee', 'source'], s.kpis.map((k) => [k.label, k.value, k.numeric, k.detail ?? '', k.numeric === null ? null : kind, k.numeric === null ? null : flat(src)]));
  }
  const rows = s.series.flatMap((x) =>
    x.points.map((p) => {
      const ill = isIllustrativeValue(s, p);
      return [
        x.label, x.role, p.label, typeof p.x === 'number' ? p.x : String(p.x), p.annee ?? null, p.y, p.rang ?? null, p.evolution_rang ?? null, p.effectif ?? null,
        p.flags?.raison ?? p.flags?.statut ?? (p.flags?.faible ? 'faible_fiabilite' : null), p.flags?.projection ? 'projection' : null,
        ill === null ? null : ill ? 'illustrative' : 'reelle', flat(valueSourceText(s, p)),
      ];
    }),
  );
  return meta.join('\r\n') + '\r\n' + toCsv(['serie', 'role', 'libelle', 'x', 'annee', 'part_femmes', 'rang', 'evolution_rang', 'effectif', 'statut', 'type', 'donnee', 'source'], rows);
}

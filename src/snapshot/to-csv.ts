import { toCsv } from '../data/csv-export';
import { formatDate } from '../lib/format';
import { messages } from '../i18n';
import type { ChartSnapshot } from './schema';

/** The chart's illustrative note: the one naming its illustrative series when it mixes them with real ones. */
function illustrativeNote(s: ChartSnapshot): string {
  const m = messages(s.lang);
  const named = m.illustrativeOf('').slice(0, -1);
  return s.notes.find((n) => n.startsWith(named)) ?? m.noteIllustrative;
}

/**
 * The data behind a chart as CSV: metadata lines starting with `#` (title, sources with their date, licence,
 * date of generation, permalink, illustrative mark), then one row per point. Formula-safe.
 */
export function snapshotCsv(s: ChartSnapshot): string {
  const m = messages(s.lang);
  const flat = (x: string) => x.replace(/[\r\n]+/g, ' ');
  const meta = [
    `# ${flat(s.title)}`,
    ...s.sources.map((x) => `# ${m.sourcesLabel} ${flat(x.name)} (${x.date ? m.lastUpdate(formatDate(x.date, s.lang)) : m.lastUpdateUnknown}${m.listSep}${flat(x.licence)})`),
    `# ${m.generatedOn(formatDate(s.generatedAt.slice(0, 10), s.lang))} — ${s.permalink}`,
    ...(s.illustratif ? [`# ${flat(illustrativeNote(s))}`] : []),
  ];
  if (s.kind === 'kpi' && s.kpis) {
    return meta.join('\r\n') + '\r\n' + toCsv(['indicateur_cle', 'valeur', 'nombre', 'precision'], s.kpis.map((k) => [k.label, k.value, k.numeric, k.detail ?? '']));
  }
  const rows = s.series.flatMap((x) =>
    x.points.map((p) => [x.label, x.role, p.label, typeof p.x === 'number' ? p.x : String(p.x), p.annee ?? null, p.y, p.rang ?? null, p.evolution_rang ?? null, p.effectif ?? null, p.flags?.raison ?? p.flags?.statut ?? (p.flags?.faible ? 'faible_fiabilite' : null), p.flags?.projection ? 'projection' : null]),
  );
  return meta.join('\r\n') + '\r\n' + toCsv(['serie', 'role', 'libelle', 'x', 'annee', 'part_femmes', 'rang', 'evolution_rang', 'effectif', 'statut', 'type'], rows);
}

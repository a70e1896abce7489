import { messages } from '../i18n';
import { formatDate } from '../lib/format';
import type { ChartSnapshot, Point, Source } from './schema';

/** « Insee (mise à jour : 29 novembre 2026 ; Licence Ouverte 2.0) »: a source with its date and licence. */
export function sourceCredit(x: Source, lang: ChartSnapshot['lang']): string {
  const m = messages(lang);
  return `${x.name} (${x.date ? m.lastUpdate(formatDate(x.date, lang)) : m.lastUpdateUnknown}${m.listSep}${x.licence.trim() || m.licenceUnknown})`;
}

/** « Généré le 29 novembre 2026 »: when the snapshot was frozen. */
export function generatedCredit(s: ChartSnapshot): string {
  return messages(s.lang).generatedOn(formatDate(s.generatedAt.slice(0, 10), s.lang));
}

/**
 * Whether a chart value is illustrative: its own flag, or, for a snapshot made before values carried one, the
 * snapshot's. Null for a point without a value (nothing to qualify).
 */
export function isIllustrativeValue(s: Pick<ChartSnapshot, 'illustratif' | 'series'>, p: Point): boolean | null {
  if (p.y === null || p.flags?.projection) return null;
  if (p.flags?.illustratif !== undefined) return p.flags.illustratif;
  return s.illustratif;
}

/**
 * The sources of a value, by its provenance: the chart's illustrative sources for an illustrative value, its other
 * sources for a real one (all of them when the chart has none of that kind, or when the value has no flag).
 */
export function sourcesOfValue(s: Pick<ChartSnapshot, 'illustratif' | 'series' | 'sources'>, p: Point): Source[] {
  const ill = isIllustrativeValue(s, p);
  if (ill === null) return [];
  const kind = s.sources.filter((x) => x.illustratif === ill);
  return kind.length ? kind : s.sources;
}

/** « DEPP (2025-06-30) ; Insee (date non précisée) »: a value's sources with their date, in one cell. */
export function valueSourceText(s: Pick<ChartSnapshot, 'illustratif' | 'series' | 'sources' | 'lang'>, p: Point): string {
  const m = messages(s.lang);
  return sourcesOfValue(s, p).map((x) => `${x.name} (${x.date ? formatDate(x.date, s.lang) : m.lastUpdateUnknown})`).join(' ; ');
}

/** The provenance of a set of values: all real, all illustrative, mixed, or none shown. */
export function provenanceOfValues(s: Pick<ChartSnapshot, 'illustratif' | 'series'>, points: readonly Point[]): 'reelle' | 'illustrative' | 'mixte' | null {
  const kinds = new Set(points.map((p) => isIllustrativeValue(s, p)).filter((x) => x !== null));
  if (!kinds.size) return null;
  return kinds.size > 1 ? 'mixte' : kinds.has(true) ? 'illustrative' : 'reelle';
}

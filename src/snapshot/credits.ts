import { messages } from '../i18n';
import { formatDate } from '../lib/format';
import type { ChartSnapshot, Source } from './schema';

/** « Insee (mise à jour : 29 novembre 2026 ; Licence Ouverte 2.0) »: a source with its date and licence. */
export function sourceCredit(x: Source, lang: ChartSnapshot['lang']): string {
  const m = messages(lang);
  return `${x.name} (${x.date ? m.lastUpdate(formatDate(x.date, lang)) : m.lastUpdateUnknown}${m.listSep}${x.licence.trim() || m.licenceUnknown})`;
}

/** « Généré le 29 novembre 2026 »: when the snapshot was frozen. */
export function generatedCredit(s: ChartSnapshot): string {
  return messages(s.lang).generatedOn(formatDate(s.generatedAt.slice(0, 10), s.lang));
}

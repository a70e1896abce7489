/** Languages of the interface: French first, English second. */
export type Lang = 'fr' | 'en';

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** The Intl locale of a language. */
export function locale(lang: Lang): string {
  return LOCALES[lang];
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = lang + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], opts);
    cache.set(key, f);
  }
  return f;
}

/** A share given in percent (23.1 → « 23,1 % » in French, "23.1%" in English), one decimal. */
export function formatPercent(value: number, lang: Lang, digits = 1): string {
  return nf(lang, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value / 100);
}

/** Points of percentage, signed when asked (« +2,4 pts »). */
export function formatPoints(value: number, lang: Lang, opts: { signed?: boolean; digits?: number } = {}): string {
  const digits = opts.digits ?? 1;
  const n = nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: opts.signed ? 'exceptZero' : 'auto' }).format(value);
  return lang === 'fr' ? `${n}\u00a0pt${Math.abs(value) >= 2 ? 's' : ''}` : `${n} pt${Math.abs(value) === 1 ? '' : 's'}`;
}

/** A count of people, rounded to a whole number (« 12 345 »). */
export function formatCount(value: number, lang: Lang): string {
  return nf(lang, { maximumFractionDigits: 0 }).format(value);
}

/** A plain number with a fixed number of decimals. */
export function formatNumber(value: number, lang: Lang, digits = 2): string {
  return nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

const MONTHS: Record<Lang, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/**
 * A calendar date given as YYYY-MM-DD (« 29 novembre 2026 », "29 November 2026"), as Intl's long date style writes
 * it in fr-FR and en-GB; written by hand because the first Intl.DateTimeFormat of a page loads the calendar data,
 * which delayed the first chart (docs/performance.md).
 */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const d = m ? new Date(`${iso}T00:00:00Z`) : null;
  if (!m || !d || Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(m[3])) return iso;
  return `${d.getUTCDate()} ${MONTHS[lang][d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
}
